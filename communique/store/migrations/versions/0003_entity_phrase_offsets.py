"""Argument phrase offsets of event participants: entities.phrase_start and entities.phrase_end (nullable).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows keep their values, with NULL (unknown) phrase offsets until their documents are coded
    # again; the report records (reports.record, JSON) keep the offsets the coder gave either way.
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phrase_start", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("phrase_end", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_column("phrase_end")
        batch_op.drop_column("phrase_start")
