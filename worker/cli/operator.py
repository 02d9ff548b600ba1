"""The operator's commands: `paperfeed status`, `sources`, `issues`, `failures` and `feeds`.
None of them migrates the database: each checks it is current first (`sources list` shows
the configuration even without one)."""

from __future__ import annotations

import click

from worker.cli.common import CONTEXT, exactly_one, examples, runs
from worker.settings import Settings


@click.command(
    "status",
    context_settings=CONTEXT,
    epilog=examples(
        "paperfeed status          # exit code 1 when something needs a person",
        "paperfeed status --json",
    ),
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@runs("own")  # checks the schema itself: a database that does not answer is a problem (1)
def status(settings: Settings, as_json: bool) -> int:
    """Show what arrived, what failed and why; exit 1 when a person must look."""
    from worker import operations

    return operations.status(settings, as_json=as_json)


@click.group(
    "sources",
    context_settings=CONTEXT,
    epilog=examples("paperfeed sources list", "paperfeed sources disable weidong"),
)
def sources() -> None:
    """List the sources, or switch one on or off for every worker."""


@sources.command("list", context_settings=CONTEXT, epilog=examples("paperfeed sources list"))
@runs("own")
def sources_list(settings: Settings) -> int:
    """Show every source, with the database's on/off switch; exit 1 when a drop folder
    cannot be scanned."""
    from worker import operations

    return operations.sources_list(settings)


@sources.command(
    "enable", context_settings=CONTEXT, epilog=examples("paperfeed sources enable weidong")
)
@click.argument("name")
@runs("read")
def sources_enable(settings: Settings, name: str) -> int:
    """Switch the source NAME on in the database, for every worker from its next scan."""
    from worker import operations

    return operations.sources_switch(name, True, settings)


@sources.command(
    "disable", context_settings=CONTEXT, epilog=examples("paperfeed sources disable weidong")
)
@click.argument("name")
@runs("read")
def sources_disable(settings: Settings, name: str) -> int:
    """Switch the source NAME off in the database, for every worker from its next scan."""
    from worker import operations

    return operations.sources_switch(name, False, settings)


@click.group(
    "issues",
    context_settings=CONTEXT,
    epilog=examples(
        "paperfeed issues list --source weidong --status failed --limit 20",
        "paperfeed issues show 42",
    ),
)
def issues() -> None:
    """List stored issues, or show one in detail."""


@issues.command(
    "list",
    context_settings=CONTEXT,
    epilog=examples("paperfeed issues list --source weidong --status failed --limit 20"),
)
@click.option("--source", help="Only this source.")
@click.option(
    "--status", type=click.Choice(["ingested", "failed", "superseded"]), help="Only this state."
)
@click.option("--limit", type=int, default=30, show_default=True, help="At most N issues.")
@runs("read")
def issues_list(settings: Settings, source: str | None, status: str | None, limit: int) -> int:
    """Newest issues first: one row per paper and day, with its pages."""
    from worker import operations

    return operations.issues_list(settings, source=source, status=status, limit=limit)


@issues.command(
    "show",
    context_settings=CONTEXT,
    epilog=examples("paperfeed issues show 42", "paperfeed issues show --file 57"),
)
@click.argument("number", metavar="ID", type=int)
@click.option(
    "--file", is_flag=True,
    help="Show one stored file (as `reingest` and the status page name them) and its issue.",
)  # fmt: skip
@runs("read")
def issues_show(settings: Settings, number: int, file: bool) -> int:
    """An issue's pages with the file each came from, its files and articles.

    ID is an issue id, as `paperfeed issues list` shows (with --file: a file id).
    """
    from worker import operations

    return operations.issues_show(settings, number, file=file)


@click.group(
    "failures",
    context_settings=CONTEXT,
    epilog=examples(
        "paperfeed failures list",
        "PAPERFEED_MAX_BYTES=40000000 paperfeed failures retry 7   # after raising the limit",
        "paperfeed failures dismiss --all",
    ),
)
def failures() -> None:
    """List failed inputs and tasks; retry a failed input, or dismiss a failure."""


@failures.command(
    "list", context_settings=CONTEXT, epilog=examples("paperfeed failures list --limit 20")
)
@click.option("--limit", type=int, default=50, show_default=True, help="At most N.")
@runs("read")
def failures_list(settings: Settings, limit: int) -> int:
    """Every failed input (id N) and task (id tN), newest first, dismissed too."""
    from worker import failures as failed

    return failed.print_list(settings, limit)


_IDS = click.argument("ids", nargs=-1, metavar="[ID]...")
_ALL = click.option("--all", "every", is_flag=True, help="Every failure not dismissed.")


@failures.command(
    "retry",
    context_settings=CONTEXT,
    epilog=examples(
        "PAPERFEED_MAX_BYTES=40000000 paperfeed failures retry 7   # after raising the limit",
        "paperfeed failures retry --all",
    ),
)
@_IDS
@_ALL
@exactly_one("ids", "every", message="failures retry takes failure ids or --all")
@runs("read")
def failures_retry(settings: Settings, ids: tuple[str, ...], every: bool) -> int:
    """Ingest failed inputs again from their files kept in failed/, here and now."""
    from worker import failures as failed

    return failed.retry_command(settings, ids, every)


@failures.command(
    "dismiss",
    context_settings=CONTEXT,
    epilog=examples("paperfeed failures dismiss 8 t3", "paperfeed failures dismiss --all"),
)
@_IDS
@_ALL
@exactly_one("ids", "every", message="failures dismiss takes failure ids or --all")
@runs("read")
def failures_dismiss(settings: Settings, ids: tuple[str, ...], every: bool) -> int:
    """Set failures aside: still listed, no longer counted by `status`."""
    from worker import failures as failed

    return failed.dismiss_command(settings, ids, every)


@click.group(
    "feeds",
    context_settings=CONTEXT,
    epilog=examples(
        "paperfeed feeds rebuild        # the feeds marked dirty",
        "paperfeed feeds rebuild --all  # every feed, e.g. after changing PAPERFEED_BASE_URL",
        "paperfeed feeds check          # exit 1 when a chain lacks or repeats an entry",
    ),
)
def feeds() -> None:
    """Rebuild feeds now (those marked dirty, or --all), or check what is published."""


@feeds.command(
    "rebuild",
    context_settings=CONTEXT,
    epilog=examples("paperfeed feeds rebuild", "paperfeed feeds rebuild --all"),
)
@click.option("--all", "every", is_flag=True, help="Rebuild every feed, not just dirty ones.")
@runs("read")
def feeds_rebuild(settings: Settings, every: bool) -> int:
    """Write the feeds marked dirty again now, or every feed."""
    from worker import operations

    return operations.feeds_rebuild(settings, every=every)


@feeds.command("check", context_settings=CONTEXT, epilog=examples("paperfeed feeds check"))
@runs("read")
def feeds_check(settings: Settings) -> int:
    """Compare every feed's current document and archive pages with the database; exit 1
    on any entry missing or repeated."""
    from worker import operations

    return operations.feeds_check(settings)
