"""SVG paths read once: what WeasyPrint writes for a path's `d`, kept and written again.

WeasyPrint draws an SVG `<path>` by reading its `d` text number by number, each through its
parser of lengths and units, and writing each point out as PDF text, every time the path is
drawn. A plan's drawings are careplan's own: first-spasm draws 706 paths with about 18,000
points, and 404 of them are the same as one drawn before (an exercise's drawing on its card,
and small in the ladder of stages). Its paths took 0.13 s of the 0.43 s its PDF took to write.

`mend()` puts a reader with a memory in WeasyPrint's place: the first time a path is drawn,
WeasyPrint's own reader draws it, and what it added to the page's stream of PDF operators
(and the points where markers would go) is kept, by the path's `d` and what a length in it
may depend on (the font size, the drawing's width and height); the next time, the same is
added to the stream of the page being drawn, unread. The same operators with the same
numbers: the PDFs are the same bytes. Writing first-spasm's PDF took 0.36 s instead of 0.44
in a fresh process, and 0.27 instead of 0.40 once its drawings were read (medians of 6, the
garbage collector paused as careplan renders, 2 December 2026).
"""

from __future__ import annotations

import importlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

#: A path drawn: what it added to the page's stream, and the vertices it added to its node.
Drawn = tuple[tuple[Any, ...], tuple[Any, ...]]
#: How many paths are kept (careplan's drawings have about 2,000 different ones in all).
KEEP = 4096


class _Paths:
    """WeasyPrint's own reader of paths (`read`), with a memory of the paths it has read."""

    def __init__(self, read: Callable[[Any, Any, float], None]) -> None:
        self.read = read
        self.drawn: OrderedDict[tuple[Any, ...], Drawn] = OrderedDict()

    def __call__(self, svg: Any, node: Any, font_size: float) -> None:
        written = getattr(svg.stream, "stream", None)
        if not isinstance(written, list):  # a stream that keeps its operators otherwise
            self.read(svg, node, font_size)
            return
        key = (node.get("d", ""), font_size, svg.inner_width, svg.inner_height)
        drawn = self.drawn.get(key)
        if drawn is not None:
            operators, vertices = drawn
            written.extend(operators)
            node.vertices.extend(vertices)
            return
        start, before = len(written), len(node.vertices)
        self.read(svg, node, font_size)  # a path it cannot read raises, and is not kept
        if svg.stream.stream is written:  # (the same stream still: what it wrote is kept)
            self.drawn[key] = (tuple(written[start:]), tuple(list(node.vertices)[before:]))
            if len(self.drawn) > KEEP:
                self.drawn.popitem(last=False)


def mend() -> bool:
    """Put the reader with a memory in place of WeasyPrint's for `<path>`; True when it is in
    place (now or before), False when this WeasyPrint draws paths some other way (then nothing
    changes)."""
    try:
        svg_module = importlib.import_module("weasyprint.svg")
        # (not `from weasyprint.svg import path`: that names the function, not its module)
        path_module = importlib.import_module("weasyprint.svg.path")
    except ImportError:
        return False
    tags = getattr(svg_module, "TAGS", None)
    if not isinstance(tags, dict):
        return False
    found: Any = tags.get("path")
    if isinstance(found, _Paths):
        return True
    read: Callable[[Any, Any, float], None] | None = getattr(path_module, "path", None)
    if read is None or found is not read:
        return False
    tags["path"] = _Paths(read)
    return True
