"""The shortcode grammar, the built-in handlers, escaping, nesting, unknown and malformed codes."""

from __future__ import annotations

import pytest

from wxrkit.clean import (
    Cleaner,
    ShortcodeContext,
    ShortcodeRegistry,
    default_registry,
    parse_attributes,
)
from wxrkit.clean.shortcodes import MAX_NESTING, Shortcode
from wxrkit.models import Attachment

IMAGES = {
    1: Attachment(id=1, url="https://x.example/a.jpg", alt="Alpha", caption="First"),
    2: Attachment(id=2, url="https://x.example/b.jpg", alt="Beta"),
}


def expand(text: str) -> str:
    registry = default_registry()
    return registry.expand(text, ShortcodeContext(registry=registry, attachments=IMAGES))


@pytest.mark.parametrize(
    ("text", "named", "positional"),
    [
        ('a="1" b="two words"', {"a": "1", "b": "two words"}, ()),
        ("a='1' b='x y'", {"a": "1", "b": "x y"}, ()),
        ("a=1 b=two", {"a": "1", "b": "two"}, ()),
        ('A="upper"', {"a": "upper"}, ()),
        ("https://example.com/v", {}, ("https://example.com/v",)),
        ('"quoted positional" bare', {}, ("quoted positional", "bare")),
        ('id="x" 42', {"id": "x"}, ("42",)),
        ('a = "spaced"', {"a": "spaced"}, ()),
        ('a="1"\u00a0b="2"', {"a": "1", "b": "2"}, ()),
        ("", {}, ()),
        ('data-x="dash"', {"data-x": "dash"}, ()),
    ],
)
def test_attributes(text: str, named: dict[str, str], positional: tuple[str, ...]) -> None:
    assert parse_attributes(text) == (named, positional)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unknown shortcodes are kept verbatim
        ("[unknown a=1]", "[unknown a=1]"),
        ("[catlist id=3]text[/catlist]", "[catlist id=3]text[/catlist]"),
        ("Price [5 items]", "Price [5 items]"),
        # escaping prints the shortcode literally
        ('[[gallery ids="1"]]', '[gallery ids="1"]'),
        ("[[caption]x[/caption]]", "[caption]x[/caption]"),
        # malformed ones stay as written
        ("[caption", "[caption"),
        ('[caption id="x"', '[caption id="x"'),
        ("[/caption]", "[/caption]"),
        # an image not in the export: said where it would be, never the literal shortcode
        (
            '[gallery ids="9"]',
            '<p class="wxrkit-missing">Gallery: attachments 9 are not in the export.</p>',
        ),
        (
            '[gallery ids="1,9"]',
            '<div class="gallery"><figure><img src="https://x.example/a.jpg" alt="Alpha" />'
            "<figcaption>First</figcaption></figure></div>"
            '<p class="wxrkit-missing">Gallery: attachments 9 are not in the export.</p>',
        ),
        # name boundaries: [gallery-old] is another name, [captions] too
        ("[gallery-old]", "[gallery-old]"),
        ("[captions]x[/captions]", "[captions]x[/captions]"),
        # captions, enclosing and attribute forms
        (
            '[caption id="attachment_1" align="alignleft" width="300"]<img src="a.jpg" /> Cap[/caption]',
            '<figure id="attachment_1" class="wp-caption alignleft"><img src="a.jpg" />'
            '<figcaption class="wp-caption-text">Cap</figcaption></figure>',
        ),
        (
            '[caption caption="Old form"]<img src="a.jpg" />[/caption]',
            '<figure class="wp-caption"><img src="a.jpg" />'
            '<figcaption class="wp-caption-text">Old form</figcaption></figure>',
        ),
        (
            '[caption]<a href="big.jpg"><img src="a.jpg" /></a> Linked[/caption]',
            '<figure class="wp-caption"><a href="big.jpg"><img src="a.jpg" /></a>'
            '<figcaption class="wp-caption-text">Linked</figcaption></figure>',
        ),
        ('[caption]<img src="a.jpg" />[/caption]', '<img src="a.jpg" />'),
        (
            '[wp_caption]<img src="a.jpg" /> C[/wp_caption]',
            '<figure class="wp-caption"><img src="a.jpg" /><figcaption class="wp-caption-text">C</figcaption></figure>',
        ),
        # galleries through the export's attachments
        (
            '[gallery ids="1,2" columns="2"]',
            '<div class="gallery"><figure><img src="https://x.example/a.jpg" alt="Alpha" />'
            "<figcaption>First</figcaption></figure><figure>"
            '<img src="https://x.example/b.jpg" alt="Beta" /></figure></div>',
        ),
        (  # no ids, and the post has no attachments in the export
            "[gallery]",
            '<p class="wxrkit-missing">Gallery: the post\'s attachments are not in the export.</p>',
        ),
        # embeds become links
        (
            "[embed]https://www.youtube.com/watch?v=abc[/embed]",
            '<p class="embed"><a href="https://www.youtube.com/watch?v=abc">'
            "https://www.youtube.com/watch?v=abc</a></p>",
        ),
        (
            "[embed width=500]https://vimeo.com/1[/embed]",
            '<p class="embed"><a href="https://vimeo.com/1">https://vimeo.com/1</a></p>',
        ),
        (
            "[youtube https://www.youtube.com/watch?v=abc&w=640]",
            '<p class="embed"><a href="https://www.youtube.com/watch?v=abc">'
            "https://www.youtube.com/watch?v=abc</a></p>",
        ),
        (
            "[youtube=http://www.youtube.com/watch?v=xyz&amp;w=640&amp;h=360]",
            '<p class="embed"><a href="https://www.youtube.com/watch?v=xyz">'
            "https://www.youtube.com/watch?v=xyz</a></p>",
        ),
        (
            "[youtube abc123]",
            '<p class="embed"><a href="https://www.youtube.com/watch?v=abc123">https://www.youtube.com/watch?v=abc123</a></p>',
        ),
        (
            "[vimeo 12345]",
            '<p class="embed"><a href="https://vimeo.com/12345">https://vimeo.com/12345</a></p>',
        ),
        (
            "[vimeo https://vimeo.com/9]",
            '<p class="embed"><a href="https://vimeo.com/9">https://vimeo.com/9</a></p>',
        ),
        ("[youtube]", "[youtube]"),
        # media
        (
            '[audio src="https://x.example/a.mp3"]',
            '<audio controls src="https://x.example/a.mp3"><a href="https://x.example/a.mp3">'
            "https://x.example/a.mp3</a></audio>",
        ),
        (
            '[audio mp3="https://x.example/a.mp3"][/audio]',
            '<audio controls src="https://x.example/a.mp3"><a href="https://x.example/a.mp3">'
            "https://x.example/a.mp3</a></audio>",
        ),
        (
            '[video mp4="v.mp4" width="640" poster="p.jpg"]',
            '<video controls src="v.mp4" poster="p.jpg" width="640"><a href="v.mp4">v.mp4</a></video>',
        ),
        ("[video]", "[video]"),
        (
            '[playlist ids="1,2"]',
            '<ul class="playlist"><li><a href="https://x.example/a.jpg">https://x.example/a.jpg</a></li>'
            '<li><a href="https://x.example/b.jpg">https://x.example/b.jpg</a></li></ul>',
        ),
        # code keeps its text and language; both raw and entity-escaped code give the same
        (
            '[sourcecode language="python"]if a < b:\n    print("x")[/sourcecode]',
            '<pre><code class="language-python">if a &lt; b:\n    print("x")</code></pre>',
        ),
        (
            '[sourcecode language="python"]if a &lt; b: pass[/sourcecode]',
            '<pre><code class="language-python">if a &lt; b: pass</code></pre>',
        ),
        (
            '[code lang="js"]x && y[/code]',
            '<pre><code class="language-js">x &amp;&amp; y</code></pre>',
        ),
        (
            '[cc lang="PHP"]<?php echo 1; ?>[/cc]',
            '<pre><code class="language-php">&lt;?php echo 1; ?&gt;</code></pre>',
        ),
        ("[source]plain[/source]", "<pre><code>plain</code></pre>"),
        ("[sourcecode]", "[sourcecode]"),
        # shortcodes inside code are not expanded
        ('[code][gallery ids="1"][/code]', '<pre><code>[gallery ids="1"]</code></pre>'),
        # nesting: a caption's content is expanded
        (
            '[caption]<img src="a.jpg" /> See [youtube abc][/caption]',
            '<figure class="wp-caption"><img src="a.jpg" /><figcaption class="wp-caption-text">See '
            '<p class="embed"><a href="https://www.youtube.com/watch?v=abc">'
            "https://www.youtube.com/watch?v=abc</a></p></figcaption></figure>",
        ),
        # several in one text, known and unknown mixed
        (
            "a [vimeo 1] b [x] c",
            'a <p class="embed"><a href="https://vimeo.com/1">https://vimeo.com/1</a></p> b [x] c',
        ),
        # self-closing
        (
            '[gallery ids="2" /]',
            '<div class="gallery"><figure><img src="https://x.example/b.jpg" alt="Beta" /></figure></div>',
        ),
    ],
)
def test_expand(text: str, expected: str) -> None:
    assert expand(text) == expected


