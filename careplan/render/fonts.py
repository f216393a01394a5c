"""The bundled fonts as WeasyPrint decodes them: once per thread and date, removed at exit."""

from __future__ import annotations

import os
import shutil
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

_fonts = threading.local()


def font_config() -> FontConfiguration:
    """This thread's WeasyPrint font configuration: the bundled fonts are decoded once.

    Per thread, because Pango's font maps must not be used by two renders at once; a worker
    process forked from this thread inherits it. Per SOURCE_DATE_EPOCH too, because a font is
    stamped with it when decoded: a plan of another date gets its own, and stays reproducible.
    Each is removed at exit, so that no decoded fonts are left in the temporary folder: by a
    multiprocessing finalizer, which runs in a batch's worker processes too, where `atexit`
    does not.
    """
    configs: dict[str | None, FontConfiguration] | None = getattr(_fonts, "configs", None)
    if configs is None:
        configs = _fonts.configs = {}
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    fonts = configs.get(stamp)
    if fonts is None:
        from multiprocessing.util import Finalize

        from weasyprint.text.fonts import FontConfiguration

        fonts = configs[stamp] = FontConfiguration()
        _made_in[id(fonts)] = os.getpid()
        Finalize(None, _remove_font_files, args=(fonts,), exitpriority=0)
    return fonts


#: The process each font configuration was made in: a forked worker inherits its parent's,
#: whose files are the parent's to remove.
_made_in: dict[int, int] = {}


def remove_fonts() -> None:
    """Remove the fonts this process decoded, now: for a process ending without exit handlers."""
    for fonts in list((getattr(_fonts, "configs", None) or {}).values()):
        if _made_in.get(id(fonts)) == os.getpid():
            _remove_font_files(fonts)


def _remove_font_files(fonts: FontConfiguration) -> None:
    # WeasyPrint deletes its decoded font files only when the configuration is collected,
    # which does not happen at exit for one caught in a reference cycle: /tmp filled up.
    folder = getattr(fonts, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        # Nothing left for its own __del__ to remove, which at interpreter shutdown would
        # find the modules it needs already torn down and print an ignored exception.
        fonts._folder = None
