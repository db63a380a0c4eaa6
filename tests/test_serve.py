"""`gilde serve` as an operator runs it: no software version in the Server header, and no calendar
token in the access log (issue 9, item 19)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_hides_the_server_version_and_keeps_tokens_out_of_the_access_log(tmp_path):
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GILDE_", "DJANGO_")) and key != "SECRET_KEY"
    }
    env.update(GILDE_DATA_DIR=str(tmp_path), PORT=str(port), GILDE_WORKERS="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "gilde.cli", "serve"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/accounts/language/?token=geheim-token-123"
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=2)
            except urllib.error.HTTPError as error:
                headers = error.headers
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gilde serve did not answer")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert headers["Server"] == "Gilde"
    assert "/accounts/language/" in output
    assert "geheim-token-123" not in output
