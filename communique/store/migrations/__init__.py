"""Alembic migrations of the event database; `communique.store.migrate.upgrade` runs them on open."""
