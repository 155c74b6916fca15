"""Serve a built site on loopback the way GitHub Pages does, for the browser tests and the benchmark.

The site lives under the path of `site_url` (/aws-cloud-notes/), a missing page gets `404.html` with
status 404, and (for the benchmark) text is sent gzip-compressed when the client asks for it.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml",
                "application/xml")


@contextmanager
def serve_site(site: Path, prefix: str = "/", *, gzip_text: bool = False) -> Iterator[str]:
    """Serve `site` under `prefix` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = partial(_SiteHandler, directory=str(site), prefix=prefix, gzip_text=gzip_text)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files under a path prefix, GitHub Pages' 404 page, optional gzip."""

    def __init__(self, *args, prefix: str, gzip_text: bool, **kwargs) -> None:
        self.prefix = prefix
        self.gzip_text = gzip_text
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: pytest shows what failed, not every request."""

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, *, send_body: bool) -> None:
        file = self._file_for(self.path)
        status = HTTPStatus.OK
        if file is None:
            # A directory without its slash redirects, as GitHub Pages does.
            directory = self._local_path(self.path)
            if directory is not None and directory.is_dir() and (directory / "index.html").is_file():
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            file, status = Path(self.directory) / "404.html", HTTPStatus.NOT_FOUND
        body = file.read_bytes()
        content_type = self.guess_type(str(file))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if self.gzip_text and content_type.startswith(COMPRESSIBLE) \
                and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=9, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _local_path(self, url_path: str) -> Path | None:
        path = unquote(urlsplit(url_path).path)
        if not path.startswith(self.prefix):
            return None
        relative = path[len(self.prefix):]
        root = Path(self.directory).resolve()
        local = (root / relative).resolve()
        return local if local == root or root in local.parents else None

    def _file_for(self, url_path: str) -> Path | None:
        """The file a URL names (a folder's index.html if it ends in '/'), or None if none."""
        local = self._local_path(url_path)
        if local is None:
            return None
        if urlsplit(url_path).path.endswith("/"):
            local = local / "index.html"
        return local if local.is_file() else None
