"""SVG paths read once (careplan/render/svg_paths.py): WeasyPrint's reader is in place, a path
drawn again is not read again, what is drawn is the same, and a PDF is the same bytes."""

from __future__ import annotations

import importlib
from collections import deque
from typing import Any

import pytest
import weasyprint
from weasyprint import svg as weasyprint_svg

from careplan.render import pdf as pdf_module
from careplan.render import svg_paths
from careplan.render.html import render_html
from tests.plan_fixtures import example_plan

#: A drawing with the same path twice, and one other.
TWICE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" style="width: 60mm">'
    '<path d="M 10 10 C 20 0 30 0 40 10 L 40 40 Z" fill="black"/>'
    '<path d="M 10 10 C 20 0 30 0 40 10 L 40 40 Z" fill="gray" transform="translate(50 0)"/>'
    '<path d="M0 45h100" stroke="black" fill="none"/>'
    "</svg>"
)


def own_reader() -> Any:
    """WeasyPrint's own reader of paths."""
    return importlib.import_module("weasyprint.svg.path").path


def test_the_reader_with_a_memory_is_in_place() -> None:
    """Once careplan renders (careplan/render/pdf.py mends it on import), `<path>` is read by
    the reader with a memory, around WeasyPrint's own; mending again changes nothing."""
    found = weasyprint_svg.TAGS["path"]
    assert isinstance(found, svg_paths._Paths)
    assert found.read is own_reader()
    assert svg_paths.mend() is True
    assert weasyprint_svg.TAGS["path"] is found


def test_a_weasyprint_that_draws_paths_otherwise_is_left_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def another(svg: Any, node: Any, font_size: float) -> None:
        pass

    monkeypatch.setitem(weasyprint_svg.TAGS, "path", another)
    assert svg_paths.mend() is False
    assert weasyprint_svg.TAGS["path"] is another


class Node(dict[str, str]):
    """What the reader reads of a path's node: its attributes, and its vertices."""

    def __init__(self, d: str) -> None:
        super().__init__(d=d)
        self.vertices: deque[Any] = deque()


class Stream:
    def __init__(self) -> None:
        self.stream: list[bytes] = []


class Drawing:
    """What the reader reads of a drawing: its stream, and its size."""

    def __init__(self, width: float = 100.0, height: float = 50.0) -> None:
        self.stream, self.inner_width, self.inner_height = Stream(), width, height


def test_a_path_drawn_again_is_not_read_again() -> None:
    """The first time, WeasyPrint's reader draws it, and what it wrote is kept; after, the same
    is written again without it, on each drawing's own stream, with the same vertices. Another
    path, font size, or drawing size is read anew."""
    read: list[str] = []

    def reader(svg: Any, node: Any, font_size: float) -> None:
        read.append(node["d"])
        svg.stream.stream.append(f"{node['d']} {font_size} {svg.inner_width}".encode())
        node.vertices.extend([(1, 2), None])

    paths = svg_paths._Paths(reader)
    drawings = [Drawing() for _ in range(3)]
    nodes = [Node("M 0 0 L 1 1") for _ in range(3)]
    for drawing, node in zip(drawings, nodes, strict=True):
        drawing.stream.stream.append(b"q")
        paths(drawing, node, 12.0)
    assert read == ["M 0 0 L 1 1"]
    for drawing, node in zip(drawings, nodes, strict=True):
        assert drawing.stream.stream == [b"q", b"M 0 0 L 1 1 12.0 100.0"]
        assert list(node.vertices) == [(1, 2), None]
    paths(Drawing(), Node("M 0 0 L 2 2"), 12.0)
    paths(Drawing(), Node("M 0 0 L 1 1"), 16.0)
    paths(Drawing(width=200.0), Node("M 0 0 L 1 1"), 12.0)
    paths(Drawing(height=80.0), Node("M 0 0 L 1 1"), 12.0)
    assert len(read) == 5


def test_a_path_that_cannot_be_read_raises_and_is_not_kept() -> None:
    calls: list[str] = []

    def reader(svg: Any, node: Any, font_size: float) -> None:
        calls.append(node["d"])
        svg.stream.stream.append(b"0 0 m")
        raise weasyprint_svg.PointError

    paths = svg_paths._Paths(reader)
    for _ in range(2):
        drawing = Drawing()
        with pytest.raises(weasyprint_svg.PointError):
            paths(drawing, Node("M 0"), 12.0)
        assert drawing.stream.stream == [b"0 0 m"]  # as WeasyPrint's own reader leaves it
    assert calls == ["M 0", "M 0"]


def pdf_of(html: str, monkeypatch: pytest.MonkeyPatch, reader: Any) -> bytes:
    monkeypatch.setitem(weasyprint_svg.TAGS, "path", reader)
    return weasyprint.HTML(string=html).write_pdf()


def test_the_same_pdf_as_weasyprints_own_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """A drawing with a path twice, and the same drawing twice on a page: the same bytes as
    with WeasyPrint's reader alone, which the memory spares one reading of three."""
    html = f"<p>{TWICE}</p><p>{TWICE}</p>"
    read: list[str] = []

    def counted(svg: Any, node: Any, font_size: float) -> None:
        read.append(node.get("d"))
        own_reader()(svg, node, font_size)

    own = pdf_of(html, monkeypatch, own_reader())
    kept = pdf_of(html, monkeypatch, svg_paths._Paths(counted))
    assert kept == own
    assert len(read) == 2  # of 6 paths drawn


def test_a_plan_is_the_same_bytes_with_its_paths_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """first-spasm draws 706 paths, 302 of them different (each exercise on its card, and
    small in the ladder of stages)."""
    plan = example_plan("first-spasm", "letter", False)
    html = render_html(plan)
    with_memory = pdf_module.html_to_pdf(plan, html)
    monkeypatch.setitem(weasyprint_svg.TAGS, "path", own_reader())
    assert pdf_module.html_to_pdf(plan, html) == with_memory
