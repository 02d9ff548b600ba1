"""The `paperfeed` command: a click group whose commands live in the modules beside this one
(`files`: parse, ingest, reingest; `operator`: status, sources, issues, failures, feeds;
`services`: run, serve, db). `common` holds what they share."""

from __future__ import annotations

from collections.abc import Sequence

import click

from worker.cli import files, operator, services
from worker.cli.common import CONTEXT, EXIT_CODES, show_version


@click.group(
    "paperfeed",
    context_settings=CONTEXT,
    epilog="Settings come from the environment; see README.md.\n\n"
    "\b\nexamples:\n  PAPERFEED_HOME=/srv/paperfeed paperfeed run\n  paperfeed --version\n\n"
    + EXIT_CODES,
)
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=show_version,
    help="Print paperfeed's version and exit.",
)  # fmt: skip
def paperfeed() -> None:
    """Turn newspaper issue text into stored articles and RSS/Atom feeds."""


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
