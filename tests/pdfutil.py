"""Helpers for reading careplan PDFs back in tests."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path
from typing import Any

from pypdf import PdfReader


def attachments(path: Path) -> dict[str, Any]:
    """The PDF's embedded files, JSON-decoded, by name."""
    found = PdfReader(path).attachments
    return {name: json.loads(data[0]) for name, data in found.items()}


def text(path: Path) -> str:
    """All page text, with runs of white space folded to one space."""
    return _text(path.read_bytes())


@functools.lru_cache(maxsize=32)
def _text(data: bytes) -> str:
    # Reading a plan's text takes a second or more: the same PDF's is read once in a process.
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
