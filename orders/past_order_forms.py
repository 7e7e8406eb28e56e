"""The upload form of past orders (``/orders/import/``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

ERROR_TOO_MANY_FILES = "Import at most %(max)s files at a time."
ERROR_FILE_TOO_LARGE = "“%(name)s” is larger than %(mb)s MB."
ERROR_FILE_TYPE = "“%(name)s” is not a PDF or a text file (.pdf, .txt)."
ERROR_TOTAL_TOO_LARGE = (
    "The files add up to %(total)s MB; import at most %(mb)s MB at a time (choose fewer files and "
    "import the rest next)."
)

MAX_IMPORT_FILES = 50
MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024
MAX_IMPORT_TOTAL_BYTES = 50 * 1024 * 1024
_MULTIPART_OVERHEAD = 1024 * 1024  # the form's other fields and each file's part headers


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        accept = ".pdf,.txt,application/pdf,text/plain"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportOrdersForm(forms.Form):
    files = MultipleFileField(  # type: ignore[assignment]  # a field named like BaseForm.files
        label="Past orders (PDF or text)",
        help_text=f"Up to {MAX_IMPORT_FILES} files, {MAX_IMPORT_FILE_BYTES // (1024 * 1024)} MB each, "
        f"{MAX_IMPORT_TOTAL_BYTES // (1024 * 1024)} MB in all.",
    )

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > MAX_IMPORT_FILES:
            raise ValidationError(ERROR_TOO_MANY_FILES, params={"max": MAX_IMPORT_FILES})
        for upload in files:
            if upload.size > MAX_IMPORT_FILE_BYTES:
                raise ValidationError(
                    ERROR_FILE_TOO_LARGE,
                    params={"name": upload.name, "mb": MAX_IMPORT_FILE_BYTES // (1024 * 1024)},
                )
            if not upload.name.lower().endswith((".pdf", ".txt")):
                raise ValidationError(ERROR_FILE_TYPE, params={"name": upload.name})
        total = sum(upload.size for upload in files)
        if total > MAX_IMPORT_TOTAL_BYTES:
            raise ValidationError(
                ERROR_TOTAL_TOO_LARGE,
                params={"total": f"{total / 2**20:.1f}", "mb": MAX_IMPORT_TOTAL_BYTES // 2**20},
            )
        return files


def request_too_large(content_length: str | None) -> str | None:
    """The form error for a request that says (``Content-Length``) it carries more than the total
    limit, so the page refuses it before reading its body (onto disk) at all; None otherwise."""
    try:
        size = int(content_length or 0)
    except ValueError:
        return None
    if size <= MAX_IMPORT_TOTAL_BYTES + _MULTIPART_OVERHEAD:
        return None
    return ERROR_TOTAL_TOO_LARGE % {"total": f"{size / 2**20:.1f}", "mb": MAX_IMPORT_TOTAL_BYTES // 2**20}
