#!/usr/bin/env bash
# Pledge benchmark: the error tracker's Sentry-compatible ingest. Starts Pledge on 127.0.0.1, creates an error
# project, posts Sentry envelopes (one Java exception event each) concurrently for a fixed time and prints
# (1) events accepted per second over HTTP and (2) events stored (scrubbed, grouped) per second by the tracker.
# See docs/PERFORMANCE.md and docs/ERRORS-INGEST.md.
#
# usage: bench/ingest.sh [--no-build]
# environment (all optional):
#   BENCH_THREADS         wrk threads (default: nproc)
#   BENCH_CONNS           wrk connections (default: 4 x nproc)
#   BENCH_WARMUP / BENCH_DURATION   seconds of warm-up and of measurement (default: 60 / 20; the JIT compilers
#                         still take a third of the CPU after 10 s of this load)
#   BENCH_VARIANTS        distinct bugs the events spread over (default: 20)
#   BENCH_GZIP=1          send the envelopes gzip-compressed, as the Sentry Java SDK does (default: plain, as the
#                         browser SDK sends them and as the earlier figures were measured)
#   BENCH_WORKERS         pledge.errors.ingest.workers (default: Pledge's default)
#   BENCH_QUEUE           pledge.errors.ingest.queue-capacity (default: Pledge's default)
#   BENCH_JAVA_OPTS       extra JVM options for Pledge (e.g. to record a JFR profile)
#   BENCH_KEEP_DIR=1      keep the temporary data dir and Pledge's log
#   BENCH_JAR             the jar to run (default: target/pledge-0.1.0-SNAPSHOT.jar; implies --no-build), e.g. to
#                         measure a saved build of an earlier commit back to back with this one
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,21p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

cores=$(nproc)
threads=${BENCH_THREADS:-$cores}
conns=${BENCH_CONNS:-$((4 * cores))}
warmup=${BENCH_WARMUP:-60}
duration=${BENCH_DURATION:-20}
variants=${BENCH_VARIANTS:-20}
encoding=plain
[[ ${BENCH_GZIP:-0} == 1 ]] && encoding=gzip

# shellcheck source=bench/lib.sh
source bench/lib.sh

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

ensure_wrk
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }

jar=${BENCH_JAR:-target/pledge-0.1.0-SNAPSHOT.jar}
[[ -n ${BENCH_JAR:-} ]] && build=0
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
[[ -f $jar ]] || { echo "$jar is missing; run without --no-build" >&2; exit 1; }

# --- start Pledge ------------------------------------------------------------------------------------
pledge_prepare

extra=()
[[ -n ${BENCH_WORKERS:-} ]] && extra+=("--pledge.errors.ingest.workers=$BENCH_WORKERS")
[[ -n ${BENCH_QUEUE:-} ]] && extra+=("--pledge.errors.ingest.queue-capacity=$BENCH_QUEUE")
# The rate limit is lifted: this measures capacity, not the per-project quota. Alert mails go nowhere.
pledge_start --pledge.errors.ingest.events-per-minute=1000000000 "${extra[@]}"

# --- an administrator creates the project -----------------------------------------------------------------
login_json="{\"email\":\"$email\",\"password\":\"$password\"}"
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$login_json" "$base/api/v1/session" \
	| tr -d '\r' | awk -F'[:;] *' 'tolower($1) == "set-cookie" && $2 ~ /pledge-session=/ {print $2; exit}')
[[ -n $cookie ]] || { echo "the administrator could not sign in" >&2; exit 1; }
created=$(curl -s -H "Cookie: $cookie" -H 'Content-Type: application/json' -d '{"name":"Billing (benchmark)"}' \
	"$base/api/v1/admin/error-projects")
