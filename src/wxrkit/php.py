"""A safe decoder for PHP's ``serialize()`` format, as WordPress stores meta values.

Nothing is instantiated: a serialized object becomes a :class:`PhpObject` holding its class name
and properties. Depth, element counts and string lengths are bounded, and the claimed lengths are
checked against the input, so hostile values (a length of 2**31, 10,000 levels of nesting) fail
fast with :class:`PhpSerializeError` instead of eating memory or the stack.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeAlias

from wxrkit.errors import WxrkitError

__all__ = [
    "PhpArray",
    "PhpObject",
    "PhpSerializeError",
    "PhpValue",
    "looks_serialized",
    "unserialize",
]

PhpValue: TypeAlias = "bool | int | float | str | PhpArray | PhpObject | None"
PhpArray: TypeAlias = "Mapping[int | str, PhpValue]"

MAX_DEPTH = 64
"""Deeper nesting than any WordPress value needs; deeper input is refused."""
MAX_DIGITS = 19
"""PHP integers are 64-bit: no integer nor length has more digits (and Python refuses to read
an integer of more than 4,300 digits with a ``ValueError`` of its own)."""


class PhpSerializeError(WxrkitError, ValueError):
    """The value is not valid PHP-serialized data (or exceeds the decoder's bounds)."""

    def __init__(self, message: str, position: int) -> None:
        self.position = position
        """Character offset in the serialized string where decoding failed."""
        super().__init__(f"{message} at offset {position}")


@dataclass(frozen=True, slots=True)
class PhpObject:
    """A serialized PHP object (``O:8:"stdClass":...``), kept as data, never instantiated."""

    class_name: str
    properties: PhpArray


# WordPress's is_serialized(): a type letter, a colon, and the right closing character.
_SERIALIZED_SHAPE = re.compile(r"(?:[aO]:\d+:.*[;}]|s:\d+:\".*\";|[bid]:[^;]*;|N;)\Z", re.DOTALL)
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|-?INF|NAN")


def looks_serialized(raw: str) -> bool:
    """Whether ``raw`` has the shape of a serialized value (WordPress's ``is_serialized``)."""
    stripped = raw.strip()
    return bool(stripped) and _SERIALIZED_SHAPE.match(stripped) is not None


def unserialize(raw: str) -> PhpValue:
    """Decode one PHP-serialized value; raise :class:`PhpSerializeError` if it is not one.

    PHP measures string lengths in bytes; the stored export is text, so lengths are checked
    against the UTF-8 encoding of the string, as PHP wrote them.
    """
    data = raw.strip().encode("utf-8")
    decoder = _Decoder(data)
    value = decoder.value(0)
    if decoder.pos != len(data):
        raise PhpSerializeError("trailing data after the value", decoder.pos)
    return value


class _Decoder:
    __slots__ = ("data", "pos")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def _expect(self, token: bytes) -> None:
        if not self.data.startswith(token, self.pos):
            raise PhpSerializeError(f"expected {token.decode()!r}", self.pos)
        self.pos += len(token)

    def _until(self, stop: bytes) -> bytes:
        end = self.data.find(stop, self.pos)
        if end < 0:
            raise PhpSerializeError(f"missing {stop.decode()!r}", self.pos)
        chunk = self.data[self.pos : end]
        self.pos = end + len(stop)
        return chunk

    def _length(self) -> int:
        start = self.pos
        digits = self._until(b":")
        if not digits.isdigit():
            raise PhpSerializeError("invalid length", start)
        if len(digits) > MAX_DIGITS:
            raise PhpSerializeError(f"length of more than {MAX_DIGITS} digits", start)
        length = int(digits)
        # No element of an array or byte of a string takes less than one byte of input.
        if length > len(self.data) - self.pos:
            raise PhpSerializeError(f"claimed length {length} exceeds the input", start)
        return length

    def _string(self) -> str:
        length = self._length()
        self._expect(b'"')
        start = self.pos
        chunk = self.data[start : start + length]
        if len(chunk) != length or not self.data.startswith(b'"', start + length):
            raise PhpSerializeError(f"string is not {length} bytes long", start)
        self.pos = start + length + 1
        try:
            return chunk.decode("utf-8")
        except UnicodeDecodeError as error:
            raise PhpSerializeError("string length splits a UTF-8 character", start) from error

    def _members(self, depth: int) -> dict[int | str, PhpValue]:
        count = self._length()
        self._expect(b"{")
        members: dict[int | str, PhpValue] = {}
        for _ in range(count):
            key_at = self.pos
            key = self.value(depth + 1)
            if not isinstance(key, (int, str)) or isinstance(key, bool):
                raise PhpSerializeError("array key must be an integer or a string", key_at)
            members[key] = self.value(depth + 1)
        self._expect(b"}")
        return members

    def value(self, depth: int) -> PhpValue:  # noqa: PLR0911 - one return per PHP type letter, as the format defines them
        if depth > MAX_DEPTH:
            raise PhpSerializeError(f"nested deeper than {MAX_DEPTH} levels", self.pos)
        start = self.pos
        kind = self.data[start : start + 2]
        self.pos += 2
        if kind == b"N;":
            return None
        if kind == b"s:":
            text = self._string()
            self._expect(b";")
            return text
        if kind == b"i:":
            digits = self._until(b";").decode("ascii", "backslashreplace")
            if not _INT.fullmatch(digits):
                raise PhpSerializeError("invalid integer", start)
            if len(digits.lstrip("+-")) > MAX_DIGITS:
                raise PhpSerializeError(
                    f"integer of more than {MAX_DIGITS} digits (PHP integers are 64-bit)", start
                )
            return int(digits)
        if kind == b"b:":
            flag = self._until(b";")
            if flag not in (b"0", b"1"):
                raise PhpSerializeError("invalid boolean", start)
            return flag == b"1"
        if kind == b"d:":
            digits = self._until(b";").decode("ascii", "backslashreplace")
            if not _FLOAT.fullmatch(digits):
                raise PhpSerializeError("invalid float", start)
            return float(digits.replace("INF", "inf").replace("NAN", "nan"))
        if kind == b"a:":
            return MappingProxyType(self._members(depth))
        if kind == b"O:":
            class_name = self._string()
            self._expect(b":")
            return PhpObject(class_name, MappingProxyType(self._members(depth)))
        raise PhpSerializeError(f"unknown type {kind.decode('ascii', 'backslashreplace')!r}", start)
