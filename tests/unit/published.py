"""The demo issue and the shared sample, ingested and published into a temporary home: the
public folder that the tests of published output read (a plain module, not a test file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SAMPLE
from worker import attempts, intake, publishing
from worker.db import dispose_engines, upgrade
from worker.settings import load_settings
from worker.sources import default_source

# Under a path, so every URL is checked for being joined under it rather than at the host.
BASE_URL = "https://feeds.example.org/paper"
# Three entries a document: the two issues fill archive pages, which are checked too.
FEED_SIZE = "3"


def publish_samples(home: Path) -> Path:
    """Ingest ``examples/*.txt`` and the shared sample at ``home``, publish; the public
    folder. Skips the test when ../shared is not beside the repository."""
    if not SAMPLE.exists():
        pytest.skip(f"shared sample not found at {SAMPLE}")
    settings = load_settings(
        {
            "PAPERFEED_HOME": str(home),
            "PAPERFEED_STABLE_SECONDS": "0",
            "PAPERFEED_BASE_URL": BASE_URL,
            "PAPERFEED_FEED_SIZE": FEED_SIZE,
        }
    )
    settings.ensure_dirs()
    upgrade(settings.database_url)
    for issue in [*sorted(EXAMPLES.glob("*.txt")), SAMPLE]:
        (settings.drop_dir / issue.name).write_bytes(issue.read_bytes())
    sources = [default_source(settings)]
    ids: list[int] = []
    intake.scan(settings, sources, ids.append, force=True)
    for input_id in ids:
        attempts.ingest_input(settings, input_id, sources)
    publishing.publish_dirty(settings)
    dispose_engines()
    return settings.public_dir


def public_path(public: Path, url: str) -> Path:
    """The published file a public URL names: ``{BASE_URL}/feeds/all.atom`` → its file;
    the site's root → ``index.html``."""
    assert url.startswith(f"{BASE_URL}/"), f"{url} is not under {BASE_URL}/"
    relative = url.removeprefix(f"{BASE_URL}/")
    return public / (relative or "index.html")
