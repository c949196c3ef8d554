"""Block comments: the tree, void and namespaced blocks, attributes, and rendering."""

from __future__ import annotations

import pytest

from wxrkit.clean import Block, has_blocks, parse_blocks, render_blocks

PARAGRAPH = "<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->"


def test_paragraph() -> None:
    (block,) = parse_blocks(PARAGRAPH)
    assert block.name == "core/paragraph"
    assert block.inner_html == "\n<p>Hello</p>\n"
    assert render_blocks([block]) == "\n<p>Hello</p>\n"


def test_attributes_and_void_blocks() -> None:
    blocks = parse_blocks('<!-- wp:image {"id":12,"sizeSlug":"large"} /--><!-- wp:spacer /-->')
    assert [(b.name, dict(b.attributes)) for b in blocks] == [
        ("core/image", {"id": 12, "sizeSlug": "large"}),
        ("core/spacer", {}),
    ]


def test_namespaced_names() -> None:
    (block,) = parse_blocks(
        '<!-- wp:jetpack/slideshow {"ids":[1]} -->x<!-- /wp:jetpack/slideshow -->'
    )
    assert block.name == "jetpack/slideshow" and dict(block.attributes) == {"ids": [1]}


def test_nesting_and_freeform() -> None:
    text = (
        "intro"
        "<!-- wp:columns --><div><!-- wp:column --><p>a</p><!-- /wp:column -->"
        "<!-- wp:column --><p>b</p><!-- /wp:column --></div><!-- /wp:columns -->"
        "outro"
    )
    blocks = parse_blocks(text)
    assert [b.name for b in blocks] == [None, "core/columns", None]
    columns = blocks[1]
    assert [b.name for b in columns.inner_blocks] == ["core/column", "core/column"]
    assert render_blocks(blocks) == "intro<div><p>a</p><p>b</p></div>outro"


def test_code_language_from_attributes() -> None:
    text = '<!-- wp:code {"language":"Python"} --><pre class="wp-block-code"><code>x = 1</code></pre><!-- /wp:code -->'
    assert (
        render_blocks(parse_blocks(text))
        == '<pre class="wp-block-code"><code class="language-python">x = 1</code></pre>'
    )


def test_embed_url_becomes_a_link() -> None:
    text = (
        '<!-- wp:embed {"url":"https://youtu.be/x","providerNameSlug":"youtube"} -->'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://youtu.be/x\n</div></figure>'
        "<!-- /wp:embed -->"
    )
    html = render_blocks(parse_blocks(text))
    assert '<a href="https://youtu.be/x">https://youtu.be/x</a>' in html


def test_reusable_blocks_resolved_or_kept() -> None:
    text = '<!-- wp:block {"ref":7} /-->'
    assert render_blocks(parse_blocks(text), {7: PARAGRAPH}) == "\n<p>Hello</p>\n"
    assert render_blocks(parse_blocks(text)) == '<!-- wp:block {"ref": 7} /-->'


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("<!-- wp:paragraph --><p>unclosed</p>", "<p>unclosed</p>"),
        ("<p>x</p><!-- /wp:paragraph -->", "<p>x</p><!-- /wp:paragraph -->"),
        ("<!-- wp:image {not json} /-->", ""),
        (
            "<!-- wp:Paragraph --><p>x</p><!-- /wp:Paragraph -->",
            "<!-- wp:Paragraph --><p>x</p><!-- /wp:Paragraph -->",
        ),
        ("<!-- not a block --><p>x</p>", "<!-- not a block --><p>x</p>"),
    ],
)
def test_malformed(text: str, rendered: str) -> None:
    assert render_blocks(parse_blocks(text)) == rendered


def test_invalid_json_attributes_are_empty() -> None:
    (block,) = parse_blocks('<!-- wp:image {"id": } /-->')
    assert block.name == "core/image" and dict(block.attributes) == {}


def test_deep_nesting_is_bounded() -> None:
    text = "<!-- wp:group -->" * 5000 + "deep" + "<!-- /wp:group -->" * 5000
    assert "deep" in render_blocks(parse_blocks(text))


def test_has_blocks() -> None:
    assert has_blocks(PARAGRAPH) and not has_blocks("<p>classic</p>")
    assert Block(None, inner=("x",)).inner_html == "x"
