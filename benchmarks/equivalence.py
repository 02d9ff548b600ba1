"""The bulk loader against the ingest path: the same small archive loaded both ways must
publish the same files, byte for byte."""

from __future__ import annotations

import filecmp
import tempfile
from pathlib import Path

from sqlalchemy import update

from benchmarks import synth
from benchmarks.bulk import archive_days, count_articles, issue_bytes, load_archive, templates
from benchmarks.common import postgres_database
from worker import attempts, publishing
from worker.db import session_scope, upgrade
from worker.models import Article
from worker.settings import load_settings
from worker.sources import default_source


def check_equivalence(issues: int = 24, template_count: int = 7) -> tuple[bool, str]:
    """Load the same small archive with `load_archive` and through `worker.attempts.ingest_path`
    into two PostgreSQL databases, publish every feed of both, and compare the files byte
    for byte. `updated` is the time of the ingest, so both are set to the issue date first.
    Returns (identical, a one-line account)."""
    chosen = templates(template_count, synth.DAILY)
    plan = [(day, chosen[n % len(chosen)]) for n, day in enumerate(archive_days(issues))]
    with (
        postgres_database("equivalence") as bulk_url,
        postgres_database("equivalence") as ingest_url,
        tempfile.TemporaryDirectory(prefix="pf-equiv-") as tmp,
    ):
        publics = []
        for name, url in (("bulk", bulk_url), ("ingest", ingest_url)):
            home = Path(tmp) / name
            settings = load_settings({"PAPERFEED_HOME": str(home), "DATABASE_URL": url})
            settings.ensure_dirs()
            source = default_source(settings)
            if name == "bulk":
                load_archive(url, plan, source=source)
            else:
                upgrade(url)
                for day, template in plan:
                    path = home / f"{day.isoformat()}.txt"
                    path.write_bytes(issue_bytes(template, day))
                    attempts.ingest_path(settings, path, source)
            with session_scope(url) as session:
                session.execute(update(Article).values(updated_at=Article.published_at))
            publishing.publish_feeds(settings, ["*"])
            publics.append(settings.public_dir)
        files = sorted(p.relative_to(publics[0]) for p in publics[0].rglob("*") if p.is_file())
        other = sorted(p.relative_to(publics[1]) for p in publics[1].rglob("*") if p.is_file())
        if files != other:
            return False, f"file lists differ: {len(files)} bulk, {len(other)} ingest"
        _, mismatch, errors = filecmp.cmpfiles(publics[0], publics[1], [str(f) for f in files],
                                               shallow=False)  # fmt: skip
        if mismatch or errors:
            return (
                False,
                f"{len(mismatch) + len(errors)} of {len(files)} files differ: {mismatch[:3]}",
            )
        articles = count_articles(bulk_url)
        return (
            True,
            f"{issues} issues, {articles} articles: all {len(files)} published files identical",
        )
