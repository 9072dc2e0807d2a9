"""A small, safe HTTP fetcher for the feed and URL-list sources.

Every hop (the first request and each redirect) is checked before connecting: only http/https, and
the host must resolve to public addresses unless ``allow_private`` is set. Bodies are streamed and
cut off past ``max_bytes``. Every failure is a :class:`FetchError` with a one-line message.
"""

from __future__ import annotations

import codecs
import ipaddress
import logging
import socket
from dataclasses import dataclass
from types import TracebackType

import httpx

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class FetchSettings:
    """How the fetcher behaves; defaults suit fetching public news pages and feeds."""

    timeout_s: float = 10.0  # connect/read timeout, per operation
    max_bytes: int = 10 * 1024 * 1024  # body size limit (decoded); the stream is aborted past it
    max_redirects: int = 5
    allow_private: bool = False  # allow private, loopback, link-local, reserved and multicast addresses
    user_agent: str = "crosswire/0.1 (+https://github.com/crosswire)"

    def __post_init__(self) -> None:
        if self.timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {self.timeout_s}")
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.max_redirects < 0:
            raise ValueError(f"max_redirects must be >= 0, got {self.max_redirects}")


@dataclass(frozen=True)
class Fetched:
    """A successfully fetched response."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # media type without parameters, lowercased ("" when absent)
    body: bytes
    encoding: str | None  # from the Content-Type charset parameter, if any and known to Python


class FetchError(Exception):
    """A fetch failed; ``str(err)`` is ``"<url>: <reason>"``, one line."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def classify_address(ip: IPAddress) -> str | None:
    """Name the kind of a non-public address ("loopback", "private", ...), or None if it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses ``host`` resolves to (raises ``socket.gaierror`` when it does not resolve)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0])) for info in infos]


def _human_size(n: int) -> str:
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


def _known_charset(response: httpx.Response) -> str | None:
    """The charset parameter, or None when absent or not a codec Python knows (so decoding can't fail)."""
    charset = response.charset_encoding
    if charset is None:
        return None
    try:
        codecs.lookup(charset)
    except LookupError:
        logger.debug("%s: ignoring unknown charset %r", response.url, charset)
        return None
    return charset


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


class Fetcher:
    """Fetches URLs over one pooled ``httpx.Client``; use as a context manager or call :meth:`close`."""

    def __init__(self, settings: FetchSettings = FetchSettings()) -> None:
        self.settings = settings
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout_s),
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent},
            trust_env=False,  # no proxies or .netrc from the environment: we connect where we checked
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> Fetched:
        """GET ``url``, following up to ``max_redirects`` redirects; raise FetchError on any failure."""
        target = url
        for redirects in range(self.settings.max_redirects + 1):
            try:
                fetched, location = self._hop(url, target)
            except FetchError as err:
                if redirects == 0:
                    raise
                raise FetchError(url, f"{err.reason} (at redirect to {target})") from None
            if fetched is not None:
                return fetched
            logger.debug("redirect %d: %s -> %s", redirects + 1, target, location)
            target = location
        raise FetchError(url, f"too many redirects (> {self.settings.max_redirects})")

    def _hop(self, url: str, target: str) -> tuple[Fetched | None, str]:
        """Check and fetch one hop: a Fetched when done, or (None, absolute location) for a redirect."""
        hop = self._parse(url, target)
        self._check_host(url, hop)
        logger.debug("GET %s", hop)
        return self._request(url, hop)

    def _parse(self, url: str, target: str) -> httpx.URL:
        try:
            parsed = httpx.URL(target)
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL: {exc}") from None
        if parsed.scheme not in ALLOWED_SCHEMES:
            raise FetchError(url, f"unsupported scheme {parsed.scheme!r}")
        if not parsed.raw_host:
            raise FetchError(url, "no host in URL")
        return parsed

    def _check_host(self, url: str, hop: httpx.URL) -> None:
        """Resolve the hop's host and refuse non-public addresses unless allowed."""
        try:
            addresses = resolve(hop.raw_host.decode("ascii"), hop.port or DEFAULT_PORTS[hop.scheme])
        except (socket.gaierror, UnicodeError):
            raise FetchError(url, "cannot resolve host") from None
        if self.settings.allow_private:
            return
        for ip in addresses:
            kind = classify_address(ip)
            if kind is not None:
                reason = f"refused: {ip} is {_article(kind)} {kind} address (use --allow-private)"
                raise FetchError(url, reason)

    def _request(self, url: str, hop: httpx.URL) -> tuple[Fetched | None, str]:
        """Fetch one hop: a Fetched when done, or (None, location) for a redirect."""
        try:
            with self._client.stream("GET", hop) as response:
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUSES and location:
                    return None, self._absolute(url, response, location)
                if not response.is_success:
                    raise FetchError(url, f"HTTP {response.status_code}")
                return self._read(url, response), ""
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {self.settings.timeout_s:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from None

    def _read(self, url: str, response: httpx.Response) -> Fetched:
        """Read the body, refusing early on Content-Length and aborting the stream past max_bytes."""
        limit = self.settings.max_bytes
        too_large = FetchError(url, f"larger than {_human_size(limit)} limit")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        received = 0
        for chunk in response.iter_bytes():
            received += len(chunk)
            if received > limit:
                raise too_large
            chunks.append(chunk)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return Fetched(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            content_type=media_type,
            body=b"".join(chunks),
            encoding=_known_charset(response),
        )

    @staticmethod
    def _absolute(url: str, response: httpx.Response, location: str) -> str:
        """The redirect target as an absolute URL (Location may be relative)."""
        try:
            return str(response.url.join(location))
        except httpx.InvalidURL:
            raise FetchError(url, f"invalid redirect location {location!r}") from None
