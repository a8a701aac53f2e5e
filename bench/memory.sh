#!/usr/bin/env bash
# Pledge memory benchmark: runs bench/login.sh (sign-ins and GET /api/v1/me) twice, once with the JVM's default heap
# (a quarter of the machine's memory) and once with -Xmx256m and the flags README recommends for a 512 MB
# container, and prints both throughputs, the loss in %, and Pledge's resident set (VmRSS, and its peak VmHWM) at
# the end of each run. Targets (issue 17): at most 5 % loss, VmRSS at most 400 MB at -Xmx256m.
# See docs/PERFORMANCE.md, "Start-up and memory".
#
# usage: bench/memory.sh [--no-build]
# environment (all optional):
#   BENCH_SMALL_OPTS   the JVM options of the small run (default: README's 512 MB container flags, below)
#   BENCH_SMALL_ENV    environment of the small run (default: MALLOC_ARENA_MAX=2)
#   BENCH_WARMUP, BENCH_LOGIN_WARMUP, BENCH_DURATION, ...   passed on to bench/login.sh (see its header)
#   BENCH_START_TIMEOUT   seconds Pledge may take to start (default 90, bench/lib.sh)
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,13p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done
# Keep in step with README, "Running in a container".
small_opts=${BENCH_SMALL_OPTS:--Xmx256m -Xss512k -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=32m -XX:+UseSerialGC}
small_env=${BENCH_SMALL_ENV:-MALLOC_ARENA_MAX=2}
[[ $small_opts == *-Xmx256m* ]] || { echo "BENCH_SMALL_OPTS must contain -Xmx256m" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi

out_dir=$(mktemp -d "${TMPDIR:-/tmp}/pledge-memory.XXXXXX")
trap 'rm -rf "$out_dir"' EXIT

log "run 1 of 2: default heap"
BENCH_JAVA_OPTS= bench/login.sh --no-build | tee "$out_dir/default.txt"
log "run 2 of 2: $small_env $small_opts"
# shellcheck disable=SC2086
env $small_env BENCH_JAVA_OPTS="$small_opts" bench/login.sh --no-build | tee "$out_dir/small.txt"

# login.sh's report lines are "%-44s %12s ...": the label, then the rate per second.
field_after() { awk -v m="$2" 'index($0, m) == 1 {r = substr($0, 46, 12); gsub(/ /, "", r); print r; exit}' "$1"; }
rss() { awk '/^Pledge resident set:/ {gsub(/,/, ""); print $5, $8; exit}' "$1"; }
loss() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (a > 0) ? 100 * (a - b) / a : 0}'; }

login_default=$(field_after "$out_dir/default.txt" "(b) password logins")
login_small=$(field_after "$out_dir/small.txt" "(b) password logins")
me_default=$(field_after "$out_dir/default.txt" "(c) GET /api/v1/me")
me_small=$(field_after "$out_dir/small.txt" "(c) GET /api/v1/me")
read -r rss_default hwm_default < <(rss "$out_dir/default.txt")
read -r rss_small hwm_small < <(rss "$out_dir/small.txt")
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v + 0 <= t + 0) ? "PASS" : "MISS"}'; }

echo
echo "Pledge memory — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(java -version 2>&1 | head -1)"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); small run: $small_env $small_opts"
printf '%-34s %14s %14s %8s  %s\n' "measure" "default heap" "small" "loss" "target"
printf '%-34s %14s %14s %7s%%  %s\n' "(b) password logins/s" "$login_default" "$login_small" \
	"$(loss "$login_default" "$login_small")" "<= 5 %: $(verdict "$(loss "$login_default" "$login_small")" 5)"
printf '%-34s %14s %14s %7s%%  %s\n' "(c) GET /api/v1/me/s" "$me_default" "$me_small" \
	"$(loss "$me_default" "$me_small")" "<= 5 %: $(verdict "$(loss "$me_default" "$me_small")" 5)"
printf '%-34s %11s MB %11s MB %8s  %s\n' "VmRSS after the run" "$rss_default" "$rss_small" "" "<= 400 MB: $(verdict "$rss_small" 400)"
printf '%-34s %11s MB %11s MB\n' "VmHWM (peak resident set)" "$hwm_default" "$hwm_small"
