"""The long-running side of `paperfeed`: `run` (worker, scheduler and feed server), `serve`
and `db upgrade`. With `ingest`, these are the only commands that migrate the database."""

from __future__ import annotations

from collections.abc import Callable

import click

from worker.cli.common import CONTEXT, examples, runs
from worker.settings import Settings


def _operator_routes(settings: Settings, worker: Callable[[], str | None] | None = None) -> None:
    """/status, /healthz, /metrics and the re-ingest form on every feed server of this
    process (the runner builds its own server: the routes are installed, not passed)."""
    from feeds.server import install_routes
    from worker.sources import load_sources
    from worker.web import make_routes

    install_routes(make_routes(settings, load_sources(settings), worker=worker))


@click.command(
    "run",
    context_settings=CONTEXT,
    epilog=examples(
        "paperfeed run          # worker, beat and feed server until Ctrl-C",
        "paperfeed run --once   # ingest what is waiting, publish, exit",
    ),
)
@click.option("--once", is_flag=True, help="Ingest what is waiting, publish, and exit.")
@runs("migrate")
def run(settings: Settings, once: bool) -> int:
    """Run the worker, the scheduler and the feed server (the main job)."""
    from worker.runner import WATCH, run_forever, run_once

    if once:
        return run_once(settings)
    _operator_routes(settings, worker=WATCH.problem)
    return run_forever(settings)


@click.command(
    "serve",
    context_settings=CONTEXT,
    epilog=examples("paperfeed serve --host 0.0.0.0 --port 8080"),
)
@click.option("--host", help="Address to listen on (default: PAPERFEED_HOST).")
@click.option("--port", type=int, help="Port to listen on (default: PAPERFEED_PORT).")
@runs("migrate")
def serve(settings: Settings, host: str | None, port: int | None) -> int:
    """Serve the public folder (feeds and pages) over HTTP."""
    from worker.db import upgrade
    from worker.runner import bind, links_note

    settings.public_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.database_url)  # /status reads the database
    _operator_routes(settings)
    port = settings.port if port is None else port
    server = bind(settings, host or settings.host, port, "--port or PAPERFEED_PORT")
    shown_host, shown_port = str(server.server_address[0]), server.server_address[1]
    print(f"paperfeed: serving {settings.public_dir} at http://{shown_host}:{shown_port}/",
          flush=True)  # fmt: skip
    if note := links_note(settings, shown_host, shown_port):
        print(f"paperfeed: note: {note}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


@click.group("db", context_settings=CONTEXT, epilog=examples("paperfeed db upgrade"))
def db() -> None:
    """Database schema commands."""


@db.command("upgrade", context_settings=CONTEXT, epilog=examples("paperfeed db upgrade"))
@runs("migrate")
def db_upgrade(settings: Settings) -> int:
    """Apply every migration (creates the database if there is none)."""
    from worker.db import upgrade

    upgrade(settings.database_url)
    print(f"database at {settings.database_url.split('@')[-1]} is up to date")
    return 0
