#!/usr/bin/env bash
# Pledge benchmark: (a) raw Argon2id verifications/s, (b) password logins/s over HTTP, (c) GET /api/v1/me/s and
# (d) GET / (a signed-in person's page), each of (c) and (d) next to (c0)/(d0), a minimal Spring Boot application
# answering a document of the same size (bench.baseline.ConstantJsonApplication), measured in alternating slices
# with Pledge (reference, Pledge, Pledge, reference, …) so that a machine whose speed drifts weighs on both alike;
# all on this machine, against 127.0.0.1 only, in about six minutes. See docs/PERFORMANCE.md.
#
# usage: bench/login.sh [--no-build]
# environment (all optional):
#   BENCH_ARGON2_MEMORY_KIB / BENCH_ARGON2_ITERATIONS / BENCH_ARGON2_PARALLELISM  cost (default: Pledge's defaults)
#   BENCH_THREADS         wrk threads and Argon2 threads (default: nproc)
#   BENCH_LOGIN_CONNS     wrk connections for (b) (default: 2 x nproc)
#   BENCH_ME_CONNS        wrk connections for (c), (d) and the reference (default: 4 x nproc)
#   BENCH_WARMUP / BENCH_DURATION   seconds of warm-up and of measurement per HTTP phase (default: 30 / 20; the same
#                         for Pledge and the reference)
#   BENCH_SLICES          slices the measurement of (c0)/(c) and of (d0)/(d) is cut into per side (default: 4)
#   BENCH_LOGIN_WARMUP    seconds of warm-up for (b) (default: 30)
#   BENCH_ARGON2_SECONDS  seconds of measurement for (a) (default: 15)
#   BENCH_JAVA_OPTS       extra JVM options for Pledge, (a)'s hasher and the reference (e.g. README's container flags)
#   BENCH_TRAINED=1       run Pledge as README's container does on Java 25: extracted, with an AOT cache made by a
#                         training run with traffic (--pledge.training.duration=BENCH_TRAINING, default 60s) before
#                         the benchmark; BENCH_JAVA must then be a Java 25+ (the reference runs on it without a cache)
#   BENCH_JAVA            the java command (default: java)
#   BENCH_KEEP_DIR=1      keep the temporary data dir and Pledge's log
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,16p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

cores=$(nproc)
threads=${BENCH_THREADS:-$cores}
login_conns=${BENCH_LOGIN_CONNS:-$((2 * cores))}
me_conns=${BENCH_ME_CONNS:-$((4 * cores))}
warmup=${BENCH_WARMUP:-30}
login_warmup=${BENCH_LOGIN_WARMUP:-30}
duration=${BENCH_DURATION:-20}
argon2_seconds=${BENCH_ARGON2_SECONDS:-15}
# Pledge's defaults (PasswordProperties); passed explicitly to both Pledge and (a) so they cannot differ.
memory_kib=${BENCH_ARGON2_MEMORY_KIB:-19456}
iterations=${BENCH_ARGON2_ITERATIONS:-2}
parallelism=${BENCH_ARGON2_PARALLELISM:-1}

# shellcheck source=bench/lib.sh
source bench/lib.sh

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- tools -------------------------------------------------------------------------------------------
ensure_wrk

# --- build -------------------------------------------------------------------------------------------
jar=target/pledge-0.1.0-SNAPSHOT.jar
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
[[ -f $jar ]] || { echo "$jar is missing; run without --no-build" >&2; exit 1; }
bench_classpath eu.pledge.accounts.Argon2Throughput

# --- start Pledge ------------------------------------------------------------------------------------
pledge_prepare

if [[ ${BENCH_TRAINED:-0} == 1 ]]; then
	# As README's Dockerfile: the extracted jar, a training run with traffic recording the AOT cache, then Pledge
	# started with it. The cache holds the jar's absolute path: made and used from the same place.
	"${BENCH_JAVA:-java}" -Djarmode=tools -jar "$jar" extract --destination "$data_dir/app" >/dev/null
	jar=$data_dir/app/pledge-0.1.0-SNAPSHOT.jar
	log "training run: ${BENCH_TRAINING:-60s} of traffic, recording the AOT cache"
	# shellcheck disable=SC2086
	"${BENCH_JAVA:-java}" -XX:AOTCacheOutput="$data_dir/app/pledge.aot" ${BENCH_JAVA_OPTS:-} -jar "$jar" \
		--pledge.data-dir="$data_dir/training" --server.address=127.0.0.1 --server.port=0 \
		--pledge.training.duration="${BENCH_TRAINING:-60s}" >"$data_dir/training.log" 2>&1 \
		|| { echo "the training run failed; its log:" >&2; tail -30 "$data_dir/training.log" >&2; exit 1; }
	rm -rf "$data_dir/training"
	PLEDGE_JAVA_OPTS="-XX:AOTCache=$data_dir/app/pledge.aot"
