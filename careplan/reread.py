"""Re-making a plan: the answers embedded in an earlier careplan PDF."""

from __future__ import annotations

from pathlib import Path

from careplan import answers as answers_model
from careplan.errors import AnswersError, InputFileError

ANSWERS_NAME = "answers.json"


def answers_from_pdf(path: Path) -> answers_model.Answers:
    """The `answers.json` attached to a careplan PDF, validated like any answers file."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if path.is_dir():
        raise InputFileError(f"{path}: is a folder, not a careplan PDF")
    try:
        with path.open("rb") as file:
            if file.read(5) != b"%PDF-":
                raise InputFileError(f"{path}: not a PDF file")
        attachments = PdfReader(path).attachments
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except PermissionError:
        raise InputFileError(f"{path}: not allowed to read it") from None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise InputFileError(f"{path}: a damaged PDF that cannot be read") from None
    found = attachments.get(ANSWERS_NAME)
    if not found:
        raise InputFileError(f"{path}: not a careplan plan (it has no {ANSWERS_NAME} inside)")
    try:
        text = found[0].decode("utf-8")
    except UnicodeDecodeError:
        raise AnswersError(f"{path}: its {ANSWERS_NAME} is damaged (not UTF-8 text)") from None
    return answers_model.parse(text, f"{path} ({ANSWERS_NAME})")
