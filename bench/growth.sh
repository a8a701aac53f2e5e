#!/usr/bin/env bash
# Pledge benchmark (issue 17, "How cost grows"): GET /api/v1/me and password sign-ins with 1,000 and with 1,000,000
# accounts and sessions in the tables. One Pledge from the jar on a fresh PostgreSQL database (127.0.0.1, dropped on
# exit); the rows are inserted with SQL while Pledge runs (realistic sizes: vault ciphertext, Argon2id hashes, session
# attributes as SessionAttributeCodec writes them); then a quiet wait for one retention sweep over the large tables.
# About eleven minutes on 2 cores, hard limit BENCH_TIMEOUT. See docs/PERFORMANCE.md, "How cost grows".
#
# usage: bench/growth.sh [--no-build]
# environment (all optional):
#   BENCH_PG_HOST / BENCH_PG_PORT / BENCH_PG_USER   PostgreSQL (default 127.0.0.1 / 5432 / postgres, trust auth)
#   BENCH_SMALL_ROWS / BENCH_ROWS   accounts and sessions of the two phases (default: 1000 / 1000000)
#   BENCH_WARMUP / BENCH_DURATION   seconds of warm-up and of measurement per wrk run (default: 20 / 20)
#   BENCH_ME_CONNS / BENCH_LOGIN_CONNS   wrk connections for /me and for sign-ins (default: 8 / nproc); 2 threads
#   BENCH_JIT_WARMUP      seconds of /me and of sign-ins before the first phase, so both phases meet a warm JIT (default: 30)
#   BENCH_RECHECK_AFTER   pledge.sessions.recheck-after (default: Pledge's, 1s; 0s reads the session row every request)
#   BENCH_SWEEP_INTERVAL  pledge.privacy.sweep-interval (default: 2m, so a sweep runs over the large tables in the run)
#   BENCH_QUIET_MAX       seconds to wait, without load, for that sweep (default: 300)
#   BENCH_TIMEOUT         seconds after which the benchmark stops itself (default: 1800)
#   BENCH_JAVA_OPTS / BENCH_JAVA   JVM options and java command for Pledge
#   BENCH_KEEP_DIR=1      keep Pledge's data dir and log
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
	case "$arg" in
		--no-build) build=0 ;;
		-h|--help) sed -n '2,22p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
cores=$(nproc)
pg_settings
small_rows=${BENCH_SMALL_ROWS:-1000}
large_rows=${BENCH_ROWS:-1000000}
warmup=${BENCH_WARMUP:-20}
duration=${BENCH_DURATION:-20}
me_conns=${BENCH_ME_CONNS:-8}
login_conns=${BENCH_LOGIN_CONNS:-$cores}
jit_warmup=${BENCH_JIT_WARMUP:-30}
quiet_max=${BENCH_QUIET_MAX:-300}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

ensure_wrk

# --- build -------------------------------------------------------------------------------------------
jar=target/pledge-0.1.0-SNAPSHOT.jar
if [[ $build == 1 ]]; then
	log "building (./mvnw -B -q -o -DskipTests package)"
	./mvnw -B -q -o -DskipTests package
fi
[[ -f $jar ]] || { echo "$jar is missing; run without --no-build" >&2; exit 1; }

# --- clean-up and the hard timeout ----------------------------------------------------------------------
# Long steps (psql, wrk) run in the background and are waited for, so a TERM (the watchdog's, or Ctrl-C) is handled
# at once rather than after the step; the EXIT trap stops them, stops Pledge and drops the database.
child=
watchdog=
interruptible() {
	"$@" &
	child=$!
	local status=0
	wait "$child" || status=$?
	child=
	return $status
}
pledge_prepare
cleanup() {
	local status=$?
	set +e # every step runs, whatever failed before
	stop_process "$child"
	if [[ -n $watchdog ]]; then
		kill $(ps -o pid= --ppid "$watchdog" 2>/dev/null) "$watchdog" 2>/dev/null
	fi
	stop_process "$pledge_pid"
	pg_drop_database
	if [[ ${BENCH_KEEP_DIR:-0} == 1 ]]; then
		log "kept $data_dir (Pledge's log: $data_dir/pledge.log)"
	else
		rm -rf "$data_dir"
	fi
	exit $status
}
trap cleanup EXIT
trap 'log "stopped"; exit 130' INT TERM
{ sleep "${BENCH_TIMEOUT:-1800}"; log "BENCH_TIMEOUT reached"; kill -TERM $$; } &
watchdog=$!

