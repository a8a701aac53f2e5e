#!/usr/bin/env bash
# Secure Patrol benchmark (issue 13, "Enforcement" and "Real time, many nodes, bounded memory"), in one run on this
# machine, against 127.0.0.1 only, stopping by itself (BENCH_TIMEOUT). Two Pledge nodes from the jar on one fresh
# PostgreSQL database (bench_patrol on 127.0.0.1, dropped on exit), trusting X-Forwarded-For from 127.0.0.1:
#   (1) rejections/s: wrk asks node A for / as one address banned among 100,000 decisions in force (429 +
#       Retry-After), against a minimal Spring Boot app answering a constant JSON object (src/bench/java
#       bench.baseline), same JVM options, same wrk, measured right before and right after; goal ratio >= 0.75
#   (2) detection→response: a honeytrap request on A until A answers 429 (goal p99 <= 50 ms) and until B does
#       (goal p99 <= 1 s)
#   (3) node A's used heap after a full GC: before the 100,000 decisions, after them, and after a flood of 404s
#       from 100,000 distinct addresses
#   (4) the CrowdSec live endpoint (GET /api/v1/patrol/crowdsec/v1/decisions?ip=, a bouncer's key), as a bouncer in
#       live mode asks it about each new client: for a banned address and for one without a decision; run before (3).
#       Each phase asks about one address again and again: an answer kept per address would flatter it.
# About eleven minutes. See docs/PERFORMANCE.md, "Secure Patrol".
#
# usage: bench/patrol.sh [--no-build]
# environment (all optional):
#   BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER   PostgreSQL (default 127.0.0.1 / 5432 / postgres, trust auth)
#   BENCH_JAVA_OPTS     JVM options of both Pledge nodes and the baseline app (default: -Xms512m -Xmx512m)
#   BENCH_DECISIONS     bans in force during (1) (default 100000)      BENCH_FLOOD  addresses in (3) (default 100000)
#   BENCH_SAMPLES       honeytraps in (2) (default 100)
#   BENCH_WARMUP / BENCH_DURATION   seconds of warm-up and of measurement in (1) (default 30 / 20)
#   BENCH_THREADS / BENCH_CONNS     wrk threads and connections (default nproc / 4 x nproc)
#   BENCH_TIMEOUT       seconds after which the benchmark stops itself (default 1500)
#   BENCH_KEEP_DIR=1    keep the nodes' data dirs and logs
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ -z ${BENCH_PATROL_TIMED:-} ]]; then
	BENCH_PATROL_TIMED=1 exec timeout --signal=TERM --kill-after=30 "${BENCH_TIMEOUT:-1500}" "$0" "$@"
fi

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,24p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

cores=$(nproc)
threads=${BENCH_THREADS:-$cores}
conns=${BENCH_CONNS:-$((4 * cores))}
warmup=${BENCH_WARMUP:-30}
duration=${BENCH_DURATION:-20}
decisions=${BENCH_DECISIONS:-100000}
flood=${BENCH_FLOOD:-100000}
samples=${BENCH_SAMPLES:-100}
read -r -a java_opts <<<"${BENCH_JAVA_OPTS:--Xms512m -Xmx512m}"

