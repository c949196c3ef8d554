"""The PHP unserializer: WordPress's values, malformed ones, hostile ones, and round trips."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wxrkit import PhpObject, PhpSerializeError, unserialize
from wxrkit.php import PhpValue, looks_serialized


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("N;", None),
        ("b:1;", True),
        ("b:0;", False),
        ("i:42;", 42),
        ("i:-7;", -7),
        ("d:0.5;", 0.5),
        ("d:1.0E+25;", 1e25),
        ('s:0:"";', ""),
        ('s:5:"hello";', "hello"),
        ('s:6:"héllo";', "héllo"),  # PHP counts bytes: é is two
        ('s:4:"a"b;";', 'a"b;'),  # quotes and semicolons inside a string
        ("a:0:{}", {}),
        ('a:2:{i:0;s:1:"a";i:1;s:1:"b";}', {0: "a", 1: "b"}),
        ('a:1:{s:5:"sizes";a:1:{s:6:"medium";i:300;}}', {"sizes": {"medium": 300}}),
        ("  a:1:{i:0;b:1;}  ", {0: True}),
    ],
)
def test_values(raw: str, value: PhpValue) -> None:
    assert looks_serialized(raw)
    assert unserialize(raw) == value


def test_objects_are_data_never_instances() -> None:
    value = unserialize('O:8:"stdClass":1:{s:4:"name";s:3:"Ada";}')
    assert isinstance(value, PhpObject)
    assert value.class_name == "stdClass"
    assert dict(value.properties) == {"name": "Ada"}


def test_arrays_are_read_only() -> None:
    value = unserialize("a:1:{i:0;i:1;}")
    assert isinstance(value, Mapping)
    with pytest.raises(TypeError):
        value[0] = 2  # type: ignore[index]


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ('s:10:"short";', "exceeds the input"),
        ('s:3:"toolong";', "not 3 bytes"),
        ('s:1:"é";', "not 1 bytes long"),  # é is two bytes
        ("a:2147483648:{}", "exceeds the input"),
        ('s:2147483648:"x";', "exceeds the input"),
        ("a:1:{i:0;", "unknown type"),
        ("i:12x;", "invalid integer"),
        ("b:2;", "invalid boolean"),
        ("d:abc;", "invalid float"),
        ("a:1:{a:0:{}i:1;}", "array key"),
        ("x:1;", "unknown type"),
        ("i:1;junk", "trailing data"),
        ("a:1:{" * 10_000 + "i:0;i:0;" + "}" * 10_000, "nested deeper than 64"),
    ],
)
def test_malformed_and_hostile(raw: str, says: str) -> None:
    with pytest.raises(PhpSerializeError, match=says):
        unserialize(raw)


@pytest.mark.parametrize("raw", ["hello", "", "12", "a:1", "{}", "s:3:abc"])
def test_plain_strings_are_not_serialized(raw: str) -> None:
    assert not looks_serialized(raw)


# -- round trips through a serializer written from PHP's documented format ----------------


def php_serialize(value: object) -> str:
    if value is None:
        return "N;"
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, float):
        return f"d:{value!r};"
    if isinstance(value, str):
        return f's:{len(value.encode())}:"{value}";'
    assert isinstance(value, dict)
    body = "".join(php_serialize(key) + php_serialize(item) for key, item in value.items())
    return f"a:{len(value)}:{{{body}}}"


def plain(value: object) -> object:
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    return value


php_integers = st.integers(min_value=-(2**63), max_value=2**63 - 1)  # 64-bit in PHP
scalars = (
    st.none()
    | st.booleans()
    | php_integers
    | st.text()
    | st.floats(allow_nan=False, allow_infinity=False)
)
values = st.recursive(
    scalars,
    lambda children: st.dictionaries(php_integers | st.text(), children, max_size=5),
    max_leaves=30,
)


@given(values)
def test_round_trip(value: object) -> None:
    assert plain(unserialize(php_serialize(value))) == value


@settings(max_examples=300)
@given(st.text(alphabet='aNsibdO:;{}"0123456789-.é', max_size=60))
def test_garbage_raises_only_php_serialize_error(raw: str) -> None:
    with contextlib.suppress(PhpSerializeError):
        unserialize(raw)


@pytest.mark.parametrize(
    "raw", ["i:" + "9" * 5000 + ";", "a:" + "1" * 5000 + ":{}", 's:99999999999999999999:"x";']
)
def test_more_digits_than_a_64_bit_integer_is_a_serialize_error(raw: str) -> None:
    # Python refuses int() of more than 4,300 digits with a plain ValueError
    with pytest.raises(PhpSerializeError, match="more than 19 digits"):
        unserialize(raw)
