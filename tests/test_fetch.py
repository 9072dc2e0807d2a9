"""Tests for crosswire.ingest.fetch against a local HTTP server on 127.0.0.1 (no network needed)."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from crosswire.ingest import fetch
from crosswire.ingest.fetch import Fetcher, FetchError, FetchSettings, classify_address

SLEEP_S = 1.5  # how long the slow handlers stall; well past the short timeout below
SHORT_TIMEOUT_S = 0.5
SMALL_LIMIT = 1000
REAL_RESOLVE = fetch.resolve
PAGE = b"<html><body><p>Hello from the wire.</p></body></html>"


@dataclass
class Server:
    base: str  # e.g. "http://127.0.0.1:41234"
    port: int
    paths: list[str] = field(default_factory=list)  # request paths, in arrival order
    agents: list[str] = field(default_factory=list)  # User-Agent headers, in arrival order


class _Handler(BaseHTTPRequestHandler):
    server_state: Server  # set on a per-fixture subclass

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self.server_state.paths.append(self.path)
        self.server_state.agents.append(self.headers.get("User-Agent", ""))
        route = self.path.strip("/").split("/")
        handler = getattr(self, "_" + route[0].replace("-", "_"), None)
        if handler is None:
            self._send(404, b"not found")
        else:
            handler(*route[1:])

    def _send(self, status: int, body: bytes, content_type: str = "text/html", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _page(self) -> None:
        self._send(200, PAGE)

    def _hops(self, n: str) -> None:  # /hops/N reaches /page after N redirects (relative Locations)
        self._redirect("/page" if int(n) <= 1 else f"/hops/{int(n) - 1}")

    def _loop(self) -> None:
        self._redirect("/loop")

    def _to_ftp(self) -> None:
        self._redirect("ftp://files.example/feed.xml")

    def _to_localhost(self) -> None:
        self._redirect(f"http://localhost:{self.server_state.port}/page")

    def _slow(self) -> None:
        time.sleep(SLEEP_S)
        self._send(200, PAGE)

    def _slow_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "100")
        self.end_headers()
        self.wfile.write(b"0123456789")
        self.wfile.flush()
        time.sleep(SLEEP_S)

    def _huge(self) -> None:  # declares a large body, then stalls: only an early refusal is quick
        self.send_response(200)
        self.send_header("Content-Length", str(SMALL_LIMIT * 5))
        self.end_headers()
        self.wfile.write(b"x" * 10)
        self.wfile.flush()
        time.sleep(SLEEP_S)

    def _endless(self) -> None:  # no Content-Length: 20 MB unless the client hangs up
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(20 * 1024):
                self.wfile.write(b"y" * 1024)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _charset(self) -> None:
        self._send(200, "<p>café</p>".encode("cp1252"), content_type="text/html; charset=windows-1252")

    def _bad_charset(self) -> None:
        self._send(200, b"<p>plain</p>", content_type="text/html; charset=no-such-codec")


class _Server(ThreadingHTTPServer):
    block_on_close = False  # don't wait for the slow handlers at teardown


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    handler: type[_Handler] = type("Handler", (_Handler,), {})
    httpd = _Server(("127.0.0.1", 0), handler)
    port = httpd.server_address[1]
    state = Server(base=f"http://127.0.0.1:{port}", port=port)
    handler.server_state = state
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def _fetcher(**overrides: Any) -> Fetcher:
    """A fetcher allowed to reach the loopback test server, with some settings changed."""
    return Fetcher(FetchSettings(**{"allow_private": True, **overrides}))


def _error(fetcher: Fetcher, url: str) -> FetchError:
    with fetcher, pytest.raises(FetchError) as info:
        fetcher.get(url)
    return info.value


# --- success -----------------------------------------------------------------------------------


def test_fetches_page(server: Server) -> None:
    url = f"{server.base}/page"
    with _fetcher() as fetcher:
        got = fetcher.get(url)
    assert (got.url, got.final_url, got.status) == (url, url, 200)
    assert got.body == PAGE
    assert got.content_type == "text/html"
    assert got.encoding is None


def test_sends_user_agent(server: Server) -> None:
    with _fetcher(user_agent="crosswire-test/9") as fetcher:
        fetcher.get(f"{server.base}/page")
    assert server.agents[-1] == "crosswire-test/9"


def test_charset_parameter_gives_encoding(server: Server) -> None:
    with _fetcher() as fetcher:
        got = fetcher.get(f"{server.base}/charset")
    assert got.content_type == "text/html"
    assert got.encoding == "windows-1252"
    assert got.body.decode(got.encoding) == "<p>café</p>"


def test_unknown_charset_gives_no_encoding(server: Server) -> None:
    with _fetcher() as fetcher:
        got = fetcher.get(f"{server.base}/bad-charset")
    assert (got.content_type, got.encoding) == ("text/html", None)


def test_follows_redirects_up_to_the_cap(server: Server) -> None:
    url = f"{server.base}/hops/5"
    with _fetcher(max_redirects=5) as fetcher:
        got = fetcher.get(url)
    assert got.url == url
    assert got.final_url == f"{server.base}/page"
    assert got.body == PAGE


def test_ignores_proxy_settings_in_the_environment(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    with _fetcher() as fetcher:
        assert fetcher.get(f"{server.base}/page").body == PAGE


# --- failures ----------------------------------------------------------------------------------


def test_too_many_redirects(server: Server) -> None:
    url = f"{server.base}/hops/6"
    err = _error(_fetcher(max_redirects=5), url)
    assert str(err) == f"{url}: too many redirects (> 5)"
    assert server.paths[-1] == "/hops/1"  # stopped after the sixth response, before fetching /page


def test_redirect_loop_is_cut_off(server: Server) -> None:
    err = _error(_fetcher(max_redirects=2), f"{server.base}/loop")
    assert err.reason == "too many redirects (> 2)"


def test_http_error_status(server: Server) -> None:
    url = f"{server.base}/missing"
    err = _error(_fetcher(), url)
    assert (err.url, err.reason, str(err)) == (url, "HTTP 404", f"{url}: HTTP 404")


def test_timeout_waiting_for_response(server: Server) -> None:
    url = f"{server.base}/slow"
    start = time.monotonic()
    err = _error(_fetcher(timeout_s=SHORT_TIMEOUT_S), url)
    assert str(err) == f"{url}: timed out after 0.5 s"
    assert time.monotonic() - start < SLEEP_S


def test_timeout_mid_body(server: Server) -> None:
    start = time.monotonic()
    err = _error(_fetcher(timeout_s=SHORT_TIMEOUT_S), f"{server.base}/slow-body")
    assert err.reason == "timed out after 0.5 s"
    assert time.monotonic() - start < SLEEP_S


def test_declared_length_over_limit_is_refused(server: Server) -> None:
    url = f"{server.base}/huge"
    err = _error(_fetcher(max_bytes=SMALL_LIMIT, timeout_s=SHORT_TIMEOUT_S), url)
    assert str(err) == f"{url}: larger than 1000 bytes limit"  # not "timed out": refused before reading


def test_undeclared_length_stream_is_cut_off(server: Server) -> None:
    start = time.monotonic()
    err = _error(_fetcher(max_bytes=SMALL_LIMIT), f"{server.base}/endless")
    assert err.reason == "larger than 1000 bytes limit"
    assert time.monotonic() - start < 1.0  # did not read the 20 MB


def test_default_limit_is_named_in_megabytes() -> None:
    assert fetch._human_size(FetchSettings().max_bytes) == "10 MB"


@pytest.mark.parametrize("url", ["ftp://files.example/feed.xml", "file:///etc/passwd"])
def test_unsupported_scheme(url: str) -> None:
    scheme = url.split(":")[0]
    err = _error(Fetcher(), url)
    assert str(err) == f"{url}: unsupported scheme '{scheme}'"


def test_redirect_to_unsupported_scheme(server: Server) -> None:
    url = f"{server.base}/to-ftp"
    err = _error(_fetcher(), url)
    assert err.url == url
    assert err.reason == "unsupported scheme 'ftp' (at redirect to ftp://files.example/feed.xml)"


def test_unresolvable_host_fails_fast() -> None:
    url = "http://nothing-here.invalid/feed.xml"
    start = time.monotonic()
    err = _error(Fetcher(), url)
    assert str(err) == f"{url}: cannot resolve host"
    assert time.monotonic() - start < 2.0


# --- address checks ----------------------------------------------------------------------------


def test_loopback_refused_by_default_without_connecting(server: Server) -> None:
    url = f"{server.base}/page"
    seen = len(server.paths)
    err = _error(Fetcher(), url)
    assert str(err) == f"{url}: refused: 127.0.0.1 is a loopback address (use --allow-private)"
    assert len(server.paths) == seen  # the server was never asked


def test_loopback_allowed_with_allow_private(server: Server) -> None:
    with Fetcher(FetchSettings(allow_private=True)) as fetcher:
        assert fetcher.get(f"{server.base}/page").status == 200


def _pretend_public(host: str, port: int) -> list[fetch.IPAddress]:
    """Resolve normally, except that the literal 127.0.0.1 passes as a public address."""
    if host == "127.0.0.1":
        return [ipaddress.ip_address("93.184.215.14")]
    return REAL_RESOLVE(host, port)


def test_every_redirect_hop_is_checked(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "resolve", _pretend_public)
    url = f"{server.base}/to-localhost"
    err = _error(Fetcher(), url)
    assert server.paths[-1] == "/to-localhost"  # the first hop went through; the second did not
    assert err.reason.startswith("refused: ")
    assert err.reason.endswith(
        f"loopback address (use --allow-private) (at redirect to http://localhost:{server.port}/page)"
    )


def test_one_private_address_among_public_ones_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    addresses = [ipaddress.ip_address("93.184.215.14"), ipaddress.ip_address("10.0.0.7")]
    monkeypatch.setattr(fetch, "resolve", lambda host, port: addresses)
    err = _error(Fetcher(), "https://news.example/feed")
    assert err.reason == "refused: 10.0.0.7 is a private address (use --allow-private)"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
    ],
)
def test_classify_address(address: str, kind: str | None) -> None:
    assert classify_address(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("bad", [{"timeout_s": 0}, {"max_bytes": 0}, {"max_redirects": -1}])
def test_settings_are_validated(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        FetchSettings(**bad)
