"""Statements: CAMEO 01 comments (no PLOVER event type), one row per statement a document makes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Documents stored before this revision have no statement rows until they are coded again.
    op.create_table(
        "statements",
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("actor_code", sa.String(length=64), nullable=True),
        sa.Column("actor_sector", sa.String(length=64), nullable=True),
        sa.Column("recipient_code", sa.String(length=64), nullable=True),
        sa.Column("recipient_sector", sa.String(length=64), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("rule", sa.String(length=255), nullable=True),
        sa.Column("record", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"]),
        sa.PrimaryKeyConstraint("doc_id", "seq"),
    )


def downgrade() -> None:
    op.drop_table("statements")
