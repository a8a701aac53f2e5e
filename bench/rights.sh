#!/usr/bin/env bash
# Pledge data-subject rights benchmark (issue 5) on PostgreSQL: export and erasure of accounts with 10,000
# audit events and 100 sessions each, beside a background trail. A fresh database on 127.0.0.1, dropped on
# exit. See docs/PERFORMANCE.md.
#
# usage: bench/rights.sh [--no-build]
# environment (all optional):
#   BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER   PostgreSQL (default 127.0.0.1 / 5432 / postgres, trust auth)
#   BENCH_EVENTS (10000) BENCH_SESSIONS (100) BENCH_BACKGROUND (200000) BENCH_RUNS (5) BENCH_SEALED_DAYS (30)
#   BENCH_TIMEOUT         seconds after which the benchmark is killed (default: 900)
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,10p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

pg_host=${BENCH_PG_HOST:-127.0.0.1}
pg_port=${BENCH_PG_PORT:-5432}
pg_user=${BENCH_PG_USER:-postgres}
case "$pg_host" in
	127.0.0.1|localhost|::1) ;;
	*) echo "BENCH_PG_HOST must be local (127.0.0.1): the benchmark creates and drops a database" >&2; exit 2 ;;
esac
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ $build == 1 ]]; then
	./mvnw -B -q -DskipTests test-compile
fi
[[ -f target/test-classes/eu/pledge/privacy/RightsBenchmark.class ]] \
	|| { echo "RightsBenchmark is not compiled; run without --no-build" >&2; exit 1; }
classpath_file=target/bench-classpath.txt
if [[ ! -s $classpath_file || pom.xml -nt $classpath_file ]]; then
	./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
fi

db="pledge_rights_bench_$(date +%s)_$$"
cleanup() {
	local status=$?
	psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || echo "could not drop database $db" >&2
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
pg_version=$(psql_admin -Atc 'SHOW server_version')
psql_admin -c "CREATE DATABASE $db" >/dev/null

echo "Pledge rights benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, PostgreSQL $pg_version on $pg_host:$pg_port (same machine), load average before: $load_before"
timeout --signal=TERM --kill-after=20 "${BENCH_TIMEOUT:-900}" \
	java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
	-Dbench.url="jdbc:postgresql://$pg_host:$pg_port/$db" \
	-Dbench.events="${BENCH_EVENTS:-10000}" -Dbench.sessions="${BENCH_SESSIONS:-100}" \
	-Dbench.background="${BENCH_BACKGROUND:-200000}" -Dbench.runs="${BENCH_RUNS:-5}" \
	-Dbench.sealed-days="${BENCH_SEALED_DAYS:-30}" \
	eu.pledge.privacy.RightsBenchmark
