"""A document the worker makes (PDF, Word, Markdown, see gilde.core.documents) and keeps until its
source changes: a CoP's report (gilde/communicate) and a programme's report (gilde/programmes).

A model inherits `DocumentJob` and so carries the status, the progress, the files and the
`built_revision`: the revision of its source the files were made from (the CoP's revision, a
programme's fingerprint). The rows are written with `update()` only, so making a document never
raises a CoP's revision itself.

- `job_request` queues the job unless it is current or already waiting or being made: asking twice
  gives one job.
- `job_build` is what the task runs: it claims the row with a conditional update (queued →
  running), so a second task for the same row finds nothing to do; a row left "running" by a
  worker that died is claimed again once it is stale (gilde.core.queue runs such tasks again).
- `job_file_response` hands a file out as a download.
"""

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .documents import Document, document_files

logger = logging.getLogger(__name__)

Job = TypeVar("Job", bound="DocumentJob")

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}


class JobStatus(models.TextChoices):
    NEW = "new", _("Not made yet")
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class DocumentJob(models.Model):
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.NEW)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    error = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=10, blank=True)
    built_revision = models.PositiveBigIntegerField(null=True, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    pdf = models.BinaryField(default=b"", editable=False)
    docx = models.BinaryField(default=b"", editable=False)
    markdown = models.TextField(default="", editable=False)

    objects = models.Manager()

    class Meta:
        abstract = True

    def is_current_at(self, revision: int) -> bool:
        return self.status == JobStatus.READY and self.built_revision == revision


def stale_running() -> Q:
    """A job still "being made" long after it was claimed lost its worker: it may be claimed,
    and asked for, once more."""
    limit = timezone.now() - timedelta(seconds=settings.GILDE_TASK_STALE_SECONDS)
    return Q(status=JobStatus.RUNNING, queued_at__lt=limit)


def job_request(model: type[DocumentJob], pk: int) -> bool:
    """Queue the row's job in the active language unless it is waiting or being made already.
    Returns whether it was queued; the caller enqueues the task after the commit."""
    return bool(
        model.objects.filter(pk=pk)
        .filter(~Q(status__in=(JobStatus.QUEUED, JobStatus.RUNNING)) | stale_running())
        .update(
            status=JobStatus.QUEUED,
            progress=0,
            error="",
            language=translation.get_language() or "",
            queued_at=timezone.now(),
        )
    )


def job_build(model: type[Job], pk: int, make: Callable[[Job], tuple[Document, int]]) -> str:
    """Make the files of a queued row; returns the resulting status ("gone" when another worker
    has it). `make(row)` returns the document and the source's revision, read before the document
    is put together: a change meanwhile leaves the files not current."""
    claimed = (
        model.objects.filter(pk=pk)
        .filter(Q(status=JobStatus.QUEUED) | stale_running())
        .update(status=JobStatus.RUNNING, progress=5, queued_at=timezone.now())
    )
    if not claimed:
        return "gone"
    row = model.objects.get(pk=pk)

    def progress(percent: int) -> None:
        model.objects.filter(pk=pk).update(progress=percent)

    with translation.override(row.language or None):
        try:
            document, revision = make(row)
            progress(10)
            pdf, docx, markdown = document_files(document, progress)
        except Exception as error:
            logger.exception("%s %s could not be made", model.__name__, pk)
            model.objects.filter(pk=pk).update(
                status=JobStatus.FAILED, error=type(error).__name__[:300], progress=0
            )
            return JobStatus.FAILED
    model.objects.filter(pk=pk, status=JobStatus.RUNNING).update(
        status=JobStatus.READY,
        progress=100,
        pdf=pdf,
        docx=docx,
        markdown=markdown,
        built_revision=revision,
        built_at=timezone.now(),
    )
    return JobStatus.READY


def job_file_response(model: type[DocumentJob], pk: int, fmt: str, stem: str) -> HttpResponse:
    """One of the row's files as a download named `<stem>-<date made>.<fmt>`; 404 when the format
    is unknown or nothing was made yet."""
    if fmt not in FORMATS:
        raise Http404
    row = model.objects.filter(pk=pk).only("pdf", "docx", "markdown", "built_at").first()
    if row is None or row.built_at is None:
        raise Http404
    content: str | bytes = row.markdown
    if fmt != "md":
        content = bytes(row.pdf if fmt == "pdf" else row.docx)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    made = timezone.localtime(row.built_at).strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{made}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
