"""A WeasyPrint URL fetcher serving `data:` URLs and files inside the assets folder only."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from careplan import messages
from careplan.errors import RefusedURL

_TYPES = {".woff": "font/woff", ".woff2": "font/woff2", ".css": "text/css", ".svg": "image/svg+xml"}


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serves `data:` URLs and files that resolve inside `root`; refuses everything else."""

    def __init__(self, root: Path) -> None:
        # Only data: ever reaches WeasyPrint's own opener; file: is served below, after checks.
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)
        self.root = root.resolve()

    def resolve(self, url: str) -> Path:
        """The asset file a `file:` URL names, after `..` and symlinks; raises RefusedURL."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(messages.refused_url(url))
        try:
            path = Path(unquote(parts.path, errors="strict")).resolve(strict=True)
            inside = path.is_relative_to(self.root) and path.is_file()
        except (OSError, ValueError, RuntimeError):  # missing, a NUL byte, a symlink loop
            inside = False
        if not inside:
            raise RefusedURL(messages.not_an_asset(url))
        return path

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Fetch a `data:` URL or an asset file; anything else raises RefusedURL."""
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.resolve(url)
        mime = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        return URLFetcherResponse(
            path.as_uri(),
            body=path.read_bytes(),
            headers={"Content-Type": mime or "application/octet-stream"},
        )
