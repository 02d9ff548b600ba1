"""PostgreSQL's pipeline mode for the writes of an ingest.

An ingest sends a dozen statements; most are INSERTs whose answer nothing reads. Sent in
pipeline mode, each goes out without waiting for the server, which writes it while Python
builds the next: the two cores work side by side instead of taking turns. A statement
whose answer is read (a SELECT, an INSERT … RETURNING, an UPDATE whose row count the ORM
checks) makes the pipeline sync first, through SQLAlchemy, so it reads the same answer it
would have read without the pipeline, and an error of a statement sent before it is raised
there as SQLAlchemy's own exception (an `OperationalError` is retried like any other; a
lost connection is dropped from the pool). Leaving the block syncs the same way: nothing
sent inside it is still unanswered when the transaction commits. SQLite: no pipeline, the
block runs as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import Session

_KEY = "paperfeed_pipeline"  # Connection.info: the psycopg pipeline now open on it
_SYNC = text("SELECT 1")


@contextmanager
def pipelined(session: Session) -> Iterator[None]:
    """Run the block with the session's connection in pipeline mode (PostgreSQL)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql" or _KEY in connection.info:
        yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.pipeline() as pipeline:
        connection.info[_KEY] = pipeline
        try:
            yield
            connection.execute(_SYNC)  # every answer in, any error raised by SQLAlchemy
        finally:
            del connection.info[_KEY]


def watch(engine: Engine) -> None:
    """Make statements on `engine` sync an open pipeline when their answer is read: called
    for every PostgreSQL engine as it is made (`worker.db`)."""
    event.listen(engine, "after_cursor_execute", _sync_for_answer)


def _sync_for_answer(
    connection: Connection,
    _cursor: Any,
    _statement: str,
    _parameters: Any,
    context: Any,
    _executemany: bool,
) -> None:
    # Runs before SQLAlchemy looks at the cursor's result, inside its error handling.
    pipeline = connection.info.get(_KEY)
    if pipeline is not None and not _answer_unread(context):
        pipeline.sync()


def _answer_unread(context: Any) -> bool:
    """Whether nothing reads the statement's answer: an INSERT without RETURNING."""
    compiled = getattr(context, "compiled", None)
    return bool(
        compiled is not None
        and getattr(context, "isinsert", False)
        and not getattr(compiled, "effective_returning", None)
    )
