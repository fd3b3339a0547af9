"""URL → ``Article`` with httpx, safely enough for a shared server.

Every limit below comes from ``Settings`` (``FACTCHECK_FETCH_*``) and every failure is a
``FetchError`` whose message names the limit to change:

* ``fetch_connect_timeout`` bounds each connection; ``fetch_read_timeout`` bounds the WHOLE
  download (all redirect hops, headers and body), so a server trickling a byte a second is
  cut off rather than kept alive forever by a per-read timer.
* ``fetch_max_bytes`` bounds the body counted AFTER gzip/deflate decoding (we decode
  ourselves with a capped inflater, so a gzip bomb costs at most that much memory); the
  body is streamed and reading stops past the limit.
* At most ``fetch_max_redirects`` redirects, followed by hand so that every hop is checked.
* Only http/https, only text/html, text/plain and application/xhtml+xml.
* SSRF guard: unless ``allow_private`` (or ``fetch_allow_private``), a host that resolves to
  a loopback, private, link-local, reserved, multicast, unspecified or otherwise non-global
  address (IPv4, IPv6, IPv4-mapped/6to4/NAT64/Teredo-embedded IPv4) is refused before any
  connection. With the client this module builds, the check is repeated at connect time on
  the very address connected to, so DNS rebinding between check and connect does not help;
  proxies from the environment are ignored for the same reason.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from factcheck.errors import BlockedAddressError, FetchError
from factcheck.figures import Article
from factcheck.read.htmltext import decode_bytes, html_to_article, looks_binary, sniff_html, text_to_article
from factcheck.settings import Settings, load_settings

_DEFAULTS = Settings()
CONNECT_TIMEOUT: float = _DEFAULTS.fetch_connect_timeout  # seconds per connection (FACTCHECK_FETCH_CONNECT_TIMEOUT)
READ_TIMEOUT: float = _DEFAULTS.fetch_read_timeout  # seconds for the whole download (FACTCHECK_FETCH_READ_TIMEOUT)
MAX_BYTES: int = _DEFAULTS.fetch_max_bytes  # decoded body bytes (FACTCHECK_FETCH_MAX_BYTES)
MAX_REDIRECTS: int = _DEFAULTS.fetch_max_redirects  # hops followed (FACTCHECK_FETCH_MAX_REDIRECTS)
ALLOWED_SCHEMES: frozenset[str] = frozenset({"http", "https"})
ALLOWED_CONTENT_TYPES: frozenset[str] = frozenset({"text/html", "text/plain", "application/xhtml+xml"})
HTML_CONTENT_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})
REDIRECT_CODES: frozenset[int] = frozenset({301, 302, 303, 307, 308})
CHUNK_SIZE = 64 * 1024  # raw bytes per read
USER_AGENT = "factcheck/0.1 (newsroom figure checker)"
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9"
ACCEPT_ENCODING = "gzip, deflate"  # only what _Inflater decodes with a cap

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _env(name: str) -> str:
    """The environment variable that overrides a setting."""
    return f"FACTCHECK_{name.upper()}"


# --- the SSRF guard --------------------------------------------------------------------


def blocked_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a shared server must not connect to ``ip`` ("loopback", "private"...), or None.

    >>> for a in ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "::ffff:192.168.0.1",
    ...           "fe80::1", "0.0.0.0", "224.0.0.1", "100.64.0.1", "2002:7f00:1::", "93.184.215.14"]:
    ...     print(a, blocked_reason(ipaddress.ip_address(a)))
    127.0.0.1 loopback
    10.1.2.3 private
    169.254.169.254 link-local
    ::1 loopback
    ::ffff:192.168.0.1 private
    fe80::1 link-local
    0.0.0.0 unspecified
    224.0.0.1 multicast
    100.64.0.1 not globally routable
    2002:7f00:1:: loopback
    93.184.215.14 None
    """
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return blocked_reason(embedded)
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("not globally routable", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def _strip_host(host: str) -> str:
    """A URL host as getaddrinfo wants it: no IPv6 brackets, no zone id."""
    return host.strip("[]").split("%")[0]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(_strip_host(host), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"cannot resolve the host {host!r}: {e}; check the URL") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_host(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Resolve ``host`` and refuse it if ANY address is internal; return the addresses to connect to."""
    if allow_private:
        return [_strip_host(host)]  # nothing to check: let the socket layer resolve it
    addresses = resolve(host, port)
    for a in addresses:
        reason = blocked_reason(ipaddress.ip_address(a.split("%")[0]))
        if reason:
            raise BlockedAddressError(
                f"refused to fetch from {host} ({a} is {reason}): a shared server must not reach its own "
                f"network; for local use set FACTCHECK_FETCH_ALLOW_PRIVATE=1 (or --allow-private, allow_private=True)"
            )
    return addresses


# --- the transport: guarded connect, a deadline on every read ----------------------------


class _Deadline:
    """The instant the whole download must be over (fetch_read_timeout from the start)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def clamp(self, timeout: float | None) -> float:
        """The smaller of a per-operation timeout and the time left; raises once none is left."""
        left = self.remaining()
        if left <= 0:
            raise httpcore.ReadTimeout("the total read time is used up")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write stops at the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner, self._deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._deadline.clamp(timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Connects only to addresses that pass the SSRF guard, by IP, and under the deadline."""

    def __init__(self, allow_private: bool, deadline: _Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private, self._deadline = allow_private, deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = check_host(host, port, allow_private=self._allow_private)
        error: Exception | None = None
        for address in addresses:  # connect to the vetted address itself, never re-resolve
            try:
                stream = self._inner.connect_tcp(address, port, self._deadline.clamp(timeout), local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
                continue
            return _DeadlineStream(stream, self._deadline)
        assert error is not None
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise BlockedAddressError("factcheck fetches over TCP only")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context (certifi's roots) for every fetch: building one costs ~20 ms."""
    return httpx.create_ssl_context(trust_env=False)


def _guarded_client(settings: Settings, allow_private: bool, deadline: _Deadline) -> httpx.Client:
    """An httpx client that never follows redirects itself and connects through the guard."""
    transport = httpx.HTTPTransport(trust_env=False, retries=0)
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool):  # pragma: no cover - httpx internals moved
        raise RuntimeError("this httpx version hides its connection pool; pin httpx<1 for factcheck.read.fetch")
    transport._pool = httpcore.ConnectionPool(
        ssl_context=_ssl_context(),
        max_connections=4,
        network_backend=_GuardedBackend(allow_private, deadline),
    )
    return httpx.Client(transport=transport, follow_redirects=False, trust_env=False, timeout=_timeout(settings))


def _timeout(s: Settings) -> httpx.Timeout:
    """Per-operation timeouts; the total is enforced by the deadline."""
    return httpx.Timeout(connect=s.fetch_connect_timeout, read=s.fetch_read_timeout, write=s.fetch_read_timeout, pool=s.fetch_connect_timeout)


# --- decoding with a cap -----------------------------------------------------------------


class _Inflater:
    """Content-Encoding decoder that never produces more than it is asked for."""

    def __init__(self, encoding: str, url: str) -> None:
        self._encoding, self._url = encoding.strip().lower(), url
        self._z: Any = None
        self._raw_deflate_fallback = False
        if self._encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self._encoding == "deflate":
            self._z = zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header...
            self._raw_deflate_fallback = True  # ...or, as some servers send, none at all
        elif self._encoding not in ("", "identity"):
            raise FetchError(f"{url} sent its page compressed as {encoding!r}, which factcheck does not decode (only gzip and deflate)")
        self.compressed = self._z is not None

    def feed(self, data: bytes, room: int) -> bytes:
        """Decode ``data``; returns at most ``room + 1`` bytes (one more means over the limit).

        zlib stops at ``max_length`` and keeps the rest as ``unconsumed_tail``, which only
        happens when the output is over the limit, so the caller raises and nothing is lost.
        """
        if self._z is None:
            return data
        try:
            out: bytes = self._z.decompress(data, room + 1)
        except zlib.error as e:
            if self._raw_deflate_fallback:
                self._z, self._raw_deflate_fallback = zlib.decompressobj(-zlib.MAX_WBITS), False
                return self.feed(data, room)
            raise FetchError(f"{self._url} sent a broken {self._encoding} body ({e})") from None
        self._raw_deflate_fallback = False
        return out


# --- the fetch -----------------------------------------------------------------------------


def _content_type(resp: httpx.Response) -> tuple[str, str | None]:
    """The media type (lower case) and declared charset of a response."""
    raw = resp.headers.get("content-type", "")
    parts = [p.strip() for p in raw.split(";")]
    media = parts[0].lower()
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return media, charset


def _check_url(url: str | httpx.URL) -> httpx.URL:
    """A parsed http(s) URL with a host, or a FetchError saying what is wrong."""
    try:
        u = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        raise FetchError(f"{url!s} is not a valid URL ({e})") from None
    if u.scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"{url!s}: only http and https URLs can be fetched, not {u.scheme or 'a scheme-less URL'!r}")
    if not u.host:
        raise FetchError(f"{url!s} has no host")
    return u


def _port(u: httpx.URL) -> int:
    return u.port or (443 if u.scheme == "https" else 80)


def _read_body(resp: httpx.Response, url: str, s: Settings, deadline: _Deadline) -> bytes:
    """Stream the body, decoding it ourselves, until the end, the size limit or the deadline."""
    if resp.is_stream_consumed:  # a mock transport's response, read and decoded by httpx already
        if len(resp.content) > s.fetch_max_bytes:
            raise _too_large(url, s, "")
        return resp.content
    inflater = _Inflater(resp.headers.get("content-encoding", ""), url)
    body = bytearray()
    for raw in resp.iter_raw():  # no chunk_size: httpx would buffer up to it before yielding
        if deadline.remaining() <= 0:
            raise _total_timeout(url, s)
        body += inflater.feed(raw, s.fetch_max_bytes - len(body))
        if len(body) > s.fetch_max_bytes:
            raise _too_large(url, s, " once decompressed (a compression bomb?)" if inflater.compressed else "")
    return bytes(body)


def _too_large(url: str, s: Settings, why: str) -> FetchError:
    return FetchError(
        f"{url} is larger than fetch_max_bytes={s.fetch_max_bytes:,} bytes{why}; "
        f"stopped reading. Raise {_env('fetch_max_bytes')} to accept bigger pages"
    )


def _total_timeout(url: str, s: Settings) -> FetchError:
    return FetchError(
        f"{url} took longer than fetch_read_timeout={s.fetch_read_timeout:g} s in total (the server is too slow "
        f"or trickling); raise {_env('fetch_read_timeout')} to wait longer"
    )


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    allow_private: bool | None = None,
    settings: Settings | None = None,
) -> Article:
    """Download ``url`` within the fetch limits and turn the page into an Article.

    A ``client`` passed in (tests, custom transports) is used as it is: every hop is still
    checked before it is sent and the total time is checked between body chunks, but the
    connect-time address check and the per-read deadline need the client built here.
    """
    s = settings or load_settings()
    allow = s.fetch_allow_private if allow_private is None else allow_private
    deadline = _Deadline(s.fetch_read_timeout)
    own = client is None
    http = _guarded_client(s, allow, deadline) if client is None else client
    try:
        body, media, charset, final = _download(http, url, s, allow, deadline)
    finally:
        if own:
            http.close()
    html = media in HTML_CONTENT_TYPES or (not media and sniff_html(body))
    text = decode_bytes(body, charset, html=html)
    if looks_binary(text):
        raise FetchError(f"{final} is served as {media or 'untyped'} but its body is binary, not text; it cannot be checked")
    try:
        article = html_to_article(text, url=final) if html else text_to_article(text, url=final)
    except Exception as e:  # noqa: BLE001 - the extractor's own failure, reported as a fetch failure
        raise FetchError(f"{final}: the page could not be turned into text ({type(e).__name__}: {e})") from e
    if not article.text.strip():
        raise FetchError(f"{final} has no article text (an empty page, or one built by JavaScript); save the text and check the file")
    return article


