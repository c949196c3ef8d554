"""Which URLs of an export are its media, and where each one is stored.

A medium is named by its *key*: the path it is stored under in ``DIR/media/``, which follows
the upload path (``…/wp-content/uploads/2023/04/x.jpg`` → ``2023/04/x.jpg``). Every form of
a reference to one file gives one key: ``http`` or ``https``, the Photon CDN's copy
(``i0.wp.com/example.com/…``), a ``?w=640`` resize, and a size variant
(``x-300x200.jpg``) whose original is an attachment of the export. The downloader and the
rewriting of references both go through :meth:`MediaHosts.key`, so they cannot disagree.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

__all__ = [
    "AUDIO_EXTENSIONS",
    "IMAGE_EXTENSIONS",
    "MEDIA_EXTENSIONS",
    "VIDEO_EXTENSIONS",
    "MediaHosts",
    "Reference",
    "urls_in",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


IMAGE_EXTENSIONS = _words("jpg jpeg jpe png gif webp avif bmp tif tiff ico svg heic heif")
AUDIO_EXTENSIONS = _words("mp3 m4a ogg oga wav flac aac wma opus mid midi")
VIDEO_EXTENSIONS = _words("mp4 m4v mov webm ogv avi wmv mpg mpeg 3gp 3g2 flv mkv")
FILE_EXTENSIONS = _words(
    "pdf doc docx odt rtf txt csv xls xlsx ods ppt pptx pps ppsx odp key pages numbers epub "
    "zip gz tgz rar 7z tar psd ai eps xml json vtt srt kml kmz gpx"
)
"""Documents and archives WordPress sites offer as uploads."""
MEDIA_EXTENSIONS = IMAGE_EXTENSIONS | AUDIO_EXTENSIONS | VIDEO_EXTENSIONS | FILE_EXTENSIONS
"""What a link to a file on the site's hosts must end with to be a medium (an attachment is
one whatever its name)."""

_WPCOM_FILE_HOST = re.compile(r"[a-z0-9-]+\.files\.wordpress\.com")
_PHOTON_HOST = re.compile(r"i[0-2]\.wp\.com")
_SIZE_VARIANT = re.compile(r"^(?P<stem>.+)-\d{1,5}x\d{1,5}(?P<ext>\.[A-Za-z0-9]{1,8})$")
_MULTISITE_FILES = re.compile(r"/files/(?=\d{4}/)")
_URL = re.compile(
    r"""(?:https?:)?//[^\s"'<>()\[\]{}\\|^`]+"""  # absolute, or protocol-relative
    r"""|(?<![\w./-])/wp-content/uploads/[^\s"'<>()\[\]{}\\|^`]+"""  # site-relative uploads
)
_ESCAPED_SLASH = re.compile(r"\\+/")  # block attributes are JSON: "https:\/\/…"
_MAX_COMPONENT = 200


def urls_in(raw: str) -> Iterator[str]:
    """Every URL-like string in stored content: attributes, shortcodes, block attributes,
    bare links. Entities are left to :meth:`MediaHosts.key` (``&amp;`` only matters in
    queries, which keys drop)."""
    text = _ESCAPED_SLASH.sub("/", raw) if "\\/" in raw else raw
    for match in _URL.finditer(text):
        yield match.group(0).rstrip(".,;:!?")


def _safe_component(part: str) -> str:
    """One path component as a file name: no hidden names, no separators, bounded."""
    part = part.replace("\\", "_").replace("\x00", "_")
    if part.startswith("."):
        part = "_" + part[1:]
    encoded = part.encode("utf-8")
    if len(encoded) > _MAX_COMPONENT:
        part = encoded[:_MAX_COMPONENT].decode("utf-8", "ignore")
    return part


@dataclass(frozen=True, slots=True)
class Reference:
    """A URL found in the export, read as a medium."""

    url: str
    """As the export wrote it."""
    key: str
    """Where it is stored under ``media/`` (after variants are mapped to originals)."""
    fetch_url: str
    """What to request: the URL without its query, with the site's host when it had none."""