read -r project key < <(printf '%s' "$created" | python3 -c '
import json, sys, urllib.parse
c = json.load(sys.stdin); print(c["project"]["id"], urllib.parse.urlsplit(c["dsn"]).username)')
[[ -n $key ]] || { echo "no project was created: $created" >&2; exit 1; }
log "project $project created"

stored() {
	curl -s -H "Cookie: $cookie" "$base/actuator/prometheus" \
		| awk '/^pledge_errors_ingest_events_total\{.*outcome="stored"/ {printf "%d", $NF; found=1} END {if (!found) print 0}'
}
queued() {
	curl -s -H "Cookie: $cookie" "$base/actuator/prometheus" \
		| awk '/^pledge_errors_ingest_queued[ {]/ {printf "%d", $NF; found=1} END {if (!found) print 0}'
}
pledge_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pledge_pid/stat"; }
# CPU seconds per kind of thread (HTTP, ingest workers, JIT, GC, other), from /proc/<pid>/task/*/stat.
thread_cpu() {
	python3 - "$pledge_pid" <<'PY'
import os, re, sys
pid, hz = sys.argv[1], os.sysconf("SC_CLK_TCK")
kinds = {}
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
        fields = open(f"/proc/{pid}/task/{tid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    kind = ("http" if name.startswith("http-nio") else "store" if name.startswith("error-ingest")
            else "jit" if "Compiler" in name else "gc" if re.match(r"(GC|G1|VM Periodic|VM Thread)", name) else "other")
    kinds[kind] = kinds.get(kind, 0) + (int(fields[11]) + int(fields[12])) / hz
print(" ".join(f"{k}={v:.2f}" for k, v in sorted(kinds.items())))
PY
}

# --- load ----------------------------------------------------------------------------------------------------
log "warm-up: wrk -t$threads -c$conns ${warmup}s"
wrk -t"$threads" -c"$conns" -d"${warmup}s" --timeout 10s -s bench/ingest.lua "$base" -- "$project" "$key" "$variants" "$encoding" >/dev/null
for _ in $(seq 1 120); do [[ $(queued) == 0 ]] && break; sleep 0.5; done
stored0=$(stored); cpu0=$(pledge_cpu); threads0=$(thread_cpu); t0=$(date +%s.%N)
log "measuring: wrk -t$threads -c$conns ${duration}s, $variants distinct bugs"
out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 10s --latency -s bench/ingest.lua "$base" -- "$project" "$key" "$variants" "$encoding")
t1=$(date +%s.%N); stored1=$(stored); backlog=$(queued)
printf '%s\n' "$out" >&2
# Then wait until the tracker has stored everything that was accepted.
for _ in $(seq 1 600); do [[ $(queued) == 0 ]] && break; sleep 0.2; done
t2=$(date +%s.%N); stored2=$(stored); cpu2=$(pledge_cpu); threads2=$(thread_cpu)

accepted=$(printf '%s\n' "$out" | awk '/^status 200:/ {print $3}'); accepted=${accepted:-0}
other=$(printf '%s\n' "$out" | awk '/^status / && $2 != "200:" {n += $3} END {print n + 0}')
statuses=$(printf '%s\n' "$out" | awk '/^status / {printf "%s%s %s", sep, $2, $3; sep=", "}')
errors=$(printf '%s\n' "$out" | awk '/Socket errors:/ {print}')
p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN {printf "%.0f", (b > a) ? n / (b - a) : 0}'; }
accepted_rate=$(rate "$accepted" "$t0" "$t1")
stored_window=$(rate "$((stored1 - stored0))" "$t0" "$t1")
stored_total=$(rate "$((stored2 - stored0))" "$t0" "$t2")
cpu_per_event=$(awk -v a="$cpu0" -v b="$cpu2" -v n="$((stored2 - stored0))" 'BEGIN {printf "%.0f", (n > 0) ? (b - a) / n * 1e6 : 0}')
verdict=$(awk -v v="$accepted_rate" 'BEGIN {print (v >= 2000) ? "PASS" : "MISS"}')
[[ $other == 0 && -z $errors ]] || verdict="INVALID ($statuses${errors:+; $errors})"
stored_verdict=$(awk -v v="$stored_total" 'BEGIN {print (v >= 2000) ? "PASS" : "MISS"}')

echo
echo "Pledge ingest benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $cores cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $("${BENCH_JAVA:-java}" -version 2>&1 | head -1)"
echo "H2 (embedded default); wrk -t$threads -c$conns, ${duration}s, $encoding envelopes; wrk and Pledge share the same $cores cores; load average before: $load_before"
printf '%-52s %10s  %-10s %s\n' "measure" "per second" "target" "result"
printf '%-52s %10s  %-10s %s\n' "(1) envelopes accepted (HTTP 200, queued)" "$accepted_rate" ">= 2000" "$verdict; p99 $p99; statuses: $statuses"
printf '%-52s %10s  %-10s %s\n' "(2) events stored during the run" "$stored_window" "-" "queue at the end: $backlog"
split=$(python3 - "$threads0" "$threads2" "$accepted" "$((stored2 - stored0))" <<'PY'
import sys
before = dict(kv.split("=") for kv in sys.argv[1].split())
after = dict(kv.split("=") for kv in sys.argv[2].split())
accepted, stored = int(sys.argv[3]), int(sys.argv[4])
parts = []
for kind in sorted(after):
    used = float(after[kind]) - float(before.get(kind, 0))
    per = accepted if kind == "http" else stored
    parts.append(f"{kind} {used / max(per, 1) * 1e6:.0f}")
print("CPU us per event by thread kind: " + ", ".join(parts) + " (http per accepted, others per stored)")
PY
)
printf '%-52s %10s  %-10s %s\n' "(2') events stored until the queue was empty" "$stored_total" ">= 2000" "$stored_verdict; Pledge CPU ${cpu_per_event} us/event (accept + store)"
echo "$split"
