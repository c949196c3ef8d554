"""Downloading one medium, as an export's untrusted links require.

The client is httpx: a maintained, typed client with streaming, per-phase timeouts and
connection pools, and a documented way to connect to one address while speaking TLS to a
host name (the ``sni_hostname`` extension), which is what refusing private addresses needs:
the host name is resolved here, every address it has is checked, and the connection goes to
the checked address. Resolving and then letting the client resolve again would let a name
that changes its answer in between (DNS rebinding) reach ``169.254.169.254``.

Redirects are followed here, one hop at a time, each checked like the first request.
"""

from __future__ import annotations

import email.utils
import ipaddress
import posixpath
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import httpx

from wxrkit.output.media.references import (
    AUDIO_EXTENSIONS,
    IMAGE_EXTENSIONS,
    VIDEO_EXTENSIONS,
    MediaHosts,
)

__all__ = ["Downloader", "FetchSettings", "MediumError", "too_large"]

_MAX_REDIRECTS = 5
_SNIFF = 512
_ANY_BINARY = frozenset(
    {
        "application/octet-stream",
        "binary/octet-stream",
        "application/x-download",
        "application/force-download",
        "application/download",
    }
)


class MediumError(Exception):
    """A medium that could not be stored; the message is the report's ``reason``."""


class _PassingError(Exception):
    """A failure the server says is passing (429, 5xx) or the network's (a reset)."""

    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


@dataclass(frozen=True, slots=True)
class FetchSettings:
    timeout: float = 30.0
    """Seconds to connect, and between two pieces of a response."""
    max_size: int = 100_000_000
    allow_private: bool = False
    """Fetch from private, loopback and link-local addresses (a test server, an intranet)."""
    per_host: int = 6
    """Requests at once to one host (what browsers allow themselves)."""
    attempts: int = 4
    backoff: float = 1.0
    """The wait before the second attempt; it doubles after each (a Retry-After is longer)."""
    longest_wait: float = 300.0
    """A server asking to wait longer than this fails the medium instead."""

    @property
    def deadline(self) -> float:
        """Seconds one download may take in all: a server sending a byte just before each
        timeout would otherwise hold a run for days."""
        return max(20 * self.timeout, 600.0)


