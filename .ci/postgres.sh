#!/usr/bin/env bash
# Installs (when missing) and starts a local PostgreSQL for the persistence tests, then prints
# the connection string as an `export RUNBOOK_TEST_POSTGRES=...` line (the last line on stdout),
# so that .ci/run can `eval "$(.ci/postgres.sh | tail -n 1)"`. Idempotent; needs root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

db_user="${RUNBOOK_PG_USER:-runbook}"
db_password="${RUNBOOK_PG_PASSWORD:-runbook-test}"
db_name="runbook_test"
port=5432

log() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (it installs and starts PostgreSQL)"
  exit 1
fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql"
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  log "creating cluster $version/main on port $port"
  pg_createcluster --port "$port" "$version" main >&2
fi

status="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}')"
if [ "$status" != "online" ]; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi

cluster_port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
if [ "$cluster_port" != "$port" ]; then
  log "cluster $version/main listens on port $cluster_port, not $port"
  exit 1
fi

# Wait until the server accepts connections (start returns before recovery ends on a slow disk).
for _ in $(seq 1 30); do
  if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$port"; then
    break
  fi
  sleep 1
done
runuser -u postgres -- pg_isready -h 127.0.0.1 -p "$port" >&2

psql_admin() { (cd / && runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"); }

# The user may create databases and schemas so that test classes can isolate their data.
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$db_user'")" != "1" ]; then
  psql_admin -c "CREATE ROLE \"$db_user\" LOGIN CREATEDB" >&2
fi
psql_admin -v pw="$db_password" >&2 <<SQL
ALTER ROLE "$db_user" WITH LOGIN CREATEDB PASSWORD :'pw';
SQL
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE \"$db_name\" OWNER \"$db_user\"" >&2
fi

# Prove the password login over TCP works before handing out the connection string.
PGPASSWORD="$db_password" psql -h 127.0.0.1 -p "$port" -U "$db_user" -d "$db_name" -qtA -c "SELECT 1" >/dev/null

log "PostgreSQL $version is ready on 127.0.0.1:$port, database $db_name"
echo "export RUNBOOK_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=$db_user;Password=$db_password;Database=$db_name'"
