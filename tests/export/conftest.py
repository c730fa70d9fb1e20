from store.conftest import db, db_url, pg_url, rule_coder  # noqa: F401  (the store fixtures; `tests/` is on
# sys.path in pytest's prepend import mode, as `store`, whichever way pytest is started)
