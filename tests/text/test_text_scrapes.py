"""Plain-text scrapes: the corpus reference exactly, and one fixture of our own per pattern.

The fixtures under tests/fixtures/text/ are written for these tests: a self-hosted theme with
byline, taxonomy line, threaded comments and the core form; a twentyten page with "This entry
was posted in" and a form that needs a login; a German WordPress.com page with Jetpack's
sharing, likes and related posts; a page with a menu above the title, a pingback, and the
WordPress.com footer.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wxrkit import ParseError, ScrapedPage, parse_text

TEXT = FIXTURES / "text"

# Lines of page chrome, forms and Jetpack that must never reach a body.
NEVER_IN_BODY = (
    "Skip to content",
    "Menu",
    "Posted on",
    "Posted in",
    "Post navigation",
    "Previous Post",
    "thoughts on",
    "Leave a Reply",
    "Your email address",
    "Save my name",
    "Search for:",
    "Recent Posts",
    "Proudly powered by WordPress",
    "This entry was posted",
    "Bookmark the permalink",
    "One thought on",
    "You must be logged in",
    "Teilen mit:",
    "Gefällt mir",
    "Ähnliche Beiträge",
    "Zwetschgenkuchen",
    "Veröffentlicht in",
    "Kommentar verfassen",
    "Du kommentierst",
    "Bloggen auf WordPress.com",
    "Share this:",
    "Like this:",
    "Like Loading",
    "Categories:",
    "Tags:",
    "Pingback",
    "Related posts",
    "Blog at WordPress.com",
)


def read(name: str) -> ScrapedPage:
    return parse_text((TEXT / name).read_text(encoding="utf-8"), source=name)


def test_self_hosted_theme() -> None:
    page = read("selfhosted-twentyseventeen.txt")
    post = page.post
    assert page.engine == "wordpress"
    assert post.title == "Planting garlic in November"
    assert post.author is not None and post.author.name == "Ruth Baker"
    assert post.published == datetime(2019, 11, 3)
    assert [c.name for c in post.categories] == ["Vegetables", "Autumn"]
    assert [t.name for t in post.tags] == ["garlic", "alliums"]
    assert page.text == (
        "Garlic wants a cold spell, so November is the month.\n\n"
        "I plant the cloves ten centimetres apart, pointed end up."
    )
    assert [(c.author, c.published, c.content) for c in post.comments] == [
        ("Tom Hughes", datetime(2019, 11, 4, 8, 15), "<p>Do you soak the cloves first?</p>"),
        ("Ruth Baker", datetime(2019, 11, 4, 9, 2), "<p>No, they go in dry.</p>"),
    ]
    form = page.comment_form
    assert form is not None
    assert form.title == "Leave a Reply"
    assert [(f.name, f.type, f.required) for f in form.fields] == [
        ("comment", "textarea", True),
        ("author", "text", True),
        ("email", "email", True),
        ("url", "url", False),
        ("wp-comment-cookies-consent", "checkbox", False),
    ]
    assert form.login_providers == ()
    assert not form.requires_login


def test_twentyten_entry_line_and_login_form() -> None:
    page = read("twentyten-login-required.txt")
    post = page.post
    assert post.title == "A walk along the canal"
    assert post.author is not None and post.author.name == "admin"
    assert [c.name for c in post.categories] == ["Walks"]
    assert [t.name for t in post.tags] == ["canal", "birds"]
    assert page.text == "The towpath was quiet this morning.\nTwo herons stood in the reeds."
    assert [(c.author, c.published) for c in post.comments] == [
        ("Jane", datetime(2011, 3, 3, 22, 0))
    ]
    assert page.comment_form is not None
    assert page.comment_form.requires_login


def test_german_wordpress_com_with_jetpack() -> None:
    page = read("wordpresscom-german-jetpack.txt")
    post = page.post
    assert page.engine == "wordpress.com"
    assert post.title == "Rezept: Apfelkuchen"
    assert post.author is not None and post.author.name == "Anna"
    assert post.published == datetime(2020, 10, 12)
    assert [c.name for c in post.categories] == ["Backen"]
    assert [t.name for t in post.tags] == ["Äpfel", "Kuchen"]
    assert page.text.split("\n\n") == [
        "Der beste Apfelkuchen braucht säuerliche Äpfel.",
        "Teig und Belag kommen getrennt in den Kühlschrank.",
    ]
    form = page.comment_form
    assert form is not None
    assert form.title == "Kommentar verfassen"
    assert form.login_providers == ("WordPress.com", "Facebook")
    assert {f.name for f in form.fields} == {"subscribe_comments", "subscribe_blog"}


def test_menu_above_title_pingback_and_footer() -> None:
    page = read("pingback-menu-wordpresscom.txt")
    post = page.post
    assert page.engine == "wordpress.com"
    assert post.title == "Why I switched to tea"
    assert post.author is not None and post.author.name == "Sam Lee"
    assert post.published == datetime(2021, 1, 5)
    assert [c.name for c in post.categories] == ["Health"]
    assert [t.name for t in post.tags] == ["coffee", "tea"]
    assert page.text == "I drank coffee for twenty years.\nThen my doctor had a word."
    assert [(c.type, c.author) for c in post.comments] == [
        ("pingback", "Tea links of the week | Leafy Blog"),
        ("comment", "Alex"),
        ("comment", "Sam Lee"),
    ]
    assert page.comment_form is not None and page.comment_form.title == "Leave a comment"


@pytest.mark.parametrize("name", sorted(p.name for p in TEXT.glob("*.txt")))
def test_no_page_text_in_any_body(name: str) -> None:
    page = read(name)
    for line in NEVER_IN_BODY:
        assert line not in page.text, line
        assert line not in page.post.content_raw, line


def test_running_text_that_mentions_boilerplate_stays() -> None:
    page = parse_text(
        "A title\n\nI wrote 'Leave a Reply' on the sign, and people did.\n"
        "Posted in the garden, the note said nothing more.\n\nLeave a Reply\n"
    )
    assert "I wrote 'Leave a Reply' on the sign" in page.text
    assert "Posted in the garden, the note said nothing more." in page.text
    assert page.comment_form is not None and page.comment_form.title == "Leave a Reply"


def test_bytes_are_decoded_and_reported() -> None:
    page = parse_text("Title\n\nCaf\xe9 au lait, s'il vous pla\xeet.\n".encode("cp1252"))
    assert "Café au lait" in page.text
    assert page.encoding != "utf-8"
    assert page.diagnostics


@pytest.mark.parametrize("text", ["", b"", "  \n\n "])
def test_empty_input_is_a_parse_error(text: str | bytes) -> None:
    with pytest.raises(ParseError, match=r"crawl\.txt: the page (is empty|holds only white)"):
        parse_text(text, source="crawl.txt")


def test_reference_scrape_matches_expected(corpus: Path) -> None:
    folder = corpus / "text"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert expected, "expected.json lists no scrape"
    for name, want in expected.items():
        page = parse_text((folder / name).read_text(encoding="utf-8"), source=name)
        post = page.post
        assert post.title == want["title"]
        assert post.author is not None
        assert post.author.name == want["author"]
        assert post.author.bio == want["author_bio"]
        assert [c.name for c in post.categories] == want["categories"]
        assert [t.name for t in post.tags] == want["tags"]
        assert len(post.comments) == want["comments"]
        assert (page.comment_form is not None) == want["comment_form"]
        assert page.comment_form is not None
        assert page.comment_form.title == want["comment_form_title"]
        assert list(page.comment_form.login_providers) == want["comment_form_login_providers"]
        body = " ".join(page.text.split())
        for snippet in want["text_must"]:
            assert " ".join(snippet.split()) in body, snippet
        for snippet in want["text_must_not"]:
            assert snippet not in page.text, snippet
            assert snippet not in post.content_raw, snippet


def test_a_whole_page_dump_yields_the_post_among_menus_and_sidebars() -> None:
    """A crawler's whole page in Spanish: menu, share buttons, a sidebar of recent posts (each
    headline twice, one with an excerpt), archives, the form and the footer around the post."""
    page = read("whole-page-spanish-sidebar.txt")
    post = page.post
    assert post.title == "Sembrar ajos en otoño, paso a paso"
    assert post.author is not None and post.author.name == "Ana Ruiz"
    assert post.published is not None and post.published.date().isoformat() == "2021-05-03"
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Los ajos son de las pocas cosas")
    assert paragraphs[-1].startswith("Y luego, a esperar")
    for outside in (
        "Inicio",
        "Compartir",
        "Twitter",
        "Entradas recientes",
        "balcón",
        "Archivo",
        "mayo 2021",
        "Deja un comentario",
        "Nombre",
        "Funciona con WordPress",
    ):
        assert outside not in page.text
    assert page.comment_form is not None and page.comment_form.title == "Deja un comentario"


def test_a_scrape_never_loses_its_text_to_the_locating() -> None:
    """A short post (no line long enough to be sure of) is read by WordPress's lines."""
    page = parse_text(
        "My title\n\nPosted on 3 March 2020 by Jo\n\nA short note.\n\nLeave a Reply\n"
    )
    assert page.post.title == "My title"
    assert page.text == "A short note."