Resolver = Callable[[str, int], list[str]]


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Downloader:
    """Fetches media from the blog's own hosts (:class:`MediaHosts`) into open files; safe to
    share between threads."""

    def __init__(
        self, hosts: MediaHosts, settings: FetchSettings, resolver: Resolver = _resolve
    ) -> None:
        self.hosts = hosts
        self.settings = settings
        self._resolver = resolver
        self._addresses: dict[tuple[str, int], str] = {}
        self._slots: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            # no proxy from the environment: the addresses checked are the ones connected to
            trust_env=False,
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=64),
            headers={"User-Agent": "wxrkit (archiving a blog's media)", "Accept": "*/*"},
        )

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, into: BinaryIO) -> None:
        """Write the medium at ``url`` to ``into`` (a new, empty file), or raise
        :class:`MediumError` with the reason; passing failures are tried again."""
        settings = self.settings
        for attempt in range(1, settings.attempts + 1):
            try:
                self._fetch_once(url, into)
                return
            except _PassingError as failure:
                if attempt == settings.attempts:
                    raise MediumError(f"{failure} ({attempt} attempts)") from None
                wait = settings.backoff * 2 ** (attempt - 1)
                if failure.after is not None:
                    if failure.after > settings.longest_wait:
                        raise MediumError(
                            f"{failure}; the server asks to wait {failure.after:.0f} s, "
                            f"longer than wxrkit waits ({settings.longest_wait:.0f} s)"
                        ) from None
                    wait = max(wait, failure.after)  # never sooner than asked
                time.sleep(wait)
                into.seek(0)
                into.truncate()

    def _fetch_once(self, url: str, into: BinaryIO) -> None:
        current = url
        started = time.monotonic()
        for _ in range(_MAX_REDIRECTS + 1):
            target = httpx.URL(current)
            if target.scheme not in ("http", "https"):
                raise MediumError(f"{current}: only http and https are fetched")
            if not self.hosts.allows(target.host):
                raise MediumError(
                    f"redirected to {target.host}, which is not one of the blog's hosts "
                    "(not followed; add it with --media-host if it is)"
                )
            port = target.port or (443 if target.scheme == "https" else 80)
            address = self._address(target.host, port)
            location = self._get(target, address, into, started)
            if location is None:
                return
            current = str(target.join(location))
        raise MediumError(f"more than {_MAX_REDIRECTS} redirects")

    def _get(self, target: httpx.URL, address: str, into: BinaryIO, started: float) -> str | None:
        """Request ``target`` from ``address``; the next URL when redirected, else None."""
        settings = self.settings
        host = f"[{target.host}]" if ":" in target.host else target.host  # IPv6 in brackets
        netloc = host if target.port is None else f"{host}:{target.port}"
        with self._slot(target.host):
            try:
                with self._client.stream(
                    "GET",
                    target.copy_with(host=address, username=None, password=None),
                    headers={"Host": netloc},
                    extensions={"sni_hostname": target.host},
                ) as response:
                    status = response.status_code
                    if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                        return str(response.headers["location"])
                    if status == 429 or status >= 500:
                        raise _PassingError(
                            f"HTTP {status} {response.reason_phrase}".rstrip(),
                            _retry_after(response.headers.get("retry-after")),
                        )
                    if status != 200:
                        raise MediumError(f"HTTP {status} {response.reason_phrase}".rstrip())
                    self._check_type(target, response.headers.get("content-type", ""))
                    self._stream(response, into, target, started)
                    return None
            except httpx.TimeoutException:
                raise MediumError(
                    f"no answer within {settings.timeout:g} s (--media-timeout)"
                ) from None
            except httpx.TransportError as error:
                raise _PassingError(f"network error: {type(error).__name__}: {error}") from None

    def _stream(
        self, response: httpx.Response, into: BinaryIO, target: httpx.URL, started: float
    ) -> None:
        limit = self.settings.max_size
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise MediumError(too_large(int(declared), limit))
        size = 0
        for chunk in response.iter_bytes(1 << 16):
            if size == 0 and _is_web_page(chunk, _extension(target)):
                raise MediumError(
                    f"the server sent a web page, not a .{_extension(target) or 'file'}"
                )
            size += len(chunk)
            if size > limit:
                raise MediumError(too_large(size, limit, sent_more=True))
            if time.monotonic() - started > self.settings.deadline:
                raise MediumError(
                    f"still downloading after {self.settings.deadline:.0f} s; stopped"
                )
            into.write(chunk)

    def _check_type(self, target: httpx.URL, content_type: str) -> None:
        extension = _extension(target)
        mime = content_type.split(";", 1)[0].strip().lower()
        if not mime or mime in _ANY_BINARY:
            return
        family = mime.split("/", 1)[0]
        if mime in ("text/html", "application/xhtml+xml") and extension not in ("html", "htm"):
            raise MediumError(f"the server sent a web page ({mime}), not a .{extension}")
        if extension in IMAGE_EXTENSIONS and family != "image":
            raise MediumError(f"the server sent {mime}, not an image")
        if (extension in AUDIO_EXTENSIONS or extension in VIDEO_EXTENSIONS) and family not in (
            "audio",
            "video",
            "application",
        ):
            raise MediumError(f"the server sent {mime}, not audio or video")

    def _address(self, host: str, port: int) -> str:
        """The address to connect to for ``host``; every address it has must be public."""
        with self._lock:
            known = self._addresses.get((host, port))
        if known is not None:
            return known
        try:
            addresses = [host] if _is_ip(host) else self._resolver(host, port)
        except OSError as error:
            raise MediumError(f"{host}: the name does not resolve ({error})") from None
        if not addresses:
            raise MediumError(f"{host}: the name has no address")
        if not self.settings.allow_private:
            private = [a for a in addresses if not _is_public(a)]
            if private:
                raise MediumError(
                    f"{host} is at {private[0]}, a private, loopback or link-local address: "
                    "not fetched (--allow-private-addresses fetches it, for a server you trust)"
                )
        with self._lock:
            self._addresses[(host, port)] = addresses[0]
        return addresses[0]

    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            slot = self._slots.get(host)
            if slot is None:
                slot = self._slots[host] = threading.Semaphore(self.settings.per_host)
        return slot


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _extension(target: httpx.URL) -> str:
    return posixpath.splitext(target.path)[1][1:].lower()


def _is_web_page(start: bytes, extension: str) -> bool:
    """Whether a response that should be a file starts as an HTML document (a login page,
    a "not found" page served with status 200)."""
    if extension in ("html", "htm"):
        return False
    head = start[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def too_large(size: int, limit: int, *, sent_more: bool = False) -> str:
    said = "the server sent more than" if sent_more else f"the file is {size:,} bytes, more than"
    return f"{said} the limit of {limit:,} bytes (--media-max-size)"


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
