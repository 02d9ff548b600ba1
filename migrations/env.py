"""Alembic environment: runs paperfeed's migrations against the URL it is given."""

from __future__ import annotations

from alembic import context

from worker.db import get_engine
from worker.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url")
if not url:
    from worker.settings import load_settings

    url = load_settings().database_url

engine = get_engine(url)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=engine.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