def test_enough_cases() -> None:
    cases = test_expand.pytestmark[0].args[1]  # type: ignore[attr-defined]
    assert len(cases) >= 40


def test_registry_add_and_remove() -> None:
    registry = ShortcodeRegistry()
    registry.register("shout", lambda code, context: (code.content or "").upper())
    assert registry.expand("say [shout]hi[/shout]!") == "say HI!"
    registry.unregister("shout")
    assert registry.expand("say [shout]hi[/shout]!") == "say [shout]hi[/shout]!"
    with pytest.raises(ValueError):
        registry.register("bad name", lambda code, context: "")


def test_find_reports_top_level_uses() -> None:
    registry = default_registry()
    found = list(registry.find('[gallery ids="1"] and [[gallery]] and [unknown]'))
    assert [(code.name, dict(code.attributes)) for code in found] == [("gallery", {"ids": "1"})]


def test_nesting_is_bounded() -> None:
    registry = ShortcodeRegistry()

    def again(code: Shortcode, context: ShortcodeContext) -> str:
        # A handler whose output holds its own shortcode would recurse for ever.
        return "<b>" + context.expand("[loop]x[/loop]") + "</b>"

    registry.register("loop", again)
    out = registry.expand("[loop]x[/loop]")
    assert out.count("<b>") == MAX_NESTING + 1
    assert out.endswith("[loop]x[/loop]" + "</b>" * (MAX_NESTING + 1))


