"""What every `paperfeed` command shares: its settings, loaded when it runs (never for
`--help`); how it treats the database schema; its exit code; examples in its `--help`."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, Concatenate, Literal, NoReturn, ParamSpec

import click

from worker.settings import ConfigError, Settings, load_settings

P = ParamSpec("P")

EXIT_CODES = (
    "exit codes: 0 done, 1 something needs a person, 2 usage or configuration "
    "(a wrong argument, setting or sources file)."
)

# `-h` as well as `--help`, as the command has always taken.
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# What a command does with the database schema:
# - "read": the schema must be current; it is checked first and never changed (no database:
#   exit 2; one behind the migrations: "run paperfeed db upgrade", exit 1);
# - "migrate": the command upgrades it itself (only `db upgrade`, `run`, `ingest`, `serve`);
# - "own": the command needs no database, or reads what it can (`parse`, `sources list`).
Schema = Literal["read", "migrate", "own"]


def examples(*lines: str) -> str:
    """A command's epilog: its example invocations (kept as written: click's `\\b` stops
    it from joining them into one paragraph), then the exit codes."""
    shown = "\n".join(f"  {line}" for line in lines)
    return f"\b\nexamples:\n{shown}\n\n{EXIT_CODES}"


def fail(message: str, code: int) -> NoReturn:
    """Print `paperfeed: message` on stderr and end the command with `code`."""
    click.echo(f"paperfeed: {message}", err=True)
    raise click.exceptions.Exit(code)


def runs(
    schema: Schema,
) -> Callable[[Callable[Concatenate[Settings, P], int]], Callable[P, None]]:
    """Make `body(settings, **arguments) -> exit code` a click callback: load the settings
    (a ConfigError is one line and exit 2), set up logging, treat the schema as `schema`
    says, run the body and exit with its code (130 on Ctrl-C)."""

    def decorate(body: Callable[Concatenate[Settings, P], int]) -> Callable[P, None]:
        @functools.wraps(body)
        def callback(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                settings = _load()
                if schema == "read":
                    _require_current_schema(settings)
                code = body(settings, *args, **kwargs)
            except ConfigError as exc:
                fail(str(exc), 2)
            except KeyboardInterrupt:
                code = 130
            raise click.exceptions.Exit(code)

        return callback

    return decorate


def _load() -> Settings:
    from worker.logs import configure

    settings = load_settings()
    for warning in settings.warnings:
        click.echo(f"paperfeed: warning: {warning}", err=True)
    configure(settings.log_level, settings.log_format)
    return settings


def _require_current_schema(settings: Settings) -> None:
    """Stop unless the database is at the latest migration; creates and changes nothing."""
    from sqlalchemy.exc import SQLAlchemyError

    from worker.db import one_line, schema_problem

    try:
        problem = schema_problem(settings.database_url)
    except SQLAlchemyError as exc:
        fail(f"the database did not answer ({one_line(exc)})", 2)
    if problem:
        fail(*problem)


def exactly_one(*names: str, message: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Refuse, as a usage error (exit 2) before anything is loaded, a call that gives none or
    more than one of the parameters `names` (a flag set, a value, at least one argument)."""

    def decorate(callback: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(callback)
        def checked(*args: P.args, **kwargs: P.kwargs) -> None:
            given = [name for name in names if kwargs.get(name) not in (None, False, ())]
            if len(given) != 1:
                raise click.UsageError(message)
            callback(*args, **kwargs)

        return checked

    return decorate


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """An option's value written as 2020-05-29, as a date (a callback, not a ParamType:
    ParamType became generic in click 8.5, and older releases cannot subscript it)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2020-05-29") from None


def show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`paperfeed --version`: the version the feeds' generator names (feeds.feed_fields)."""
    if not value or ctx.resilient_parsing:
        return
    from feeds.feed_fields import VERSION  # here, not above: it loads feedgen

    click.echo(f"paperfeed {VERSION}")
    ctx.exit()
