"""A problem that needs a person, as a stable code and its parameters, said in English or
Chinese by the catalogue of `worker.problem_texts`.

A `Problem` is its English sentence (a `str`), so `paperfeed status`, /healthz, logs and
readers of `status --json` that match words keep working; `/status` renders the same code
in the page's language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any


class Problem(str):
    """An English sentence with the `code` and `params` it was made from.

    >>> p = Problem.of("source_quiet", source="weidong", expect_by="07:00")
    >>> p.code, p.text("zh-CN")[:24]
    ('source_quiet', '来源 weidong 今天的报纸还没到（应在 07:00 前')
    >>> str(p)[:32]
    "source weidong has gone quiet: t"
    """

    code: str
    params: tuple[tuple[str, Any], ...]

    @classmethod
    def of(cls, code: str, /, **params: Any) -> Problem:
        """The problem `code` with `params`, its English text rendered now."""
        made = super().__new__(cls, render(code, params, "en"))
        made.code = code
        made.params = tuple(params.items())
        return made

    def text(self, lang: str) -> str:
        """The sentence in `lang` ("zh-CN" or "en"; anything else: English)."""
        return render(self.code, dict(self.params), lang)

    def to_json(self) -> dict[str, Any]:
        """{"code", "message", "params"} for `status --json`: the code is stable across
        versions, the message may be reworded."""
        params = {k: _said(v, "en") for k, v in self.params}
        return {"code": self.code, "message": str(self), "params": params}

    # dataclasses.asdict deep-copies its fields: keep the code through the copy.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.code, self.params))

    def __deepcopy__(self, memo: dict[int, Any]) -> Problem:
        return self


def _rebuild(code: str, params: tuple[tuple[str, Any], ...]) -> Problem:
    return Problem.of(code, **dict(params))


class _Formatter(string.Formatter):
    """str.format, plus `{count:p/input/inputs}`: "1 input", "2 inputs"."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("p/"):
            _, one, many = format_spec.split("/")
            return f"{value} {one if value == 1 else many}"
        return str(super().format_field(value, format_spec))


_FORMAT = _Formatter()


def render(code: str, params: Mapping[str, Any], lang: str) -> str:
    """The sentence of `code` in `lang`; a parameter that is itself a Problem (a clause such
    as where a folder is configured) is said in the same language. An unknown code in a
    catalogue falls back to English, then to the code and its parameters."""
    from worker.problem_texts import TEXTS

    template = TEXTS.get(lang, {}).get(code) or TEXTS["en"].get(code)
    values = {k: _said(v, lang) for k, v in params.items()}
    if template is None:
        return f"{code} " + ", ".join(f"{k}={v}" for k, v in values.items())
    return _FORMAT.format(template, **values)


def _said(value: Any, lang: str) -> Any:
    """A parameter as the sentence shows it: a Problem in `lang`, a tuple of them listed."""
    if isinstance(value, Problem):
        return value.text(lang)
    if isinstance(value, tuple):
        return ("、" if lang == "zh-CN" else ", ").join(str(_said(v, lang)) for v in value)
    return value
