"""Every published JSON Feed document (current and archive pages) against a JSON Feed 1.1
schema (tests/fixtures/jsonfeed-1.1.schema.json), over the demo issue and the shared sample."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import ROOT
from tests.unit.published import publish_samples

SCHEMA = json.loads((ROOT / "tests/fixtures/jsonfeed-1.1.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def _problems(document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in VALIDATOR.iter_errors(document)
    ]


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_samples(tmp_path_factory.mktemp("published") / "home")


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_every_published_json_feed_matches_the_schema(public: Path) -> None:
    documents = sorted((public / "feeds").rglob("*.json"))
    archives = [path for path in documents if "archive" in path.parts]
    assert len(documents) > 20 and archives, "the samples should fill feeds and archive pages"
    problems = {
        str(path.relative_to(public)): found
        for path in documents
        if (found := _problems(json.loads(path.read_text("utf-8"))))
    }
    assert problems == {}


# (what is changed in a good document, a part of the error it must give), by name.
BREAKAGES = {
    "no version": (lambda d: d.pop("version"), "'version' is a required property"),
    "version 1.0": (lambda d: d.update(version="https://jsonfeed.org/version/1"), "expected"),
    "unknown key": (lambda d: d.update(home_page=d["home_page_url"]), "'home_page' does not"),
    "item without id": (lambda d: d["items"][0].pop("id"), "'id' is a required property"),
    "numeric id": (lambda d: d["items"][0].update(id=7), "7 is not of type 'string'"),
    "no content": (lambda d: d["items"][0].pop("content_html"), "not valid under any"),
    "date not RFC 3339": (
        lambda d: d["items"][0].update(date_published="2026-11-20 06:00"),
        "does not match",
    ),
    "relative url": (lambda d: d["items"][0].update(url="/a.html"), "does not match"),
    "empty author": (lambda d: d["items"][0]["authors"].append({}), "not valid under any"),
    "tags not a list": (lambda d: d["items"][0].update(tags="要闻"), "is not of type 'array'"),
    "extension not _letter": (lambda d: d["items"][0].update(_1x={}), "'_1x' does not"),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_the_schema_refuses_what_the_specification_forbids(public: Path, name: str) -> None:
    change, expected = BREAKAGES[name]
    document = json.loads((public / "feeds/all.json").read_text("utf-8"))
    assert _problems(document) == []
    change(document)
    assert any(expected in problem for problem in _problems(document)), _problems(document)
