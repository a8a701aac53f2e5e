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
case "$db_kind" in
	postgresql|h2) ;;
	*) echo "BENCH_DB must be postgresql or h2, not $db_kind" >&2; exit 2 ;;
esac
# shellcheck source=bench/lib.sh
source bench/lib.sh
[[ $db_kind == postgresql ]] && pg_settings

if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests test-compile)"
	./mvnw -B -q -DskipTests test-compile
fi
bench_classpath eu.pledge.privacy.retention.RetentionBenchmark

pg_url=
cleanup() {
	local status=$?
	[[ $db_kind == postgresql ]] && pg_drop_database
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [[ $db_kind == postgresql ]]; then
	pg_fresh_database "pledge_retention_bench_$(date +%s)_$$"
fi

echo "Pledge retention benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout --signal=TERM --kill-after=20 "${BENCH_TIMEOUT:-1800}" \
	java -cp "$classpath" -Dbench.url="$pg_url" -Dbench.user="${pg_user:-}" -Dbench.accounts="${BENCH_ACCOUNTS:-100000}" \
	-Dbench.batch="${BENCH_BATCH:-500}" eu.pledge.privacy.retention.RetentionBenchmark
