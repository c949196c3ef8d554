"""wpautop, case by case: each expected output derived from WordPress's documented behaviour.

One deliberate difference: newlines inside <textarea> get no <br /> (see wxrkit.clean.autop).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wxrkit.clean import autop, wpautop
from wxrkit.clean.autop import _BARE_NEWLINE, break_lines

CASES = [
    ("Hello world", "<p>Hello world</p>\n"),
    ("One\n\nTwo", "<p>One</p>\n<p>Two</p>\n"),
    ("One\n\n\n\nTwo", "<p>One</p>\n<p>Two</p>\n"),
    ("Line one\nLine two", "<p>Line one<br />\nLine two</p>\n"),
    ("Line one\r\nLine two\r\n\r\nPara two", "<p>Line one<br />\nLine two</p>\n<p>Para two</p>\n"),
    ("  \n  ", ""),
    ("", ""),
    ("<div>Block</div>", "<div>Block</div>\n"),
    ("<div>\nBlock\n</div>", "<div>\nBlock\n</div>\n"),
    (
        "Text before<div>block</div>text after",
        "<p>Text before</p>\n<div>block</div>\n<p>text after</p>\n",
    ),
    ("<h2>Heading</h2>\nText", "<h2>Heading</h2>\n<p>Text</p>\n"),
    ("<h1>A</h1><h2>B</h2>", "<h1>A</h1>\n<h2>B</h2>\n"),
    ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
    ("<ol><li>one</li><li>two</li></ol>", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"),
    ("<blockquote>Quote</blockquote>", "<blockquote><p>Quote</p></blockquote>\n"),
    (
        "<blockquote>Line one\nLine two</blockquote>",
        "<blockquote><p>Line one<br />\nLine two</p></blockquote>\n",
    ),
    (
        "<blockquote>\nPara one\n\nPara two\n</blockquote>",
        "<blockquote><p>\nPara one</p>\n<p>Para two\n</p></blockquote>\n",
    ),
    (
        "<table>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</table>",
        "<table>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</table>\n",
    ),
    ("Text\n<pre>a\n\nb</pre>\nAfter", "<p>Text</p>\n<pre>a\n\nb</pre>\n<p>After</p>\n"),
    ("<pre>code\n  indented\n\nblank</pre>", "<pre>code\n  indented\n\nblank</pre>\n"),
    ('<pre class="x">one</pre>\n\n<pre>two</pre>', '<pre class="x">one</pre>\n<pre>two</pre>\n'),
    ("a<br><br>b", "<p>a</p>\n<p>b</p>\n"),
    ("a<br />\n<br />b", "<p>a</p>\n<p>b</p>\n"),
    ("a<br>b", "<p>a<br />b</p>\n"),
    ("a<br/>\nb", "<p>a<br />\nb</p>\n"),
    ("<hr>Text", "<hr>\n<p>Text</p>\n"),
    ("Text<hr />More", "<p>Text</p>\n<hr />\n<p>More</p>\n"),
    ("<p>Already</p>", "<p>Already</p>\n"),
    ("<p>One</p>\n<p>Two</p>", "<p>One</p>\n<p>Two</p>\n"),
    ("<!-- a comment -->\nText", "<p><!-- a comment --><br />\nText</p>\n"),
    ("<!-- a\nb -->\nText", "<p><!-- a\nb --><br />\nText</p>\n"),
    (
        'Text <a href="x"\ntitle="t">link</a> end',
        '<p>Text <a href="x"\ntitle="t">link</a> end</p>\n',
    ),
    ('<img src="a.jpg"\nalt="x" />', '<p><img src="a.jpg"\nalt="x" /></p>\n'),
    ("<script>var a = 1;\nvar b = 2;</script>", "<p><script>var a = 1;\nvar b = 2;</script></p>\n"),
    (
        "Text\n<script>\nx();\n</script>\nMore",
        "<p>Text<br />\n<script>\nx();\n</script><br />\nMore</p>\n",
    ),
    ("<style>\np { color: red; }\n</style>", "<style>\np { color: red; }\n</style>\n"),
    ('<svg>\n<path d="M0"/>\n</svg>', '<p><svg>\n<path d="M0"/>\n</svg></p>\n'),
    (
        "<select>\n<option>a</option>\n<option>b</option>\n</select>",
        "<p><select><option>a</option><option>b</option></select></p>\n",
    ),
    (
        '<object>\n<param name="a" value="b" />\n<embed src="x" />\n</object>',
        '<p><object><param name="a" value="b" /><embed src="x" /></object></p>\n',
    ),
    (
        '<video controls>\n<source src="a.mp4" />\n<track src="a.vtt" />\n</video>',
        '<p><video controls><source src="a.mp4" /><track src="a.vtt" /></video></p>\n',
    ),
    ('[video]\n<source src="a.mp4" />\n[/video]', '<p>[video]<source src="a.mp4" />[/video]</p>\n'),
    (
        '<figure><img src="a" />\n<figcaption>Cap</figcaption>\n</figure>',
        '<figure><img src="a" /><figcaption>Cap</figcaption></figure>\n',
    ),
    ("<div>Unclosed paragraph</div>", "<div>Unclosed paragraph</div>\n"),
    ("Intro\n<div>inner\ntext</div>", "<p>Intro</p>\n<div>inner<br />\ntext</div>\n"),
    ("<form>Text</form>", "<form>Text</form>\n"),
    ("<address>Street</address>", "<address>Street</address>\n"),
    ("<section>\n<p>In</p>\n</section>", "<section>\n<p>In</p>\n</section>\n"),
    (
        "<details><summary>S</summary>Body</details>",
        "<details>\n<summary>S</summary>\n<p>Body</details>\n",
    ),
    ("<dl>\n<dt>T</dt>\n<dd>D</dd>\n</dl>", "<dl>\n<dt>T</dt>\n<dd>D</dd>\n</dl>\n"),
    (
        "Para with <em>inline</em> and <strong>strong</strong>",
        "<p>Para with <em>inline</em> and <strong>strong</strong></p>\n",
    ),
    (
        "<span>inline</span>\n\n<span>again</span>",
        "<p><span>inline</span></p>\n<p><span>again</span></p>\n",
    ),
    ("Text\n\n<ul><li>a</li></ul>\n\nMore", "<p>Text</p>\n<ul>\n<li>a</li>\n</ul>\n<p>More</p>\n"),
    ("First\nSecond\nThird", "<p>First<br />\nSecond<br />\nThird</p>\n"),
    ("Trailing newline\n", "<p>Trailing newline</p>\n"),
    ("\n\nLeading newlines", "<p>Leading newlines</p>\n"),
    ("<li>loose item</li>", "<li>loose item</li>\n"),
    ("<blockquote><p>Inner</p></blockquote>", "<blockquote>\n<p>Inner</p>\n</blockquote>\n"),
    ("Text\n<!--more-->\nMore", "<p>Text<br />\n<!--more--><br />\nMore</p>\n"),
    ('[gallery ids="1,2"]\n\nText', '<p>[gallery ids="1,2"]</p>\n<p>Text</p>\n'),
    (
        '<div class="a">\n<div class="b">x</div>\n</div>',
        '<div class="a">\n<div class="b">x</div>\n</div>\n',
    ),
    ("Tab\tseparated\nline", "<p>Tab\tseparated<br />\nline</p>\n"),
    ("<math>\n<mi>x</mi>\n</math>", "<p><math>\n<mi>x</mi>\n</math></p>\n"),
    ("<textarea>a\nb</textarea>", "<p><textarea>a\nb</textarea></p>\n"),
    ("<h3>Title</h3>Text right after", "<h3>Title</h3>\n<p>Text right after</p>\n"),
    ("<td>cell\ntext</td>", "<td>cell<br />\ntext</td>\n"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_wpautop(text: str, expected: str) -> None:
    assert wpautop(text) == expected


def test_enough_cases() -> None:
    assert len(CASES) >= 60


def test_without_br_single_newlines_stay() -> None:
    assert wpautop("Line one\nLine two", br=False) == "<p>Line one\nLine two</p>\n"


def test_idempotent_on_its_own_output_for_plain_paragraphs() -> None:
    once = wpautop("One\n\nTwo")
    assert wpautop(once) == once


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\t", "<br />", "\r", "b c"]), max_size=30))
def test_break_lines_equals_the_regex(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert break_lines(text) == _BARE_NEWLINE.sub("<br />\n", text)


_POSSESSIVE = {
    name: getattr(autop, name)
    for name in (
        "_UNCLOSED_IN_CONTAINER",
        "_P_AROUND_BLOCK",
        "_P_BEFORE_BLOCK",
        "_P_CLOSE_AFTER_BLOCK",
        "_BR_AFTER_BLOCK",
        "_BR_BEFORE_BLOCK",
    )
}
_PIECES = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    '<div class="a">',
    "</form>",
    "<br />",
    "<li>x",
    "</li>",
    "<hr>",
    "<h2>",
    "</h2>",
    "<pre>",
    " ",
    "\n",
    "\t",
    "word",
    "<",
    ">",
    "/",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_possessive_patterns_match_what_backtracking_ones_did(pieces: list[str]) -> None:
    text = "".join(pieces)
    for name, pattern in _POSSESSIVE.items():
        backtracking = re.compile(pattern.pattern.replace("*+", "*").replace("++", "+"))
        assert pattern.sub(r"[\1]", text) == backtracking.sub(r"[\1]", text), name