pg_fresh_database "pledge_growth_bench_$(date +%s)_$$"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$bench_db" "$@"; }

# --- start Pledge --------------------------------------------------------------------------------------
extra=()
[[ -z ${BENCH_RECHECK_AFTER:-} ]] || extra+=(--pledge.sessions.recheck-after="$BENCH_RECHECK_AFTER")
pledge_start --spring.datasource.url="$pg_url" --spring.datasource.username="$pg_user" --spring.datasource.password= \
	--pledge.privacy.sweep-interval="${BENCH_SWEEP_INTERVAL:-2m}" "${extra[@]}"

login_json="{\"email\":\"$email\",\"password\":\"$password\"}"
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$login_json" "$base/api/v1/session" \
	| tr -d '\r' | awk -F'[:;] *' 'tolower($1) == "set-cookie" && $2 ~ /pledge-session=/ {print $2; exit}')
[[ -n $cookie ]] || { echo "no session cookie from the benchmark's sign-in" >&2; tail -30 "$data_dir/pledge.log" >&2; exit 1; }
# A browser's visit to the sign-in page: its anonymous session holds a real CSRF token, copied into a third of the
# seeded sessions (a browser's session holds one once it has shown a form).
curl -s -o /dev/null "$base/login"
csrf_hex=$(psql_db -Atc "SELECT encode(attribute_bytes, 'hex') FROM spring_session_attributes
	WHERE attribute_name LIKE '%CSRF_TOKEN' LIMIT 1")

# --- seeding ---------------------------------------------------------------------------------------------
# Adds accounts (with their vault data key and a known sign-in address) and sessions with their attributes until
# both tables hold $1 rows; then ANALYZE, as autovacuum would soon after such a load.
seed_to() {
	local target=$1 have_accounts have_sessions add_accounts add_sessions started
	have_accounts=$(psql_db -Atc 'SELECT COUNT(*) FROM accounts')
	have_sessions=$(psql_db -Atc 'SELECT COUNT(*) FROM spring_session')
	add_accounts=$((target > have_accounts ? target - have_accounts : 0))
	add_sessions=$((target > have_sessions ? target - have_sessions : 0))
	((add_accounts > 0)) || { log "accounts already at $have_accounts"; return 0; }
	log "seeding $add_accounts accounts and $add_sessions sessions (to $target each)"
	started=$(date +%s.%N)
	cat >"$data_dir/seed.sql" <<'SQL'
SET synchronous_commit = off;
-- Vault ciphertext as Pledge writes it: base64 of version byte 1, 12-byte IV, the UTF-8 text and a 16-byte tag (the
-- text plus 29 bytes). Random bytes here: another account's columns are never decrypted.
CREATE FUNCTION pg_temp.sealed(text_bytes int) RETURNS text LANGUAGE sql VOLATILE AS $$
	SELECT encode('\x01'::bytea || substring(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())
		|| uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) from 1 for 28 + text_bytes), 'base64') $$;
CREATE FUNCTION pg_temp.b64(n int) RETURNS text LANGUAGE sql VOLATILE AS $$
	SELECT rtrim(encode(substring(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) from 1 for n), 'base64'), '=') $$;
CREATE TEMP TABLE seed_accounts AS
	SELECT row_number() OVER () AS n, gen_random_uuid() AS id, encode(sha256(uuid_send(gen_random_uuid())), 'hex') AS email_index,
		now() - random() * interval '3 years' AS created_at
	FROM generate_series(1, :accounts);
CREATE UNIQUE INDEX ON seed_accounts (n);
-- Verified, active people (no roles, no second factor) with an email of 14-34 characters, a name of 8-24, an address;
-- name_indexed: their name tokens are taken as written (only the administrators' name search reads them).
INSERT INTO accounts (id, email_index, email, name, street, postal_code, city, country, password_hash, status, roles,
		created_at, verified_at, updated_at, last_sign_in_at, name_indexed)
	SELECT id, email_index, pg_temp.sealed(14 + (random() * 20)::int), pg_temp.sealed(8 + (random() * 16)::int),
		pg_temp.sealed(12 + (random() * 18)::int), pg_temp.sealed(4 + (random() * 4)::int),
		pg_temp.sealed(4 + (random() * 12)::int), pg_temp.sealed(2),
		'$argon2id$v=19$m=19456,t=2,p=1$' || pg_temp.b64(16) || '$' || pg_temp.b64(32),
		'ACTIVE', '', created_at, created_at + interval '5 minutes', created_at,
		greatest(created_at, now() - random() * interval '30 days'), TRUE
	FROM seed_accounts;
-- Customers, as Pledge's people are (the retention rule "non-customers" would otherwise schedule every seeded account
-- for erasure and mail it): organisations of 50 members, each with a contract in force; the first member the owner.
CREATE TEMP TABLE seed_organizations AS
	SELECT o, gen_random_uuid() AS id, now() - random() * interval '3 years' AS created_at
	FROM generate_series(0, (:accounts - 1) / 50) o;
