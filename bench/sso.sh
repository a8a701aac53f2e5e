#!/usr/bin/env bash
# Single sign-on benchmark (issue 14), on this machine, against 127.0.0.1 only, stopping by itself (BENCH_TIMEOUT).
# Pledge from its jar on a fresh PostgreSQL database (bench_sso_<time>_<pid> on 127.0.0.1, dropped on exit); its
# bootstrap administrator creates an organisation and a contract granting crm, a member registers and joins, and a
# confidential client is registered for crm (src/bench/java eu.pledge.sso.SsoBenchClient, over HTTP as the tests'
# SsoFlow does; the mails are read from dev_outbox). Tokens come from the code flow with PKCE. Then wrk measures,
# each phase after a warm-up:
#   (a) refresh-token grants/s, POST /oauth2/token (client_secret_basic). Each refresh rotates the token and a reused
#       one revokes its family, so every wrk thread has one connection and a chain of its own (bench/sso.lua): it
#       starts from its own authorization and sends the refresh token of the previous answer. wrk rather than a Java
#       load generator: on 2 cores shared with Pledge, wrk's event loop costs far less CPU than a JVM client with
#       its own JIT and GC, and its latency histogram is the one the other benchmarks report. The warm-up and the
#       measurement use separate authorizations: a request cut off when wrk stops may have rotated a token whose
#       answer wrk never read, and that chain cannot go on.
#   (b) GET /userinfo/s with a bearer token (scope openid profile email: the name and email read from the account)
#   (c) GET /oauth2/jwks/s
#   (d) POST /oauth2/introspect/s (client_secret_basic) about an active access token: what a system's resource
#       server asks on its requests when it must see a revocation at once
# Targets: userinfo >= 5,000/s, refresh >= 1,500/s. About six minutes. See docs/PERFORMANCE.md, "Single sign-on".
#
# usage: bench/sso.sh [--no-build]
# environment (all optional):
#   BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER   PostgreSQL (default 127.0.0.1 / 5432 / postgres, trust auth)
#   BENCH_WARMUP / BENCH_DURATION   seconds of warm-up and of measurement per phase (default 30 / 20)
#   BENCH_THREADS / BENCH_CONNS     wrk threads and connections for (b) and (c) (default nproc / 4 x nproc)
#   BENCH_REFRESH_CONNS  connections (= wrk threads, one chain each) for (a) (default 4 x nproc)
#   BENCH_JAVA           the java that runs Pledge (default: java on the PATH), e.g. a newer JDK's bin/java
#   BENCH_JAVA_OPTS      JVM options of Pledge
#   BENCH_PLEDGE_ARGS    extra arguments for Pledge (e.g. --pledge.sso.key-algorithm=RS256)
#   BENCH_JFR_DIR        record a JFR profile (settings=profile) of each measured phase into this directory
#                        (refresh.jfr, userinfo.jfr, jwks.jfr, introspect.jfr); the figures of such a run are lower
#   BENCH_TIMEOUT        seconds after which the benchmark stops itself (default 900)
#   BENCH_KEEP_DIR=1     keep the data dir and Pledge's log
# wrk: installed from Debian when missing (apt-get install -y wrk; needs root), as the other benchmarks do.
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ -z ${BENCH_SSO_TIMED:-} ]]; then
	BENCH_SSO_TIMED=1 exec timeout --signal=TERM --kill-after=30 "${BENCH_TIMEOUT:-900}" "$0" "$@"
fi

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,32p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

cores=$(nproc)
threads=${BENCH_THREADS:-$cores}
conns=${BENCH_CONNS:-$((4 * cores))}
refresh_conns=${BENCH_REFRESH_CONNS:-$((4 * cores))}
warmup=${BENCH_WARMUP:-30}
duration=${BENCH_DURATION:-20}

# shellcheck source=bench/lib.sh
source bench/lib.sh
pg_settings
ensure_wrk
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- build ---------------------------------------------------------------------------------------------------
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
jar=$(ls target/pledge-*.jar 2>/dev/null | grep -v -- '-plain' | head -1)
[[ -n $jar ]] || { echo "no target/pledge-*.jar; run without --no-build" >&2; exit 1; }
bench_classpath eu.pledge.sso.SsoBenchClient

# --- Pledge on a fresh database -------------------------------------------------------------------------------
pledge_prepare
sso_cleanup() {
	local status=$?
	stop_process "$pledge_pid"
	pg_drop_database
	if [[ ${BENCH_KEEP_DIR:-0} == 1 ]]; then
		log "kept $data_dir (Pledge's log: $data_dir/pledge.log)"
	else
		rm -rf "$data_dir"
	fi
	exit $status
}
trap sso_cleanup EXIT
pg_fresh_database "bench_sso_$(date +%s)_$$"

