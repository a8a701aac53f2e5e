#!/usr/bin/env bash
# Pledge benchmark: what the access log (serverlogs) costs a request.
# (a) over HTTP: GET /api/v1/me with a session cookie, Pledge started from the jar with the access log on, then
#     off (pledge.serverlogs.access-log-enabled=false), alternately for a number of rounds; compares throughput
#     and Pledge's CPU time per request (about 1 minute per round and mode);
# (b) in-process: eu.pledge.serverlogs.AccessLogCost measures the CPU time both filters and the writer thread
#     add per request with per-thread CPU clocks, which a busy machine disturbs far less than (a).
# Talks only to 127.0.0.1 and stops by itself. See docs/PERFORMANCE.md.
#
# usage: bench/access-log.sh [--no-build]
# environment (all optional):
#   BENCH_ROUNDS          on/off pairs for (a) (default: 2)
#   BENCH_COST_REQUESTS   requests per round of (b) (default: 100000)
#   BENCH_THREADS         wrk threads (default: nproc)
#   BENCH_CONNS           wrk connections (default: 4 x nproc)
#   BENCH_WARMUP / BENCH_DURATION   seconds of warm-up and of measurement per run (default: 10 / 20)
#   BENCH_JAVA_OPTS       extra JVM options for Pledge
#   BENCH_KEEP_DIR=1      keep the temporary data dirs (with Pledge's log and the access log)
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,18p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

cores=$(nproc)
rounds=${BENCH_ROUNDS:-2}
threads=${BENCH_THREADS:-$cores}
conns=${BENCH_CONNS:-$((4 * cores))}
warmup=${BENCH_WARMUP:-10}
duration=${BENCH_DURATION:-20}

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
bench_classpath eu.pledge.serverlogs.AccessLogCost

pledge_pid=
data_dir=
stop_pledge() {
	stop_process "$pledge_pid"
	pledge_pid=
	if [[ -n $data_dir ]]; then
		if [[ ${BENCH_KEEP_DIR:-0} == 1 ]]; then log "kept $data_dir"; else rm -rf "$data_dir"; fi
	fi
	data_dir=
}
trap 'status=$?; stop_pledge; exit $status' EXIT
trap 'exit 130' INT TERM

pledge_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pledge_pid/stat"; }

# run <on|off>: starts Pledge, signs in, warms up, measures, stops Pledge; sets run_result to
# "rate cpu_us_per_request non2xx lines" (not a subshell, so the EXIT trap can always stop Pledge)
run() {
	local mode=$1 enabled=true
	[[ $mode == off ]] && enabled=false
	local port base email password login_json cookie status out cpu0 cpu1 requests rate bad lines
	run_result=
	port=$(free_port)
	base=http://127.0.0.1:$port
	data_dir=$(mktemp -d "${TMPDIR:-/tmp}/pledge-bench-log.XXXXXX")
	email=bench@example.org
	password=$(random_password)
	# shellcheck disable=SC2086
	PLEDGE_BOOTSTRAP_ADMIN_EMAIL=$email PLEDGE_BOOTSTRAP_ADMIN_PASSWORD=$password \
		java ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
		--pledge.data-dir="$data_dir" --pledge.base-url="$base" \
		--pledge.serverlogs.access-log-enabled="$enabled" --pledge.accounts.admin-two-step-required=false \
		>"$data_dir/console.log" 2>&1 &
	pledge_pid=$!
	wait_healthy "$pledge_pid" "$base" "$data_dir/console.log"
	login_json="{\"email\":\"$email\",\"password\":\"$password\"}"
	cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$login_json" "$base/api/v1/session" \
		| tr -d '\r' | awk -F'[:;] *' 'tolower($1) == "set-cookie" && $2 ~ /pledge-session=/ {print $2; exit}')
	[[ -n $cookie ]] || { echo "no session cookie from the login" >&2; exit 1; }
	status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/v1/me")
	[[ $status == 200 ]] || { echo "GET /api/v1/me answered $status, not 200" >&2; exit 1; }
	log "access log $mode: wrk -t$threads -c$conns, warm-up ${warmup}s, then ${duration}s"
	wrk -t"$threads" -c"$conns" -d"${warmup}s" -H "Cookie: $cookie" "$base/api/v1/me" >/dev/null
	cpu0=$(pledge_cpu)
	out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" -H "Cookie: $cookie" "$base/api/v1/me")
	cpu1=$(pledge_cpu)
	printf '%s\n' "$out" >&2
	requests=$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')
	rate=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
	bad=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF; found=1} END {if (!found) print 0}')
	sleep 1 # let the writer thread finish the queue
	lines=0
	[[ -f $data_dir/logs/access.json ]] && lines=$(wc -l <"$data_dir/logs/access.json")
	stop_pledge
	run_result=$(awk -v r="$rate" -v a="$cpu0" -v b="$cpu1" -v n="$requests" -v bad="$bad" -v l="$lines" \
		'BEGIN {printf "%s %.0f %s %s", r, (n > 0) ? (b - a) / n * 1e6 : 0, bad, l}')
}

log "(b) in-process CPU cost per request (AccessLogCost)"
cost_out=$(java -cp "$classpath" eu.pledge.serverlogs.AccessLogCost \
	"${BENCH_COST_REQUESTS:-100000}" 5 2>/dev/null | grep -v ' DEBUG ')
printf '%s\n' "$cost_out" >&2

results=()
for round in $(seq 1 "$rounds"); do
	for mode in on off; do
		log "round $round, access log $mode"
		run "$mode"
		results+=("$mode $run_result")
	done
done

echo
echo "(b) in-process, CPU time the access log adds per request (best of 5 rounds):"
printf '%s\n' "$cost_out" | grep -E '^(round [1-9]|dropped|cpu-us)' | sed 's/^/    /'
echo
echo "Pledge access log benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $cores cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $("${BENCH_JAVA:-java}" -version 2>&1 | head -1)"
echo "(a) GET /api/v1/me, wrk -t$threads -c$conns ${duration}s after ${warmup}s warm-up, same cores as Pledge; load average before: $load_before"
printf '%-10s %12s %16s %8s %14s\n' "access log" "requests/s" "CPU us/request" "non-2xx" "lines written"
for result in "${results[@]}"; do
	# shellcheck disable=SC2086
	printf '%-10s %12s %16s %8s %14s\n' $result
done
printf '%s\n' "${results[@]}" | awk '
	$1 == "on" {ron += $2; con += $3; non++} $1 == "off" {roff += $2; coff += $3; noff++}
	END {
		ron /= non; roff /= noff; con /= non; coff /= noff
		printf "mean: on %.0f/s, off %.0f/s: throughput cost %.1f %% (target < 5 %%); CPU per request on %.0f us, off %.0f us: %+.1f %%\n",
			ron, roff, 100 * (roff - ron) / roff, con, coff, 100 * (con - coff) / coff
	}'
