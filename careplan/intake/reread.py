"""Re-making a plan: the answers embedded in an earlier careplan PDF."""

from __future__ import annotations

import contextlib
import io
import zlib
from pathlib import Path
from typing import Any, cast

from careplan import answers as answers_model
from careplan import messages
from careplan.errors import AnswersError, InputFileError

ANSWERS_NAME = "answers.json"
#: Where a PDF's end-of-file marker must be: within its last kilobyte.
TAIL_BYTES = 1024
#: The largest PDF read back. A plan is well under 2 MB; checked before anything is read.
MAX_PDF_BYTES = 16 << 20
#: The filters careplan's PDFs (and most writers) store an attachment with.
_FLATE = frozenset({"/FlateDecode", "/Fl"})


def _read_pdf(path: Path) -> bytes:
    shown = answers_model.printable(str(path))

    def too_large(size: int) -> str:
        return messages.plan_too_large(size, MAX_PDF_BYTES >> 20)

    data = answers_model.read_input(
        path, MAX_PDF_BYTES, kind=messages.PLAN_PDF, too_large=too_large
    )
    if not data.startswith(b"%PDF-"):
        raise InputFileError(messages.not_a_pdf(shown))
    # A PDF reader can often rebuild a truncated file, but half a plan is not a plan.
    if b"%%EOF" not in data[-TAIL_BYTES:]:
        raise InputFileError(messages.pdf_end_missing(shown))
    return data


def _names(entry: Any) -> set[str]:
    spec = entry.pdf_object
    return {str(n) for n in (entry.name, spec.get("/UF"), spec.get("/F")) if n is not None}


def _inflate(stream: Any, limit: int) -> bytes:
    """The stream's data, decoded layer by layer, never more than `limit` + 1 bytes of any."""
    data = stream._data  # the stored (encoded) bytes; get_data() would decode without a limit
    filters = stream.get("/Filter", ())
    if isinstance(filters, str):
        filters = [filters]
    params = stream.get("/DecodeParms")
    if params not in (None, [], {}) and any(p not in (None, {}) for p in _as_list(params)):
        raise ValueError(messages.ATTACHMENT_PARAMETERS)
    for name in filters:
        if str(name) not in _FLATE:
            raise ValueError(messages.attachment_filter(str(name)))
        inflater = zlib.decompressobj()
        data = inflater.decompress(data, limit + 1)
        if len(data) > limit:
            break
    return bytes(data)


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _limits() -> contextlib.AbstractContextManager[Any]:
    # pypdf's own caps on what one stream may unpack to (75 MB by default), made as small as a
    # plan needs, for the streams it reads on its way to the attachments.
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        return contextlib.nullcontext()
    most = MAX_PDF_BYTES
    return cast(
        contextlib.AbstractContextManager[Any],
        apply(
            maximum_declared_stream_length=most,
            array_based_stream_maximum_output_length=most,
            zlib_maximum_output_length=most,
            lzw_maximum_output_length=most,
            run_length_maximum_output_length=most,
            jbig2_maximum_output_length=most,
        ),
    )


def _embedded_answers(path: Path, pdf: bytes) -> bytes | None:
    with _limits():
        return _read_attachment(path, pdf, ANSWERS_NAME)


def attachment(path: Path, name: str) -> bytes | None:
    """The file `name` attached to the PDF at `path` (None if it has none), read as safely as
    the answers are: the PDF's size checked first, at most 1 MB (+ 1 byte) unpacked, and two
    attachments of that name refused."""
    pdf = _read_pdf(path)
    with _limits():
        return _read_attachment(path, pdf, name)


def _read_attachment(path: Path, pdf: bytes, name: str) -> bytes | None:
    import logging

    from pypdf import PdfReader

    shown = answers_model.printable(str(path))
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(pdf))
        encrypted = reader.is_encrypted
    except Exception:  # pypdf raises many kinds of errors on damaged files
        raise InputFileError(messages.damaged_pdf(shown)) from None
    if encrypted:
        raise InputFileError(messages.encrypted_pdf(shown))
    try:
        # Only the names are looked at first: nothing is decompressed until the one is found.
        found = [e for e in reader.attachment_list if name in _names(e)]
        if len(found) > 1:
            raise InputFileError(messages.attachments_named(shown, len(found), name))
        if not found:
            return None
        files: Any = found[0].pdf_object["/EF"]
        stream = (files.get("/UF") or files["/F"]).get_object()
        # One byte past the limit is enough to know the answers are too large.
        return _inflate(stream, answers_model.MAX_BYTES)
    except InputFileError:
        raise
    except Exception:
        raise InputFileError(messages.damaged_pdf(shown)) from None


def answers_from_pdf(path: Path) -> answers_model.Answers:
    """The `answers.json` attached to a careplan PDF, validated like any answers file."""
    pdf = _read_pdf(path)
    data = _embedded_answers(path, pdf)
    shown = answers_model.printable(str(path))
    if data is None:
        raise InputFileError(messages.not_a_plan(shown, ANSWERS_NAME))
    source = messages.answers_inside(str(path), ANSWERS_NAME)
    if len(data) > answers_model.MAX_BYTES:
        raise AnswersError(messages.answers_inside_too_large(shown))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswersError(messages.answers_inside_not_utf8(source)) from None
    return answers_model.parse(text, source)
