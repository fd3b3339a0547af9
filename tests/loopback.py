"""A real HTTP server on 127.0.0.1 in a thread, with well-behaved and hostile routes.

Shaped like httpx's own ``TestServer``: tests get ``server.url("/path")``. Every page and
article here was written for these tests. Endless routes stop when the client goes away or
the server is stopped, and never send more than ``ENDLESS_CAP`` bytes.
"""

from __future__ import annotations

import gzip
import ssl
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ENDLESS_CAP = 64 * 1024 * 1024  # an "endless" body gives up after this much
BOMB_DECODED_BYTES = 64 * 1024 * 1024  # the gzip bomb inflates to this (about 64 KB on the wire)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Tram line opens in Eastport | The Eastport Ledger</title></head>
<body>
<nav><a href="/">Home</a> · <a href="/city">City</a> · <a href="/sport">Sport</a></nav>
<article>
<h1>Tram line opens in Eastport</h1>
<p class="byline">By Mira Castell · 14 March 2024</p>
<p>The first tram left the depot at 6 a.m. on Thursday, ending four years of roadworks on
Harbour Street. The line is 11.5 kilometres long and has 19 stops.</p>
<p>The council says the project cost 212 million euros, about 30 million more than the
budget approved in 2019. Some 24,000 passengers a day are expected by the end of the year.</p>
</article>
<footer>Copyright 2025 The Eastport Ledger · Contact · Advertising</footer>
</body></html>
"""

PLAIN_ARTICLE = "Ferry fares rise\n\nA single crossing will cost 7.40 euros from June, up from 6.90 euros.\n"

CYRILLIC_ARTICLE = (
    "Мост через реку открыли после ремонта. Его длина 820 метров, ремонт обошёлся "
    "в 1,4 миллиарда рублей. По мосту каждый день проезжают около 30 тысяч машин, "
    "а в выходные движение ограничат для пешеходной ярмарки."
)
CYRILLIC_TITLE = "Мост открыт после ремонта"


def cyrillic_page(meta: str = "") -> bytes:
    """A Russian news page encoded in windows-1251 (with an optional <meta> declaration)."""
    html = (
        f"<!DOCTYPE html><html><head>{meta}<title>{CYRILLIC_TITLE}</title></head><body>"
        f"<article><h1>{CYRILLIC_TITLE}</h1><p>{CYRILLIC_ARTICLE}</p></article></body></html>"
    )
    return html.encode("cp1251")


def gzip_bomb(decoded_bytes: int = BOMB_DECODED_BYTES) -> bytes:
    """A small gzip body that inflates to ``decoded_bytes`` of spaces, built in pieces."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1 << 20)
    parts = [z.compress(block) for _ in range(decoded_bytes // len(block))]
    parts.append(z.flush())
    return b"".join(parts)


BINARY_BODY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64

Route = Callable[["_Handler"], None]


class _Handler(BaseHTTPRequestHandler):
    """Dispatches GET requests to the server's route table."""

    protocol_version = "HTTP/1.1"
    server: LoopbackServer  # type: ignore[assignment]

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        self.server.requests.append(path)
        route = self.server.routes.get(path)
        try:
            if route is None:
                self.send(404, b"<html><body><p>No such page.</p></body></html>")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            pass  # the client gave up, as it should on hostile routes
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    # helpers the routes use
    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> None:
        """Send a complete response."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        """Send a redirect with an empty body."""
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def endless(self, chunk: bytes, headers: dict[str, str], delay: float = 0.0) -> None:
        """Stream ``chunk`` again and again (close-delimited) until the client leaves."""
        self.send_response(200)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        sent = 0
        while sent < ENDLESS_CAP and not self.server.stopping.is_set():
            self.wfile.write(chunk)
            self.wfile.flush()
            sent += len(chunk)
            if delay and self.server.stopping.wait(delay):
                break


def _routes(server: LoopbackServer) -> dict[str, Route]:
    """The route table: path → what the server does."""
    bomb = gzip_bomb()
    routes: dict[str, Route] = {
        "/article": lambda h: h.send(200, ARTICLE_HTML.encode("utf-8")),
        "/article.gz": lambda h: h.send(200, gzip.compress(ARTICLE_HTML.encode("utf-8")), headers={"Content-Encoding": "gzip"}),
        "/plain": lambda h: h.send(200, PLAIN_ARTICLE.encode("utf-8"), "text/plain; charset=utf-8"),
        "/cp1251": lambda h: h.send(200, cyrillic_page(), "text/html; charset=windows-1251"),
        "/cp1251-meta": lambda h: h.send(200, cyrillic_page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), "text/html"),
        "/cp1251-undeclared": lambda h: h.send(200, cyrillic_page(), "text/html"),
        "/cp1251-mislabelled": lambda h: h.send(200, cyrillic_page(), "text/html; charset=utf-8"),
        "/loop/a": lambda h: h.redirect("/loop/b"),
        "/loop/b": lambda h: h.redirect("/loop/a"),
        "/to-private": lambda h: h.redirect("http://10.0.0.1/admin"),
        "/to-metadata": lambda h: h.redirect("http://169.254.169.254/latest/meta-data/", 307),
        "/to-mapped": lambda h: h.redirect("http://[::ffff:192.168.1.1]/"),
        "/to-file": lambda h: h.redirect("file:///etc/passwd"),
        "/not-found": lambda h: h.send(404, b"<html><body>gone</body></html>"),
        "/server-error": lambda h: h.send(500, b"<html><body>oops</body></html>"),
        "/pdf": lambda h: h.send(200, b"%PDF-1.4 not really", "application/pdf"),
        "/declared-huge": _declared_huge,
        "/huge": lambda h: h.endless(b"<p>" + b"lorem " * 1000 + b"</p>\n", {"Content-Type": "text/html"}),
        "/trickle": lambda h: h.endless(b"a", {"Content-Type": "text/plain"}, delay=1.0),
        "/trickle-headers": _trickle_headers,
        "/gzip-bomb": lambda h: h.send(200, bomb, headers={"Content-Encoding": "gzip"}),
        "/binary": lambda h: h.send(200, BINARY_BODY, "text/html"),
    }
    for n in range(1, 8):  # /chain/N redirects N times before reaching the article
        routes[f"/chain/{n}"] = (lambda n: lambda h: h.redirect(f"/chain/{n - 1}" if n > 1 else "/article"))(n)
    return routes


def _declared_huge(h: _Handler) -> None:
    """Announce a 1 GB body (and then send only a little)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(1 << 30))
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(b"<p>" + b"x" * 1000)


def _trickle_headers(h: _Handler) -> None:
    """Send the response head itself one byte a second."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"p" * 100 + b"\r\n\r\nhello"
    for i in range(len(head)):
        h.wfile.write(head[i : i + 1])
        h.wfile.flush()
        if h.server.stopping.wait(1.0):
            break


class LoopbackServer(ThreadingHTTPServer):
    """The test server: bound to 127.0.0.1 on a free port, serving in a daemon thread."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.scheme = "http"
        if tls is not None:  # HTTPS: the handshake runs as each connection is accepted
            self.socket = tls.wrap_socket(self.socket, server_side=True)
            self.scheme = "https"
        self.requests: list[str] = []
        self.stopping = threading.Event()
        self.routes = _routes(self)
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str) -> str:
        """The full URL of ``path`` on this server."""
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self._thread.join(5)


@contextmanager
def running(tls: ssl.SSLContext | None = None) -> Iterator[LoopbackServer]:
    """Start a loopback server (HTTPS with a server ``tls`` context) for a ``with`` block."""
    server = LoopbackServer(tls).start()
    try:
        yield server
    finally:
        server.stop()
