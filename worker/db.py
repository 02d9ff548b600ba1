"""Database access: engines with the right SQLite pragmas, sessions, and schema upgrades."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from worker.pipelining import watch


def _migrations() -> Path:
    """The Alembic scripts: inside the installed package (a wheel carries them as
    `worker/migrations`), else at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "migrations"
    return installed if installed.is_dir() else here.parent / "migrations"


MIGRATIONS = _migrations()

# JSON columns (an article's paragraphs, an issue's warnings) hold their text as UTF-8, not
# as \uXXXX escapes: half the bytes for Chinese, which the database stores, sends and
# parses on every read, and readable in psql. Rows written with escapes read the same.
json_text = partial(json.dumps, ensure_ascii=False)


def get_engine(url: str, *, write: bool = True) -> Engine:
    """One engine, and so one connection pool, per URL and process (Celery's prefork
    children each build their own), however it is asked for.

    On SQLite, `write=False` gives a second engine whose transactions start deferred: in
    WAL mode such readers neither wait for nor block the writers, whose transactions start
    IMMEDIATE. PostgreSQL needs no such distinction: readers and writers share one pool.
    """
    return _engine(url, write=write or not url.startswith("sqlite"))


@cache
def _engine(url: str, *, write: bool) -> Engine:
    # Cached on exactly (url, write), always passed the same way: functools.cache keys
    # `f(url)` and `f(url, write=True)` apart, which once gave every process two pools.
    sqlite = url.startswith("sqlite")
    options: dict[str, Any] = {"timeout": 60} if sqlite else {}
    if url.startswith("postgresql"):
        # psycopg prepares a statement run five times; PostgreSQL then plans it once for any
        # parameters, from statistics that lag behind tables growing by the minute. A feed
        # query planned for a reporter with thirty articles then walks the whole archive
        # for each one: every execution is planned for its own values instead.
        options["options"] = "-c plan_cache_mode=force_custom_plan"
    engine = create_engine(
        url, pool_pre_ping=not sqlite, connect_args=options, json_serializer=json_text
    )
    if sqlite:
        _tune_sqlite(engine, immediate=write)
    else:
        watch(engine)  # for `worker.pipelining.pipelined`
    _engines.append(engine)
    return engine


_engines: list[Engine] = []


def dispose_engines(*, close: bool = True) -> None:
    """Drop every pooled connection of this process.

    A forked Celery pool child calls this with `close=False`: the connections belong to the
    parent, and must be neither used nor closed by the child.
    """
    for engine in _engines:
        engine.dispose(close=close)


def _tune_sqlite(engine: Engine, *, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own transaction handling issues a deferred BEGIN; several worker
        # processes doing read-then-write then fail with "database is locked" even with
        # WAL and a busy timeout. Take over BEGIN (below) and make it IMMEDIATE.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@cache
def _sessionmaker(url: str, write: bool) -> sessionmaker[Session]:
    return sessionmaker(get_engine(url, write=write), expire_on_commit=False)


@contextmanager
def session_scope(url: str, *, write: bool = True) -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on error.

    Pass `write=False` for read-only work (publishing, status), so it never queues behind
    an ingest on SQLite.
    """
    with _sessionmaker(url, write)() as session, session.begin():
        yield session


@dataclass(frozen=True)
class Database:
    """One database, as the stages of paperfeed are handed it: its URL, and this process's
    engines and sessions for it (made on first use, one set per process).

    >>> Database("sqlite:///var/paperfeed.db").dialect
    'sqlite'
    """

    url: str

    @property
    def dialect(self) -> str:
        return self.url.partition(":")[0].partition("+")[0]

    def engine(self, *, write: bool = True) -> Engine:
        return get_engine(self.url, write=write)

    def session(self, *, write: bool = True) -> AbstractContextManager[Session]:
        """`session_scope`: commits on success, rolls back on error; `write=False` for
        read-only work, which on SQLite never queues behind a writer."""
        return session_scope(self.url, write=write)

    def upgrade(self, revision: str = "head") -> None:
        upgrade(self.url, revision)


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at `url` up to `revision` (creates the SQLite file if needed)."""
    from alembic import command

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)


def schema_problem(url: str) -> tuple[str, int] | None:
    """Why the database at `url` cannot be read as it stands, and the exit code to give (2
    for no database: a setting is likely wrong; 1 for one that needs `db upgrade`); None
    when it is at the latest migration. Creates and changes nothing, so the read-only
    commands (`status`, `sources list`) never make a database where none was meant."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import make_url

    shown = make_url(url).render_as_string(hide_password=True)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return (
            f"no database at {url.removeprefix('sqlite:///')}: is PAPERFEED_HOME (or "
            "DATABASE_URL) right? `paperfeed db upgrade` creates it"
        ), 2
    script = ScriptDirectory.from_config(alembic_config(url))
    head = script.get_current_head()
    with get_engine(url, write=False).connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current is None:
        return f"the database {shown} has no paperfeed tables: run paperfeed db upgrade", 2
    if current == head:
        return None
    if current not in {r.revision for r in script.walk_revisions()}:
        return (
            f"the database {shown} is at migration {current}, newer than this paperfeed"
            f" ({head}): run the paperfeed that upgraded it"
        ), 2
    return (
        f"the database {shown} is at migration {current}, behind this paperfeed's {head}:"
        " run paperfeed db upgrade"
    ), 1


def one_line(exc: BaseException) -> str:
    """A database error as one line: the driver's error type and the first line of its
    message, without SQLAlchemy's statement and background link.

    >>> one_line(ValueError("connection refused\\n\\tIs the server running?"))
    'ValueError: connection refused'
    """
    inner = getattr(exc, "orig", None) or exc
    first = next((line.strip() for line in str(inner).splitlines() if line.strip()), "")
    return f"{type(inner).__name__}: {first}" if first else type(inner).__name__
