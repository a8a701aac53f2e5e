#!/usr/bin/env bash
# Pledge memory benchmark: runs bench/login.sh (sign-ins and GET /api/v1/me) with the JVM's default heap (a quarter
# of the machine's memory) and with -Xmx256m and the flags README recommends for a 512 MB container, alternately,
# BENCH_ROUNDS times each (default 2: default, small, default, small; one run of each moved by up to ±15 % on the
# 2-core test machine), and prints every run's throughputs, the loss of the small runs' mean against the default
# runs' mean in %, and Pledge's resident set (VmRSS, and its peak VmHWM) at the end of each small run (the largest
# counts). Targets (issue 17): at most 5 % loss, VmRSS at most 400 MB at -Xmx256m.
# See docs/PERFORMANCE.md, "Start-up and memory".
#
# usage: bench/memory.sh [--no-build]
# environment (all optional):
#   BENCH_SMALL_OPTS   the JVM options of the small run (default: README's 512 MB container flags, below)
#   BENCH_SMALL_ENV    environment of the small run (default: MALLOC_ARENA_MAX=2)
#   BENCH_ROUNDS       runs of each kind, alternating (default 2)
#   BENCH_WARMUP, BENCH_LOGIN_WARMUP, BENCH_DURATION, ...   passed on to bench/login.sh (see its header)
#   BENCH_START_TIMEOUT   seconds Pledge may take to start (default 90, bench/lib.sh)
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
# Keep in step with README, "Running in a container".
small_opts=${BENCH_SMALL_OPTS:--Xmx256m -Xss512k -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=32m -XX:+UseSerialGC}
small_env=${BENCH_SMALL_ENV:-MALLOC_ARENA_MAX=2}
rounds=${BENCH_ROUNDS:-2}
[[ $small_opts == *-Xmx256m* ]] || { echo "BENCH_SMALL_OPTS must contain -Xmx256m" >&2; exit 2; }
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_ROUNDS must be a positive number" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi

out_dir=$(mktemp -d "${TMPDIR:-/tmp}/pledge-memory.XXXXXX")
trap 'rm -rf "$out_dir"' EXIT

for round in $(seq 1 "$rounds"); do
	log "round $round of $rounds, default heap"
	BENCH_JAVA_OPTS= bench/login.sh --no-build | tee "$out_dir/default-$round.txt"
	log "round $round of $rounds, small: $small_env $small_opts"
	# shellcheck disable=SC2086
	env $small_env BENCH_JAVA_OPTS="$small_opts" bench/login.sh --no-build | tee "$out_dir/small-$round.txt"
done

# login.sh's report lines are "%-44s %12s ...": the label, then the rate per second.
field_after() { awk -v m="$2" 'index($0, m) == 1 {r = substr($0, 46, 12); gsub(/ /, "", r); print r; exit}' "$1"; }
rss() { awk '/^Pledge resident set:/ {gsub(/,/, ""); print $5, $8; exit}' "$1"; }
loss() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (a > 0) ? 100 * (a - b) / a : 0}'; }
# "mean run1 run2 ..." of a measure over the runs of one kind ($1: default or small, $2: the report line's label).
rates() {
	local kind=$1 label=$2 values=() round
	for round in $(seq 1 "$rounds"); do values+=("$(field_after "$out_dir/$kind-$round.txt" "$label")"); done
	printf '%s\n' "${values[@]}" | awk '{s += $1; r = r " " $1} END {printf "%.2f%s\n", s / NR, r}'
}
read -r login_default login_default_runs < <(rates default "(b) password logins")
read -r login_small login_small_runs < <(rates small "(b) password logins")
read -r me_default me_default_runs < <(rates default "(c) GET /api/v1/me")
read -r me_small me_small_runs < <(rates small "(c) GET /api/v1/me")
# The resident set of each kind: "largest-VmRSS largest-VmHWM" over its runs, and every run's VmRSS.
max_rss() {
	local round
	for round in $(seq 1 "$rounds"); do rss "$out_dir/$1-$round.txt"; done \
		| awk '$1 > r {r = $1} $2 > h {h = $2} END {print r, h}'
}
read -r rss_default hwm_default < <(max_rss default)
read -r rss_small hwm_small < <(max_rss small)
all_rss() { local round; for round in $(seq 1 "$rounds"); do rss "$out_dir/$1-$round.txt" | cut -d' ' -f1; done | paste -sd' '; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v + 0 <= t + 0) ? "PASS" : "MISS"}'; }

echo
echo "Pledge memory — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(java -version 2>&1 | head -1)"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds; small run: $small_env $small_opts"
printf '%-34s %14s %14s %8s  %s\n' "measure (mean of the runs)" "default heap" "small" "loss" "target"
printf '%-34s %14s %14s %7s%%  %s\n' "(b) password logins/s" "$login_default" "$login_small" \
	"$(loss "$login_default" "$login_small")" "<= 5 %: $(verdict "$(loss "$login_default" "$login_small")" 5)"
printf '%-34s %14s %14s %7s%%  %s\n' "(c) GET /api/v1/me/s" "$me_default" "$me_small" \
	"$(loss "$me_default" "$me_small")" "<= 5 %: $(verdict "$(loss "$me_default" "$me_small")" 5)"
printf '%-34s %11s MB %11s MB %8s  %s\n' "VmRSS after a run (largest)" "$rss_default" "$rss_small" "" "<= 400 MB: $(verdict "$rss_small" 400)"
printf '%-34s %11s MB %11s MB\n' "VmHWM (largest peak)" "$hwm_default" "$hwm_small"
echo "each run — sign-ins/s default:$login_default_runs, small:$login_small_runs; /me/s default:$me_default_runs, small:$me_small_runs"
echo "each run — VmRSS MB default: $(all_rss default), small: $(all_rss small)"
