#!/usr/bin/env bash
# Starts a throw-away PostgreSQL and Redis on loopback for the test suite, idempotently.
# Prints the environment the tests need (eval "$(scripts/test_services.sh start)"); `stop` stops them.
set -euo pipefail
BASE=${PORTAL_TEST_SERVICES_DIR:-/tmp/ministry-portal-test}
PG_PORT=${PORTAL_TEST_PG_PORT:-55432}
REDIS_PORT=${PORTAL_TEST_REDIS_PORT:-56379}
PGDATA="$BASE/pgdata"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || PGBIN=$(dirname "$(command -v initdb || command -v pg_ctl)")

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then return; fi
  mkdir -p "$BASE"
  chmod 755 "$BASE"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
    as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  fi
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 start \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tc "SELECT 1 FROM pg_roles WHERE rolname='portal'" | grep -q 1 \
    || psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE ROLE portal SUPERUSER LOGIN" >/dev/null
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tc "SELECT 1 FROM pg_database WHERE datname='portal'" | grep -q 1 \
    || psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE portal OWNER portal" >/dev/null
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then return; fi
  mkdir -p "$BASE/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$BASE/redis" \
    --save "" --appendonly no --logfile "$BASE/redis/redis.log" >/dev/null
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && return; sleep 0.1; done
  echo "Redis did not start; see $BASE/redis/redis.log" >&2
  exit 1
}

case "${1:-start}" in
  start)
    start_postgres >&2
    start_redis >&2
    echo "export DATABASE_URL=postgres://portal@127.0.0.1:$PG_PORT/portal"
    echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
    ;;
  stop)
    [ -f "$PGDATA/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null || true
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
