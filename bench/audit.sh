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

# shellcheck source=bench/lib.sh
source bench/lib.sh
cores=$(nproc)
pg_settings
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- build -------------------------------------------------------------------------------------------
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
bench_classpath eu.pledge.audit.AuditBenchmark

# --- database ----------------------------------------------------------------------------------------
bench_pid=
cleanup() {
	local status=$?
	stop_process "$bench_pid"
	pg_drop_database
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
tablespace=${BENCH_PG_TABLESPACE:-}
pg_fresh_database "pledge_audit_bench_$(date +%s)_$$" "$tablespace"

# --- run ---------------------------------------------------------------------------------------------
out=$(mktemp "${TMPDIR:-/tmp}/pledge-audit-bench.XXXXXX")
# shellcheck disable=SC2086
timeout --signal=TERM --kill-after=20 "${BENCH_TIMEOUT:-900}" \
	java ${BENCH_JAVA_OPTS:-} -cp "$classpath" -Dbench.url="$pg_url" \
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
echo "$("${BENCH_JAVA:-java}" -version 2>&1 | head -1); PostgreSQL $pg_version on $pg_host:$pg_port${tablespace:+ (tablespace $tablespace)}; the JVM and PostgreSQL share the same $cores cores; load average before: $load_before"
sed -n '/^measure /,$p' "$out"
rm -f "$out"
