"""LibreOffice, headless, as the test suite's word processor: DOCX files converted to PDF in one
run (Debian's ``libreoffice-writer-nogui``, installed by ``scripts/test``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CONVERT_TIMEOUT = 600


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is not installed (scripts/test installs libreoffice-writer-nogui).")
    return found


def convert_to_pdf(documents: dict[str, bytes]) -> dict[str, bytes]:
    """``{name: docx bytes}`` → ``{name: pdf bytes}``, every file in one LibreOffice run."""
    return convert(documents, to="pdf")


def convert(documents: dict[str, bytes], *, to: str) -> dict[str, bytes]:
    """``{name: docx bytes}`` → ``{name: bytes}`` in format ``to`` (``pdf``; ``docx``: the file
    opened and saved again by LibreOffice, as a clerk editing in it would), in one run."""
    with tempfile.TemporaryDirectory(prefix="docx-") as folder:
        root = Path(folder)
        (root / "in").mkdir()
        for name, data in documents.items():
            (root / "in" / f"{name}.docx").write_bytes(data)
        subprocess.run(  # noqa: S603 - fixed program, our own files
            [
                soffice(),
                "--headless",
                "--norestore",
                f"-env:UserInstallation={(root / 'profile').as_uri()}",
                "--convert-to",
                to,
                "--outdir",
                str(root / "out"),
                *sorted(str(path) for path in (root / "in").iterdir()),
            ],
            check=True,
            capture_output=True,
            timeout=CONVERT_TIMEOUT,
        )
        return {name: (root / "out" / f"{name}.{to}").read_bytes() for name in documents}
