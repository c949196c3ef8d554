"""Which URLs are the blog's media, where each is stored, and which addresses are fetched."""

from __future__ import annotations

import io

import pytest

from wxrkit.output.media.fetch import Downloader, FetchSettings, MediumError
from wxrkit.output.media.references import MediaHosts, urls_in


def _hosts(*originals: str) -> MediaHosts:
    hosts = MediaHosts()
    hosts.add_site("https://www.example.com/blog/")
    hosts.add_hosts(["cdn.example.net"])
    hosts.originals.update(originals)
    return hosts


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://example.com/wp-content/uploads/2023/04/x.jpg", "2023/04/x.jpg"),
        ("http://www.example.com/wp-content/uploads/2023/04/x.jpg?w=640", "2023/04/x.jpg"),
        ("//example.com/wp-content/uploads/2023/04/x.jpg", "2023/04/x.jpg"),
        ("/wp-content/uploads/2023/04/x.jpg", "2023/04/x.jpg"),
        ("https://example.com/wp-content/uploads/2023/04/x-300x200.jpg", "2023/04/x.jpg"),
        ("https://example.com/wp-content/uploads/2023/04/y-1024x768.png", "2023/04/y-scaled.png"),
        # a variant whose original is no attachment stays itself
        ("https://example.com/wp-content/uploads/2023/04/z-300x200.jpg", "2023/04/z-300x200.jpg"),
        ("https://blog.files.wordpress.com/2010/01/a.png?w=300", "2010/01/a.png"),
        (
            "https://i1.wp.com/example.com/wp-content/uploads/2023/04/x.jpg?resize=1",
            "2023/04/x.jpg",
        ),
        ("https://example.com/files/2009/05/old.gif", "2009/05/old.gif"),
        ("https://example.com/wp-content/uploads/sites/3/2020/01/m.pdf", "sites/3/2020/01/m.pdf"),
        ("https://example.com/images/logo.png", "example.com/images/logo.png"),
        ("https://cdn.example.net/wp-content/uploads/2023/04/c.mp3", "2023/04/c.mp3"),
        ("https://example.com/wp-content/uploads/2023/04/my%20photo.jpg", "2023/04/my photo.jpg"),
        # never outside media/: dots and hidden names are taken apart
        ("https://example.com/wp-content/uploads/../../../etc/x.jpg", "etc/x.jpg"),
        ("https://example.com/wp-content/uploads/2023/.hidden.jpg", "2023/_hidden.jpg"),
    ],
)
def test_the_key_of_a_medium(url: str, key: str) -> None:
    assert _hosts("2023/04/x.jpg", "2023/04/y-scaled.png").key(url) == key


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.org/wp-content/uploads/2023/04/x.jpg",  # another host
        "https://example.com.evil.org/wp-content/uploads/x.jpg",
        "https://example.com/2023/04/a-post/",  # a page, not a file
        "ftp://example.com/wp-content/uploads/x.jpg",
        "javascript:alert(1)//x.jpg",
        "https://169.254.169.254/latest/meta-data/x.jpg",
        "http://[::1/x.jpg",  # not a URL
    ],
)
def test_what_is_not_a_medium_of_the_blog(url: str) -> None:
    assert _hosts().key(url) is None


def test_urls_in_stored_content() -> None:
    raw = (
        '<!-- wp:image {"url":"https:\\/\\/example.com\\/wp-content\\/uploads\\/b.jpg"} -->'
        '<img srcset="https://example.com/a.jpg 300w, https://example.com/a-2.jpg 600w">'
        '[audio mp3="https://example.com/s.mp3"][/audio] see https://example.com/c.pdf.'
        "<a href='/wp-content/uploads/d.zip'>d</a>"
    )
    assert list(urls_in(raw)) == [
        "https://example.com/wp-content/uploads/b.jpg",
        "https://example.com/a.jpg",
        "https://example.com/a-2.jpg",
        "https://example.com/s.mp3",
        "https://example.com/c.pdf",
        "/wp-content/uploads/d.zip",
    ]


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "10.0.0.8", "127.0.0.1", "::1", "fe80::1", "::ffff:127.0.0.1"]
)
def test_a_name_resolving_to_a_private_address_is_never_fetched(address: str) -> None:
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["93.184.216.34", address]  # one public address is not enough: all must be

    downloader = Downloader(_hosts(), FetchSettings(timeout=1), resolver)
    with pytest.raises(MediumError, match="private, loopback or link-local"):
        downloader.fetch("https://example.com/wp-content/uploads/x.jpg", io.BytesIO())
    assert asked == ["example.com"]
    downloader.close()


def test_only_the_blogs_hosts_and_http_are_fetched() -> None:
    downloader = Downloader(_hosts(), FetchSettings(timeout=1), lambda host, port: [])
    with pytest.raises(MediumError, match="not one of the blog's hosts"):
        downloader.fetch("https://elsewhere.org/x.jpg", io.BytesIO())
    with pytest.raises(MediumError, match="only http and https"):
        downloader.fetch("file:///etc/passwd", io.BytesIO())
    downloader.close()
