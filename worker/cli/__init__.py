"""The `paperfeed` command: a click group whose commands live in the modules beside this one
(`files`: parse, ingest, reingest; `operator`: status, sources, issues, failures, feeds;
`services`: run, serve, db). `common` holds what they share."""

from __future__ import annotations

import os
from collections.abc import Sequence

import click

from worker.cli import files, operator, services
from worker.cli.common import CONTEXT, EXIT_CODES, show_version


@click.group(
    "paperfeed",
    context_settings=CONTEXT,
    epilog="Settings come from the environment; see README.md.\n\n"
    "\b\nexamples:\n  PAPERFEED_HOME=/srv/paperfeed paperfeed run\n  paperfeed --quiet run\n"
    "  paperfeed --version\n\n" + EXIT_CODES,
)
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=show_version,
    help="Print paperfeed's version and exit.",
)  # fmt: skip
@click.option(
    "-q", "--quiet", is_flag=True,
    help="Log warnings and errors only (PAPERFEED_LOG_LEVEL=WARNING).",
)  # fmt: skip
@click.option(
    "-v", "--verbose", is_flag=True,
    help="Log everything, the routine scans too (PAPERFEED_LOG_LEVEL=DEBUG).",
)  # fmt: skip
def paperfeed(quiet: bool, verbose: bool) -> None:
    """Turn newspaper issue text into stored articles and RSS/Atom feeds."""
    if quiet and verbose:
        raise click.UsageError("give --quiet or --verbose, not both")
    if quiet or verbose:
        # Through the environment: the settings every command loads, and the workers
        # `paperfeed run` starts, read it there.
        os.environ["PAPERFEED_LOG_LEVEL"] = "WARNING" if quiet else "DEBUG"


for _command in (
    files.parse, files.ingest, files.reingest,
    operator.status, operator.sources, operator.issues, operator.failures, operator.feeds,
    services.run, services.serve, services.db,
):  # fmt: skip
    paperfeed.add_command(_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line (the console script `paperfeed`); returns its exit code."""
    try:
        paperfeed.main(args=argv, prog_name="paperfeed")
    except SystemExit as exc:  # click ends every command this way, its code inside
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    return 0
