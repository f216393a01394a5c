"""The renderer's URL fetcher: data: URLs and careplan's own assets, nothing else."""

from __future__ import annotations

import io
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import weasyprint
from pypdf import PdfReader

from careplan.errors import RefusedURL
from careplan.render.fetcher import AssetFetcher
from careplan.render.resources import assets_dir


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local server socket that should never see a connection."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield server


def was_contacted(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


@pytest.fixture
def fetcher() -> AssetFetcher:
    return AssetFetcher(assets_dir())


@pytest.fixture
def sandbox(tmp_path: Path) -> AssetFetcher:
    """A fetcher over a temporary assets folder, with a secret just outside it."""
    root = tmp_path / "assets"
    root.mkdir()
    (root / "style.css").write_text("p { color: black }", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (root / "escape-dir").symlink_to(tmp_path)
    (root / "inner.css").symlink_to(root / "style.css")
    (root / "loop").symlink_to(root / "loop")
    return AssetFetcher(root)


def test_data_urls_are_served(fetcher: AssetFetcher) -> None:
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    assert fetcher.fetch("DATA:text/plain;base64,aGk=").read() == b"hi"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("plan.css", "text/css"), ("fonts/atkinson-hyperlegible-latin-400-normal.woff", "font/woff")],
)
def test_own_assets_are_served(fetcher: AssetFetcher, name: str, content_type: str) -> None:
    response = fetcher.fetch((assets_dir() / name).as_uri())
    assert response.read() == (assets_dir() / name).read_bytes()
    assert response.headers["Content-Type"] == content_type


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "file://localhost/etc/passwd",
        "file:/etc/passwd",
        "http://127.0.0.1:9/",
        "http://127.0.0.1:9/x.png",
        "https://example.com/font.woff",
        "ftp://example.com/x",
        "javascript:alert(1)",
        "fonts/atkinson-hyperlegible-latin-400-normal.woff",
        "//example.com/x",
        "",
    ],
)
def test_everything_else_is_refused(fetcher: AssetFetcher, url: str) -> None:
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


@pytest.mark.parametrize(
    "tail",
    [
        "/../pyproject.toml",
        "/fonts/../../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/fonts/%2E%2E/%2E%2E/pyproject.toml",
        "/../assets-evil/plan.css",
        "/plan.css%00.png",
        "/fonts",
        "/no-such-file.css",
    ],
)
def test_escapes_from_the_assets_folder_are_refused(fetcher: AssetFetcher, tail: str) -> None:
    with pytest.raises(RefusedURL):
        fetcher.fetch(assets_dir().as_uri() + tail)


def test_another_host_is_refused(fetcher: AssetFetcher) -> None:
    url = "file://evil.example" + (assets_dir() / "plan.css").as_posix()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


@pytest.mark.parametrize("name", ["escape.txt", "escape-dir/secret.txt", "loop"])
def test_symlinks_out_of_the_assets_folder_are_refused(sandbox: AssetFetcher, name: str) -> None:
    with pytest.raises(RefusedURL):
        sandbox.fetch((sandbox.root / name).as_uri())


def test_symlinks_within_the_assets_folder_are_served(sandbox: AssetFetcher) -> None:
    assert sandbox.fetch((sandbox.root / "inner.css").as_uri()).read() == b"p { color: black }"


def test_a_symlinked_assets_folder_still_serves_its_files(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.css").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    fetcher = AssetFetcher(tmp_path / "link")
    assert fetcher.fetch((tmp_path / "link" / "a.css").as_uri()).read() == b"x"


def test_http_is_refused_without_connecting(fetcher: AssetFetcher, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    for url in (f"http://127.0.0.1:{port}/x", f"https://127.0.0.1:{port}/x"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert not was_contacted(listener)


HOSTILE_HTML = """<!DOCTYPE html>
<html><head>
<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
<link rel="attachment" href="file:///etc/passwd">
<link rel="attachment" href="{secret}">
<style>@import url("http://127.0.0.1:{port}/import.css");
body {{ background: url("file:///etc/passwd") }}</style>
</head><body>
<p>Hello</p>
<img src="http://127.0.0.1:{port}/x.png" alt="">
<img src="{secret}" alt="">
<a rel="attachment" href="file:///etc/hostname">file</a>
<object data="file:///etc/passwd"></object>
</body></html>"""


class _Refusals(logging.Filter):
    """Keeps WeasyPrint's 'failed to load' messages for the test instead of logging them."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.messages.append(record.getMessage())
        return False


def test_weasyprint_with_this_fetcher_loads_nothing_from_outside(
    tmp_path: Path, listener: socket.socket
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not embed me", encoding="utf-8")
    html = HOSTILE_HTML.format(port=listener.getsockname()[1], secret=secret.as_uri())
    refusals = _Refusals()
    logger = logging.getLogger("weasyprint")
    logger.addFilter(refusals)
    try:
        pdf = weasyprint.HTML(
            string=html,
            base_url=assets_dir().as_uri() + "/",
            url_fetcher=AssetFetcher(assets_dir()),
        ).write_pdf()
    finally:
        logger.removeFilter(refusals)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"do not embed me" not in pdf
    assert not was_contacted(listener)
    assert sum("careplan does not load" in m for m in refusals.messages) >= 5
