"""Fast positional constructors for the frozen record classes (reader hot path only).

A frozen attrs class sets each field through ``object.__setattr__`` (about 110 ns a
field); a large push builds some 100,000 fields. The constructor made here sets the slots
through their descriptors directly, as :class:`paxdata.edifact.Segment` does, which is
about twice as fast. It is only made for slotted classes without validators, converters,
factories or ``__attrs_post_init__``, so the objects are exactly those ``cls(...)`` would
build (checked by the tests); for any other class the class itself is returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs

__all__ = ["fast_constructor"]

T = TypeVar("T")


def fast_constructor(cls: type[T]) -> Callable[..., T]:
    """A function taking every field of ``cls`` positionally, in declaration order, and
    returning the instance ``cls(*args)`` would (no defaults: pass every field)."""
    if not attrs.has(cls) or "__slots__" not in cls.__dict__ \
            or hasattr(cls, "__attrs_post_init__"):
        return cast(Callable[..., T], cls)
    fields = attrs.fields(cast(Any, cls))
    if any(f.validator is not None or f.converter is not None
           or isinstance(f.default, attrs.Factory) for f in fields):  # type: ignore[arg-type]
        return cast(Callable[..., T], cls)
    names = [f.name for f in fields]
    setters = {f"_set_{name}": getattr(cls, name).__set__ for name in names}
    params = ", ".join(names)
    body = "".join(f"    _set_{name}(self, {name})\n" for name in names)
    source = (f"def new_{cls.__name__}({params}):\n"
              "    self = _new(_cls)\n" + body + "    return self\n")
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(source, namespace)  # generated from the class's own field names
    return cast(Callable[..., T], namespace[f"new_{cls.__name__}"])
