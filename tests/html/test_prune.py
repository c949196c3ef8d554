"""Structural pruning of bodies: boxes of links within the site go, running text never does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from wxrkit import parse_html
from wxrkit.html.prune import holds_running_text, prune_by_structure, site_host

HOST = "blog.example"
ARTICLE = (
    "<p>We walked down to the harbour before the sun was up. The boats were still tied "
    "and the nets lay folded on the quay, smelling of salt and diesel.</p>"
)
ENDING = (
    "<p>By the time we came back the tide had turned. Nobody had caught anything, and "
    "nobody minded, because the morning had been worth the early start.</p>"
)


def _related(heading: str, count: int = 4, host: str = HOST) -> str:
    items = "".join(
        f'<li><a href="https://{host}/2019/0{i}/post-{i}/">Another walk, number {i}</a></li>'
        for i in range(1, count + 1)
    )
    return f"<h3>{heading}</h3><ul>{items}</ul>"


def _body(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(markup, create_parent="div")


def _text(body: lxml_html.HtmlElement) -> str:
    return " ".join(body.text_content().split())


def test_a_related_box_after_the_article_goes_with_its_heading_in_any_language() -> None:
    for heading in ("Related posts", "Ähnliche Beiträge", "Lire aussi", "Zobacz także", "関連記事"):
        body = _body(ARTICLE + ENDING + _related(heading))
        assert prune_by_structure(body, HOST) == 1
        assert heading not in _text(body)
        assert "Another walk" not in _text(body)
        assert "the tide had turned" in _text(body)


def test_relative_links_are_the_sites_own() -> None:
    items = "".join(f'<li><a href="/tag/t{i}/">tag {i}</a></li>' for i in range(5))
    body = _body(ARTICLE + f"<ul>{items}</ul>")
    assert prune_by_structure(body, HOST) == 1


def test_links_to_other_sites_are_content() -> None:
    """A round-up lists other sites' pages: that list is what the post is."""
    body = _body(ARTICLE + _related("Elsewhere this week", host="news.example.org"))
    assert prune_by_structure(body, HOST) == 0
    assert "Another walk, number 3" in _text(body)


def test_a_bare_list_of_the_sites_links_inside_the_article_stays() -> None:
    items = "".join(f'<li><a href="/2019/0{i}/walk/">Walk {i}</a></li>' for i in range(1, 5))
    body = _body(ARTICLE + f"<ul>{items}</ul>" + ENDING)
    assert prune_by_structure(body, HOST) == 0
    body = _body(ARTICLE + _related("Read also") + ENDING)  # a box with a heading goes
    assert prune_by_structure(body, HOST) == 1


def test_a_box_of_teasers_with_a_heading_goes() -> None:
    teasers = "".join(
        f'<div class="item"><a href="/p/{i}/">Headline {i}</a> a line of teaser {i}</div>'
        for i in range(4)
    )
    body = _body(ARTICLE + ENDING + f"<h2>Más leídos</h2><div>{teasers}</div>")
    assert prune_by_structure(body, HOST) == 1
    assert "Headline" not in _text(body)
    assert "Más leídos" not in _text(body)
    # without a heading it may be the post's own round-up of the site's posts
    body = _body(ARTICLE + ENDING + f"<div>{teasers}</div>")
    assert prune_by_structure(body, HOST) == 0


def test_the_site_host_is_the_address_or_where_most_links_lead() -> None:
    page = lxml_html.fromstring(
        '<html><body><a href="https://www.home.example/a">a</a><a href="https://home.example/b">'
        'b</a><a href="https://other.example/">c</a><a href="#top">top</a></body></html>'
    )
    assert site_host(page, None) == "home.example"
    assert site_host(page, "https://www.given.example/post/") == "given.example"


def test_a_page_reader_body_loses_a_related_box() -> None:
    page = parse_html(
        f"""<html><head><link rel="canonical" href="https://{HOST}/2020/05/harbour/"></head>
        <body><article class="post hentry"><h1 class="entry-title">Harbour</h1>
        <div class="entry-content">{ARTICLE}{ENDING}{_related("Mehr aus diesem Blog")}</div>
        </article></body></html>"""
    )
    assert "the tide had turned" in page.text
    assert "Mehr aus diesem Blog" not in page.text
    assert "Another walk" not in page.text


_SENTENCE = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz     "), min_size=60, max_size=120
).map(lambda s: (s.strip() or "word") + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=3, max_size=5).map(" ".join)
_LINK = st.builds(
    lambda n, own: f'<a href="{"/" if own else "https://elsewhere.example/"}p/{n}/">link {n}</a>',
    st.integers(0, 999),
    st.booleans(),
)
_BOX = st.builds(
    lambda tag, links, heading: (
        (f"<h4>{heading}</h4>" if heading else "")
        + f"<{tag}>"
        + "".join(f"<li>{link}</li>" if tag in ("ul", "ol") else f"<p>{link}</p>" for link in links)
        + f"</{tag}>"
    ),
    st.sampled_from(["ul", "ol", "div", "section"]),
    st.lists(_LINK, min_size=0, max_size=8),
    st.sampled_from(["", "See also", "Plus", "Mehr"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PARAGRAPH.map(lambda p: ("text", p)), _BOX.map(lambda b: ("box", b)))))
def test_pruning_never_removes_running_text(parts: list[tuple[str, str]]) -> None:
    """However the boxes fall, every paragraph of three or more sentences survives."""
    markup = "".join(f"<p>{value}</p>" if kind == "text" else value for kind, value in parts)
    body = _body(markup or "<p></p>")
    prune_by_structure(body, HOST)
    kept = _text(body)
    for kind, value in parts:
        if kind == "text":
            assert " ".join(value.split()) in kept


@settings(max_examples=100, deadline=None)
@given(_PARAGRAPH, st.lists(_LINK, min_size=3, max_size=8))
def test_a_paragraph_with_links_in_it_is_running_text(paragraph: str, links: list[str]) -> None:
    body = _body(f"<div><p>{paragraph} {' '.join(links)}</p></div>")
    assert holds_running_text(body)
    prune_by_structure(body, HOST)
    assert " ".join(paragraph.split()) in _text(body)


def test_a_box_of_one_sentence_excerpts_is_not_prose_however_it_is_laid_out() -> None:
    """Six excerpts of one sentence each are six teasers, not a paragraph of six sentences,
    whether the markup has line breaks between its tags or none."""
    items = [
        f'<li><a href="/p/{i}/">Another walk along the cliffs, number {i}</a>'
        f"<p>A short walk along the coast path, number {i}.</p></li>"
        for i in range(6)
    ]
    for joiner in ("\n", ""):
        body = _body(ARTICLE + ENDING + "<h3>Related posts</h3><ul>" + joiner.join(items) + "</ul>")
        assert prune_by_structure(body, HOST) == 1, repr(joiner)
        assert "coast path" not in _text(body)
