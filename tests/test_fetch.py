"""fetch(): limits, charsets, redirects and the SSRF guard, against a real loopback server.

Every connection a test makes goes through ``_loopback_only``: a connect to anything but
127.0.0.1 fails the test before a packet is sent.
"""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import time
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from loopback import CYRILLIC_ARTICLE, CYRILLIC_TITLE, LoopbackServer, running

from factcheck.read import fetch as fetch_module
from factcheck.errors import BlockedAddressError, FetchError
from factcheck.read.fetch import blocked_reason, fetch
from factcheck.settings import Settings

# Small limits so hostile routes fail fast.
LIMITS = Settings(fetch_connect_timeout=2.0, fetch_read_timeout=1.5, fetch_max_bytes=200_000, fetch_max_redirects=5)
SLACK = 1.5  # seconds a test may run past its limit (thread scheduling on a busy machine)


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    with running() as s:
        yield s


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Fail any attempt to open a connection to a non-loopback address."""
    real = socket.create_connection
    seen: list[Any] = []

    def guarded(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        seen.append(address)
        assert address[0] in ("127.0.0.1", "::1"), f"test tried to connect to {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    return seen


@pytest.fixture()
def loopback_exempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the default guard but let 127.0.0.1 through, so hops AFTER the test server are checked."""
    real = fetch_module.blocked_reason

    def reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        return None if str(ip) == "127.0.0.1" else real(ip)

    monkeypatch.setattr(fetch_module, "blocked_reason", reason)


def get(server: LoopbackServer, path: str, **kw: Any) -> Any:
    return fetch(server.url(path), allow_private=True, settings=kw.pop("settings", LIMITS), **kw)


# --- pages that work ---------------------------------------------------------------------


def test_article_text_title_and_byline_date(server: LoopbackServer) -> None:
    a = get(server, "/article")
    assert a.title == "Tram line opens in Eastport"
    assert a.date == date(2024, 3, 14)
    assert "The line is 11.5 kilometres long and has 19 stops." in " ".join(a.text.split())
    assert "Advertising" not in a.text and "Sport" not in a.text  # boilerplate dropped
    assert a.url == server.url("/article")


def test_gzip_page_is_decoded(server: LoopbackServer) -> None:
    assert "212 million euros" in get(server, "/article.gz").text


def test_plain_text_passes_through(server: LoopbackServer) -> None:
    a = get(server, "/plain")
    assert a.text.startswith("Ferry fares rise\n\nA single crossing will cost 7.40 euros")


@pytest.mark.parametrize("path", ["/cp1251", "/cp1251-meta", "/cp1251-undeclared", "/cp1251-mislabelled"])
def test_windows_1251_page_decodes(server: LoopbackServer, path: str) -> None:
    a = get(server, path)
    assert CYRILLIC_ARTICLE in " ".join(a.text.split()), a.text[:200]
    assert a.title == CYRILLIC_TITLE


def test_redirect_chain_is_followed(server: LoopbackServer) -> None:
    a = get(server, "/chain/5")
    assert a.url == server.url("/article")
    assert "19 stops" in a.text


# --- failures with clear messages --------------------------------------------------------


def test_too_many_redirects(server: LoopbackServer) -> None:
    with pytest.raises(FetchError, match=r"more than fetch_max_redirects=5 times; raise FACTCHECK_FETCH_MAX_REDIRECTS"):
        get(server, "/chain/6")


def test_redirect_loop(server: LoopbackServer) -> None:
    with pytest.raises(FetchError, match="redirects in a loop"):
        get(server, "/loop/a")


@pytest.mark.parametrize(("path", "status"), [("/not-found", "404 Not Found"), ("/server-error", "500 Internal Server Error")])
def test_http_errors(server: LoopbackServer, path: str, status: str) -> None:
    with pytest.raises(FetchError, match=f"answered HTTP {status}"):
        get(server, path)


def test_wrong_content_type(server: LoopbackServer) -> None:
    with pytest.raises(FetchError, match="is application/pdf, not an article page"):
        get(server, "/pdf")


def test_binary_served_as_html(server: LoopbackServer) -> None:
    with pytest.raises(FetchError, match="served as text/html but its body is binary"):
        get(server, "/binary")


def test_redirect_to_another_scheme(server: LoopbackServer) -> None:
    with pytest.raises(FetchError, match="only http and https URLs"):
        get(server, "/to-file")


