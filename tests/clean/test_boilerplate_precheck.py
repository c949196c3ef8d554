"""The boilerplate step's quick look never says no where the rules would find something.

The reference is the look as it was first written (a loop over every class attribute and
every short text between tags, each tested by the rules); the quick look must say yes
wherever the reference does, on the rules' own names and lines in any markup around them.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from wxrkit.clean.boilerplate import _might_hold_boilerplate, is_boilerplate_line
from wxrkit.clean.boilerplate_rules import (
    BOILERPLATE_CLASSES,
    BOILERPLATE_IDS,
    BOILERPLATE_LINES,
)

_CLASS_OR_ID = re.compile(r"""\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SHORT_TEXT = re.compile(r">([^<>]{1,200})<")


def reference(content: str) -> bool:
    for match in _CLASS_OR_ID.finditer(content):
        names = (match.group(1) or match.group(2) or "").split()
        if (BOILERPLATE_CLASSES | BOILERPLATE_IDS).intersection(names):
            return True
    return any(
        is_boilerplate_line(match.group(1))
        for match in _SHORT_TEXT.finditer(content)
        if not match.group(1).isspace()
    )


NAMES = st.sampled_from(sorted(BOILERPLATE_CLASSES | BOILERPLATE_IDS))
LINES = st.sampled_from(sorted(BOILERPLATE_LINES))
SPACE = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", ""])
WORDS = st.sampled_from(["x", "post", "share", "entry-content", "wp-block"])
PIECES = st.one_of(
    st.builds(
        lambda attr, quote, before, name, after: (
            f"<div {attr}={quote}{before} {name} {after}{quote}>t</div>"
        ),
        st.sampled_from(["class", "id", "CLASS", "data-x"]),
        st.sampled_from(['"', "'"]),
        WORDS,
        NAMES,
        WORDS,
    ),
    st.builds(
        lambda lead, line, trail, space: f"<p>{lead}{line.replace(' ', space or ' ')}{trail}</p>",
        SPACE,
        LINES,
        SPACE,
        SPACE,
    ),
    st.builds(
        lambda line: f"<p>Before. {line} After.</p>", LINES
    ),  # running text: not a line of its own
    st.text(alphabet="<>p/ abc\"'=", max_size=20),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=6).map("".join))
def test_the_quick_look_says_yes_wherever_the_rules_would(content: str) -> None:
    if reference(content):
        assert _might_hold_boilerplate(content)


def test_the_quick_look_says_no_to_ordinary_content() -> None:
    content = '<p class="intro">Share this idea with friends.</p><p>Related work</p>'
    assert not reference(content)
    assert not _might_hold_boilerplate(content)


def test_the_quick_look_finds_a_name_among_classes_and_a_spaced_line() -> None:
    assert _might_hold_boilerplate("<div class='a sharedaddy b'>x</div>")
    assert _might_hold_boilerplate("<h3>\n Share\u00a0this: </h3>")
