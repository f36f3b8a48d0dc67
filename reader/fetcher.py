"""A polite HTTP client for feeds and article pages, on httpx.

Polite: at most two requests at a time per host and a bound on all of them, conditional
requests (ETag / If-Modified-Since, 304 understood), Retry-After and 429 honoured (the host is
left alone until then), a User-Agent naming newsreader, timeouts on every step and on the whole
request, at most five redirects and only to http or https. Careful: the body is read as a
stream and decompressed by this module with a cap, so a 100 MB answer or a gzip bomb costs
at most `max_bytes` of memory before it is refused.

Every failure is a `FetchError` whose message says what happened in plain words.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import re
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from reader import __version__
from reader.urls import host_of, is_fetchable

USER_AGENT = (
    f"newsreader/{__version__} (terminal news reader; +https://pypi.org/project/newsreader/)"
)
MAX_BYTES = 4_000_000
"""The same cap as for files on disk: no article or feed is bigger."""
MAX_REDIRECTS = 5
PER_HOST = 2
TOTAL = 8
TIMEOUT = 20.0
"""Seconds to connect, and between two pieces of an answer."""
REQUEST_DEADLINE = 60.0
"""Seconds for a whole request, however slowly the server drips it."""
MAX_RETRY_WAIT = 30.0
"""A Retry-After up to this many seconds is waited out (once); a longer one fails the request
and keeps the host alone for this run."""
DEFAULT_RATE_LIMIT_WAIT = 60.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65_536


class FetchError(Exception):
    """A request that did not give a usable answer. `kind` is a short code for scripts
    (not_found, gone, server_error, refused, timeout, tls, network, redirects, scheme,
    too_large, rate_limited, encoding); the message is for people."""

    def __init__(self, kind: str, message: str, *, retry_at: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retry_at = retry_at


@dataclass(frozen=True)
class Response:
    """A usable answer: the final URL after redirects, status, headers (lowercase names) and
    the decompressed body; `not_modified` for a 304 (the body is then empty)."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def max_age(self) -> float | None:
        """Cache-Control max-age in seconds (none with no-cache / no-store)."""
        value = self.headers.get("cache-control", "").lower()
        if "no-cache" in value or "no-store" in value:
            return None
        found = re.search(r"max-age\s*=\s*(\d+)", value)
        return float(found.group(1)) if found else None


@dataclass
class _Host:
    slots: asyncio.Semaphore
    blocked_until: float = 0.0


