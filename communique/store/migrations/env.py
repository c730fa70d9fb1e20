"""Alembic environment: run with a connection handed over by `communique.store.migrate` (or a URL)."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from communique.store.schema import metadata

config = context.config


def run_migrations(connection: sa.Connection) -> None:
    # Batch mode lets later migrations alter tables on SQLite (copy-and-move), and is a no-op elsewhere.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif connection is not None:
    run_migrations(connection)
else:
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        run_migrations(conn)
