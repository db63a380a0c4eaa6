"""A small browser for the drills: a session cookie, Django's CSRF token, and form fields."""

import http.client
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


class _FormParser(HTMLParser):
    """The fields of the first post form whose action is `action` (or the page itself)."""

    def __init__(self, action: str):
        super().__init__()
        self.action = action
        self.fields: dict[str, str] | None = None
        self._inside = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.fields is None:
            target = a.get("action") or self.action
            if (a.get("method") or "").lower() == "post" and target == self.action:
                self._inside, self.fields = True, {}
        elif not self._inside or (not a.get("name") and tag != "option"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = a["name"]
        elif (
            tag == "option"
            and self._select
            and ("selected" in a or self._select not in self.fields)
        ):
            self.fields[self._select] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


class Browser:
    """One person's requests: keeps cookies, sends the CSRF token with every post."""

    def __init__(self, base: str, cookie: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = SimpleCookie(cookie)

    def _request(self, method: str, path: str, body: bytes | None = None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        cookie = "; ".join(f"{key}={morsel.value}" for key, morsel in self.cookies.items())
        headers = {"Cookie": cookie, **(headers or {})}
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(header)
            return response.status, page
        finally:
            connection.close()

    def get(self, path: str) -> tuple[int, str]:
        return self._request("GET", path)

    def post(self, path: str, fields: dict) -> tuple[int, str]:
        if "csrftoken" not in self.cookies:
            self.get("/")  # every page with a form sets Django's CSRF cookie
        token = self.cookies.get("csrftoken")
        data = {**fields, "csrfmiddlewaretoken": token.value if token else ""}
        body = urlencode(data, doseq=True).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self._request("POST", path, body, headers)

    @staticmethod
    def form(page: str, action: str) -> dict[str, str] | None:
        parser = _FormParser(action)
        parser.feed(page)
        if parser.fields is not None:
            parser.fields.pop("csrfmiddlewaretoken", None)
        return parser.fields
