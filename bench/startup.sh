#!/usr/bin/env bash
# Pledge start-up benchmark: seconds from starting the JVM to the first answer of /actuator/health (200), with the
# embedded H2 database, median of N runs, for
#   (1) plain `java -jar target/pledge-0.1.0-SNAPSHOT.jar`, each run on a fresh data dir, then on an existing one;
#   (2) the fast way Spring Boot documents: the extracted jar plus a class-data-sharing archive (JDK 17:
#       -XX:SharedArchiveFile, made by a training run with -XX:ArchiveClassesAtExit -Dspring.context.exit=onRefresh);
#   (3) with a JDK 25 (BENCH_JAVA25): the extracted jar plus the AOT cache (-XX:AOTCacheOutput / -XX:AOTCache);
#   (4) the same with the cache README's Dockerfile makes: its training run serves itself a minute of traffic
#       (--pledge.training.duration=60s), so the cache holds the method profiles of that traffic too.
# Each run also prints the CPU seconds the process had used by its first answer: on a shared machine the wall time
# follows the load, the CPU time much less. See docs/PERFORMANCE.md, "Start-up and memory".
#
# usage: bench/startup.sh [--no-build]
# environment (all optional):
#   BENCH_RUNS        runs per measure (default: 5)
#   BENCH_MODES       which of (1), (2), (3), (4) to run (default: "1 2 3 4")
#   BENCH_JAVA        the JDK's java for (1) and (2) (default: java on the PATH)
#   BENCH_JAVA25      a JDK 25+ java for (3) (default: /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; (3) is left out
#                     when it does not exist)
#   BENCH_JAVA_OPTS   extra JVM options for every run (e.g. -Xmx256m)
#   BENCH_START_TIMEOUT  seconds a start may take before the benchmark gives up (default: 120)
#   BENCH_KEEP_DIR=1  keep the temporary data dir (the runs' logs, the extracted jar and the archives)
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done
runs=${BENCH_RUNS:-5}
modes=" ${BENCH_MODES:-1 2 3 4} "
timeout=${BENCH_START_TIMEOUT:-120}
java17=${BENCH_JAVA:-java}
java25=${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}

# shellcheck source=bench/lib.sh
source bench/lib.sh
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

jar=target/pledge-0.1.0-SNAPSHOT.jar
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -DskipTests package)"
	./mvnw -B -q -DskipTests package
fi
[[ -f $jar ]] || { echo "$jar is missing; run without --no-build" >&2; exit 1; }
jar=$(pwd)/$jar

# One port and one temporary directory for everything; the EXIT trap stops the running Pledge and removes it.
pledge_prepare

