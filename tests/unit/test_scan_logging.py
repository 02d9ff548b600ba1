"""A scan that found nothing is logged at DEBUG, one that found files at INFO."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.unit.test_ingest import ISSUE
from worker import intake
from worker.db import upgrade
from worker.settings import load_settings
from worker.sources import load_sources


def _scan_levels(caplog: pytest.LogCaptureFixture) -> list[int]:
    return [r.levelno for r in caplog.records if r.getMessage().startswith("event=scan ")]


def test_an_empty_scan_is_debug_and_a_scan_that_found_a_file_is_info(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings({"PAPERFEED_HOME": str(tmp_path), "PAPERFEED_STABLE_SECONDS": "0"})
    settings.ensure_dirs()
    upgrade(settings.database_url)
    sources = load_sources(settings)
    with caplog.at_level(logging.DEBUG, logger="paperfeed"):
        intake.scan(settings, sources, lambda _id: None, force=True)
        assert _scan_levels(caplog) == [logging.DEBUG]
        (settings.drop_dir / "2026-11-20.txt").write_bytes(ISSUE)
        intake.scan(settings, sources, lambda _id: None, force=True)
    assert _scan_levels(caplog) == [logging.DEBUG, logging.INFO]
    assert "new=1" in caplog.records[-1].getMessage()
