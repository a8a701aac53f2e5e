# shellcheck shell=bash
# Shared by the benchmarks: those that start Pledge from its jar (login, ingest, access-log) and those that run
# a benchmark class from src/bench/java against a fresh PostgreSQL database (audit, retention, rights). Sourced from the
# repository root after argument parsing. Not a benchmark itself.

log() { printf '[bench] %s\n' "$*" >&2; }

# Installs wrk from Debian when it is missing (the benchmarks drive HTTP load with it); needs curl too.
ensure_wrk() {
	if ! command -v wrk >/dev/null 2>&1; then
		log "installing wrk"
		if ! apt-get install -y wrk >/dev/null 2>&1; then
			apt-get update -qq >/dev/null
			apt-get install -y wrk >/dev/null
		fi
	fi
	command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

random_password() { echo "bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"; }

# Stops the process $1: TERM, up to 15 s of grace, then KILL.
stop_process() {
	local pid=$1
	if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		kill -9 "$pid" 2>/dev/null || true
	fi
}

# Waits until Pledge (pid $1) at $2 answers its health check; exits with its log ($3) if it dies or takes
# BENCH_START_TIMEOUT seconds (default 90; a start on a heavily shared machine took 240 s).
wait_healthy() {
	local pid=$1 url=$2 logfile=$3 i limit=$((2 * ${BENCH_START_TIMEOUT:-90}))
	for i in $(seq 1 "$limit"); do
		if curl -fsS -o /dev/null "$url/actuator/health" 2>/dev/null; then return 0; fi
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "Pledge did not start; its log:" >&2; tail -50 "$logfile" >&2; exit 1
		fi
		[[ $i == "$limit" ]] && { echo "Pledge did not become healthy in $((limit / 2)) s" >&2; tail -50 "$logfile" >&2; exit 1; }
		sleep 0.5
	done
}

# One Pledge for the whole benchmark: sets port, base, data_dir, email, password and pledge_pid, and stops
# Pledge and removes its data dir on exit (kept with BENCH_KEEP_DIR=1).
pledge_prepare() {
	port=$(free_port)
	base=http://127.0.0.1:$port
	data_dir=$(mktemp -d "${TMPDIR:-/tmp}/pledge-bench.XXXXXX")
	email=bench@example.org
	password=$(random_password)
	pledge_pid=
	trap pledge_cleanup EXIT
	trap 'exit 130' INT TERM
}

pledge_cleanup() {
	local status=$?
	stop_process "$pledge_pid"
	if [[ ${BENCH_KEEP_DIR:-0} == 1 ]]; then
		log "kept $data_dir (Pledge's log: $data_dir/pledge.log)"
	else
		rm -rf "$data_dir"
	fi
	exit $status
}

# Prints Pledge's resident set now (VmRSS) and its peak (VmHWM), from /proc/<pid>/status (the pid $1, by default
# pledge_pid); bench/memory.sh reads this line. Prints nothing when Pledge is not running.
pledge_rss() {
	local pid=${1:-${pledge_pid:-}}
	[[ -n $pid && -r /proc/$pid/status ]] || return 0
	awk '/^VmRSS:|^VmHWM:/ {v[$1] = $2} END {printf "Pledge resident set: VmRSS %.0f MB, VmHWM %.0f MB\n", v["VmRSS:"] / 1024, v["VmHWM:"] / 1024}' \
		"/proc/$pid/status"
}

# --- reading wrk's output and a process's CPU time -------------------------------------------------------------
requests_per_second() { awk '/^Requests\/sec:/ {print $2}'; }
requests_done() { awk '/requests in/ {print $1}'; }
non_2xx() { awk '/Non-2xx or 3xx responses:/ {print $NF; found=1} END {if (!found) print 0}'; }
# CPU seconds the process $1 has used so far (user + system).
process_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
# Microseconds of CPU per request: CPU seconds before ($1) and after ($2), requests ($3).
per_request_us() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%.0f", (n > 0) ? (b - a) / n * 1e6 : 0}'; }

# Starts "$jar" with the bootstrap administrator, on $port with $data_dir, plus the given arguments, with the JVM
# options BENCH_JAVA_OPTS and PLEDGE_JAVA_OPTS (Pledge's own, e.g. its AOT cache); waits until it is healthy. Its output goes to $data_dir/pledge.log. The benchmark's administrator works through the API
# without a second factor, so the rule that administrators use two-step sign-in is off for it.
pledge_start() {
	log "starting Pledge on $base (data dir $data_dir)"
	# shellcheck disable=SC2086
	PLEDGE_BOOTSTRAP_ADMIN_EMAIL=$email PLEDGE_BOOTSTRAP_ADMIN_PASSWORD=$password \
		"${BENCH_JAVA:-java}" ${BENCH_JAVA_OPTS:-} ${PLEDGE_JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
		--pledge.data-dir="$data_dir" --pledge.base-url="$base" --pledge.accounts.admin-two-step-required=false "$@" >"$data_dir/pledge.log" 2>&1 &
	pledge_pid=$!
	wait_healthy "$pledge_pid" "$base" "$data_dir/pledge.log"
	log "Pledge is up (pid $pledge_pid)"
}

# --- a fresh PostgreSQL database and the benchmark classpath (audit, retention, rights, kill-node) ------------------------

# Reads BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER into pg_host, pg_port, pg_user; refuses a host that is
# not this machine (the benchmark creates and drops a database there) and a missing psql.
pg_settings() {
	pg_host=${BENCH_PG_HOST:-127.0.0.1}
	pg_port=${BENCH_PG_PORT:-5432}
	pg_user=${BENCH_PG_USER:-postgres}
	case "$pg_host" in
		127.0.0.1|localhost|::1) ;;
		*) echo "BENCH_PG_HOST must be local (127.0.0.1): the benchmark creates and drops a database" >&2; exit 2 ;;
	esac
	command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
}

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }

