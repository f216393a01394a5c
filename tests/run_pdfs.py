"""PDFs made once in a test run: kept on disk, in a folder every worker of the run shares, and
the careplan processes that tests start with `child_environment()` too.

`shared_html_to_pdf(plan, html, make)` is `make(plan, html)` (careplan's own `html_to_pdf`),
run once in the whole run for what a PDF is made of: the HTML, the answers and the plan
record it embeds, its title and date, and the renderer (careplan/render/, assets/ and the
versions of WeasyPrint and the libraries it writes with). Each run starts with an empty folder
(conftest.py names it in the environment). Nothing here imports pytest: a careplan process
started by a test loads it (tests/child/sitecustomize.py).
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import importlib.metadata
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careplan.plan import Plan

#: The environment variable that names this run's folder of PDFs.
FOLDER = "CAREPLAN_TEST_RUN_PDFS"
#: The folder to put first on PYTHONPATH: careplan processes started with it share PDFs.
CHILD = Path(__file__).resolve().parent / "child"
#: The libraries whose code lays out and writes a PDF.
RENDERERS = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5", "pyphen")


@functools.cache
def renderer() -> bytes:
    """What makes a PDF out of the HTML: careplan/render/, assets/ and the libraries' versions."""
    from careplan.render import pdf
    from careplan.render.resources import assets_dir

    digest = hashlib.sha256()
    for name in RENDERERS:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "none"
        digest.update(f"{name} {version}\n".encode())
    for folder in (Path(pdf.__file__).parent, assets_dir()):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\n".encode())
                digest.update(path.read_bytes())
    return digest.digest()


def key(plan: Plan, html: str) -> str:
    """What the PDF is made of: the HTML, the answers and the plan record it embeds, its title
    and date, and the renderer."""
    from careplan import answers as answers_model
    from careplan.render.html import document_title

    digest = hashlib.sha256(renderer())
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


def folder() -> Path | None:
    """This run's folder of PDFs; None outside a test run."""
    named = os.environ.get(FOLDER)
    return Path(named) if named else None


def on_disk(key: str) -> bytes | None:
    """The PDF made in this run for `key`, if any."""
    where = folder()
    if where is None:
        return None
    try:
        return (where / f"{key}.pdf").read_bytes()
    except FileNotFoundError:
        return None


def keep(key: str, pdf: bytes) -> None:
    """Keep the PDF for the rest of the run, written whole or not at all."""
    where = folder()
    if where is None:
        return
    part = where / f"{key}.{os.getpid()}.{threading.get_ident()}.part"
    part.write_bytes(pdf)
    os.replace(part, where / f"{key}.pdf")


class Lock:
    """One render of a PDF at a time in the whole run: the others wait for it, then read it."""

    def __init__(self, key: str) -> None:
        where = folder()
        self.path = None if where is None else where / f"{key}.lock"
        self.fd = -1

    def __enter__(self) -> None:
        if self.path is not None:
            self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # and the lock with it
            self.fd = -1


def shared_html_to_pdf(plan: Plan, html: str, make: Callable[[Plan, str], bytes]) -> bytes:
    """`make(plan, html)`, run once in the whole test run for the same PDF."""
    name = key(plan, html)
    found = on_disk(name)
    if found is not None:
        return found
    with Lock(name):
        found = on_disk(name)
        if found is None:
            found = make(plan, html)
            keep(name, found)
    return found


def child_environment(environ: dict[str, str]) -> dict[str, str]:
    """`environ` for a careplan process that makes its PDFs through this run's folder."""
    paths = [str(CHILD), *filter(None, environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**environ, "PYTHONPATH": os.pathsep.join(paths)}
