"""WeasyPrint's libraries loaded by their file names, without a search that starts ~80 programs.

WeasyPrint loads Pango, HarfBuzz, fontconfig and GObject with cffi, trying several names for
each (one per platform: "libgobject-2.0-0", "gobject-2.0", ..., "libgobject-2.0.so.0"). cffi
hands every name the loader does not know to `ctypes.util.find_library`, which on Linux runs
`ldconfig -p`, then `gcc` and `ld` for each: about 86 programs started by every careplan, a
quarter of a second, and whatever `gcc` comes first on PATH run with our environment.

On Linux the file names (`libgobject-2.0.so.0` and so on) are in each list, and the system's
loader finds them itself (in its cache, the standard folders and LD_LIBRARY_PATH). So while
`weasyprint.text.ffi` loads its libraries, the search answers "not found" at once and the
next name is tried. Should that fail (an unusual system), the module is loaded again with the
search as usual.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType

TARGET = "weasyprint.text.ffi"


def _not_found(name: str) -> None:
    return None


class _Loader(importlib.abc.Loader):
    def __init__(self, real: importlib.abc.Loader) -> None:
        self.real = real

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        import ctypes.util

        search = ctypes.util.find_library
        ctypes.util.find_library = _not_found
        try:
            self.real.exec_module(module)
            return
        except OSError:
            pass  # not by file name here: load it again, searching as usual
        finally:
            ctypes.util.find_library = search
        self.real.exec_module(module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != TARGET:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


def install() -> None:
    """Load WeasyPrint's libraries by file name when it is imported (Linux only)."""
    if sys.platform.startswith("linux") and TARGET not in sys.modules:
        if not any(isinstance(f, _Finder) for f in sys.meta_path):
            sys.meta_path.insert(0, _Finder())