@dataclass(slots=True)
class MediaHosts:
    """The hosts whose files are the blog's own, and the originals among its files."""

    hosts: set[str] = field(default_factory=set)
    home: str | None = None
    """The site's address, for references without a host (``/wp-content/uploads/…``)."""
    originals: set[str] = field(default_factory=set)
    """The keys of the export's attachments: a size variant maps to one of these."""

    def add_site(self, *urls: str | None) -> None:
        """Allow the hosts of the site's addresses; the first one is its home."""
        for url in urls:
            host = _host_of(url)
            if host is None:
                continue
            self.hosts.add(host)
            if self.home is None and url is not None:
                self.home = url

    def add_hosts(self, hosts: Collection[str]) -> None:
        for host in hosts:
            self.hosts.add(_bare(host.strip().lower()))

    def allows(self, host: str) -> bool:
        """Whether files on ``host`` are the blog's own (``www.`` or not)."""
        host = host.lower().rstrip(".")
        if _WPCOM_FILE_HOST.fullmatch(host) or _PHOTON_HOST.fullmatch(host):
            return True
        return _bare(host) in self.hosts

    def reference(self, url: str, *, attachment: bool = False) -> Reference | None:
        """``url`` as a medium of the blog; None when it is not one (another host, a page, a
        scheme other than http and https). An attachment's URL is a medium whatever its
        file name ends with."""
        found = self._located(url, attachment=attachment)
        if found is None:
            return None
        key, fetch_url = found
        if not attachment:
            key = self._original(key)
        return Reference(url, key, fetch_url)

    def key(self, url: str) -> str | None:
        """Where the medium ``url`` names is stored (its original's key for a variant)."""
        found = self._located(url, attachment=False)
        return None if found is None else self._original(found[0])

    def _original(self, key: str) -> str:
        if key in self.originals:
            return key
        variant = _SIZE_VARIANT.match(key)
        if variant is None:
            return key
        stem, ext = variant.group("stem"), variant.group("ext")
        for candidate in (f"{stem}{ext}", f"{stem}-scaled{ext}"):
            if candidate in self.originals:
                return candidate
        return key

    def _located(self, url: str, *, attachment: bool) -> tuple[str, str] | None:
        url = url.strip().replace("&amp;", "&")
        if url.startswith("//"):
            url = "https:" + url
        elif url.startswith("/"):
            if self.home is None:
                return None
            home = urlsplit(self.home)
            url = f"{home.scheme or 'https'}://{home.netloc}{url}"
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            return None
        if parts.scheme.lower() not in ("http", "https") or not host or not self.allows(host):
            return None
        path = unquote(parts.path)
        extension = posixpath.splitext(path)[1][1:].lower()
        if not attachment and extension not in MEDIA_EXTENSIONS:
            return None
        stored = _stored_path(host.lower(), path)
        if stored is None:
            return None
        return stored, parts._replace(query="", fragment="").geturl()


def _stored_path(host: str, path: str) -> str | None:
    """The path under ``media/`` for a file at ``host`` and ``path``."""
    if _PHOTON_HOST.fullmatch(host):
        # i0.wp.com/example.com/wp-content/uploads/x.jpg: the CDN's copy of example.com's file
        origin, _, rest = path.lstrip("/").partition("/")
        if not origin or not rest:
            return None
        host, path = origin.lower(), "/" + rest
    if "/wp-content/uploads/" in path:
        relative = path.split("/wp-content/uploads/", 1)[1]
    elif _WPCOM_FILE_HOST.fullmatch(host):
        relative = path
    elif _MULTISITE_FILES.search(path):
        relative = _MULTISITE_FILES.split(path, 1)[1]  # old multisite: /files/2010/01/x.jpg
    else:
        relative = f"{_bare(host)}/{path}"  # elsewhere on the site: under its host's name
    parts = [_safe_component(part) for part in relative.split("/") if part not in ("", ".", "..")]
    if not parts or not parts[-1]:
        return None
    return "/".join(parts)


def _host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return _bare(host.lower()) if host else None


def _bare(host: str) -> str:
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host
