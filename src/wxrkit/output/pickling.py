"""Posts cross to ``convert``'s worker processes pickled as a tuple of their fields.

The dataclass default for frozen slotted classes restores each field by a Python-level
``object.__setattr__``, which made pickling the largest cost of sending posts to the workers;
the slots' own setters take half the time. Registered for multiprocessing's pickler only:
other pickles of the models keep the default.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from multiprocessing.reduction import ForkingPickler
from typing import Any

import wxrkit.models

__all__ = ["register_model_pickling"]

_MODELS = tuple(
    value
    for value in vars(wxrkit.models).values()
    if isinstance(value, type)
    and is_dataclass(value)
    and value.__module__ == wxrkit.models.__name__
    and value is not wxrkit.models.Meta
)
"""Every model but :class:`~wxrkit.models.Meta`, which pickles without its decoded cache."""
_SETTERS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}


def _rebuild(cls: type, values: tuple[Any, ...]) -> object:
    model: object = object.__new__(cls)
    for set_field, value in zip(_SETTERS[cls], values, strict=True):
        set_field(model, value)
    return model


_Reduced = tuple[Callable[..., Any], tuple[Any, ...]]


def _by_fields(cls: type) -> Callable[[Any], _Reduced]:
    names = tuple(f.name for f in fields(cls))
    _SETTERS[cls] = tuple(getattr(cls, name).__set__ for name in names)
    values = operator.attrgetter(*names)

    def reduce(model: Any) -> _Reduced:
        return (_rebuild, (cls, values(model)))

    return reduce


def register_model_pickling() -> None:
    """Pickle the models by their fields in every process multiprocessing starts from here
    (called when :mod:`wxrkit.output.workers` is imported, which spawned workers do too)."""
    for cls in _MODELS:
        if cls not in _SETTERS:
            ForkingPickler.register(cls, _by_fields(cls))
