"""Alembic environment: runs paperfeed's migrations against the URL it is given."""

from __future__ import annotations

from alembic import context

from worker.db import get_engine
from worker.models import Base
from worker.search_index import include_in_comparison

config = context.config
url = config.get_main_option("sqlalchemy.url")
if not url:
    from worker.settings import load_settings

    url = load_settings().database_url

engine = get_engine(url)
sqlite = engine.dialect.name == "sqlite"
with engine.connect() as connection:
    if sqlite:
        # A batch migration copies a table, drops it and renames the copy: with foreign keys
        # on, dropping a table others refer to fails. Off for the migration (outside its
        # transaction, where SQLite honours it), checked and on again after it.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=engine.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_in_comparison,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
    if sqlite:
        driver = connection.connection.driver_connection
        broken = driver.execute("PRAGMA foreign_key_check").fetchall()  # type: ignore[union-attr]
        driver.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
        if broken:
            raise RuntimeError(f"the migration left rows pointing at nothing: {broken[:5]}")
