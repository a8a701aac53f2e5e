#!/usr/bin/env bash
# Pledge while its database is away (issue 11): starts the packaged jar on a fresh PostgreSQL database, drives
# steady traffic (a signed-in GET /api/v1/me, a signed-in page, the health check), stops the PostgreSQL server
# for BENCH_OUTAGE seconds and starts it again, then prints per phase (before, during, after the outage) the
# status codes and the latencies seen, and when the first answers came back (a 503 without Retry-After is
# shown as such; the health check's 503 DOWN has none by design). PostgreSQL is started again
# whatever happens (EXIT trap): other work on this machine uses it. Talks only to 127.0.0.1; about two
# minutes. Phases go by when a request was sent. See docs/PERFORMANCE.md, "Database outage".
#
# usage: bench/db-outage.sh [--no-build]
# environment (all optional):
#   BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER   PostgreSQL (default 127.0.0.1 / 5432 / postgres, trust auth);
#                         the server stopped is this machine's cluster "main" (pg_ctlcluster)
#   BENCH_WARMUP          seconds of traffic first, left out of the figures (default: 20)
#   BENCH_BEFORE / BENCH_OUTAGE / BENCH_AFTER        seconds of traffic before, without and after the database
#                         (default: 10 / 20 / 30)
#   BENCH_CLIENTS         concurrent clients of GET /api/v1/me (default: 8); one more each for the page and health
#   BENCH_JAVA_OPTS       extra JVM options for Pledge
#   BENCH_KEEP_DIR=1      keep the temporary data dir (Pledge's log, the request log requests.tsv)
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,19p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

warmup=${BENCH_WARMUP:-20}
before=${BENCH_BEFORE:-10}
outage=${BENCH_OUTAGE:-20}
after=${BENCH_AFTER:-30}
clients=${BENCH_CLIENTS:-8}

