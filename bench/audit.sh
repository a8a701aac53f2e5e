#!/usr/bin/env bash
# Pledge audit-trail benchmark (issue 3) on PostgreSQL: (1) audited actions/s, (2) search p95 at 10 million
# events, (3) retention of 60 expired days while a writer records. A fresh database on 127.0.0.1, dropped on
# exit; stops by itself (2-3 minutes on 2 cores, hard limit BENCH_TIMEOUT). See docs/PERFORMANCE.md.
#
# usage: bench/audit.sh [--no-build]
# environment (all optional):
#   BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER   PostgreSQL (default 127.0.0.1 / 5432 / postgres, trust auth)
#   BENCH_THREADS         writer threads for (1) (default: 2 x nproc)
#   BENCH_WARMUP / BENCH_DURATION   seconds of warm-up and of measurement for (1) (default: 20 / 20)
#   BENCH_ROWS            events loaded for (2) and (3) (default: 10000000), over BENCH_DAYS days (default: 60)
#   BENCH_LOAD_BUDGET     seconds after which loading stops after the days in progress (default: 300)
#   BENCH_SEARCHES        measured searches in (2) (default: 200)
#   BENCH_TIMEOUT         seconds after which the benchmark is killed (default: 900)
#   BENCH_JAVA_OPTS       extra JVM options (e.g. to record a JFR profile)
#   BENCH_PG_TABLESPACE   an existing tablespace for the benchmark's database (e.g. on other storage)
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,16p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

cores=$(nproc)
pg_host=${BENCH_PG_HOST:-127.0.0.1}
pg_port=${BENCH_PG_PORT:-5432}
pg_user=${BENCH_PG_USER:-postgres}
case "$pg_host" in
	127.0.0.1|localhost|::1) ;;
	*) echo "BENCH_PG_HOST must be local (127.0.0.1): the benchmark creates and drops a database" >&2; exit 2 ;;
esac

log() { printf '[bench] %s\n' "$*" >&2; }
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }

command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- build -------------------------------------------------------------------------------------------
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
[[ -f target/classes/eu/pledge/PledgeApplication.class && -f target/test-classes/eu/pledge/audit/AuditBenchmark.class ]] \
	|| { echo "the compiled classes or AuditBenchmark are missing; run without --no-build" >&2; exit 1; }
classpath_file=target/bench-classpath.txt
if [[ ! -s $classpath_file || pom.xml -nt $classpath_file ]]; then
	log "resolving the test classpath"
	./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
fi

# --- database ----------------------------------------------------------------------------------------
db="pledge_audit_bench_$(date +%s)_$$"
bench_pid=
cleanup() {
	local status=$?
	if [[ -n $bench_pid ]] && kill -0 "$bench_pid" 2>/dev/null; then
		kill "$bench_pid" 2>/dev/null || true
		for _ in $(seq 1 20); do kill -0 "$bench_pid" 2>/dev/null || break; sleep 0.5; done
		kill -9 "$bench_pid" 2>/dev/null || true
	fi
	psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 \
		|| echo "could not drop database $db; drop it by hand" >&2
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_version=$(psql_admin -Atc 'SHOW server_version')
tablespace=${BENCH_PG_TABLESPACE:-}
[[ -z $tablespace || $tablespace =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "BENCH_PG_TABLESPACE must be a plain name" >&2; exit 2; }
psql_admin -c "CREATE DATABASE $db${tablespace:+ TABLESPACE $tablespace}" >/dev/null
log "database $db on $pg_host:$pg_port (PostgreSQL $pg_version)${tablespace:+, tablespace $tablespace}"

# --- run ---------------------------------------------------------------------------------------------
out=$(mktemp "${TMPDIR:-/tmp}/pledge-audit-bench.XXXXXX")
# shellcheck disable=SC2086
timeout --signal=TERM --kill-after=20 "${BENCH_TIMEOUT:-900}" \
	java ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
	-Dbench.url="jdbc:postgresql://$pg_host:$pg_port/$db" \
	-Dbench.threads="${BENCH_THREADS:-$((2 * cores))}" \
	-Dbench.warmup="${BENCH_WARMUP:-20}" -Dbench.duration="${BENCH_DURATION:-20}" \
	-Dbench.rows="${BENCH_ROWS:-10000000}" -Dbench.days="${BENCH_DAYS:-60}" \
	-Dbench.load-budget="${BENCH_LOAD_BUDGET:-300}" -Dbench.searches="${BENCH_SEARCHES:-200}" \
	eu.pledge.audit.AuditBenchmark > >(tee "$out" | sed -u "/^measure /,\$d") &
bench_pid=$!
wait "$bench_pid" || { status=$?; echo "the benchmark failed (exit $status)" >&2; rm -f "$out"; exit "$status"; }
bench_pid=
sleep 0.2 # tee

echo
echo "Pledge audit benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $cores cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM"
echo "$(java -version 2>&1 | head -1); PostgreSQL $pg_version on $pg_host:$pg_port${tablespace:+ (tablespace $tablespace)}; the JVM and PostgreSQL share the same $cores cores; load average before: $load_before"
sed -n '/^measure /,$p' "$out"
rm -f "$out"
