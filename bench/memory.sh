#!/usr/bin/env bash
# Pledge memory benchmark: two Pledges side by side — "default" with the JVM's default heap (a quarter of the
# machine's memory), "small" with -Xmx256m and the flags README recommends for a 512 MB container — given the same
# work in short alternating slices: password sign-ins, then GET /api/v1/me, then GET / for a signed-in person, each
# after a warm-up of each side. Alternating slices of seconds, not whole runs of minutes, because the 2-core test
# machine changes speed by itself (one thread of raw Argon2id took 26 to 35 ms of CPU per hash within one minute):
# a change falls on both sides alike. What it cannot remove is one JVM's compiled code against another's (three
# runs with the same flags gave sign-ins -5.9 to +7.5 %): run it more than once. Prints each side's throughput (the
# mean of its slices), the small side's loss in %, every pair of slices, the CPU per request of each side, and the
# resident set of each (VmRSS, and the peak VmHWM) after the work. Targets (issue 17): at most 5 % loss, VmRSS at
# most 400 MB at -Xmx256m. Against 127.0.0.1 only; about 10 minutes with the defaults. See docs/PERFORMANCE.md,
# "Memory, measured side by side".
#
# usage: bench/memory.sh [--no-build]
# environment (all optional):
#   BENCH_SMALL_OPTS   the JVM options of the small side (default: README's 512 MB container flags, below)
#   BENCH_SMALL_ENV    environment of the small side, NAME=value words (default: MALLOC_ARENA_MAX=2; both sides
#                      inherit the caller's environment, so leave MALLOC_ARENA_MAX unset there)
#   BENCH_DEFAULT_OPTS the JVM options of the default side (default: none)
#   BENCH_SLICES       slices of each side per measure (default 6: default, small, small, default, ...)
#   BENCH_SLICE        seconds per slice (default 10)
#   BENCH_WARMUP       seconds of warm-up of each side before each measure (default 30)
#   BENCH_THREADS, BENCH_LOGIN_CONNS, BENCH_ME_CONNS, BENCH_ARGON2_*   as in bench/login.sh
#   BENCH_JAVA         the java command (default: java)
#   BENCH_START_TIMEOUT   seconds Pledge may take to start (default 90, bench/lib.sh)
#   BENCH_KEEP_DIR=1   keep the data dirs and the two Pledges' logs
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,26p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done
# Keep in step with README, "Running in a container".
small_opts=${BENCH_SMALL_OPTS:--Xmx256m -Xms128m -Xmn48m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -Xss512k -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=32m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000}
small_env=${BENCH_SMALL_ENV:-MALLOC_ARENA_MAX=2}
default_opts=${BENCH_DEFAULT_OPTS:-}
slices=${BENCH_SLICES:-6}
slice=${BENCH_SLICE:-10}
warmup=${BENCH_WARMUP:-30}
cores=$(nproc)
threads=${BENCH_THREADS:-$cores}
login_conns=${BENCH_LOGIN_CONNS:-$((2 * cores))}
me_conns=${BENCH_ME_CONNS:-$((4 * cores))}
memory_kib=${BENCH_ARGON2_MEMORY_KIB:-19456}
iterations=${BENCH_ARGON2_ITERATIONS:-2}
parallelism=${BENCH_ARGON2_PARALLELISM:-1}
[[ $small_opts == *-Xmx256m* ]] || { echo "BENCH_SMALL_OPTS must contain -Xmx256m" >&2; exit 2; }
for n in "$slices" "$slice" "$warmup"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_SLICES, BENCH_SLICE and BENCH_WARMUP must be positive numbers" >&2; exit 2; }
done
for assignment in $small_env; do
	[[ $assignment =~ ^[A-Za-z_][A-Za-z0-9_]*=.*$ ]] || { echo "BENCH_SMALL_ENV takes NAME=value words, not $assignment" >&2; exit 2; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
ensure_wrk

jar=target/pledge-0.1.0-SNAPSHOT.jar
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
[[ -f $jar ]] || { echo "$jar is missing; run without --no-build" >&2; exit 1; }

# --- the two Pledges -------------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/pledge-memory.XXXXXX")
email=bench@example.org
password=$(random_password)
declare -A side_base side_pid side_cookie
cleanup() {
	local status=$? name
	for name in "${!side_pid[@]}"; do stop_process "${side_pid[$name]}"; done
	if [[ ${BENCH_KEEP_DIR:-0} == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts side $1 with the JVM options $2 and the environment words $3 (bench/lib.sh's pledge_start, on its own
# port and data dir); signs in once and keeps the session cookie for the GET measures.
start_side() {
	local name=$1 assignment
	port=$(free_port)
	base=http://127.0.0.1:$port
	data_dir=$work/$name
	mkdir -p "$data_dir"
	BENCH_JAVA_OPTS=$2
	for assignment in $3; do export "${assignment?}"; done
	pledge_start --pledge.passwords.argon2.memory-kib="$memory_kib" --pledge.passwords.argon2.iterations="$iterations" \
		--pledge.passwords.argon2.parallelism="$parallelism"
	for assignment in $3; do unset "${assignment%%=*}"; done
	side_base[$name]=$base
	side_pid[$name]=$pledge_pid
	side_cookie[$name]=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
		-d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/session" \
		| tr -d '\r' | awk -F'[:;] *' 'tolower($1) == "set-cookie" && $2 ~ /pledge-session=/ {print $2; exit}')
	[[ -n ${side_cookie[$name]} ]] || { echo "no session cookie from the $name side's sign-in" >&2; exit 1; }
}
log "default side: ${default_opts:-(no options)}"
start_side default "$default_opts" ""
log "small side: $small_env $small_opts"
start_side small "$small_opts" "$small_env"

# One wrk run of the measure $2 (login, me, page) against side $1 for $3 seconds; prints "rate requests
# unexpected cpu_us_per_request" (unexpected: sign-ins that were not 200, GETs that were not 2xx, socket errors).
run_wrk() {
	local name=$1 kind=$2 seconds=$3 url=${side_base[$1]} pid=${side_pid[$1]} out cpu0 cpu1 n bad errors
	cpu0=$(process_cpu "$pid")
	case $kind in
		login) out=$(wrk -t"$threads" -c"$login_conns" -d"${seconds}s" --timeout 10s -s bench/login.lua "$url" -- "$email" "$password") ;;
		me) out=$(wrk -t"$threads" -c"$me_conns" -d"${seconds}s" --timeout 10s -H "Cookie: ${side_cookie[$name]}" "$url/api/v1/me") ;;
		page) out=$(wrk -t"$threads" -c"$me_conns" -d"${seconds}s" --timeout 10s -H "Cookie: ${side_cookie[$name]}" "$url/") ;;
	esac
	cpu1=$(process_cpu "$pid")
	n=$(printf '%s\n' "$out" | requests_done)
	if [[ $kind == login ]]; then
		bad=$(printf '%s\n' "$out" | awk '/^non-200 responses:/ {print $3; found=1} END {if (!found) print 0}')
	else
		bad=$(printf '%s\n' "$out" | non_2xx)
	fi
	errors=$(printf '%s\n' "$out" | awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10; found=1} END {if (!found) print 0}')
	printf '%s %s %s %s\n' "$(printf '%s\n' "$out" | requests_per_second)" "$n" "$((bad + errors))" "$(per_request_us "$cpu0" "$cpu1" "$n")"
}

# Measure $1: a warm-up of each side, then $slices slices of each, alternating which side goes first in each pair
# (default small, small default, ...). Sets result[$1.default], result[$1.small] ("mean-rate cpu-us unexpected")
# and pairs[$1] (each pair's rates, default/small).
declare -A result pairs
measure() {
	local kind=$1 label=$2 i name order rate n bad cpu
	declare -A rates=() cpus=() bads=()
	log "$label: ${warmup}s warm-up of each side, then $slices slices of ${slice}s of each, alternating"
	run_wrk default "$kind" "$warmup" >/dev/null
	run_wrk small "$kind" "$warmup" >/dev/null
	pairs[$kind]=""
	for i in $(seq 1 "$slices"); do
		if ((i % 2)); then order="default small"; else order="small default"; fi
		declare -A this=()
		for name in $order; do
			read -r rate n bad cpu < <(run_wrk "$name" "$kind" "$slice")
			this[$name]=$rate
			rates[$name]="${rates[$name]:-} $rate"
			cpus[$name]="${cpus[$name]:-} $cpu"
			bads[$name]=$((${bads[$name]:-0} + bad))
		done
		pairs[$kind]="${pairs[$kind]} ${this[default]}/${this[small]}"
		log "  slice $i: default ${this[default]}/s, small ${this[small]}/s"
	done
	for name in default small; do
		result[$kind.$name]="$(mean ${rates[$name]}) $(mean ${cpus[$name]} | cut -d. -f1) ${bads[$name]}"
	done
}
mean() { printf '%s\n' "$@" | awk '{s += $1} END {printf "%.2f", (NR > 0) ? s / NR : 0}'; }

measure login "(b) password sign-ins"
measure me "(c) GET /api/v1/me"
measure page "(d) GET / (a signed-in person's page)"
sleep 3 # what the small side gives back right after the load (its native-heap trim runs every 2 s when enabled)

# --- report ----------------------------------------------------------------------------------------------------
field() { cut -d' ' -f"$2" <<<"${result[$1]}"; }
loss() { awk -v a="$(field "$1.default" 1)" -v b="$(field "$1.small" 1)" 'BEGIN {printf "%.1f", (a > 0) ? 100 * (a - b) / a : 0}'; }
verdict_max() { awk -v v="$1" -v t="$2" 'BEGIN {print (v + 0 <= t + 0) ? "PASS" : "MISS"}'; }
target() {
	if [[ $(field "$1.default" 3) != 0 || $(field "$1.small" 3) != 0 ]]; then echo "INVALID (unexpected answers)"; return; fi
	echo "<= 5 %: $(verdict_max "$(loss "$1")" 5)"
}
rss_of() { pledge_rss "${side_pid[$1]}" | awk '{gsub(/,/, ""); print $5, $8}'; }
read -r rss_default hwm_default < <(rss_of default)
read -r rss_small hwm_small < <(rss_of small)

echo
echo "Pledge memory — $(date -u +%Y-%m-%dT%H:%M:%SZ), $cores cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $("${BENCH_JAVA:-java}" -version 2>&1 | head -1)"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); $slices slices of ${slice}s per side and measure after ${warmup}s of warm-up each"
echo "default side: ${default_opts:-(no options)}; small side: $small_env $small_opts"
printf '%-36s %14s %14s %7s  %s\n' "measure (mean of the slices)" "default" "small" "loss" "target"
row() { printf '%-36s %14s %14s %6s%%  %s\n' "$2" "$(field "$1.default" 1)" "$(field "$1.small" 1)" "$(loss "$1")" "$3"; }
row login "(b) password sign-ins/s" "$(target login)"
row me "(c) GET /api/v1/me/s" "$(target me)"
row page "(d) GET / (signed-in page)/s" "(no target)"
printf '%-36s %11s us %11s us\n' "CPU per sign-in" "$(field login.default 2)" "$(field login.small 2)"
printf '%-36s %11s us %11s us\n' "CPU per /me" "$(field me.default 2)" "$(field me.small 2)"
printf '%-36s %11s us %11s us\n' "CPU per page" "$(field page.default 2)" "$(field page.small 2)"
printf '%-36s %11s MB %11s MB %7s  %s\n' "VmRSS after the work" "$rss_default" "$rss_small" "" "<= 400 MB: $(verdict_max "$rss_small" 400)"
printf '%-36s %11s MB %11s MB\n' "VmHWM (peak)" "$hwm_default" "$hwm_small"
echo "each pair (default/small) — sign-ins/s:${pairs[login]}"
echo "each pair (default/small) — /me/s:${pairs[me]}"
echo "each pair (default/small) — page/s:${pairs[page]}"
