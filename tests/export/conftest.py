from tests.store.conftest import db, db_url, pg_url, rule_coder  # noqa: F401  (the store fixtures)