INSERT INTO access_organizations (id, name, status, created_at, updated_at)
	SELECT id, 'Organisation ' || substr(md5(id::text), 1, 10), 'ACTIVE', created_at, created_at FROM seed_organizations;
INSERT INTO access_contracts (id, organization_id, status, starts_at, ends_at, seats, created_at, updated_at)
	SELECT gen_random_uuid(), id, 'ACTIVE', created_at, now() + interval '2 years', 60, created_at, created_at
	FROM seed_organizations;
INSERT INTO access_memberships (organization_id, account_id, role, joined_at)
	SELECT o.id, a.id, CASE WHEN (a.n - 1) % 50 = 0 THEN 'OWNER' ELSE 'MEMBER' END, greatest(a.created_at, o.created_at)
	FROM seed_accounts a JOIN seed_organizations o ON o.o = (a.n - 1) / 50;
-- One data key per account, of a wrapped key's size (61 bytes); the vault unwraps only the account's own.
INSERT INTO vault_keys (owner_id, wrapped_key, created_at)
	SELECT id, '\x01'::bytea || substring(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())
		|| uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) from 1 for 60), created_at FROM seed_accounts;
-- The address each account signed in from lately (sign-in reads and refreshes the caller's row).
INSERT INTO protection_known_addresses (account_key, address, updated_at, expires_at)
	SELECT email_index, (10 + n % 200) || '.' || (n / 65536 % 256) || '.' || (n / 256 % 256) || '.' || (n % 256),
		now() - random() * interval '12 hours', now() + interval '12 hours' FROM seed_accounts;
-- Sessions of these accounts, drawn at random (some have several, some none); unexpired: used in the last five
-- minutes (idle timeout 30 min), signed in within the absolute timeout (12 h).
CREATE TEMP TABLE seed_sessions AS
	SELECT g.i, gen_random_uuid() AS pid, a.id AS account, g.last_access,
		g.last_access - (random() * 11 * 3600000)::bigint AS created
	FROM (SELECT i, 1 + floor(random() * :accounts)::bigint AS r,
			(extract(epoch FROM now()) * 1000)::bigint - (random() * 300000)::bigint AS last_access
		FROM generate_series(1, :sessions) i OFFSET 0) g
	JOIN seed_accounts a ON a.n = g.r;
INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time, max_inactive_interval, expiry_time,
		principal_name)
	SELECT pid, gen_random_uuid(), created, last_access, 1800, last_access + 1800000, account::text FROM seed_sessions;
-- What sign-in stores, byte for byte as SessionAttributeCodec writes it: the security context (compact form: the
-- account id and ROLE_USER, 52 bytes), the sign-in time (compact long, 9 bytes), the device summary (a serialised
-- String, ~27 bytes); a third also keep the CSRF token of the sign-in page (a real one, 205 bytes).
INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)
	SELECT pid, 'SPRING_SECURITY_CONTEXT', '\x020024'::bytea || convert_to(account::text, 'UTF8')
		|| '\x00010009'::bytea || convert_to('ROLE_USER', 'UTF8') FROM seed_sessions
	UNION ALL
	SELECT pid, 'pledge.signedInAt', '\x01'::bytea || int8send(created) FROM seed_sessions
	UNION ALL
	SELECT pid, 'pledge.device', '\xaced000574'::bytea || int2send(length(device)::int2) || convert_to(device, 'UTF8')
	FROM (SELECT pid, (ARRAY['Chrome 120 on Linux', 'Safari 17 on iPhone', 'Firefox 121 on Windows',
			'Chrome 120 on Android', 'Edge 120 on Windows', 'Safari 17 on macOS'])[1 + i % 6] AS device
		FROM seed_sessions) d
	UNION ALL
	SELECT pid, 'org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN', decode(:'csrf', 'hex')
	FROM seed_sessions WHERE i % 3 = 0 AND :'csrf' <> '';
