"""A tiny static host for the built site, behaving like a real one for Lighthouse.

- text types (HTML, CSS, JS, JSON, XML, SVG, plain text) are sent with
  ``Content-Encoding: gzip`` (level 6, a common server default) when the client
  accepts it, with ``Vary: Accept-Encoding``;
- caching: Material's fingerprinted assets (``assets/…/name.<hash>.min.js|css``)
  get ``Cache-Control: public, max-age=31536000, immutable``; everything else
  ``public, max-age=600`` (what GitHub Pages sends), with an ``ETag`` and
  ``Last-Modified`` so that revalidation answers 304;
- HTTP/1.1 with keep-alive; directory URLs serve their index.html; unknown paths
  get the site's 404.html with status 404.

Run alone: ``python -m bench.gzip_server SITE_DIR [--port 8000]`` (127.0.0.1 only).
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import mimetypes
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

GZIP_LEVEL = 6
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "image/svg+xml", "application/manifest+json")
FINGERPRINTED = re.compile(r"^assets/.*\.[0-9a-f]{8}\.min\.(js|css)$")
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=600"
EXTRA_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
               ".map": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
               ".webmanifest": "application/manifest+json", ".woff2": "font/woff2"}


def content_type(path: Path) -> str:
    kind = EXTRA_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in (
        "application/json", "application/xml", "image/svg+xml") else kind


class _Body:
    """A file's bytes, its gzip form (made once) and validators."""

    def __init__(self, path: Path) -> None:
        self.raw = path.read_bytes()
        self.type = content_type(path)
        self.gzip = (gzip.compress(self.raw, compresslevel=GZIP_LEVEL, mtime=0)
                     if self.type.startswith(TEXT_TYPES) else None)
        self.etag = '"' + hashlib.sha1(self.raw).hexdigest()[:20] + '"'
        self.modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)


def make_handler(root: Path) -> type[BaseHTTPRequestHandler]:
    root = root.resolve()
    cache: dict[Path, _Body] = {}
    lock = threading.Lock()

    def body_for(path: Path) -> _Body:
        with lock:
            if path not in cache:
                cache[path] = _Body(path)
            return cache[path]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "bench-gzip/1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base's name)
            pass

        def do_HEAD(self) -> None:  # noqa: N802 (http.server's name)
            self._respond(send_body=False)

        def do_GET(self) -> None:  # noqa: N802
            self._respond(send_body=True)

        def _resolve(self) -> tuple[Path | None, str]:
            relative = unquote(urlsplit(self.path).path).lstrip("/")
            path = (root / relative).resolve()
            if path != root and root not in path.parents:
                return None, relative
            if path.is_dir():
                path = path / "index.html"
            return (path if path.is_file() else None), relative

        def _respond(self, send_body: bool) -> None:
            path, relative = self._resolve()
            status = HTTPStatus.OK
            if path is None:
                status, path = HTTPStatus.NOT_FOUND, root / "404.html"
                if not path.is_file():
                    self.send_error(HTTPStatus.NOT_FOUND)
                    return
            body = body_for(path)
            if status == HTTPStatus.OK and self.headers.get("If-None-Match") == body.etag:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self._validators(body, relative)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            payload = body.gzip if body.gzip is not None and accepts else body.raw
            self.send_response(status)
            self.send_header("Content-Type", body.type)
            if body.gzip is not None:
                self.send_header("Vary", "Accept-Encoding")
                if accepts:
                    self.send_header("Content-Encoding", "gzip")
            if status == HTTPStatus.OK:
                self._validators(body, relative)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if send_body:
                self.wfile.write(payload)

        def _validators(self, body: _Body, relative: str) -> None:
            self.send_header("Cache-Control", LONG_CACHE if FINGERPRINTED.match(relative) else SHORT_CACHE)
            self.send_header("ETag", body.etag)
            self.send_header("Last-Modified", body.modified)

    return Handler


def make_server(root: Path, port: int = 0) -> ThreadingHTTPServer:
    """A server for `root` on 127.0.0.1 (port 0: any free port; see server_address)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(root))
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build -d SITE)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    server = make_server(args.site, args.port)
    print(f"serving {args.site} on http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
