"""Renders shared by the tests: each plan is laid out once per test process, and made into a
PDF once per test run.

Laying out a whole plan takes seconds, and many tests read the same example's pages or PDF.
`rendered(plan)` runs the real `html_to_pdf` once for a plan and keeps what it made: the PDF's
bytes and the laid-out document they were written from (the same layout, not a second one).
Tests only read what they are given. `make test` sends the tests of one example to the same
worker (`xdist_group`, see conftest.py), so each example is laid out in one process only.

The PDFs are also kept on disk, in a folder every worker of one run shares (RUN_PDFS in
conftest.py): `shared_html_to_pdf` is the real `html_to_pdf`, run once in the whole
run for what a PDF is made of (the HTML, the answers and plan record it embeds, its title and
date, and the renderer: careplan/render/, assets/ and the versions of WeasyPrint and the
libraries it writes with). The `shared_pdfs` fixture puts it in careplan's place for a test
that only reads the PDFs the command line writes. Each run starts with an empty folder.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import importlib.metadata
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import weasyprint

from careplan import answers as answers_model
from careplan.plan import Plan
from careplan.render.html import document_title, render_html
from careplan.render.pdf import html_to_pdf
from careplan.render.resources import assets_dir
from tests import conftest


@dataclass(frozen=True)
class Rendered:
    """A plan as rendered: its HTML, its laid-out pages (a WeasyPrint Document) and its PDF."""

    html: str
    document: Any
    pdf: bytes


#: The PDFs made, by what they are made of: small, all kept.
_pdfs: dict[str, bytes] = {}
#: The laid-out documents of the last few plans: tens of megabytes each, so only a few are
#: kept; a worker runs one example's tests together, and needs no older one again.
_documents: OrderedDict[str, Any] = OrderedDict()
KEEP_DOCUMENTS = 8


#: The libraries whose code lays out and writes a PDF.
RENDERERS = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5", "pyphen")


@functools.cache
def _renderer() -> bytes:
    """What makes a PDF out of the HTML: careplan/render/, assets/ and the libraries' versions."""
    digest = hashlib.sha256()
    for name in RENDERERS:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "none"
        digest.update(f"{name} {version}\n".encode())
    code = Path(html_to_pdf.__code__.co_filename).parent
    for folder in (code, assets_dir()):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\n".encode())
                digest.update(path.read_bytes())
    return digest.digest()


def _key(plan: Plan, html: str) -> str:
    """What the PDF is made of: the HTML, the answers and the plan record it embeds, its title
    and date, and the renderer."""
    digest = hashlib.sha256(_renderer())
    for part in (
        html,
        answers_model.dumps(plan.answers),
        repr(plan.to_record()),
        document_title(plan),
        plan.created.isoformat(),
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _folder() -> Path | None:
    """The folder this run's workers share PDFs in (conftest.py); None: only this process's."""
    return conftest.RUN_PDFS[-1] if conftest.RUN_PDFS else None


def _on_disk(key: str) -> bytes | None:
    folder = _folder()
    if folder is None:
        return None
    try:
        return (folder / f"{key}.pdf").read_bytes()
    except FileNotFoundError:
        return None


def _keep(key: str, pdf: bytes) -> None:
    folder = _folder()
    if folder is None:
        return
    part = folder / f"{key}.{os.getpid()}.{threading.get_ident()}.part"
    part.write_bytes(pdf)
    os.replace(part, folder / f"{key}.pdf")  # whole or not at all: another worker may read it


class _Lock:
    """One render of a PDF at a time in the whole run: the others wait, then read it."""

    def __init__(self, key: str) -> None:
        folder = _folder()
        self.path = None if folder is None else folder / f"{key}.lock"
        self.fd = -1

    def __enter__(self) -> None:
        if self.path is not None:
            self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # and the lock with it
            self.fd = -1


def shared_html_to_pdf(plan: Plan, html: str) -> bytes:
    """`html_to_pdf(plan, html)`, run once in the whole test run for the same PDF."""
    key = _key(plan, html)
    found = _pdfs.get(key) or _on_disk(key)
    if found is not None:
        return found
    with _Lock(key):
        found = _on_disk(key)
        if found is None:
            found = html_to_pdf(plan, html)
            _keep(key, found)
    _pdfs[key] = found
    return found


def rendered(plan: Plan, html: str | None = None) -> Rendered:
    """The plan's HTML (or `html`), laid out and written as a PDF by the real `html_to_pdf`."""
    html = render_html(plan) if html is None else html
    key = _key(plan, html)
    if key in _documents:
        _documents.move_to_end(key)
    else:
        with _Lock(key):
            _documents[key], _pdfs[key] = _html_to_pdf_keeping_the_layout(plan, html)
            if _on_disk(key) is None:
                _keep(key, _pdfs[key])
        while len(_documents) > KEEP_DOCUMENTS:
            _documents.popitem(last=False)
    return Rendered(html, _documents[key], _pdfs[key])


def _html_to_pdf_keeping_the_layout(plan: Plan, html: str) -> tuple[Any, bytes]:
    """`html_to_pdf(plan, html)`, and the document its one layout made."""
    documents: list[Any] = []
    real_render = weasyprint.HTML.render
    caller = threading.get_ident()

    def render(self: Any, *args: Any, **kwargs: Any) -> Any:
        document = real_render(self, *args, **kwargs)
        if threading.get_ident() == caller:  # not a warm-up left running by another test
            documents.append(document)
        return document

    weasyprint.HTML.render = render
    try:
        data = html_to_pdf(plan, html)
    finally:
        weasyprint.HTML.render = real_render
    (document,) = documents
    return document, data


def laid_out(plan: Plan) -> Any:
    """The laid-out pages of the plan's HTML."""
    return rendered(plan).document


def pdf_bytes(plan: Plan) -> bytes:
    """The plan's PDF: made by this process, or by another worker of this run."""
    html = render_html(plan)
    key = _key(plan, html)
    found = _pdfs.get(key) or _on_disk(key)
    return found if found is not None else rendered(plan, html).pdf
