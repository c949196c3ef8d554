"""A real HTTP server on 127.0.0.1 for the media tests, with the faults sites have: files, a
404, a 500 then a 200, a 429 with Retry-After, a slow answer, redirects, a web page where an
image belongs, an oversized file sent with and without its length. Every request is logged."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

UPLOADS = "/wp-content/uploads"


def content(name: str, size: int = 2000) -> bytes:
    """Distinct bytes for ``name`` (a JPEG's first bytes, then noise from its name)."""
    seed = hashlib.sha256(name.encode()).digest()
    return (b"\xff\xd8\xff\xe0" + seed * (size // 32 + 1))[:size]


@dataclass
class Route:
    body: bytes = b""
    type: str = "image/jpeg"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fail_first: int = 0
    """Answer the first N requests with ``status`` (and ``headers``), then 200 with ``body``."""
    chunked: bool = False
    """Send the body in chunks, without its length."""


@dataclass
class MediaServer:
    host: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[float, str]] = field(default_factory=list)
    latency: float = 0.0
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def requested(self, path: str) -> list[float]:
        """When ``path`` was asked for."""
        return [when for when, asked in self.requests if asked == path]

    def file(self, path: str, body: bytes, type_: str = "image/jpeg") -> bytes:
        self.routes[path] = Route(body=body, type=type_)
        return body


def _handler(server: MediaServer) -> type[BaseHTTPRequestHandler]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body in one segment: otherwise Nagle's algorithm and the client's
        # delayed acknowledgement add 40 ms to each kept-alive request
        disable_nagle_algorithm = True
        wbufsize = 1 << 16

        def log_message(self, *_: object) -> None:
            pass

        def handle(self) -> None:
            with contextlib.suppress(ConnectionResetError):  # a kept-alive one, closed
                super().handle()

        def do_GET(self) -> None:
            path = unquote(self.path.split("?", 1)[0])
            with lock:
                server.requests.append((time.monotonic(), path))
                route = server.routes.get(path)
                earlier = len(server.requested(path)) - 1
            if server.latency:
                time.sleep(server.latency)
            if route is None:
                self._send(404, b"not found", "text/plain", {})
                return
            if route.delay:
                time.sleep(route.delay)
            if earlier < route.fail_first:
                self._send(route.status, b"busy", "text/plain", route.headers)
                return
            if route.fail_first == 0 and route.status != 200:
                self._send(route.status, route.body, route.type, route.headers)
                return
            if route.chunked:
                self._send_chunked(route)
                return
            self._send(200, route.body, route.type, {})

        def _send_chunked(self, route: Route) -> None:
            self.send_response(200)
            self.send_header("Content-Type", route.type)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for start in range(0, len(route.body), 65536):
                    piece = route.body[start : start + 65536]
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (the size limit)

        def _send(self, status: int, body: bytes, type_: str, headers: dict[str, str]) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", type_)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout, a size limit)

    return Handler


@contextmanager
def serving(host: str = "127.0.0.1", latency: float = 0.0) -> Iterator[MediaServer]:
    """A :class:`MediaServer` listening on ``host`` (any 127.x address on Linux)."""
    server = MediaServer(host, latency=latency)
    httpd = ThreadingHTTPServer((host, 0), _handler(server))
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
