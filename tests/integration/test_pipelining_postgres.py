"""`worker.pipelining.pipelined` on PostgreSQL: INSERTs go out without waiting, answers
read inside the block are the ones the statements give, and an error of a statement sent
without waiting is raised as SQLAlchemy's exception, the transaction rolled back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text
from sqlalchemy.exc import IntegrityError

from worker.db import get_engine, session_scope
from worker.pipelining import pipelined

pytestmark = pytest.mark.integration

_metadata = MetaData()
_notes = Table(
    "notes", _metadata,
    Column("id", Integer, primary_key=True), Column("body", String(40), nullable=False),
)  # fmt: skip


@pytest.fixture
def url(postgres_url: str) -> Iterator[str]:
    with get_engine(postgres_url).begin() as conn:
        _metadata.create_all(conn)
    yield postgres_url


def _bodies(url: str) -> list[str]:
    with session_scope(url) as session:
        return list(session.scalars(select(_notes.c.body).order_by(_notes.c.id)))


def test_inserts_sent_without_waiting_are_all_there_and_read_in_order(url: str) -> None:
    with session_scope(url) as session, pipelined(session):
        driver = session.connection().connection.driver_connection
        assert driver is not None and driver._pipeline is not None  # the mode is on
        for n in range(5):
            session.execute(insert(_notes), [{"body": f"note {n}"}, {"body": f"aside {n}"}])
        # Read inside the block: the inserts before it are answered first.
        counted = session.execute(text("SELECT count(*) FROM notes")).scalar_one()
        made = session.execute(insert(_notes).returning(_notes.c.id), {"body": "last"}).scalar()
    assert counted == 10
    assert made == 11
    assert _bodies(url)[:2] == ["note 0", "aside 0"] and len(_bodies(url)) == 11


def test_an_error_of_an_insert_sent_without_waiting_is_sqlalchemys_and_rolls_back(
    url: str,
) -> None:
    failing = pytest.raises(IntegrityError, match="notes_pkey")
    with failing, session_scope(url) as session, pipelined(session):
        session.execute(insert(_notes), {"id": 1, "body": "first"})
        session.execute(insert(_notes), {"id": 1, "body": "the same id"})  # fails later
        session.execute(insert(_notes), {"id": 2, "body": "after it"})
    assert _bodies(url) == []
    # The pooled connection is usable again, out of pipeline mode.
    with session_scope(url) as session:
        session.execute(insert(_notes), {"id": 3, "body": "next transaction"})
    assert _bodies(url) == ["next transaction"]


def test_an_error_inside_the_block_is_not_replaced_by_the_pipelines(url: str) -> None:
    failing = pytest.raises(RuntimeError, match="stop here")
    with failing, session_scope(url) as session, pipelined(session):
        session.execute(insert(_notes), {"id": 1, "body": "first"})
        session.execute(insert(_notes), {"id": 1, "body": "the same id"})
        raise RuntimeError("stop here")
    assert _bodies(url) == []


def test_on_sqlite_the_block_runs_as_it_is(tmp_path: object) -> None:
    sqlite_url = f"sqlite:///{tmp_path}/notes.db"
    with get_engine(sqlite_url).begin() as conn:
        _metadata.create_all(conn)
    with session_scope(sqlite_url) as session, pipelined(session):
        session.execute(insert(_notes), {"body": "one"})
        assert session.execute(text("SELECT count(*) FROM notes")).scalar_one() == 1
