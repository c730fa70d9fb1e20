"""Covering indexes for dyad series: one per period (day, week, month), replacing ix_events_dyad.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ["event", "quad_code", "num_mentions", "goldstein", "plover_score", "day"]


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_dyad")
        for period in ("day", "week", "month"):
            columns = ["actor_code", "recipient_code", period, *(c for c in COLUMNS if c != period)]
            batch_op.create_index(f"ix_events_dyad_{period}", columns)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for period in ("day", "week", "month"):
            batch_op.drop_index(f"ix_events_dyad_{period}")
        batch_op.create_index("ix_events_dyad", ["actor_code", "recipient_code", "day"])