# Starts Pledge with java $1 and the JVM options in $2 (a string, split on spaces) from the jar $3 on the data dir
# $4, waits for the first 200 of /actuator/health (polled every 50 ms), prints "<wall s> <cpu s>" and stops it.
# Called in a command substitution: it stops its Pledge itself, since the EXIT trap does not see this pledge_pid.
timed_start() {
	local java=$1 opts=$2 app=$3 dir=$4 t0 t1 cpu
	mkdir -p "$dir"
	t0=$(date +%s.%N)
	# From the jar's directory, named as in the training run: a class-data-sharing archive is refused when the
	# class path differs from the one it was made with.
	# shellcheck disable=SC2086
	(cd "$(dirname "$app")" && exec "$java" $opts ${BENCH_JAVA_OPTS:-} -jar "$(basename "$app")" --server.address=127.0.0.1 \
		--server.port="$port" --pledge.data-dir="$dir" --pledge.base-url="$base" >>"$dir/pledge.log" 2>&1) &
	pledge_pid=$!
	while ! curl -fsS -o /dev/null "$base/actuator/health" 2>/dev/null; do
		if ! kill -0 "$pledge_pid" 2>/dev/null; then
			echo "Pledge did not start; its log:" >&2; tail -40 "$dir/pledge.log" >&2; exit 1
		fi
		if (( $(date +%s) - ${t0%.*} > timeout )); then
			echo "Pledge did not answer in $timeout s" >&2; tail -40 "$dir/pledge.log" >&2
			stop_process "$pledge_pid"; exit 1
		fi
		sleep 0.05
	done
	t1=$(date +%s.%N)
	cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pledge_pid/stat")
	stop_process "$pledge_pid"
	pledge_pid=
	awk -v a="$t0" -v b="$t1" -v c="$cpu" 'BEGIN {printf "%.2f %s\n", b - a, c}'
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

results=()
# Runs timed_start $runs times (a fresh data dir each time unless $5 is "existing") and records the medians under
# the label $1.
measure() {
	local label=$1 java=$2 opts=$3 app=$4 mode=${5:-fresh} n dir out walls=() cpus=()
	if [[ $mode == existing ]]; then
		dir=$data_dir/existing-$(echo "$label" | tr -c 'a-z0-9\n' '-')
		log "$label: creating the data dir it restarts on"
		timed_start "$java" "$opts" "$app" "$dir" >/dev/null
	fi
	for n in $(seq 1 "$runs"); do
		[[ $mode == existing ]] || dir=$data_dir/fresh-$(echo "$label" | tr -c 'a-z0-9\n' '-')-$n
		out=$(timed_start "$java" "$opts" "$app" "$dir")
		log "$label, run $n: $(awk '{print $1 " s to the first answer, " $2 " s CPU"}' <<<"$out")"
		walls+=("${out% *}"); cpus+=("${out#* }")
	done
	results+=("$(printf '%-58s %8s s %10s s   runs: %s' "$label" \
		"$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" "${walls[*]}")")
}

# --- (1) plain java -jar ---------------------------------------------------------------------------------------
version17=$("$java17" -version 2>&1 | head -1)
if [[ $modes == *" 1 "* ]]; then
	measure "(1) java -jar, fresh data dir" "$java17" "" "$jar"
	measure "(1) java -jar, existing data dir" "$java17" "" "$jar" existing
fi

# --- (2) extracted + CDS (the JDK of (1)) --------------------------------------------------------------------------
if [[ $modes == *" 2 "* ]]; then
	app17=$data_dir/app17
	"$java17" -Djarmode=tools -jar "$jar" extract --destination "$app17" >/dev/null
	log "(2) training run: -XX:ArchiveClassesAtExit -Dspring.context.exit=onRefresh"
	# shellcheck disable=SC2086
	(cd "$app17" && "$java17" -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh ${BENCH_JAVA_OPTS:-} \
		-jar pledge-0.1.0-SNAPSHOT.jar --pledge.data-dir="$data_dir/training17" --server.port=0 >"$data_dir/training17.log" 2>&1) \
		|| { echo "the CDS training run failed; its log:" >&2; tail -30 "$data_dir/training17.log" >&2; exit 1; }
	measure "(2) extracted + CDS archive, fresh data dir" "$java17" "-XX:SharedArchiveFile=$app17/application.jsa" \
		"$app17/pledge-0.1.0-SNAPSHOT.jar"
	measure "(2) extracted + CDS archive, existing data dir" "$java17" "-XX:SharedArchiveFile=$app17/application.jsa" \
		"$app17/pledge-0.1.0-SNAPSHOT.jar" existing
fi

# --- (3) JDK 25: plain, and extracted + AOT cache ------------------------------------------------------------------
version25=
if [[ $modes != *" 3 "* ]]; then
	:
elif [[ -x $java25 ]]; then
	version25=$("$java25" -version 2>&1 | head -1)
	measure "(3) JDK 25 java -jar, fresh data dir" "$java25" "" "$jar"
	app25=$data_dir/app25
	"$java25" -Djarmode=tools -jar "$jar" extract --destination "$app25" >/dev/null
	log "(3) training run: -XX:AOTCacheOutput -Dspring.context.exit=onRefresh"
	# shellcheck disable=SC2086
	(cd "$app25" && "$java25" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh ${BENCH_JAVA_OPTS:-} \
		-jar pledge-0.1.0-SNAPSHOT.jar --pledge.data-dir="$data_dir/training25" --server.port=0 >"$data_dir/training25.log" 2>&1) \
		|| { echo "the AOT cache training run failed; its log:" >&2; tail -30 "$data_dir/training25.log" >&2; exit 1; }
	measure "(3) JDK 25 extracted + AOT cache, fresh data dir" "$java25" "-XX:AOTCache=$app25/app.aot" \
		"$app25/pledge-0.1.0-SNAPSHOT.jar"
	measure "(3) JDK 25 extracted + AOT cache, existing data dir" "$java25" "-XX:AOTCache=$app25/app.aot" \
		"$app25/pledge-0.1.0-SNAPSHOT.jar" existing
else
	log "no JDK 25 at $java25: (3) left out"
fi

# --- (4) JDK 25: extracted + AOT cache from a training run with traffic (README's Dockerfile) ----------------------
if [[ $modes == *" 4 "* && -x $java25 ]]; then
	version25=$("$java25" -version 2>&1 | head -1)
	app25t=$data_dir/app25t
	"$java25" -Djarmode=tools -jar "$jar" extract --destination "$app25t" >/dev/null
	log "(4) training run: -XX:AOTCacheOutput --pledge.training.duration=60s"
	# shellcheck disable=SC2086
	(cd "$app25t" && "$java25" -XX:AOTCacheOutput=app.aot ${BENCH_JAVA_OPTS:-} -jar pledge-0.1.0-SNAPSHOT.jar \
		--pledge.data-dir="$data_dir/training25t" --server.address=127.0.0.1 --server.port=0 \
		--pledge.training.duration=60s >"$data_dir/training25t.log" 2>&1) \
		|| { echo "the training run failed; its log:" >&2; tail -30 "$data_dir/training25t.log" >&2; exit 1; }
	measure "(4) JDK 25 extracted + AOT cache with traffic, fresh dir" "$java25" "-XX:AOTCache=$app25t/app.aot" \
		"$app25t/pledge-0.1.0-SNAPSHOT.jar"
elif [[ $modes == *" 4 "* ]]; then
	log "no JDK 25 at $java25: (4) left out"
fi

# --- report ----------------------------------------------------------------------------------------------------------
echo
echo "Pledge start-up — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), H2, median of $runs"
echo "JDK for (1), (2): $version17${version25:+; for (3): $version25}; extra options: ${BENCH_JAVA_OPTS:-none}"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-58s %10s %12s   %s\n' "start to first answer" "wall" "CPU" "target: <= 5 s wall"
printf '%s\n' "${results[@]}" | while IFS= read -r line; do
	wall=$(awk '{for (i = 1; i <= NF; i++) if ($i == "s") {print $(i - 1); exit}}' <<<"$line")
	printf '%s   %s\n' "$line" "$(awk -v w="$wall" 'BEGIN {print (w + 0 <= 5) ? "PASS" : "MISS"}')"
done