def test_a_year_alone_is_no_date() -> None:
    """dateutil fills a missing day and month from today: a subtitle with a year, or a list
    heading after the post, must not become the post's date."""
    paragraph = (
        "We walked the whole coast path this year, from the lighthouse to the harbour and "
        "back again, and kept a list of every bird we saw along the way, which is long, "
        "because the cliffs are full of them at this time of the year."
    )
    page = parse_text(
        "Home\n\nAbout\n\nBirds of the coast path\n\nThe best of season 2019\n\n"
        f"{paragraph}\n\n{paragraph} Again.\n\nTop 10 posts of 2019\n"
    )
    assert page.post.title == "Birds of the coast path"
    assert page.post.published is None


def test_a_post_of_short_lines_under_its_date_is_not_lost_to_a_sidebar_blurb() -> None:
    """A recipe card (no line long enough to be running text by itself) under a dated byline;
    the only long line of the page is the sidebar's "about me" blurb."""
    recipe = [
        "Almond biscuits",
        "8 December 2012",
        "Leave a comment",
        "Preparation time: 25 minutes (+ 15 minutes baking)",
        "Makes 40 biscuits",
        "300 g plain flour",
        "100 g ground almonds",
        "200 g soft butter",
        "200 g caster sugar",
        "1 pinch of salt",
        "1 egg and 1 sachet of vanilla sugar",
        "1 teaspoon of ground cinnamon",
        "Put everything in a bowl and knead it to a smooth dough.",
        "Heat the oven to 200 degrees and line a baking tray with paper.",
        "Roll it out on a floured board and cut out any shapes you like.",
        "Put the biscuits on the tray and press a few almond flakes on each.",
        "Bake in the middle of the oven for 15 minutes until golden.",
        "Share this:",
        "About me",
        "I bake on Sundays and write about it on Mondays, mostly biscuits and bread, sometimes "
        "cakes when there is something to celebrate, and I answer every question in the comments "
        "as soon as I can, which is usually on the same evening, unless the oven is still on.",
        "Leave a Reply",
    ]
    page = parse_text("\n\n".join(recipe) + "\n")
    assert page.post.title == "Almond biscuits"
    assert "200 g caster sugar" in page.text
    assert "until golden." in page.text
    assert "I bake on Sundays" not in page.text
