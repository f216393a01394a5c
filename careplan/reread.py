"""Re-making a plan: the answers embedded in an earlier careplan PDF."""

from __future__ import annotations

from pathlib import Path

from careplan import answers as answers_model
from careplan.errors import AnswersError, InputFileError

ANSWERS_NAME = "answers.json"
#: Where a PDF's end-of-file marker must be: within its last kilobyte.
TAIL_BYTES = 1024


def _check_looks_like_pdf(path: Path) -> None:
    try:
        with path.open("rb") as file:
            if file.read(5) != b"%PDF-":
                raise InputFileError(f"{path}: not a PDF file (expected a careplan plan)")
            size = file.seek(0, 2)
            file.seek(max(0, size - TAIL_BYTES))
            tail = file.read()
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a folder, not a careplan PDF") from None
    except PermissionError:
        raise InputFileError(f"{path}: not allowed to read it") from None
    except OSError as err:
        raise InputFileError(f"{path}: cannot read it: {err.strerror or err}") from None
    # A PDF reader can often rebuild a truncated file, but half a plan is not a plan.
    if b"%%EOF" not in tail:
        raise InputFileError(f"{path}: a damaged or incomplete PDF (its end is missing)")


def _embedded_answers(path: Path) -> bytes | None:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        found = PdfReader(path).attachments.get(ANSWERS_NAME)
        return bytes(found[0]) if found else None
    except Exception:  # pypdf raises many kinds of errors on damaged files
        raise InputFileError(f"{path}: a damaged PDF that cannot be read") from None


def answers_from_pdf(path: Path) -> answers_model.Answers:
    """The `answers.json` attached to a careplan PDF, validated like any answers file."""
    _check_looks_like_pdf(path)
    data = _embedded_answers(path)
    if data is None:
        raise InputFileError(f"{path}: not a careplan plan (it has no {ANSWERS_NAME} inside)")
    source = f"{path}: the answers inside it ({ANSWERS_NAME})"
    if len(data) > answers_model.MAX_BYTES:
        raise AnswersError(f"{source} are too large (more than 1 MB)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswersError(f"{source} are damaged: not UTF-8 text") from None
    return answers_model.parse(text, source)
