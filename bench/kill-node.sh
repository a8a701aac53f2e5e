#!/usr/bin/env bash
# Pledge fault benchmark (issue 11, "Faults"): a node is killed (kill -9) under load. Two Pledge nodes from the
# jar on one fresh PostgreSQL database (127.0.0.1, dropped on exit) with the same master key; sign-ins,
# sign-outs, audited admin changes (organisations, contracts) and erasures against both; node A is killed
# with SIGKILL while requests are in flight (as soon as it holds a retention-sweeper lease, or after a few
# seconds), the load stays on B, A restarts on its data dir. Prints one PASS/FAIL line per promise and exits 1
# when one fails. About two to three minutes. See docs/PERFORMANCE.md, "A node killed under load".
#
# usage: bench/kill-node.sh [--no-build]
# environment (all optional):
#   BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER   PostgreSQL (default 127.0.0.1 / 5432 / postgres, trust auth)
#   BENCH_BEFORE_KILL (10) BENCH_OUTAGE (22) BENCH_AFTER_RESTART (6)   seconds of load in each phase
#   BENCH_JAVA_OPTS       JVM options of the two Pledge nodes (default: -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC: quick starts; this run checks promises, not speed)
#   BENCH_TIMEOUT         seconds after which the benchmark is killed (default: 900)
#   BENCH_KEEP_DIR=1      keep the nodes' data dirs and logs
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
pg_settings
command -v java >/dev/null || { echo "java is needed" >&2; exit 1; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
jar=$(ls target/pledge-*.jar 2>/dev/null | grep -v -- '-plain' | head -1)
[[ -n $jar ]] || { echo "no target/pledge-*.jar; run without --no-build" >&2; exit 1; }
bench_classpath eu.pledge.KillNodeBenchmark

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/pledge-kill.XXXXXX")
cleanup() {
	local status=$?
	# the nodes the driver started (it stops them itself, unless it was killed)
	if [[ -f $work_dir/pids ]]; then
		while read -r pid; do stop_process "$pid"; done <"$work_dir/pids"
	fi
	pg_drop_database
	if [[ ${BENCH_KEEP_DIR:-0} == 1 ]]; then
		log "kept $work_dir (the nodes' logs: $work_dir/node-*/pledge.log)"
	else
		rm -rf "$work_dir"
	fi
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
pg_fresh_database "pledge_kill_bench_$(date +%s)_$$"

echo "Pledge kill-node benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, PostgreSQL $pg_version on $pg_host:$pg_port (same machine), load average before: $load_before"
status=0
timeout --signal=TERM --kill-after=20 "${BENCH_TIMEOUT:-900}" \
	java -cp "$classpath" -Dbench.jar="$jar" -Dbench.url="$pg_url" -Dbench.db-user="$pg_user" \
	-Dbench.dir="$work_dir" -Dbench.java-opts="${BENCH_JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}" \
	-Dbench.before-kill="${BENCH_BEFORE_KILL:-10}" -Dbench.outage="${BENCH_OUTAGE:-22}" \
	-Dbench.after-restart="${BENCH_AFTER_RESTART:-6}" \
	eu.pledge.KillNodeBenchmark || status=$?
if [[ $status != 0 ]]; then
	log "a promise failed (exit status $status); rerun with BENCH_KEEP_DIR=1 to keep the nodes' logs"
fi
exit $status