def test_declared_size_over_limit_is_refused_before_reading(server: LoopbackServer) -> None:
    with pytest.raises(FetchError, match=r"declares 1,073,741,824 bytes, over fetch_max_bytes=200,000; raise FACTCHECK_FETCH_MAX_BYTES"):
        get(server, "/declared-huge")


def _peak_memory(fn: Any) -> tuple[BaseException, int]:
    """Run ``fn`` (which must raise) and return the error and peak traced memory."""
    tracemalloc.start()
    try:
        fn()
    except BaseException as e:  # noqa: BLE001 - returned to the caller to assert on
        return e, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    raise AssertionError("expected an error")


def test_endless_body_stops_at_the_limit(server: LoopbackServer) -> None:
    start = time.monotonic()
    err, peak = _peak_memory(lambda: get(server, "/huge"))
    assert isinstance(err, FetchError) and "larger than fetch_max_bytes=200,000 bytes; stopped reading" in str(err)
    assert peak < 2_000_000, f"peak {peak:,} bytes"
    assert time.monotonic() - start < LIMITS.fetch_read_timeout + SLACK


def test_issue_6_gzip_bomb_is_bounded_by_decoded_bytes(server: LoopbackServer) -> None:
    err, peak = _peak_memory(lambda: get(server, "/gzip-bomb"))
    assert isinstance(err, FetchError), err
    assert "larger than fetch_max_bytes=200,000 bytes once decompressed (a compression bomb?)" in str(err)
    assert peak < 2_000_000, f"peak {peak:,} bytes for a 64 MB bomb"


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_trickling_server_is_cut_off_by_the_total_read_timeout(server: LoopbackServer, path: str) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"took longer than fetch_read_timeout=1.5 s in total .* raise FACTCHECK_FETCH_READ_TIMEOUT"):
        get(server, path)
    assert time.monotonic() - start < LIMITS.fetch_read_timeout + SLACK


def test_trickle_is_cut_off_with_a_caller_client_too(server: LoopbackServer) -> None:
    """A client passed in has no guarded backend; the read loop still enforces the total."""
    start = time.monotonic()
    with httpx.Client(trust_env=False) as client, pytest.raises(FetchError, match="in total"):
        get(server, "/trickle", client=client)
    assert time.monotonic() - start < LIMITS.fetch_read_timeout + 1.0 + SLACK  # +1 s: one byte a second


def test_connection_refused(server: LoopbackServer) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: nothing answers
        with pytest.raises(FetchError, match="could not connect"):
            fetch(f"http://127.0.0.1:{port}/", allow_private=True, settings=LIMITS)


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd", "not a url", "http:///nohost"])
def test_only_http_urls(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, settings=LIMITS)


# --- the SSRF guard ------------------------------------------------------------------------


def test_default_refuses_loopback(server: LoopbackServer, _loopback_only: list[Any]) -> None:
    before = len(server.requests)
    with pytest.raises(BlockedAddressError, match=r"127\.0\.0\.1 is loopback.*FACTCHECK_FETCH_ALLOW_PRIVATE=1"):
        fetch(server.url("/article"), settings=Settings())
    assert len(server.requests) == before and _loopback_only == []  # refused before connecting


@pytest.mark.parametrize(
    "url", ["http://localhost:9/", "http://2130706433:9/", "http://0x7f.1:9/", "http://[::ffff:127.0.0.1]:9/", "http://[::1]:9/"]
)
def test_loopback_in_disguise_is_refused(url: str, _loopback_only: list[Any]) -> None:
    with pytest.raises(BlockedAddressError, match="is loopback"):
        fetch(url, settings=LIMITS)
    assert _loopback_only == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/to-private", r"10\.0\.0\.1 is private"), ("/to-metadata", r"169\.254\.169\.254 is link-local"), ("/to-mapped", "is private")],
)
@pytest.mark.usefixtures("loopback_exempt")
def test_redirect_to_internal_address_is_refused_before_connecting(
    server: LoopbackServer, _loopback_only: list[Any], path: str, reason: str
) -> None:
    with pytest.raises(BlockedAddressError, match=reason):
        fetch(server.url(path), settings=LIMITS)
    assert {a[0] for a in _loopback_only} == {"127.0.0.1"}  # only the test server was contacted


def test_hostname_resolving_to_private_address_is_refused(monkeypatch: pytest.MonkeyPatch, _loopback_only: list[Any]) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.7.7", 80))])
    with pytest.raises(BlockedAddressError, match=r"intranet\.example \(192\.168\.7\.7 is private\)"):
        fetch("http://intranet.example/", settings=LIMITS)
    assert _loopback_only == []


