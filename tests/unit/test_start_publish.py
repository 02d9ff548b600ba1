"""A start publishes every feed only when what the documents show changed: the first start,
a new base URL, a changed sources file, an emptied public folder. Otherwise it leaves the
published files alone (the worker publishes what is dirty), so a start does not grow with
the archive."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from worker import publishing, runner
from worker.attempts import ingest_path
from worker.publishing import output
from worker.settings import Settings
from worker.sources import load_sources

DEMO = Path(__file__).resolve().parents[2] / "examples"


def _published(settings: Settings) -> dict[str, int]:
    """Every published file and its modification time in nanoseconds."""
    root = settings.public_dir
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def _home(make_settings: Callable[..., Settings], **env: str) -> Settings:
    settings = make_settings(**env)
    runner.prepare(settings)
    source = load_sources(settings)[0]
    for demo in sorted(DEMO.glob("*.txt")):
        ingest_path(settings, demo, source)
    return settings


def test_a_second_start_rewrites_nothing(make_settings: Callable[..., Settings]) -> None:
    settings = _home(make_settings)
    publishing.publish_dirty(settings)  # the demo issue's documents, as the worker writes them
    assert output.is_current(settings)
    feed = settings.public_dir / "feeds" / "all.atom"
    marked = feed.read_bytes() + b"<!-- left by hand -->"
    feed.write_bytes(marked)  # a full publish would write the rendered bytes back
    before = _published(settings)
    runner.prepare(settings)
    assert _published(settings) == before and feed.read_bytes() == marked
    publishing.publish_feeds(settings, ["*"])  # what `feeds rebuild --all` does
    assert feed.read_bytes() != marked


def test_a_new_base_url_publishes_everything_again(
    make_settings: Callable[..., Settings],
) -> None:
    settings = _home(make_settings)
    runner.prepare(settings)
    moved = make_settings(PAPERFEED_BASE_URL="https://news.example.org/")
    assert not output.is_current(moved)
    runner.prepare(moved)
    index = (moved.public_dir / "index.html").read_text(encoding="utf-8")
    assert "https://news.example.org/" in index
    assert output.is_current(moved) and not output.is_current(settings)


def test_a_changed_sources_file_or_an_emptied_folder_publishes_again(
    make_settings: Callable[..., Settings],
) -> None:
    settings = _home(make_settings)
    runner.prepare(settings)
    settings.sources_file.write_text(
        f'[[source]]\nname = "drop"\nkind = "drop"\npath = "{settings.drop_dir}"\n'
        'publication = "河口日报"\n',
        encoding="utf-8",
    )
    assert not output.is_current(settings)
    runner.prepare(settings)
    assert output.is_current(settings)
    shutil.rmtree(settings.public_dir)
    assert not output.is_current(settings)
    runner.prepare(settings)
    assert (settings.public_dir / "index.html").is_file()