fi

pledge_start --pledge.passwords.argon2.memory-kib="$memory_kib" --pledge.passwords.argon2.iterations="$iterations" \
	--pledge.passwords.argon2.parallelism="$parallelism"

login_json="{\"email\":\"$email\",\"password\":\"$password\"}"
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$login_json" "$base/api/v1/session")
[[ $status == 200 ]] || { echo "a test login answered $status, not 200; Pledge's log:" >&2; tail -30 "$data_dir/pledge.log" >&2; exit 1; }

# --- (a) raw Argon2id ---------------------------------------------------------------------------------
# Run twice, right before and right after (b), and averaged: on a shared machine the load changes within a
# minute, and (a) measured only before (b) compared two different machines.
argon2_run() {
	log "(a) Argon2id verifications, $threads threads, ${argon2_seconds}s ($1)"
	# shellcheck disable=SC2086 # the same JVM options as Pledge's: its hasher, measured alone
	argon2_out=$("${BENCH_JAVA:-java}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" eu.pledge.accounts.Argon2Throughput \
		"$memory_kib" "$iterations" "$parallelism" "$threads" 3 "$argon2_seconds")
	printf '%s\n' "$argon2_out" >&2
	printf '%s %s\n' "$(printf '%s\n' "$argon2_out" | awk '/^verifications\/s/ {print $2}')" \
		"$(printf '%s\n' "$argon2_out" | awk '/^cpu-us\/verification/ {print $2}')"
}
read -r argon2_rate_before argon2_cpu_before < <(argon2_run "before (b)")