def test_guard_is_repeated_at_connect_time(monkeypatch: pytest.MonkeyPatch, _loopback_only: list[Any]) -> None:
    """DNS rebinding: a name that was public when checked and private when connecting is refused."""
    answers = iter(["93.184.215.14", "10.9.9.9"])
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), 80))]
    )
    with pytest.raises(BlockedAddressError, match=r"10\.9\.9\.9 is private"):
        fetch("http://rebind.example/", settings=LIMITS)
    assert _loopback_only == []


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.1.1",
     "224.0.0.251", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
     "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:a00:1::1", "64:ff9b::a00:1", "192.0.2.1", "2001:db8::1"],
)  # fmt: skip
def test_blocked_addresses(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is not None


@given(st.ip_addresses())
def test_every_non_global_address_is_blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    reason = blocked_reason(ip)
    if not ip.is_global or ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast:
        assert reason is not None, ip
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        assert reason == blocked_reason(ip.ipv4_mapped)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:93.184.215.14"])
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None


# --- unit tests with a mock transport ------------------------------------------------------


def _mock(handler: Any) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


class _Streamed(httpx.SyncByteStream):
    """A response body that arrives in pieces, as from a socket (content= would be pre-read)."""

    def __init__(self, data: bytes, piece: int = 1000) -> None:
        self._pieces = [data[i : i + piece] for i in range(0, len(data), piece)]

    def __iter__(self) -> Iterator[bytes]:
        yield from self._pieces


def test_mock_client_deflate_and_charset() -> None:
    import zlib

    body = "<html><head><title>Café prices</title></head><body><p>A coffee costs 3.20 euros in the old town, 2.80 in the port.</p></body></html>"

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["accept-encoding"] == "gzip, deflate"
        raw = zlib.compress(body.encode("cp1252"))[2:-4]  # headerless deflate, as some servers send
        return httpx.Response(200, stream=_Streamed(raw), headers={"Content-Type": "text/html; charset=windows-1252", "Content-Encoding": "deflate"})

    with _mock(handler) as client:
        a = fetch("http://news.test/cafe", client=client, allow_private=True, settings=LIMITS)
    assert a.title == "Café prices" and "3.20 euros" in a.text


def test_mock_client_unknown_encoding_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Streamed(b"??"), headers={"Content-Type": "text/plain", "Content-Encoding": "br"})

    with _mock(handler) as client, pytest.raises(FetchError, match="compressed as 'br'"):
        fetch("http://news.test/x", client=client, allow_private=True, settings=LIMITS)


def test_mock_client_missing_content_type_is_sniffed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Streamed(gzip.compress(b"Bus fares rise by 5%."), 7), headers={"Content-Encoding": "gzip"})

    with _mock(handler) as client:
        assert fetch("http://news.test/x", client=client, allow_private=True, settings=LIMITS).text == "Bus fares rise by 5%."


def test_mock_client_pre_read_response_is_size_checked() -> None:
    """A mock response built with content= is already read; its size is still checked."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 300_000, headers={"Content-Type": "text/plain"})

    with _mock(handler) as client, pytest.raises(FetchError, match="fetch_max_bytes=200,000"):
        fetch("http://news.test/x", client=client, allow_private=True, settings=LIMITS)


# --- HTTPS through the guarded backend --------------------------------------------------------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def test_https_goes_through_the_guarded_backend(self_signed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = self_signed
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    with running(server_ctx) as server:
        with pytest.raises(FetchError, match="could not connect to https://127.0.0.1.*: its TLS certificate cannot be verified"):
            get(server, "/article")  # the default trust store does not know our certificate
        monkeypatch.setattr(fetch_module, "_ssl_context", lambda: ssl.create_default_context(cafile=str(cert)))
        a = get(server, "/article")
        assert a.url.startswith("https://") and a.date == date(2024, 3, 14)
        start = time.monotonic()
        with pytest.raises(FetchError, match="in total"):
            get(server, "/trickle")  # the deadline also holds on the TLS stream
        assert time.monotonic() - start < LIMITS.fetch_read_timeout + SLACK


def test_page_without_text() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        html = b"<html><head><title>App</title><script>render()</script></head><body><div id=root></div></body></html>"
        return httpx.Response(200, stream=_Streamed(html), headers={"Content-Type": "text/html"})

    with _mock(handler) as client, pytest.raises(FetchError, match="has no article text .* built by JavaScript"):
        fetch("http://news.test/app", client=client, allow_private=True, settings=LIMITS)