@dataclass
class Fetcher:
    """One client for a run; use as `async with Fetcher() as fetcher: await fetcher.get(url)`."""

    per_host: int = PER_HOST
    total: int = TOTAL
    timeout: float = TIMEOUT
    deadline: float = REQUEST_DEADLINE
    max_bytes: int = MAX_BYTES
    max_retry_wait: float = MAX_RETRY_WAIT
    user_agent: str = USER_AGENT
    verify: bool | ssl.SSLContext = True
    _client: httpx.AsyncClient | None = field(default=None, init=False, repr=False)
    _hosts: dict[str, _Host] = field(default_factory=dict, init=False, repr=False)
    _all: asyncio.Semaphore | None = field(default=None, init=False, repr=False)

    async def __aenter__(self) -> Fetcher:
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=httpx.Timeout(self.timeout),
            limits=httpx.Limits(max_connections=self.total, max_keepalive_connections=self.total),
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            verify=self.verify,
        )
        self._all = asyncio.Semaphore(self.total)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> Response:
        """GET `url`, following up to five redirects. Raises FetchError."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: list[str] = []
        current = url
        while True:
            if not is_fetchable(current):
                raise FetchError("scheme", _scheme_message(current, redirected=bool(seen)))
            if current in seen:
                raise FetchError("redirects", "redirect loop: the server sends it back to itself")
            if len(seen) > MAX_REDIRECTS:
                raise FetchError("redirects", f"too many redirects (more than {MAX_REDIRECTS})")
            seen.append(current)
            response = await self._polite(current, headers)
            if isinstance(response, str):
                current = urljoin(current, response)
                continue
            return response

    async def _polite(self, url: str, headers: dict[str, str]) -> Response | str:
        """One request under the host's and the run's limits, a Retry-After waited out once."""
        host = self._host(url)
        for attempt in (1, 2):
            await self._wait_for(host, url)
            async with host.slots, self._all:
                try:
                    async with asyncio.timeout(self.deadline):
                        return await self._request(url, headers)
                except FetchError as error:
                    if error.kind != "rate_limited" or error.retry_at is None:
                        raise
                    host.blocked_until = max(host.blocked_until, error.retry_at)
                    if attempt == 2 or error.retry_at - time.time() > self.max_retry_wait:
                        raise
                except TimeoutError as error:
                    raise FetchError(
                        "timeout", f"no complete answer within {self.deadline:.0f} s"
                    ) from error
        raise AssertionError("unreachable")

    def _host(self, url: str) -> _Host:
        name = host_of(url)
        if name not in self._hosts:
            self._hosts[name] = _Host(asyncio.Semaphore(self.per_host))
        return self._hosts[name]

    async def _wait_for(self, host: _Host, url: str) -> None:
        wait = host.blocked_until - time.time()
        if wait <= 0:
            return
        if wait > self.max_retry_wait:
            raise FetchError(
                "rate_limited",
                f"{host_of(url)} asked to be left alone until {_clock(host.blocked_until)}",
                retry_at=host.blocked_until,
            )
        await asyncio.sleep(wait)

    async def _request(self, url: str, headers: dict[str, str]) -> Response | str:
        assert self._client is not None, "use Fetcher as an async context manager"
        try:
            async with self._client.stream("GET", url, headers=headers) as answer:
                return await self._answer(url, answer)
        except httpx.TimeoutException as error:
            raise FetchError(
                "timeout", f"no answer within {self.timeout:.0f} s (timed out)"
            ) from error
        except httpx.ConnectError as error:
            if _is_tls(error):
                raise FetchError(
                    "tls", f"secure connection failed (TLS): {_reason(error)}"
                ) from error
            raise FetchError("network", f"cannot connect: {_reason(error)}") from error
        except httpx.HTTPError as error:
            if _is_tls(error):
                raise FetchError(
                    "tls", f"secure connection failed (TLS): {_reason(error)}"
                ) from error
            raise FetchError("network", f"the connection failed: {_reason(error)}") from error

    async def _answer(self, url: str, answer: httpx.Response) -> Response | str:
        status = answer.status_code
        headers = {name.lower(): value for name, value in answer.headers.items()}
        if status in _REDIRECTS and headers.get("location"):
            return headers["location"]
        if status == 304:
            return Response(url, status, headers, b"", not_modified=True)
        if status in (429, 503) and (status == 429 or "retry-after" in headers):
            retry_at = retry_after(headers.get("retry-after"), DEFAULT_RATE_LIMIT_WAIT)
            raise FetchError(
                "rate_limited",
                f"rate limited ({status}): the server asks to wait until {_clock(retry_at)}",
                retry_at=retry_at,
            )
        if status >= 400:
            raise _status_error(status, answer.reason_phrase)
        body = await self._body(answer, headers)
        return Response(str(answer.url), status, headers, body)

    async def _body(self, answer: httpx.Response, headers: dict[str, str]) -> bytes:
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError("too_large", _too_large(int(declared)))
        decoder = _Decoder(headers.get("content-encoding", ""), self.max_bytes)
        async for chunk in answer.aiter_raw(_CHUNK):
            decoder.feed(chunk)
        return decoder.finish()


class _Decoder:
    """Content-Encoding undone piece by piece, never holding more than `limit` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding.strip().lower()
        if self.encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError("encoding", f"unsupported content encoding {self.encoding!r}")
        self.limit = limit
        self.out = bytearray()
        self.zlib: zlib._Decompress | None = None

    def feed(self, chunk: bytes) -> None:
        if self.encoding in ("", "identity"):
            self.out += chunk
        else:
            self._inflate(chunk)
        if len(self.out) > self.limit:
            squeezed = " once decompressed" if self.encoding not in ("", "identity") else ""
            raise FetchError("too_large", _too_large(len(self.out)) + squeezed)

    def _inflate(self, chunk: bytes) -> None:
        if self.zlib is None:
            gzip = self.encoding in ("gzip", "x-gzip")
            wbits = 47 if gzip else (15 if chunk[:1] == b"\x78" else -15)
            self.zlib = zlib.decompressobj(wbits)
        data = chunk
        try:
            while data and not self.zlib.eof:
                self.out += self.zlib.decompress(data, self.limit - len(self.out) + 1)
                if len(self.out) > self.limit:
                    return
                data = self.zlib.unconsumed_tail
        except zlib.error as error:
            raise FetchError("encoding", f"the compressed answer is corrupt ({error})") from error

    def finish(self) -> bytes:
        return bytes(self.out)


def retry_after(value: str | None, default: float) -> float:
    """The time (epoch seconds) a Retry-After header (seconds or an HTTP date) points to."""
    now = time.time()
    if not value:
        return now + default
    value = value.strip()
    if value.isdigit():
        return now + int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return now + default
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(now, when.timestamp())


def _status_error(status: int, phrase: str) -> FetchError:
    label = f"{status} {phrase}".strip()
    if status == 404:
        return FetchError("not_found", f"not found ({label}): the address is wrong or was moved")
    if status == 410:
        return FetchError("gone", f"gone ({label}): the site says it was removed for good")
    if status >= 500:
        return FetchError("server_error", f"the server failed ({label}); try again later")
    return FetchError("refused", f"the server refused the request ({label})")


def _scheme_message(url: str, redirected: bool) -> str:
    scheme = url.split(":", 1)[0] if ":" in url else url
    where = "a redirect leads to" if redirected else "not a web address:"
    return f"{where} {scheme!r}; only http and https are fetched"


def _too_large(size: int) -> str:
    return f"too large (over {MAX_BYTES / 1e6:.0f} MB; at least {size / 1e6:.1f} MB)"


def _clock(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch).strftime("%H:%M:%S")


def _is_tls(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "SSL" in type(seen).__name__:
            return True
        seen = seen.__cause__ or seen.__context__
    return "ssl" in str(error).lower() or "certificate" in str(error).lower()


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text.strip().splitlines()[0][:200]
