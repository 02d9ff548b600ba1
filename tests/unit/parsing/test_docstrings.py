"""The examples in the parser's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import worker.parsing

MODULES = [m.name for m in pkgutil.iter_modules(worker.parsing.__path__, "worker.parsing.")]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
