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

# shellcheck source=bench/lib.sh
source bench/lib.sh
pg_settings
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests test-compile)"
	./mvnw -B -q -DskipTests test-compile
fi
bench_classpath eu.pledge.privacy.rights.RightsBenchmark

cleanup() {
	local status=$?
	pg_drop_database
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
pg_fresh_database "pledge_rights_bench_$(date +%s)_$$"

echo "Pledge rights benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, PostgreSQL $pg_version on $pg_host:$pg_port (same machine), load average before: $load_before"
timeout --signal=TERM --kill-after=20 "${BENCH_TIMEOUT:-900}" \
	java -cp "$classpath" -Dbench.url="$pg_url" \
	-Dbench.events="${BENCH_EVENTS:-10000}" -Dbench.sessions="${BENCH_SESSIONS:-100}" \
	-Dbench.background="${BENCH_BACKGROUND:-200000}" -Dbench.runs="${BENCH_RUNS:-5}" \
	-Dbench.sealed-days="${BENCH_SEALED_DAYS:-30}" \
	eu.pledge.privacy.rights.RightsBenchmark
