"""The upload form of past orders (``/orders/import/``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

ERROR_TOO_MANY_FILES = "Import at most %(max)s files at a time."
ERROR_FILE_TOO_LARGE = "“%(name)s” is larger than %(mb)s MB."
ERROR_FILE_TYPE = "“%(name)s” is not a PDF or a text file (.pdf, .txt)."

MAX_IMPORT_FILES = 50
MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024


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
        help_text=f"Up to {MAX_IMPORT_FILES} files, {MAX_IMPORT_FILE_BYTES // (1024 * 1024)} MB each.",
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
        return files
