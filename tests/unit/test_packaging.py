"""What pyproject.toml promises: every distribution the code imports is declared, and the
wheel carries what an installed paperfeed needs (its migrations, its licence)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
OWN = {"worker", "feeds", "migrations"}


def _name(requirement: str) -> str:
    """`celery[redis]>=5.5,<6` → `celery` (normalised as PEP 503 does)."""
    bare = re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", bare).lower()


def _imported_modules() -> dict[str, str]:
    """Top-level module → the first file importing it, over the shipped code."""
    found: dict[str, str] = {}
    for folder in ("worker", "feeds", "migrations"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.partition(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_imported_distribution_is_declared() -> None:
    declared = {_name(r) for r in PROJECT["dependencies"]}
    for extra in PROJECT["optional-dependencies"].values():
        declared |= {_name(r) for r in extra}
    owners = packages_distributions()
    missing = []
    for module, where in _imported_modules().items():
        if module in OWN or module in sys.stdlib_module_names or module == "__future__":
            continue
        distributions = {_name(d) for d in owners.get(module, [module])}
        if not distributions & declared:
            missing.append(f"{module} (imported by {where}; from {sorted(distributions)})")
    assert not missing, "imported but not declared in pyproject.toml: " + ", ".join(missing)


def test_optional_parts_are_extras_not_requirements() -> None:
    # S3 publishing and the Flower monitor are for some installs only: `make demo` and a
    # plain `pip install paperfeed` go without them.
    required = {_name(r) for r in PROJECT["dependencies"]}
    assert "boto3" not in required and "flower" not in required
    assert {_name(r) for r in PROJECT["optional-dependencies"]["s3"]} == {"boto3"}


def test_the_licence_file_exists_and_is_declared() -> None:
    assert "LICENSE" in PROJECT["license-files"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
