"""Where the templates and assets are: inside the installed package, or at the repository root."""

from __future__ import annotations

import functools
from pathlib import Path

from careplan import messages

_PACKAGE = Path(__file__).resolve().parent.parent


def _find(name: str) -> Path:
    # A wheel ships them inside the package; an editable install or a checkout has them at
    # the repository root, next to the package.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(messages.installed_without(name))


@functools.cache
def templates_dir() -> Path:
    """The folder of Jinja2 templates."""
    return _find("templates")


@functools.cache
def assets_dir() -> Path:
    """The folder of fonts, stylesheets and other assets; the only files the PDF may load."""
    return _find("assets")