ANALYZE;
SQL
	interruptible psql_db -v accounts="$add_accounts" -v sessions="$add_sessions" -v csrf="$csrf_hex" -f "$data_dir/seed.sql"
	seed_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')
	log "seeded in ${seed_seconds}s"
}

# --- measurements ------------------------------------------------------------------------------------------
to_ms() { awk -v v="$1" 'BEGIN {n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n}'; }
# wrk with the given arguments: warm-up, then the measurement (its output to stderr); sets m_rate, m_p50 and m_p99
# (ms), m_bad (non-2xx for /me, login.lua's non-200 count for sign-ins), m_errors (wrk's socket errors) and m_cpu
# (Pledge's CPU per request, us).
measure() {
	local out=$data_dir/wrk.out cpu0 cpu1 n
	interruptible wrk -d"${warmup}s" --timeout 10s "$@" >/dev/null
	cpu0=$(process_cpu "$pledge_pid")
	interruptible wrk -d"${duration}s" --timeout 10s --latency "$@" >"$out"
	cpu1=$(process_cpu "$pledge_pid")
	cat "$out" >&2
	n=$(awk '/requests in/ {print $1}' "$out")
	m_rate=$(awk '/^Requests\/sec:/ {print $2}' "$out")
	m_p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
	m_p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
	m_bad=$(awk '/^non-200 responses:/ {n = $3} /Non-2xx or 3xx responses:/ {n = $NF} END {print n + 0}' "$out")
	m_errors=$(awk '/Socket errors:/ {sub(/^ +/, ""); print}' "$out")
	m_cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" 'BEGIN {printf "%.0f", (n > 0) ? (b - a) / n * 1e6 : 0}')
}