def _download(client: httpx.Client, url: str, s: Settings, allow: bool, deadline: _Deadline) -> tuple[bytes, str, str | None, str]:
    """Follow up to fetch_max_redirects redirects by hand, checking every hop; return the body."""
    seen: set[str] = set()
    current: str | httpx.URL = url
    for hop in range(s.fetch_max_redirects + 1):
        u = _check_url(current)
        check_host(u.raw_host.decode("ascii"), _port(u), allow_private=allow)  # before connecting, on every hop
        seen.add(str(u))
        request = client.build_request(
            "GET", u, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}, timeout=_timeout(s)
        )
        try:
            resp = client.send(request, stream=True, follow_redirects=False)
        except httpx.HTTPError as e:
            raise _transport_error(e, str(u), s, deadline) from None
        try:
            if resp.status_code in REDIRECT_CODES and "location" in resp.headers:
                target = u.join(resp.headers["location"])
                if str(target) in seen:
                    raise FetchError(f"{url} redirects in a loop ({u} → {target}); the page cannot be reached")
                if hop == s.fetch_max_redirects:
                    raise FetchError(
                        f"{url} redirects more than fetch_max_redirects={s.fetch_max_redirects} times; "
                        f"raise {_env('fetch_max_redirects')} if the chain is legitimate"
                    )
                current = target
                continue
            if not 200 <= resp.status_code < 300:
                raise FetchError(f"{u} answered HTTP {resp.status_code} {resp.reason_phrase}".rstrip() + "; the page cannot be fetched")
            media, charset = _content_type(resp)
            if media and media not in ALLOWED_CONTENT_TYPES:
                raise FetchError(f"{u} is {media}, not an article page; factcheck reads only {', '.join(sorted(ALLOWED_CONTENT_TYPES))}")
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > s.fetch_max_bytes and not resp.headers.get("content-encoding"):
                raise FetchError(
                    f"{u} declares {int(declared):,} bytes, over fetch_max_bytes={s.fetch_max_bytes:,}; "
                    f"raise {_env('fetch_max_bytes')} to accept bigger pages"
                )
            try:
                body = _read_body(resp, str(u), s, deadline)
            except httpx.HTTPError as e:
                raise _transport_error(e, str(u), s, deadline) from None
            return body, media, charset, str(u)
        finally:
            resp.close()
    raise AssertionError("unreachable")  # pragma: no cover


def _transport_error(e: httpx.HTTPError, url: str, s: Settings, deadline: _Deadline) -> FetchError:
    """An httpx error → a FetchError that says which limit or what to check."""
    if isinstance(e, httpx.TimeoutException) and deadline.remaining() <= 0:
        return _total_timeout(url, s)
    if isinstance(e, httpx.ConnectTimeout):
        return FetchError(
            f"could not connect to {url} within fetch_connect_timeout={s.fetch_connect_timeout:g} s; "
            f"raise {_env('fetch_connect_timeout')} or try later"
        )
    if isinstance(e, httpx.TimeoutException):
        return FetchError(
            f"{url} sent nothing for fetch_read_timeout={s.fetch_read_timeout:g} s; raise {_env('fetch_read_timeout')} to wait longer"
        )
    if isinstance(e, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(e):
        return FetchError(f"could not connect to {url}: its TLS certificate cannot be verified ({e}); the site must have a valid certificate")
    if isinstance(e, httpx.ConnectError):
        return FetchError(f"could not connect to {url} ({e}); check the address")
    if isinstance(e, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return FetchError(f"{url} is not a fetchable URL ({e})")
    return FetchError(f"fetching {url} failed: {type(e).__name__}: {e}")