# shellcheck disable=SC2086 # BENCH_PLEDGE_ARGS: several arguments
PLEDGE_VAULT_MASTER_KEY=$(head -c 32 /dev/urandom | base64) pledge_start \
	--spring.datasource.url="$pg_url" --spring.datasource.username="$pg_user" --spring.datasource.password= \
	${BENCH_PLEDGE_ARGS:-}

sso_client() { java -cp "$classpath" -Dbench.db-user="$pg_user" eu.pledge.sso.SsoBenchClient "$@"; }
state=$data_dir/sso-bench.properties
sso_client setup "$base" "$pg_url" "$email" "$password" "$state"
client_id=$(awk -F= '$1 == "clientId" {print $2}' "$state")
secret=$(awk -F= '$1 == "secret" {print $2}' "$state")
basic="Basic $(printf '%s:%s' "$client_id" "$secret" | base64 -w0)"

# --- helpers ---------------------------------------------------------------------------------------------------
non_200() { awk '/^non-200 responses:/ {print $3}'; }
percentile() { awk -v p="$1" '$1 == p {print $2}'; }
pledge_cpu() { process_cpu "$pledge_pid"; }

# Runs the measured wrk of phase $1 (the rest: arguments as for wrk) and prints "rate non200 p50 p99
# cpu_us_per_request"; wrk's own output goes to stderr. With BENCH_JFR_DIR, JFR records the phase.
measured() {
	local phase=$1 out cpu0
	shift
	if [[ -n ${BENCH_JFR_DIR:-} ]]; then
		mkdir -p "$BENCH_JFR_DIR"
		"$(dirname "$(command -v "${BENCH_JAVA:-java}")")/jcmd" "$pledge_pid" JFR.start name="$phase" settings=profile >/dev/null
	fi
	cpu0=$(pledge_cpu)
	out=$(wrk --latency "$@")
	if [[ -n ${BENCH_JFR_DIR:-} ]]; then
		"$(dirname "$(command -v "${BENCH_JAVA:-java}")")/jcmd" "$pledge_pid" JFR.stop name="$phase" filename="$(realpath "$BENCH_JFR_DIR")/$phase.jfr" >/dev/null
	fi
	printf '%s\n' "$out" >&2
	printf '%s %s %s %s %s\n' "$(printf '%s\n' "$out" | requests_per_second)" "$(printf '%s\n' "$out" | non_200)" \
		"$(printf '%s\n' "$out" | percentile 50%)" "$(printf '%s\n' "$out" | percentile 99%)" \
		"$(per_request_us "$cpu0" "$(pledge_cpu)" "$(printf '%s\n' "$out" | requests_done)")"
}

# --- (a) refresh-token grants ------------------------------------------------------------------------------------
log "obtaining $((2 * refresh_conns)) authorizations by the code flow"
sso_client tokens "$base" "$state" "$refresh_conns" >"$data_dir/warmup-tokens"
sso_client tokens "$base" "$state" "$refresh_conns" >"$data_dir/refresh-tokens"
log "(a) refresh grants: wrk -t$refresh_conns -c$refresh_conns (one chain each), warm-up ${warmup}s, then ${duration}s"
warm=$(wrk -t"$refresh_conns" -c"$refresh_conns" -d"${warmup}s" --timeout 10s -s bench/sso.lua "$base" -- \
	refresh "$data_dir/warmup-tokens" "$basic")
warm_bad=$(printf '%s\n' "$warm" | non_200)
[[ $warm_bad == 0 ]] || { printf '%s\n' "$warm" >&2; echo "the refresh warm-up had $warm_bad non-200 answers" >&2; exit 1; }
read -r refresh_rate refresh_bad refresh_p50 refresh_p99 refresh_cpu < <(measured refresh -t"$refresh_conns" \
	-c"$refresh_conns" -d"${duration}s" --timeout 10s -s bench/sso.lua "$base" -- refresh "$data_dir/refresh-tokens" "$basic")

