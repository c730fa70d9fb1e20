"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 01:40:12.475026
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=255), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('pub_date', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('duplicate_of', sa.String(length=512), nullable=True),
    sa.Column('duplicate_kind', sa.String(length=16), nullable=True),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('signature', sa.Text(), nullable=True),
    sa.Column('coder_version', sa.String(length=255), nullable=True),
    sa.Column('n_sentences', sa.Integer(), nullable=True),
    sa.Column('n_events', sa.Integer(), server_default='0', nullable=False),
    sa.Column('meta', sa.Text(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.Column('coded_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('doc_id')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_content_hash'), ['content_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_duplicate_of'), ['duplicate_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_pub_date'), ['pub_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_source'), ['source'], unique=False)

    op.create_table('events',
    sa.Column('event_key', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('day', sa.Date(), nullable=True),
    sa.Column('week', sa.Date(), nullable=True),
    sa.Column('month', sa.Date(), nullable=True),
    sa.Column('event', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('context', sa.String(length=64), nullable=True),
    sa.Column('cameo', sa.String(length=4), nullable=False),
    sa.Column('root_code', sa.String(length=2), nullable=True),
    sa.Column('quad_code', sa.Integer(), nullable=True),
    sa.Column('goldstein', sa.Float(), nullable=True),
    sa.Column('plover_score', sa.Float(), nullable=True),
    sa.Column('actor_code', sa.String(length=16), nullable=True),
    sa.Column('actor_sector', sa.String(length=16), nullable=True),
    sa.Column('actor_name', sa.Text(), nullable=True),
    sa.Column('recipient_code', sa.String(length=16), nullable=True),
    sa.Column('recipient_sector', sa.String(length=16), nullable=True),
    sa.Column('recipient_name', sa.Text(), nullable=True),
    sa.Column('historical', sa.Boolean(), nullable=False),
    sa.Column('num_mentions', sa.Integer(), nullable=False),
    sa.Column('num_sources', sa.Integer(), nullable=False),
    sa.Column('num_articles', sa.Integer(), nullable=False),
    sa.Column('first_doc_id', sa.String(length=512), nullable=False),
    sa.Column('first_seq', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('event_key')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_day', ['day'], unique=False)
        batch_op.create_index('ix_events_dyad', ['actor_code', 'recipient_code', 'day'], unique=False)
        batch_op.create_index('ix_events_event', ['event', 'day'], unique=False)
        batch_op.create_index('ix_events_recipient', ['recipient_code', 'day'], unique=False)

    op.create_table('entities',
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('entity_text', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=16), nullable=True),
    sa.Column('sector', sa.String(length=16), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('entry', sa.String(length=255), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.doc_id'], ),
    sa.PrimaryKeyConstraint('doc_id', 'n')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_code'), ['code'], unique=False)

    op.create_table('mentions',
    sa.Column('event_key', sa.String(length=32), nullable=False),
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.doc_id'], ),
    sa.ForeignKeyConstraint(['event_key'], ['events.event_key'], ),
    sa.PrimaryKeyConstraint('event_key', 'doc_id', 'start', 'end')
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_doc', ['doc_id'], unique=False)

    op.create_table('quotes',
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('speaker_text', sa.Text(), nullable=True),
    sa.Column('speaker_code', sa.String(length=16), nullable=True),
    sa.Column('speaker_sector', sa.String(length=16), nullable=True),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('direct', sa.Boolean(), nullable=False),
    sa.Column('rule', sa.String(length=255), nullable=True),
    sa.Column('record', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.doc_id'], ),
    sa.PrimaryKeyConstraint('doc_id', 'seq')
    )
    op.create_table('reports',
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('date_source', sa.String(length=16), nullable=True),
    sa.Column('date_precision', sa.String(length=8), nullable=True),
    sa.Column('event', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('context', sa.String(length=64), nullable=True),
    sa.Column('cameo', sa.String(length=4), nullable=False),
    sa.Column('quad_code', sa.Integer(), nullable=True),
    sa.Column('goldstein', sa.Float(), nullable=True),
    sa.Column('plover_score', sa.Float(), nullable=True),
    sa.Column('actor_code', sa.String(length=255), nullable=True),
    sa.Column('recipient_code', sa.String(length=255), nullable=True),
    sa.Column('historical', sa.Boolean(), nullable=False),
    sa.Column('reported', sa.Boolean(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('rule', sa.String(length=255), nullable=True),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('record', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.doc_id'], ),
    sa.PrimaryKeyConstraint('doc_id', 'seq')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_id'), ['id'], unique=False)

    op.create_table('report_events',
    sa.Column('event_key', sa.String(length=32), nullable=False),
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id', 'seq'], ['reports.doc_id', 'reports.seq'], ),
    sa.ForeignKeyConstraint(['event_key'], ['events.event_key'], ),
    sa.PrimaryKeyConstraint('event_key', 'doc_id', 'seq')
    )
    with op.batch_alter_table('report_events', schema=None) as batch_op:
        batch_op.create_index('ix_report_events_doc', ['doc_id', 'seq'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('report_events', schema=None) as batch_op:
        batch_op.drop_index('ix_report_events_doc')

    op.drop_table('report_events')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_id'))

    op.drop_table('reports')
    op.drop_table('quotes')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_doc')

    op.drop_table('mentions')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_code'))

    op.drop_table('entities')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_recipient')
        batch_op.drop_index('ix_events_event')
        batch_op.drop_index('ix_events_dyad')
        batch_op.drop_index('ix_events_day')

    op.drop_table('events')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_source'))
        batch_op.drop_index(batch_op.f('ix_documents_pub_date'))
        batch_op.drop_index(batch_op.f('ix_documents_duplicate_of'))
        batch_op.drop_index(batch_op.f('ix_documents_content_hash'))

    op.drop_table('documents')
