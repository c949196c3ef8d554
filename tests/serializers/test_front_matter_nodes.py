"""The front matter is dumped from nodes made by wxrkit, not by PyYAML's representer: the
YAML must be what ``yaml.dump`` writes for the same fields, for every shape front matter
takes, and must read back as the fields."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wxrkit.serializers import to_markdown

_SCALARS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "yes", "null", "2020-01-02", "1.5", "- item", "a: b", "#x", "|", "é\n"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
)
_FIELDS = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def _by_pyyaml(fields: dict[str, Any]) -> str:
    body = yaml.dump(
        fields,
        Dumper=to_markdown._Dumper,  # the dumper the nodes are emitted by
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1 << 30,
    )
    return f"---\n{body}---\n"


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=12), _FIELDS, max_size=8))
def test_front_matter_is_what_pyyaml_dumps(fields: dict[str, Any]) -> None:
    dumped = to_markdown.dump_front_matter(fields)
    assert dumped == _by_pyyaml(fields)
    assert yaml.safe_load(dumped.removeprefix("---\n").removesuffix("---\n")) == fields