# shellcheck source=bench/lib.sh
source bench/lib.sh
pg_settings
ensure_wrk
command -v jcmd >/dev/null || { echo "jcmd (a JDK) is needed" >&2; exit 1; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
jar=$(ls target/pledge-*.jar 2>/dev/null | grep -v -- '-plain' | head -1)
[[ -n $jar ]] || { echo "no target/pledge-*.jar; run without --no-build" >&2; exit 1; }
bench_classpath eu.pledge.patrol.BanLatency

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/pledge-patrol.XXXXXX")
pids=()
cleanup() {
	local status=$?
	for pid in "${pids[@]}"; do stop_process "$pid"; done
	pg_drop_database
	if [[ ${BENCH_KEEP_DIR:-0} == 1 ]]; then
		log "kept $work_dir (logs: $work_dir/*/out.log)"
	else
		rm -rf "$work_dir"
	fi
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
psql_admin -c "DROP DATABASE IF EXISTS bench_patrol WITH (FORCE)" >/dev/null
pg_fresh_database bench_patrol
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$bench_db" "$@"; }

# Waits until $1 answers $2 with status $3 (as address $4, when given); 150 s at most.
wait_status() {
	local url=$1 path=$2 want=$3 i header=()
	[[ -z ${4:-} ]] || header=(-H "X-Forwarded-For: $4")
	for i in $(seq 1 1500); do
		[[ $(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$url$path") == "$want" ]] && return 0
		sleep 0.1
	done
	echo "$url$path did not answer $want within 150 s" >&2; exit 1
}

# Starts a JVM named $1 (its dir and log under $work_dir/$1) with the remaining arguments; sets started_pid.
start_jvm() {
	local name=$1; shift
	mkdir -p "$work_dir/$name"
	java "${java_opts[@]}" "$@" >"$work_dir/$name/out.log" 2>&1 &
	started_pid=$!
	pids+=("$started_pid")
}

master_key=$(head -c 32 /dev/urandom | base64)
start_node() {
	local name=$1 port=$2
	PLEDGE_VAULT_MASTER_KEY=$master_key start_jvm "$name" -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
		--pledge.data-dir="$work_dir/$name" --pledge.base-url="http://127.0.0.1:$port" \
		--spring.datasource.url="$pg_url" --spring.datasource.username="$pg_user" --spring.datasource.password= \
		--pledge.web.trusted-proxies=127.0.0.1/32 --pledge.accounts.admin-two-step-required=false
	wait_healthy "$started_pid" "http://127.0.0.1:$port" "$work_dir/$name/out.log"
}

# Used heap of JVM $1 after two full GCs, in MiB.
heap_mib() {
	jcmd "$1" GC.run >/dev/null; jcmd "$1" GC.run >/dev/null; sleep 1
	jcmd "$1" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | awk '{printf "%.1f", $2 / 1024}'
}

unexpected() { awk '/^unexpected responses:/ {print $3}'; }
# wrk against $1, expecting status $2 (as address $3): warm-up, then the measurement; prints "rate unexpected p99".
measure() {
	local url=$1 want=$2 address=${3:-} out
	wrk -t"$threads" -c"$conns" -d"${warmup}s" -s bench/patrol.lua "$url" -- "$want" $address >/dev/null
	out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -s bench/patrol.lua "$url" -- "$want" $address)
	printf '%s\n' "$out" >&2
	printf '%s %s %s\n' "$(printf '%s\n' "$out" | requests_per_second)" "$(printf '%s\n' "$out" | unexpected)" \
		"$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')"
}

echo "Secure Patrol benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $cores cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ {print $2}') GiB, $("${BENCH_JAVA:-java}" -version 2>&1 | head -1)"
echo "PostgreSQL $pg_version on $pg_host:$pg_port (same machine); JVM options ${java_opts[*]}; wrk -t$threads -c$conns on the same cores; load average before: $load_before"

# --- two nodes, then 100,000 bans straight into the database ---------------------------------------------
port_a=$(free_port); a=http://127.0.0.1:$port_a
log "starting node A on $a"
start_node node-a "$port_a"; pid_a=$started_pid
port_b=$(free_port); b=http://127.0.0.1:$port_b
log "starting node B on $b"
start_node node-b "$port_b"; pid_b=$started_pid
heap_empty=$(heap_mib "$pid_a")

banned="10.$((decisions / 2 / 65536)).$((decisions / 2 / 256 % 256)).$((decisions / 2 % 256))"
log "inserting $decisions bans in force (10.0.0.0/8); node A turns $banned away once it has seen them"
t0=$(date +%s%N)
psql_bench -c "INSERT INTO protection_decisions
		(decision_type, address, prefix_length, scenario, origin, created_at, updated_at, expires_at)
	SELECT 'ban', '10.' || (n / 65536) || '.' || (n / 256 % 256) || '.' || (n % 256), 32, 'bench', 'bench',
		now(), now(), now() + INTERVAL '24' HOUR
	FROM generate_series(1, $decisions) AS n"
t1=$(date +%s%N)
wait_status "$a" / 429 "$banned"
wait_status "$b" / 429 "$banned"
t2=$(date +%s%N)
insert_ms=$(( (t1 - t0) / 1000000 )); seen_ms=$(( (t2 - t1) / 1000000 ))
heap_bans=$(heap_mib "$pid_a")
# What one look costs PostgreSQL now that 100,000 bans are in force: everything (the start-up load, and what every
# look did before) against only the changes of the last 11 s (a look's window with its overlap).
execution_ms() { psql_bench -Atc "EXPLAIN ANALYZE $1" | awk '/Execution Time/ {print $3}'; }
sleep 12 # the inserted rows leave the window, as they would a second after a quiet look
full_look_ms=$(execution_ms "SELECT address, MAX(expires_at) FROM protection_decisions WHERE decision_type = 'ban'
	AND lifted_at IS NULL AND expires_at > now() GROUP BY address")
change_look_ms=$(execution_ms "SELECT * FROM protection_decisions WHERE updated_at > now() - INTERVAL '11' SECOND")
retry_after=$(curl -s -D - -o /dev/null -H "X-Forwarded-For: $banned" "$a/" | tr -d '\r' | awk -F': ' 'tolower($1) == "retry-after" {print $2}')
[[ -n $retry_after ]] || { echo "the 429 carries no Retry-After" >&2; exit 1; }

# --- (1) rejections against the baseline -------------------------------------------------------------------
port_base=$(free_port); base=http://127.0.0.1:$port_base
log "starting the baseline app on $base"
start_jvm baseline -cp "$classpath" bench.baseline.ConstantJsonApplication --server.address=127.0.0.1 --server.port="$port_base"
pid_base=$started_pid
wait_status "$base" / 200
log "(1) baseline GET / : warm-up ${warmup}s, then ${duration}s"
read -r base_before base_bad_before base_p99_before < <(measure "$base" 200)
log "(1) node A, GET / as a banned address: warm-up ${warmup}s, then ${duration}s"
read -r reject_rate reject_bad reject_p99 < <(measure "$a" 429 "$banned")
log "(1) baseline again"
read -r base_after base_bad_after base_p99_after < <(measure "$base" 200)
stop_process "$pid_base"

# --- (2) detection→response ----------------------------------------------------------------------------------
log "(2) $samples honeytraps on A; waiting for 429 on A and on B"
latency_out=$(java -cp "$classpath" eu.pledge.patrol.BanLatency "$a" "$b" "$samples" 198.18)
printf '%s\n' "$latency_out" >&2
# The part between the detection (the honeytrap request as the sensor saw it arrive) and the decision's stamp in the
# judge's transaction: the sensor's hand-off on the request's thread, Patrol's queue and the judge; the commit and
# the answer come after it.
judge_ms=$(psql_bench -Atc "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) || ' / '
	|| round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) FROM (
	SELECT EXTRACT(EPOCH FROM (d.created_at - t.occurred_at)) * 1000 AS ms FROM protection_decisions d
	JOIN patrol_detections t ON t.address = d.address AND t.point = 'HONEYTRAP' WHERE d.address LIKE '198.18.%') AS x")

# --- (4) the CrowdSec live endpoint, as a bouncer in live mode asks it -----------------------------------------
bouncer_secret=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)
psql_bench -c "INSERT INTO patrol_keys (kind, name, key_hash, key_hint, created_at) VALUES ('bouncer', 'bench-edge',
	'$(printf '%s' "$bouncer_secret" | sha256sum | cut -d' ' -f1)', '${bouncer_secret:0:6}', now())" >/dev/null
live=/api/v1/patrol/crowdsec/v1/decisions
innocent=192.0.2.77
live_ban=$(curl -s -H "X-Api-Key: $bouncer_secret" "$a$live?ip=$banned")
[[ $live_ban == *'"type":"ban"'* ]] || { echo "the live endpoint did not answer the ban on $banned: $live_ban" >&2; exit 1; }
live_none=$(curl -s -H "X-Api-Key: $bouncer_secret" "$a$live?ip=$innocent")
[[ $live_none == null ]] || { echo "the live endpoint answered $live_none for $innocent, not null" >&2; exit 1; }
# wrk against node A's live endpoint for address $1, each answer containing $2: prints "rate unexpected p99 cpu_us".
measure_live() {
	local out cpu0
	wrk -t"$threads" -c"$conns" -d"${warmup}s" -H "X-Api-Key: $bouncer_secret" -s bench/patrol.lua "$a" -- 200 - \
		"$live?ip=$1" "$2" >/dev/null
	cpu0=$(process_cpu "$pid_a")
	out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -H "X-Api-Key: $bouncer_secret" -s bench/patrol.lua \
		"$a" -- 200 - "$live?ip=$1" "$2")
	printf '%s\n' "$out" >&2
	printf '%s %s %s %s\n' "$(printf '%s\n' "$out" | requests_per_second)" "$(printf '%s\n' "$out" | unexpected)" \
		"$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')" \
		"$(per_request_us "$cpu0" "$(process_cpu "$pid_a")" "$(printf '%s\n' "$out" | requests_done)")"
}
log "(4) GET $live?ip=<banned> and ?ip=<no decision> with a bouncer's key: warm-up ${warmup}s, then ${duration}s each"
read -r live_ban_rate live_ban_bad live_ban_p99 live_ban_cpu < <(measure_live "$banned" '"type":"ban"')
read -r live_none_rate live_none_bad live_none_p99 live_none_cpu < <(measure_live "$innocent" null)

# --- (3) a flood from 100,000 addresses -----------------------------------------------------------------------
log "(3) $flood requests for missing pages, each from its own address"
t0=$(date +%s%N)
mkdir -p "$work_dir/flood"
wrk -t"$threads" -c"$conns" -d600s -s bench/patrol-flood.lua "$a" -- $((flood / threads)) "$work_dir/flood" >&2 &
wrk_pid=$!
while kill -0 "$wrk_pid" 2>/dev/null && (( $(ls "$work_dir/flood" | wc -l) < threads )); do sleep 0.2; done
kill -INT "$wrk_pid" 2>/dev/null || true
wait "$wrk_pid" || true
flood_s=$(awk -v n="$(( $(date +%s%N) - t0 ))" 'BEGIN {printf "%.1f", n / 1e9}')
heap_flood=$(heap_mib "$pid_a")
flood_stored() { psql_bench -Atc "SELECT COUNT(*) FROM patrol_detections WHERE address LIKE '172.%'"; }
stored_right_after=$(flood_stored)
sleep 30
heap_later=$(heap_mib "$pid_a")
stored_later=$(flood_stored)
still_banned=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: $banned" "$b/")

# --- report ------------------------------------------------------------------------------------------------------
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN {print ((dir == "ge") ? (v + 0 >= t + 0) : (v + 0 <= t + 0)) ? "PASS" : "MISS"}'; }
base_rate=$(awk -v a="$base_before" -v b="$base_after" 'BEGIN {printf "%.0f", (a + b) / 2}')
ratio=$(awk -v r="$reject_rate" -v b="$base_rate" 'BEGIN {printf "%.2f", (b > 0) ? r / b : 0}')
ratio_ok=$(verdict "$ratio" 0.75 ge); [[ $reject_bad == 0 && $base_bad_before == 0 && $base_bad_after == 0 ]] || ratio_ok=INVALID
read -r _ _ a50 _ a99 _ amax _ < <(printf '%s\n' "$latency_out" | grep '^same-node')
read -r _ _ b50 _ b99 _ bmax _ < <(printf '%s\n' "$latency_out" | grep '^other-node')
echo
printf '%-58s %14s  %-12s %s\n' "measure" "value" "goal" "result"
printf '%-58s %14s  %-12s %s\n' "(1) baseline app, GET / constant JSON (before; after)" "$base_rate/s" "-" "$base_before/s; $base_after/s, p99 $base_p99_before; $base_p99_after"
printf '%-58s %14s  %-12s %s\n' "(1) Pledge 429 for a banned address ($decisions bans)" "$reject_rate/s" "-" "unexpected statuses: $reject_bad; p99 $reject_p99; Retry-After: $retry_after"
printf '%-58s %14s  %-12s %s\n' "(1) ratio Pledge / baseline" "$ratio" ">= 0.75" "$ratio_ok"
printf '%-58s %14s  %-12s %s\n' "(2) honeytrap → ban in force, same node, p50 / p99" "$a50 / $a99 ms" "<= 50 ms" "$(verdict "$a99" 50 le) (max $amax ms, $samples samples)"
printf '%-58s %14s  %-12s %s\n' "    of which detection → decision stamped, p50 / p99" "$judge_ms ms" "-" "(in the database: the request, queue, judge)"
printf '%-58s %14s  %-12s %s\n' "(2) honeytrap → ban in force, other node, p50 / p99" "$b50 / $b99 ms" "<= 1000 ms" "$(verdict "$b99" 1000 le) (max $bmax ms)"
printf '%-58s %14s  %-12s %s\n' "(4) live endpoint, an address with a ban ($decisions bans)" "$live_ban_rate/s" "-" "unexpected answers: $live_ban_bad; p99 $live_ban_p99; node A CPU $live_ban_cpu us/req"
printf '%-58s %14s  %-12s %s\n' "(4) live endpoint, an address without a decision" "$live_none_rate/s" "-" "unexpected answers: $live_none_bad; p99 $live_none_p99; node A CPU $live_none_cpu us/req"
printf '%-58s %14s  %-12s %s\n' "(3) node A used heap after GC, no decisions" "$heap_empty MiB" "-" ""
printf '%-58s %14s  %-12s %s\n' "(3) ... with $decisions bans in force" "$heap_bans MiB" "-" "inserted in $insert_ms ms, enforced on A and B $seen_ms ms later"
printf '%-58s %14s  %-12s %s\n' "    PostgreSQL time of one look: everything / changes only" "$full_look_ms / $change_look_ms ms" "-" "(a look runs at most once per pledge.protection.block-refresh on each node)"
printf '%-58s %14s  %-12s %s\n' "(3) ... right after $flood 404s from distinct addresses" "$heap_flood MiB" "-" "flood took ${flood_s}s; its detections stored by then: $stored_right_after (the rest queued, at most pledge.patrol.queue, or dropped)"
printf '%-58s %14s  %-12s %s\n' "(3) ... 30 s later" "$heap_later MiB" "-" "detections stored by then: $stored_later; banned address on B afterwards: $still_banned"
