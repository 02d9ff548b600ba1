"""The ledger of inputs, dirty feeds awaiting a rebuild, URL fetch state, corrections.

- inputs: one row per input content hash with status, attempts and a lease (the record of
  work; the broker only carries messages);
- dirty_feeds: feeds to rebuild, written in the ingest's transaction; locks: the publisher;
- fetch_state: ETag / Last-Modified per URL for conditional GET;
- articles.withdrawn_at, issues.superseded_by_id: corrected issues;
- sources.enabled, scan_lock_until, last_scan_at: operator switch and one scan at a time.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "locks",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_locks")),
    )
    op.create_table(
        "dirty_feeds",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("oldest_change", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_dirty_feeds")),
    )
    op.create_table(
        "fetch_state",
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_fetch_state_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_fetch_state")),
    )
    with op.batch_alter_table("fetch_state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fetch_state_source_id"), ["source_id"], unique=False)

    op.create_table(
        "inputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim", sa.String(length=600), nullable=True),
        sa.Column("filed", sa.Boolean(), nullable=False),
        sa.Column("original_name", sa.String(length=500), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("issue_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issues.id"], name=op.f("fk_inputs_issue_id_issues")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_inputs_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inputs")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_inputs_content_hash")),
    )
    with op.batch_alter_table("inputs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inputs_lease_expires_at"), ["lease_expires_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_inputs_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inputs_status"), ["status"], unique=False)

    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("issues", schema=None) as batch_op:
        batch_op.add_column(sa.Column("superseded_by_id", sa.Integer(), nullable=True))

    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enabled", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("scan_lock_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_scan_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("last_scan_at")
        batch_op.drop_column("scan_lock_until")
        batch_op.drop_column("enabled")

    with op.batch_alter_table("issues", schema=None) as batch_op:
        batch_op.drop_column("superseded_by_id")

    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_at")

    with op.batch_alter_table("inputs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inputs_status"))
        batch_op.drop_index(batch_op.f("ix_inputs_source_id"))
        batch_op.drop_index(batch_op.f("ix_inputs_lease_expires_at"))

    op.drop_table("inputs")
    with op.batch_alter_table("fetch_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fetch_state_source_id"))

    op.drop_table("fetch_state")
    op.drop_table("dirty_feeds")
    op.drop_table("locks")