# shellcheck source=bench/lib.sh
source bench/lib.sh
pg_settings
command -v pg_ctlcluster >/dev/null || { echo "pg_ctlcluster (Debian's postgresql-common) is needed" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
pg_cluster_version=$(ls /etc/postgresql | head -n1)
[[ -n $pg_cluster_version ]] || { echo "no PostgreSQL cluster in /etc/postgresql" >&2; exit 1; }
pg_isready -q -h "$pg_host" -p "$pg_port" || { echo "PostgreSQL is not running on $pg_host:$pg_port" >&2; exit 1; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

jar=target/pledge-0.1.0-SNAPSHOT.jar
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
[[ -f $jar ]] || { echo "$jar is missing; run without --no-build" >&2; exit 1; }

pg_stopped=0
pg_server() { pg_ctlcluster --skip-systemctl-redirect "$pg_cluster_version" main "$1"; }

# PostgreSQL first, whatever failed: then Pledge, the database and the data dir.
cleanup() {
	local status=$?
	if [[ $pg_stopped == 1 ]]; then
		log "starting PostgreSQL again"
		pg_server start || echo "could not start PostgreSQL: start it by hand (pg_ctlcluster $pg_cluster_version main start)" >&2
		for _ in $(seq 1 60); do pg_isready -q -h "$pg_host" -p "$pg_port" && break; sleep 0.5; done
	fi
	stop_process "${pledge_pid:-}"
	pg_drop_database
	if [[ -n ${data_dir:-} ]]; then
		if [[ ${BENCH_KEEP_DIR:-0} == 1 ]]; then log "kept $data_dir"; else rm -rf "$data_dir"; fi
	fi
	exit $status
}
pledge_prepare
trap cleanup EXIT
trap 'exit 130' INT TERM
pg_fresh_database "pledge_outage_bench_$(date +%s)_$$"
pledge_start --spring.datasource.url="$pg_url" --spring.datasource.username="$pg_user"

cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
	-d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/session" \
	| tr -d '\r' | awk -F'[:;] *' 'tolower($1) == "set-cookie" && $2 ~ /pledge-session=/ {print $2; exit}')
[[ -n $cookie ]] || { echo "no session cookie from the sign-in" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/v1/me")
[[ $status == 200 ]] || { echo "GET /api/v1/me answered $status, not 200" >&2; exit 1; }

# The clients: one line per request (start time, endpoint, status, latency), until the stop file appears.
requests=$data_dir/requests.tsv
stop_file=$data_dir/stop
cat >"$data_dir/clients.py" <<'PY'
import http.client, os, sys, threading, time
port, cookie, clients, out, stop = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
lock = threading.Lock()
log = open(out, "w")
def client(name, path, headers):
    while not os.path.exists(stop):
        start = time.time()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            status = str(response.status)
            if response.status == 503 and not response.getheader("Retry-After"):
                status += " without Retry-After"
            connection.close()
        except Exception as ex:
            status = "error " + type(ex).__name__
        with lock:
            log.write("%.3f\t%s\t%s\t%.1f\n" % (start, name, status, (time.time() - start) * 1000))
        time.sleep(0.05)
me = {"Cookie": cookie, "Accept": "application/json"}
page = {"Cookie": cookie, "Accept": "text/html"}
threads = [threading.Thread(target=client, args=("GET /api/v1/me", "/api/v1/me", me)) for _ in range(clients)]
threads.append(threading.Thread(target=client, args=("GET /account (page)", "/account", page)))
threads.append(threading.Thread(target=client, args=("GET /actuator/health", "/actuator/health", {})))
for t in threads: t.start()
for t in threads: t.join()
log.close()
PY
python3 "$data_dir/clients.py" "$port" "$cookie" "$clients" "$requests" "$stop_file" &
clients_pid=$!

log "warm-up: ${warmup}s of traffic"
sleep "$warmup"
t_before=$(date +%s.%N)
log "traffic for ${before}s with the database"
sleep "$before"
threads_before=$(ls "/proc/$pledge_pid/task" | wc -l)
log "stopping PostgreSQL for ${outage}s"
t_stop=$(date +%s.%N)
pg_stopped=1
pg_server stop
t_stopped=$(date +%s.%N)
sleep "$outage"
log "starting PostgreSQL"
t_start=$(date +%s.%N)
pg_server start
pg_stopped=0
t_started=$(date +%s.%N)
log "traffic for ${after}s after the outage"
sleep "$after"
touch "$stop_file"
wait "$clients_pid"

echo "Pledge database outage — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, PostgreSQL $pg_version on $pg_host:$pg_port (same machine), load average before: $load_before"
echo "clients: $clients x GET /api/v1/me (signed in), 1 x GET /account (page), 1 x GET /actuator/health, each back to back with 50 ms pauses"
python3 - "$requests" "$t_before" "$t_stop" "$t_stopped" "$t_start" "$t_started" <<'PY'
import sys
from collections import Counter, defaultdict
path, t_before, t_stop, t_stopped, t_start, t_started = sys.argv[1], *map(float, sys.argv[2:])
rows = [line.rstrip("\n").split("\t") for line in open(path)]
rows = [(float(t), name, status, float(ms)) for t, name, status, ms in rows]
rows = [row for row in rows if row[0] >= t_before]  # the warm-up is left out
print("PostgreSQL stop took %.1f s, start %.1f s; the outage (stop called .. start returned) lasted %.1f s"
      % (t_stopped - t_stop, t_started - t_start, t_started - t_stop))
def phase(t):
    return "before" if t < t_stop else "during" if t < t_started else "after"
groups = defaultdict(list)
for t, name, status, ms in rows:
    groups[(name, phase(t))].append((status, ms))
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]
print("%-22s %-7s %7s  %-40s %9s %9s %9s" % ("endpoint", "phase", "count", "statuses", "p50 ms", "p99 ms", "max ms"))
for name in sorted({n for n, _ in groups}):
    for ph in ("before", "during", "after"):
        answers = groups.get((name, ph), [])
        if not answers:
            continue
        statuses = ", ".join("%s: %d" % kv for kv in sorted(Counter(s for s, _ in answers).items()))
        ms = [m for _, m in answers]
        print("%-22s %-7s %7d  %-40s %9.0f %9.0f %9.0f" % (name, ph, len(answers), statuses, pct(ms, 0.5), pct(ms, 0.99), max(ms)))
for name in sorted({n for n, _ in groups}):
    ok_after = [t + ms / 1000 for t, n, s, ms in rows if n == name and s == "200" and t >= t_started]
    failing = [t + ms / 1000 for t, n, s, ms in rows if n == name and s != "200" and t >= t_stop]
    first_fail = min(failing) - t_stop if failing else None
    first_ok = min(ok_after) - t_started if ok_after else None
    print("%-22s first non-200 %s after the stop began; first 200 %s after the start returned" % (name,
          "%.1f s" % first_fail if first_fail is not None else "never",
          "%.1f s" % first_ok if first_ok is not None else "never"))
# Health answers 503 {"status":"DOWN"} by itself, as load balancers expect; every other refusal carries Retry-After.
bad = [r for r in rows if r[2] != "200" and r[2] != "503" and not (r[1].endswith("health") and r[2].startswith("503"))]
print("answers other than 200, 503 with Retry-After, or health's 503 DOWN: %d%s" % (len(bad),
      "" if not bad else " — " + ", ".join(sorted({"%s %s" % (r[1], r[2]) for r in bad}))))
PY
echo "Pledge's log during the run: $(grep -c ' ERROR ' "$data_dir/pledge.log" || true) ERROR lines, $(grep -c 'Answering 503' "$data_dir/pledge.log" || true) outage warnings, Java threads before the outage: $threads_before, at the end: $(ls "/proc/$pledge_pid/task" | wc -l)"
grep ' ERROR ' "$data_dir/pledge.log" | sed -E 's/^.* ERROR \[[^]]*\] [0-9]+ --- \[[^]]*\] \[[^]]*\] //' | cut -c1-160 \
	| sort | uniq -c | sed 's/^/  ERROR /' || true