# --- (b) userinfo ----------------------------------------------------------------------------------------------
access=$(sso_client tokens "$base" "$state" 1 | awk '{print $2}')
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $access" "$base/userinfo")
[[ $status == 200 ]] || { echo "GET /userinfo answered $status with a fresh access token, not 200" >&2; exit 1; }
log "(b) GET /userinfo: wrk -t$threads -c$conns, warm-up ${warmup}s, then ${duration}s"
wrk -t"$threads" -c"$conns" -d"${warmup}s" -s bench/sso.lua "$base" -- get /userinfo "$access" >/dev/null
read -r userinfo_rate userinfo_bad userinfo_p50 userinfo_p99 userinfo_cpu < <(measured userinfo -t"$threads" -c"$conns" \
	-d"${duration}s" -s bench/sso.lua "$base" -- get /userinfo "$access")

# --- (c) JWKS ----------------------------------------------------------------------------------------------------
log "(c) GET /oauth2/jwks: wrk -t$threads -c$conns, warm-up ${warmup}s, then ${duration}s"
wrk -t"$threads" -c"$conns" -d"${warmup}s" -s bench/sso.lua "$base" -- get /oauth2/jwks >/dev/null
read -r jwks_rate jwks_bad jwks_p50 jwks_p99 jwks_cpu < <(measured jwks -t"$threads" -c"$conns" -d"${duration}s" \
	-s bench/sso.lua "$base" -- get /oauth2/jwks)

# --- (d) introspection -------------------------------------------------------------------------------------------
access=$(sso_client tokens "$base" "$state" 1 | awk '{print $2}')
answer=$(curl -s -H "Authorization: $basic" -d "token=$access" "$base/oauth2/introspect")
grep -Eq '"active" *: *true' <<<"$answer" || { echo "POST /oauth2/introspect did not call a fresh access token active: $answer" >&2; exit 1; }
log "(d) POST /oauth2/introspect: wrk -t$threads -c$conns, warm-up ${warmup}s, then ${duration}s"
wrk -t"$threads" -c"$conns" -d"${warmup}s" -s bench/sso.lua "$base" -- introspect "$access" "$basic" >/dev/null
read -r introspect_rate introspect_bad introspect_p50 introspect_p99 introspect_cpu < <(measured introspect -t"$threads" \
	-c"$conns" -d"${duration}s" -s bench/sso.lua "$base" -- introspect "$access" "$basic")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------------------------------
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v + 0 >= t + 0) ? "PASS" : "MISS"}'; }
refresh_ok=$(verdict "$refresh_rate" 1500); [[ $refresh_bad == 0 ]] || refresh_ok=INVALID
userinfo_ok=$(verdict "$userinfo_rate" 5000); [[ $userinfo_bad == 0 ]] || userinfo_ok=INVALID
jwks_ok=-; [[ $jwks_bad == 0 ]] || jwks_ok=INVALID
introspect_ok=-; [[ $introspect_bad == 0 ]] || introspect_ok=INVALID
echo
echo "Pledge single sign-on benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $cores cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $("${BENCH_JAVA:-java}" -version 2>&1 | head -1)"
echo "PostgreSQL $pg_version on $pg_host:$pg_port (same machine); wrk and Pledge share the same $cores cores; warm-up ${warmup}s, measured ${duration}s per phase"
echo "load average before: $load_before; after: $load_after${BENCH_PLEDGE_ARGS:+; Pledge arguments: $BENCH_PLEDGE_ARGS}"
printf '%-48s %10s  %-18s %-10s %s\n' "measure" "per second" "p50 / p99" "target" "result"
printf '%-48s %10s  %-18s %-10s %s\n' "(a) refresh grants, POST /oauth2/token (c=$refresh_conns)" "$refresh_rate" \
	"$refresh_p50 / $refresh_p99" ">= 1500/s" "$refresh_ok (non-200: $refresh_bad; Pledge CPU ${refresh_cpu} us/req)"
printf '%-48s %10s  %-18s %-10s %s\n' "(b) GET /userinfo, bearer (c=$conns)" "$userinfo_rate" \
	"$userinfo_p50 / $userinfo_p99" ">= 5000/s" "$userinfo_ok (non-200: $userinfo_bad; Pledge CPU ${userinfo_cpu} us/req)"
printf '%-48s %10s  %-18s %-10s %s\n' "(c) GET /oauth2/jwks (c=$conns)" "$jwks_rate" "$jwks_p50 / $jwks_p99" "-" \
	"$jwks_ok (non-200: $jwks_bad; Pledge CPU ${jwks_cpu} us/req)"
printf '%-48s %10s  %-18s %-10s %s\n' "(d) POST /oauth2/introspect, active (c=$conns)" "$introspect_rate" \
	"$introspect_p50 / $introspect_p99" "-" "$introspect_ok (not 200 or not active: $introspect_bad; Pledge CPU ${introspect_cpu} us/req)"
