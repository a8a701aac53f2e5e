#!/usr/bin/env bash
# Pledge retention-sweep benchmark (issue 5): one run of the departed-customers rule over BENCH_ACCOUNTS accounts
# (default 100,000) of an organisation whose contract ended 60 days ago; reports accounts/s. PostgreSQL on
# 127.0.0.1 in a fresh database dropped on exit (default), or the embedded H2 with BENCH_DB=h2.
# See docs/PERFORMANCE.md.
#
# usage: bench/retention.sh [--no-build]
# environment (all optional):
#   BENCH_DB              postgresql (default) or h2
#   BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER   PostgreSQL (default 127.0.0.1 / 5432 / postgres, trust auth)
#   BENCH_ACCOUNTS        accounts to destroy (default 100000)
#   BENCH_BATCH           accounts per committed batch (default 500)
#   BENCH_TIMEOUT         seconds after which the benchmark is killed (default 1800)
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,14p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

db_kind=${BENCH_DB:-postgresql}
pg_host=${BENCH_PG_HOST:-127.0.0.1}
pg_port=${BENCH_PG_PORT:-5432}
pg_user=${BENCH_PG_USER:-postgres}
case "$pg_host" in
	127.0.0.1|localhost|::1) ;;
	*) echo "BENCH_PG_HOST must be local (127.0.0.1): the benchmark creates and drops a database" >&2; exit 2 ;;
esac
log() { printf '[bench] %s\n' "$*" >&2; }
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }

if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests test-compile)"
	./mvnw -B -q -DskipTests test-compile
fi
[[ -f target/test-classes/eu/pledge/privacy/RetentionBenchmark.class ]] \
	|| { echo "RetentionBenchmark is not compiled; run without --no-build" >&2; exit 1; }
classpath_file=target/bench-classpath.txt
if [[ ! -s $classpath_file || pom.xml -nt $classpath_file ]]; then
	log "resolving the test classpath"
	./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
fi

db=
url=
cleanup() {
	local status=$?
	if [[ -n $db ]]; then
		psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || echo "could not drop database $db" >&2
	fi
	exit $status
}
trap cleanup EXIT
if [[ $db_kind == postgresql ]]; then
	command -v psql >/dev/null || { echo "psql is needed (or BENCH_DB=h2)" >&2; exit 1; }
	db="pledge_retention_bench_$(date +%s)_$$"
	psql_admin -c "CREATE DATABASE $db" >/dev/null
	url="jdbc:postgresql://$pg_host:$pg_port/$db"
	log "database $db on $pg_host:$pg_port (PostgreSQL $(psql_admin -Atc 'SHOW server_version'))"
fi

echo "Pledge retention benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout --signal=TERM --kill-after=20 "${BENCH_TIMEOUT:-1800}" \
	java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
	-Dbench.url="$url" -Dbench.user="$pg_user" -Dbench.accounts="${BENCH_ACCOUNTS:-100000}" \
	-Dbench.batch="${BENCH_BATCH:-500}" eu.pledge.privacy.RetentionBenchmark