# Creates the database named $1 (in the tablespace $2 when given; pg_settings first) and sets bench_db, pg_url
# and pg_version. The script's EXIT trap calls pg_drop_database.
pg_fresh_database() {
	local tablespace=${2:-}
	[[ -z $tablespace || $tablespace =~ ^[a-z_][a-z0-9_]*$ ]] \
		|| { echo "the tablespace must be a plain name, not $tablespace" >&2; exit 2; }
	pg_version=$(psql_admin -Atc 'SHOW server_version')
	bench_db=$1
	psql_admin -c "CREATE DATABASE $bench_db${tablespace:+ TABLESPACE $tablespace}" >/dev/null
	pg_url="jdbc:postgresql://$pg_host:$pg_port/$bench_db"
	log "database $bench_db on $pg_host:$pg_port (PostgreSQL $pg_version)${tablespace:+, tablespace $tablespace}"
}

# Drops the database pg_fresh_database created, if any.
pg_drop_database() {
	if [[ -n ${bench_db:-} ]]; then
		psql_admin -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null 2>&1 \
			|| echo "could not drop database $bench_db; drop it by hand" >&2
	fi
}

# Sets classpath to the compiled benchmark, test and main classes and the test dependencies (resolved into
# target/bench-classpath.txt again when pom.xml changed); fails unless the benchmark class $1 (a class name such
# as eu.pledge.audit.AuditBenchmark) was compiled. The benchmarks live in src/bench/java, a test source root
# (build-helper in pom.xml), so `package` and `test-compile` compile them with the tests into target/test-classes.
bench_classpath() {
	[[ -f target/test-classes/${1//.//}.class ]] \
		|| { echo "$1 (src/bench/java) is not compiled; run without --no-build" >&2; exit 1; }
	local file=target/bench-classpath.txt
	if [[ ! -s $file || pom.xml -nt $file ]]; then
		log "resolving the test classpath"
		./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$file" >/dev/null
	fi
	classpath="target/test-classes:target/classes:$(cat "$file")"
}