# CPU seconds Pledge has used so far (user + system), to report its CPU cost per request next to the rates.
pledge_cpu() { process_cpu "$pledge_pid"; }
# The part of it spent by the JIT compiler threads (C1, C2): still warming up, not serving requests.
jit_cpu() {
	local total=0 task
	for task in /proc/"$pledge_pid"/task/*; do
		if grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null; then
			total=$((total + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0)))
		fi
	done
	awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}'
}

# --- (b) password logins -------------------------------------------------------------------------------
log "(b) logins: wrk -t$threads -c$login_conns, warm-up ${login_warmup}s, then ${duration}s"
wrk -t"$threads" -c"$login_conns" -d"${login_warmup}s" --timeout 10s -s bench/login.lua "$base" -- "$email" "$password" >/dev/null
cpu0=$(pledge_cpu); jit0=$(jit_cpu)
login_out=$(wrk -t"$threads" -c"$login_conns" -d"${duration}s" --timeout 10s --latency -s bench/login.lua "$base" -- "$email" "$password")
login_cpu_us=$(per_request_us "$cpu0" "$(pledge_cpu)" "$(printf '%s\n' "$login_out" | requests_done)")
login_jit_us=$(per_request_us "$jit0" "$(jit_cpu)" "$(printf '%s\n' "$login_out" | requests_done)")
printf '%s\n' "$login_out" >&2
login_rate=$(printf '%s\n' "$login_out" | requests_per_second)
login_bad=$(printf '%s\n' "$login_out" | awk '/^non-200 responses:/ {print $3}')
login_errors=$(printf '%s\n' "$login_out" | awk '/Socket errors:/ {print}')

read -r argon2_rate_after argon2_cpu_after < <(argon2_run "after (b)")
argon2_rate=$(awk -v a="$argon2_rate_before" -v b="$argon2_rate_after" 'BEGIN {printf "%.1f", (a + b) / 2}')
argon2_cpu_us=$(awk -v a="$argon2_cpu_before" -v b="$argon2_cpu_after" 'BEGIN {printf "%.0f", (a + b) / 2}')

# --- (c) GET /api/v1/me and (d) GET / against the reference ----------------------------------------------------
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$login_json" "$base/api/v1/session" \
	| tr -d '\r' | awk -F'[:;] *' 'tolower($1) == "set-cookie" && $2 ~ /pledge-session=/ {print $2; exit}')
[[ -n $cookie ]] || { echo "no session cookie from the login" >&2; exit 1; }
body_bytes() { curl -s -o /dev/null -w '%{http_code} %{size_download}\n' -H "Cookie: $cookie" "$base$1"; }
read -r status me_bytes < <(body_bytes /api/v1/me)
[[ $status == 200 ]] || { echo "GET /api/v1/me answered $status with the cookie, not 200" >&2; exit 1; }
read -r status page_bytes < <(body_bytes /)
[[ $status == 200 ]] || { echo "GET / answered $status with the cookie, not 200" >&2; exit 1; }

# The reference: a minimal Spring Boot application (bench.baseline.ConstantJsonApplication: same Boot, same JVM, same
# options, no security, session or database) answering a JSON document of /api/v1/me's size and a page of /'s size,
# measured with the same wrk parameters as Pledge, in alternating slices with it.
ref_port=$(free_port)
ref_base=http://127.0.0.1:$ref_port
log "starting the reference app on $ref_base (JSON $me_bytes bytes, page $page_bytes bytes)"
# shellcheck disable=SC2086
"${BENCH_JAVA:-java}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" bench.baseline.ConstantJsonApplication --server.address=127.0.0.1 \
	--server.port="$ref_port" --baseline.json-bytes="$me_bytes" --baseline.html-bytes="$page_bytes" >"$data_dir/reference.log" 2>&1 &
ref_pid=$!
trap 'status=$?; stop_process "$ref_pid"; (exit $status); pledge_cleanup' EXIT
for _ in $(seq 1 120); do curl -fsS -o /dev/null "$ref_base/" 2>/dev/null && break; sleep 0.5; done
read -r status ref_bytes < <(curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "$ref_base/")
[[ $status == 200 ]] || { echo "the reference app did not start; its log:" >&2; tail -30 "$data_dir/reference.log" >&2; exit 1; }

slices=${BENCH_SLICES:-4}
slice=$(( (duration + slices - 1) / slices ))

# The reference's GET $1 and Pledge's GET $2 (with the cookie): each warmed up for $warmup seconds, then $slices
# slices of $slice seconds each, alternating (reference first in odd rounds, Pledge first in even ones), so that a
# machine that speeds up or slows down meanwhile weighs on both alike; the side not measured is idle. Prints one
# line: for the reference, then for Pledge, "rate non2xx p50 p99 cpu-us-per-request" (rate: all requests over all
# slices' time; p50 and p99: the lowest and highest of the slices').
measure_pair() {
	local ref_path=$1 path=$2 i side out
	local -A requests=([ref]=0 [pledge]=0) seconds=([ref]=0 [pledge]=0) bad=([ref]=0 [pledge]=0) \
		cpu=([ref]=0 [pledge]=0) p50s=([ref]= [pledge]=) p99s=([ref]= [pledge]=)
	wrk -t"$threads" -c"$me_conns" -d"${warmup}s" "$ref_base$ref_path" >/dev/null
	wrk -t"$threads" -c"$me_conns" -d"${warmup}s" -H "Cookie: $cookie" "$base$path" >/dev/null
	for i in $(seq 1 "$slices"); do
		local order="ref pledge"
		(( i % 2 )) || order="pledge ref"
		for side in $order; do
			local pid=$ref_pid url=$ref_base$ref_path header=() cpu0 cpu1
			[[ $side == ref ]] || { pid=$pledge_pid; url=$base$path; header=(-H "Cookie: $cookie"); }
			cpu0=$(process_cpu "$pid")
			out=$(wrk -t"$threads" -c"$me_conns" -d"${slice}s" --latency "${header[@]}" "$url")
			cpu1=$(process_cpu "$pid")
			printf '%s: %s\n' "$side" "$out" >&2
			requests[$side]=$(( requests[$side] + $(printf '%s\n' "$out" | requests_done) ))
			seconds[$side]=$(awk -v a="${seconds[$side]}" -v b="$(printf '%s\n' "$out" | awk '/requests in/ {sub(/s,?$/, "", $4); print $4}')" 'BEGIN {print a + b}')
			bad[$side]=$(( bad[$side] + $(printf '%s\n' "$out" | non_2xx) ))
			cpu[$side]=$(awk -v a="${cpu[$side]}" -v b="$cpu0" -v c="$cpu1" 'BEGIN {print a + c - b}')
			p50s[$side]+=" $(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')"
			p99s[$side]+=" $(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')"
		done
	done
	for side in ref pledge; do
		printf '%s %s %s %s %s ' "$(awk -v n="${requests[$side]}" -v t="${seconds[$side]}" 'BEGIN {printf "%.2f", (t > 0) ? n / t : 0}')" \
			"${bad[$side]}" "$(latency_range "${p50s[$side]}")" "$(latency_range "${p99s[$side]}")" \
			"$(per_request_us 0 "${cpu[$side]}" "${requests[$side]}")"
	done
	echo
}

# The lowest and the highest of wrk's latencies given ("412.00us 1.02ms …"), as "412.00us-1.02ms".
latency_range() {
	printf '%s\n' $1 | awk '{v = $1; u = v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u);
		us = (u == "s") ? v * 1e6 : (u == "ms") ? v * 1e3 : v;
		if (NR == 1 || us < lo) {lo = us; los = $1} if (NR == 1 || us > hi) {hi = us; his = $1}}
		END {print (los == his) ? los : los "-" his}'
}

log "(c0)/(c) reference GET / (JSON, $ref_bytes bytes) and GET /api/v1/me: wrk -t$threads -c$me_conns, warm-up ${warmup}s each, then $slices slices of ${slice}s each, alternating"
read -r ref_rate ref_bad ref_p50 ref_p99 ref_cpu_us me_rate me_bad me_p50 me_p99 me_cpu_us < <(measure_pair / /api/v1/me)
log "(d0)/(d) reference GET /page (HTML) and GET / (the signed-in person's home page): the same"
read -r refp_rate refp_bad refp_p50 refp_p99 refp_cpu_us page_rate page_bad page_p50 page_p99 page_cpu_us < <(measure_pair /page /)
stop_process "$ref_pid"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/v1/me")
[[ $status == 200 ]] || { echo "after the run GET /api/v1/me answers $status: the session did not survive" >&2; me_bad="$me_bad+"; }

# --- report ------------------------------------------------------------------------------------------------
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v + 0 >= t + 0) ? "PASS" : "MISS"}'; }
ratio=$(awk -v b="$login_rate" -v a="$argon2_rate" 'BEGIN {printf "%.1f", (a > 0) ? 100 * b / a : 0}')
login_ok=$(verdict "$ratio" 90); [[ $login_bad == 0 ]] || login_ok="INVALID"
me_ratio=$(awk -v a="$me_rate" -v b="$ref_rate" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
me_ok=$(verdict "$me_ratio" 0.5); [[ $me_bad == 0 && $ref_bad == 0 ]] || me_ok="INVALID"
page_ratio=$(awk -v a="$page_rate" -v b="$refp_rate" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
page_ok=$(verdict "$page_ratio" 0.5); [[ $page_bad == 0 && $refp_bad == 0 ]] || page_ok="INVALID"

echo
echo "Pledge benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $cores cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $("${BENCH_JAVA:-java}" -version 2>&1 | head -1)"
echo "Argon2id m=${memory_kib} KiB t=$iterations p=$parallelism; wrk and Pledge share the same $cores cores; load average before: $load_before"
[[ ${BENCH_TRAINED:-0} == 1 ]] && echo "Pledge extracted, with an AOT cache from a training run of ${BENCH_TRAINING:-60s} with traffic (BENCH_TRAINED=1)"
printf '%-44s %12s  %-22s %s\n' "measure" "per second" "target" "result"
printf '%-44s %12s  %-22s %s\n' "(a) Argon2id verifications ($threads threads)" "$argon2_rate" "-" "CPU ${argon2_cpu_us} us/verification (mean of before (b): $argon2_rate_before/s, after (b): $argon2_rate_after/s)"
printf '%-44s %12s  %-22s %s\n' "(b) password logins, POST /api/v1/session" "$login_rate" "-" "non-200: $login_bad; Pledge CPU ${login_cpu_us} us/req (JIT ${login_jit_us})"
printf '%-44s %11s%%  %-22s %s\n' "(b)/(a)" "$ratio" ">= 90%" "$login_ok"
printf '%-44s %12s  %-22s %s\n' "(c0) reference, JSON of $ref_bytes bytes" "$ref_rate" "-" "p50 $ref_p50, p99 $ref_p99; CPU ${ref_cpu_us} us/req"
printf '%-44s %12s  %-22s %s\n' "(c) GET /api/v1/me (c=$me_conns)" "$me_rate" "-" "p50 $me_p50, p99 $me_p99; non-2xx: $me_bad; Pledge CPU ${me_cpu_us} us/req"
printf '%-44s %12s  %-22s %s\n' "(c)/(c0)" "$me_ratio" ">= 0.5" "$me_ok"
printf '%-44s %12s  %-22s %s\n' "(d0) reference, page of $page_bytes bytes" "$refp_rate" "-" "p50 $refp_p50, p99 $refp_p99; CPU ${refp_cpu_us} us/req"
printf '%-44s %12s  %-22s %s\n' "(d) GET / signed in" "$page_rate" "-" "p50 $page_p50, p99 $page_p99; non-2xx: $page_bad; Pledge CPU ${page_cpu_us} us/req"
printf '%-44s %12s  %-22s %s\n' "(d)/(d0)" "$page_ratio" ">= 0.5" "$page_ok"
cpu_ratio=$(awk -v a="$argon2_cpu_us" -v b="$login_cpu_us" 'BEGIN {printf "%.1f", (b > 0) ? 100 * a / b : 0}')
printf '%-44s %11s%%  %-22s %s\n' "CPU per verification (a) / per login (b)" "$cpu_ratio" "(less load-sensitive)" "$(verdict "$cpu_ratio" 90)"
[[ -z $login_errors ]] || echo "(b) $login_errors"
pledge_rss