def test_same_name_does_not_nest_as_in_wordpress() -> None:
    registry = ShortcodeRegistry()
    registry.register(
        "b", lambda code, context: "<b>" + context.expand(code.content or "") + "</b>"
    )
    # The first [/b] closes the first [b]: WordPress's grammar has no same-name nesting.
    assert registry.expand("[b]1[b]2[/b]3[/b]") == "<b>1<b></b>2</b>3[/b]"


def test_gallery_without_ids_uses_the_posts_attachments() -> None:
    registry = default_registry()
    context = ShortcodeContext(registry=registry, post_attachments=(IMAGES[2],))
    assert "b.jpg" in registry.expand("[gallery]", context)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[php]<?php echo 1; ?>[/php]", '<pre><code class="language-php">&lt;?php echo 1; ?&gt;'),
        ("[js]let a = 1;[/js]", '<pre><code class="language-javascript">let a = 1;'),
        ("[bash]ls -l[/bash]", '<pre><code class="language-bash">ls -l'),
        ("[py]x = 1[/py]", '<pre><code class="language-python">x = 1'),
        ("[latex]a^2 < b[/latex]", '<code class="language-latex">a^2 &lt; b</code>'),
        ("A $latex e^{i\\pi}$ here", '<code class="language-latex">e^{i\\pi}</code> here'),
        ("[googlemaps https://maps.example/?q=x]", '<a href="https://maps.example/?q=x">'),
        ("https://video.example/watch?v=1", '<p class="embed"><a href="https://video.example'),
    ],
)
def test_highlighters_math_maps_and_bare_urls(raw: str, expected: str) -> None:
    assert expected in Cleaner().body(raw)


def test_a_language_named_shortcode_without_content_is_text() -> None:
    assert "[text]" in Cleaner().body("Some [text] in brackets.")
