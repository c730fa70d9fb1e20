"""Database URLs, engines and the translation of driver errors into coded `StoreError`s.

The default database is a SQLite file: `$COMMUNIQUE_DB` when set (a path or a URL), else
`$XDG_DATA_HOME/communique/communique.db` (`~/.local/share/communique/communique.db`). It is created on first
use, in WAL mode (readers never wait for the writer; a killed writer loses only its open transaction).
`postgresql://user:pass@host/db` uses PostgreSQL through psycopg 3.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from ..errors import Errors, StoreError

#: Seconds a SQLite writer waits for another writer's lock before giving up with E402.
DEFAULT_LOCK_TIMEOUT = 30.0
#: Seconds to wait for a PostgreSQL server to accept the connection.
DEFAULT_CONNECT_TIMEOUT = 10

_READONLY_HINTS = ("readonly", "read-only", "read only", "locked", "busy")


def data_dir() -> Path:
    """The per-user data folder: `$XDG_DATA_HOME/communique`, else `~/.local/share/communique`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "communique"


def default_db() -> str:
    """The database used when none is given: `$COMMUNIQUE_DB`, else `<data dir>/communique.db`."""
    return os.environ.get("COMMUNIQUE_DB") or str(data_dir() / "communique.db")


def normalize_url(db: str | os.PathLike | None) -> sa.URL:
    """A SQLAlchemy URL from a path, a `sqlite:///` URL or a `postgresql://` URL (driver: psycopg 3)."""
    text = str(db) if db is not None else default_db()
    if "://" not in text:
        return make_url("sqlite:///" + str(Path(text).expanduser().resolve()))
    url = make_url(text)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def display_url(url: sa.URL) -> str:
    """The URL as shown in messages (password hidden)."""
    return url.render_as_string(hide_password=True)


def _sqlite_listeners(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode")
        if cursor.fetchone()[0].lower() != "wal":
            with contextlib.suppress(Exception):  # a read-only database keeps its mode
                cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process in WAL mode
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(conn):
        # Writers take the lock up front, so two writers queue instead of failing on upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("cq_write") else "BEGIN")


def create_engine(url: sa.URL, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> sa.Engine:
    """An engine for the URL; a SQLite file's folder is created when missing."""
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(Errors.E401.format(url=display_url(url), detail=err)) from None
        engine = sa.create_engine(url, connect_args={"timeout": lock_timeout})
        _sqlite_listeners(engine)
        return engine
    connect_args = {"connect_timeout": DEFAULT_CONNECT_TIMEOUT} if url.get_backend_name() == "postgresql" else {}
    return sa.create_engine(url, connect_args=connect_args, pool_pre_ping=True)


def describe(err: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's background link."""
    original = getattr(err, "orig", None) or err
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


@contextlib.contextmanager
def translate_errors(url: sa.URL, *, opening: bool = False) -> Iterator[None]:
    """Turn driver errors into StoreError: E402 for a locked or read-only database, else E401."""
    try:
        yield
    except StoreError:
        raise
    except sa.exc.DBAPIError as err:
        detail = describe(err)
        lowered = detail.lower()
        if any(hint in lowered for hint in _READONLY_HINTS):
            raise StoreError(Errors.E402.format(url=display_url(url), detail=detail)) from None
        if opening or err.connection_invalidated or isinstance(err, sa.exc.OperationalError):
            raise StoreError(Errors.E401.format(url=display_url(url), detail=detail)) from None
        raise
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as err:
        raise StoreError(Errors.E401.format(url=display_url(url), detail=describe(err))) from None
