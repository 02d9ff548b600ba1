"""One shared copy of the values a parse repeats in every article."""

from __future__ import annotations


class Interner:
    """One copy of each repeated value of a parse: `本报讯`, `——`, `('王孟鹤',)`, a section.

    An issue repeats its datelines, reporters and markers in every article; keeping one
    copy of each holds a 20 MB issue's parse under four times its size.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}

    def text(self, value: str) -> str:
        return self._texts.setdefault(value, value)

    def maybe(self, value: str | None) -> str | None:
        return None if value is None else self._texts.setdefault(value, value)

    def names(self, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            return value
        found = self._names.get(value)
        if found is None:  # `setdefault` would build the tuple again for every article
            found = self._names[value] = tuple(self.text(name) for name in value)
        return found
