#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 server for the store tests and export COMMUNIQUE_TEST_PG_URL.
#
# Works when sourced (`source scripts/start_postgres.sh`, as .ci/run does: the variable stays exported) and when
# run (`scripts/start_postgres.sh`: the last line printed is `export COMMUNIQUE_TEST_PG_URL=...`, so
# `eval "$(scripts/start_postgres.sh)"` works too). Installs Debian's postgresql package when the binaries are
# missing. PostgreSQL refuses to run as root, so the cluster lives in a temp folder owned by the `postgres` user.
# Re-running it while the server is up reuses that server. Stop it with:
#   su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D /tmp/communique-pg/data stop"
#
# Environment: COMMUNIQUE_PG_PORT (55432), COMMUNIQUE_PG_DIR (/tmp/communique-pg).

_cq_pg_main() {
    local port="${COMMUNIQUE_PG_PORT:-55432}"
    local base="${COMMUNIQUE_PG_DIR:-/tmp/communique-pg}"
    local bin="/usr/lib/postgresql/15/bin"
    local db="communique_test" role="communique" password="communique"

    if [ ! -x "$bin/pg_ctl" ]; then
        echo "start_postgres: installing Debian's postgresql package" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || {
            echo "start_postgres: could not install postgresql" >&2
            return 1
        }
    fi
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir "$base" --shell /bin/sh postgres || return 1
    fi
    local runas=(su postgres -s /bin/sh -c)
    if [ "$(id -u)" != "0" ]; then
        runas=(sh -c)  # not root: run the server as ourselves
    fi

    if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
        mkdir -p "$base"
        if [ "$(id -u)" = "0" ]; then chown postgres: "$base"; fi
        chmod 700 "$base"
        if [ ! -f "$base/data/PG_VERSION" ]; then
            "${runas[@]}" "$bin/initdb -D '$base/data' -U postgres -A trust -E UTF8 --no-locale >'$base/initdb.log' 2>&1" || {
                echo "start_postgres: initdb failed; see $base/initdb.log" >&2
                return 1
            }
        fi
        "${runas[@]}" "$bin/pg_ctl -D '$base/data' -l '$base/server.log' -w -t 60 \
            -o \"-h 127.0.0.1 -p $port -k '$base' -c fsync=off -c full_page_writes=off\" start >/dev/null" || {
            echo "start_postgres: the server did not start; see $base/server.log" >&2
            return 1
        }
    fi

    local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
        "${psql[@]}" -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'" >/dev/null || return 1
    fi
    # DROP DATABASE ... WITH (FORCE) in test teardown may have to end an autovacuum worker of that database.
    "${psql[@]}" -c "GRANT pg_signal_backend TO $role" >/dev/null || return 1
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
        "${psql[@]}" -c "CREATE DATABASE $db OWNER $role" >/dev/null || return 1
    fi
    export COMMUNIQUE_TEST_PG_URL="postgresql+psycopg://$role:$password@127.0.0.1:$port/$db"
    echo "export COMMUNIQUE_TEST_PG_URL=$COMMUNIQUE_TEST_PG_URL"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    _cq_pg_main
    _cq_pg_status=$?
    unset -f _cq_pg_main
    return $_cq_pg_status
else
    set -u
    _cq_pg_main
    exit $?
fi