# The statements /me and sign-in issue (from Pledge's JDBC log: Spring Session's read of the session, the accounts
# row by id and by email index, the vault key, the known-address check) and the expired-sessions sweep's count, each
# with EXPLAIN (ANALYZE, BUFFERS): the scan nodes, the buffers and the time, to show which use an index.
explain_paths() {
	local account account_key session now_ms label sql plan
	account=$(psql_db -Atc "SELECT id FROM accounts WHERE roles LIKE '%ADMIN%' LIMIT 1")
	account_key=$(psql_db -Atc "SELECT email_index FROM accounts WHERE id = '$account'")
	session=$(psql_db -Atc "SELECT session_id FROM spring_session WHERE principal_name = '$account'
		ORDER BY last_access_time DESC LIMIT 1")
	now_ms=$(date +%s%3N)
	while IFS='|' read -r label sql; do
		plan=$(psql_db -Atc "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $sql")
		printf '  %-20s %s; %s; %s\n' "$label" \
			"$(printf '%s\n' "$plan" | grep -oE '(Parallel )?(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan|Bitmap Index Scan)( using [a-z0-9_]+)? on [a-z_]+' | paste -sd+ -)" \
			"$(printf '%s\n' "$plan" | grep -m1 -oE 'Buffers: .*' || echo 'Buffers: -')" \
			"$(printf '%s\n' "$plan" | grep -oE 'Execution Time: .*')"
	done <<EOF_PATHS
session read|SELECT S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL, SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES FROM SPRING_SESSION S LEFT JOIN SPRING_SESSION_ATTRIBUTES SA ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID WHERE S.SESSION_ID = '$session'
account by id|SELECT * FROM accounts WHERE id = '$account'
account by email|SELECT * FROM accounts WHERE email_index = '$account_key'
vault key|SELECT wrapped_key FROM vault_keys WHERE owner_id = '$account'
known address|SELECT COUNT(*) FROM protection_known_addresses WHERE account_key = '$account_key' AND address = '127.0.0.1' AND expires_at > now()
sessions of account|SELECT primary_id FROM spring_session WHERE principal_name = '$account' LIMIT 1
expired-sessions|SELECT COUNT(*) FROM spring_session WHERE expiry_time < $now_ms OR creation_time < $now_ms - 43200000
EOF_PATHS
}

declare -A result
phase() {
	local name=$1 target=$2 accounts sessions
	seed_to "$target"
	result[$name.seed]=${seed_seconds:-0}
	accounts=$(psql_db -Atc 'SELECT COUNT(*) FROM accounts')
	sessions=$(psql_db -Atc 'SELECT COUNT(*) FROM spring_session')
	result[$name.rows]="$accounts/$sessions"
	log "phase $name: $accounts accounts, $sessions sessions"
	local window_start
	window_start=$(psql_db -Atc 'SELECT now()')
	log "($name) GET /api/v1/me: wrk -t2 -c$me_conns, warm-up ${warmup}s, then ${duration}s"
	measure -t2 -c"$me_conns" -H "Cookie: $cookie" "$base/api/v1/me"
	result[$name.me_rate]=$m_rate result[$name.me_p50]=$m_p50 result[$name.me_p99]=$m_p99
	result[$name.me_bad]=$m_bad result[$name.me_cpu]=$m_cpu result[$name.me_errors]=$m_errors
	log "($name) sign-ins: wrk -t2 -c$login_conns -s bench/login.lua, warm-up ${warmup}s, then ${duration}s"
	measure -t2 -c"$login_conns" -s bench/login.lua "$base" -- "$email" "$password"
	result[$name.in_rate]=$m_rate result[$name.in_p50]=$m_p50 result[$name.in_p99]=$m_p99
	result[$name.in_bad]=$m_bad result[$name.in_cpu]=$m_cpu result[$name.in_errors]=$m_errors
	result[$name.sessions_after]=$(psql_db -Atc 'SELECT COUNT(*) FROM spring_session')
	result[$name.explain]=$(explain_paths)
	# sweeper rules that ran while this phase was measured (each rule's latest run only)
	result[$name.sweeps]=$(psql_db -Atc "SELECT string_agg(rule, ', ' ORDER BY rule) FROM privacy_sweep_locks
		WHERE last_started_at > '$window_start' OR last_finished_at > '$window_start'")
}

seed_to "$small_rows"
log "JIT warm-up: ${jit_warmup}s of /me, then ${jit_warmup}s of sign-ins (not measured)"
interruptible wrk -t2 -c"$me_conns" -d"${jit_warmup}s" -H "Cookie: $cookie" "$base/api/v1/me" >/dev/null
interruptible wrk -t2 -c"$login_conns" -d"${jit_warmup}s" -s bench/login.lua "$base" -- "$email" "$password" >/dev/null
phase 1k "$small_rows"
phase 1M "$large_rows"

# --- a quiet time with a million rows: the scheduled jobs ------------------------------------------------------
# No load for at least a minute and until a retention sweep that started in the quiet time has finished (the
# sweeper records each rule's start and end): Pledge's CPU, the whole-table reads (pg_stat_user_tables) and the
# slowest sweeper rules over a million accounts and sessions.
table_reads() { psql_db -Atc "SELECT relname, seq_scan, seq_tup_read FROM pg_stat_user_tables
	WHERE relname IN ('accounts', 'spring_session', 'spring_session_attributes', 'vault_keys', 'protection_known_addresses')" \
	| tr '|' ' '; }
# the rules over the large tables: expired sessions (spring_session) and non-customers (every account, a page at a time)
swept() { [[ $(psql_db -Atc "SELECT COUNT(*) FROM privacy_sweep_locks WHERE rule IN ('expired-sessions', 'non-customers')
	AND last_started_at > '$quiet_at' AND last_finished_at >= last_started_at") == 2 ]]; }
log "quiet: at least 60 s without load, until a retention sweep that starts now has run (at most ${quiet_max}s)"
quiet_at=$(psql_db -Atc 'SELECT now()')
reads0=$(table_reads)
quiet_cpu0=$(process_cpu "$pledge_pid")
quiet_started=$(date +%s)
while (($(date +%s) - quiet_started < quiet_max)); do
	if (($(date +%s) - quiet_started >= 60)) && swept; then break; fi
	sleep 5
done
quiet_seconds=$(($(date +%s) - quiet_started))
quiet_cpu=$(awk -v a="$quiet_cpu0" -v b="$(process_cpu "$pledge_pid")" 'BEGIN {printf "%.2f", b - a}')
reads1=$(table_reads)
sweep_seen=no; swept && sweep_seen=yes
sweep_rules=$(psql_db -Atc "SELECT rule || ': ' || round(extract(epoch FROM last_finished_at - last_started_at) * 1000)
	|| ' ms, ' || coalesce(last_count, 0) || ' rows' FROM privacy_sweep_locks WHERE last_started_at > '$quiet_at'
	AND last_finished_at >= last_started_at ORDER BY last_finished_at - last_started_at DESC LIMIT 5")

# WARN and ERROR lines of Pledge's log by logger (names only: nothing personal); SpringDoc's start-up warning aside
log_problems=$(grep -E '^[0-9TZ:.-]+ +(ERROR|WARN) ' "$data_dir/pledge.log" | grep -v SpringDocAppInitializer \
	| awk '{for (i = 3; i <= NF; i++) if ($i == ":") {print $2, $(i - 1); break}}' | sort | uniq -c | tr '\n' ';' || true)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }
echo
echo "Pledge growth benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $cores cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM"
echo "$("${BENCH_JAVA:-java}" -version 2>&1 | head -1); PostgreSQL $pg_version on $pg_host:$pg_port; Pledge, PostgreSQL and wrk share the same $cores cores"
echo "load average before: $load_before, after: $load_after; recheck-after ${BENCH_RECHECK_AFTER:-1s (default)}; wrk ${warmup}s warm-up + ${duration}s measured per run"
printf '%-6s %-17s %7s | %9s %8s %8s %6s %7s | %9s %8s %8s %7s %8s\n' phase "accounts/sessions" "seed s" \
	"/me req/s" "p50 ms" "p99 ms" "non2xx" "cpu us" "sign-in/s" "p50 ms" "p99 ms" "non200" "cpu us"
for p in 1k 1M; do
	printf '%-6s %-17s %7s | %9s %8s %8s %6s %7s | %9s %8s %8s %7s %8s\n' "$p" "${result[$p.rows]}" "${result[$p.seed]}" \
		"${result[$p.me_rate]}" "${result[$p.me_p50]}" "${result[$p.me_p99]}" "${result[$p.me_bad]}" "${result[$p.me_cpu]}" \
		"${result[$p.in_rate]}" "${result[$p.in_p50]}" "${result[$p.in_p99]}" "${result[$p.in_bad]}" "${result[$p.in_cpu]}"
done
printf '%-6s %-17s %7s | %9s %8s %8s %6s %7s | %9s %8s %8s %7s %8s\n' "1M/1k" "" "" \
	"$(ratio "${result[1M.me_rate]}" "${result[1k.me_rate]}")" "$(ratio "${result[1M.me_p50]}" "${result[1k.me_p50]}")" \
	"$(ratio "${result[1M.me_p99]}" "${result[1k.me_p99]}")" "" "$(ratio "${result[1M.me_cpu]}" "${result[1k.me_cpu]}")" \
	"$(ratio "${result[1M.in_rate]}" "${result[1k.in_rate]}")" "$(ratio "${result[1M.in_p50]}" "${result[1k.in_p50]}")" \
	"$(ratio "${result[1M.in_p99]}" "${result[1k.in_p99]}")" "" "$(ratio "${result[1M.in_cpu]}" "${result[1k.in_cpu]}")"
echo "sessions after each phase's sign-ins: 1k ${result[1k.sessions_after]}, 1M ${result[1M.sessions_after]} (each sign-in starts one)"
for p in 1k 1M; do echo "EXPLAIN (ANALYZE, BUFFERS) after phase $p:"; printf '%s\n' "${result[$p.explain]}"; done
echo "sweeper rules that ran during the measurements: 1k: ${result[1k.sweeps]:-none}; 1M: ${result[1M.sweeps]:-none}"
for key in 1k.me_errors 1k.in_errors 1M.me_errors 1M.in_errors; do
	[[ -z ${result[$key]} ]] || echo "$key: ${result[$key]}"
done
echo "quiet ${quiet_seconds}s after the 1M phase (sweep interval ${BENCH_SWEEP_INTERVAL:-2m}, a whole sweep in it: $sweep_seen): Pledge CPU ${quiet_cpu}s"
echo "whole-table reads in the quiet time:"
awk 'NR == FNR {scans[$1] = $2; rows[$1] = $3; next} {printf "  %s: %d sequential scans, %d rows read\n", $1, $2 - scans[$1], $3 - rows[$1]}' \
	<(printf '%s\n' "$reads0") <(printf '%s\n' "$reads1")
echo "slowest sweeper rules of that sweep (1M rows):"
printf '%s\n' "${sweep_rules:-(none finished)}" | sed 's/^/  /'
echo "WARN/ERROR lines in Pledge's log (besides SpringDoc's at start-up): ${log_problems:-none}"
pledge_rss
bad=0
for p in 1k 1M; do [[ ${result[$p.me_bad]} == 0 && ${result[$p.in_bad]} == 0 ]] || bad=1; done
if [[ $bad == 1 ]]; then echo "INVALID: some requests failed (see the wrk output above)"; exit 1; fi
