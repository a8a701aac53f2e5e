#!/usr/bin/env bash
# Pledge benchmark: bad input at volume. Runs OpenApiFuzzTests and FormFuzzTests (docs/API.md, "Conventions") with
# a random seed and many more cases than CI's fixed seed 42: every operation of the OpenAPI document and every
# form found from the home page, as administrator, member and stranger, and the Sentry ingest. Prints the seed
# first; replay a failure with FUZZ_SEED=<seed> (and the same FUZZ_CASES).
#
# usage: bench/fuzz.sh [--no-build] [--online]   (--online: let Maven download what is missing)
# environment (all optional):
#   FUZZ_SEED     the seed (default: random)
#   FUZZ_CASES    cases per operation and caller; forms get half, the ingest 50 x as many (default: 60; CI runs 6)
#   FUZZ_DB_URL   a PostgreSQL JDBC URL to run against instead of H2 (user: FUZZ_DB_USER, default postgres)
set -euo pipefail

cd "$(dirname "$0")/.."

offline=-o
for arg in "$@"; do
	case "$arg" in
		--no-build) ;; # the test compiles what it needs; kept for symmetry with the other benchmarks
		--online) offline= ;;
		-h|--help) sed -n '2,12p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

seed=${FUZZ_SEED:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}
cases=${FUZZ_CASES:-60}
echo "[fuzz] seed $seed, $cases cases per operation and caller (replay: FUZZ_SEED=$seed FUZZ_CASES=$cases bench/fuzz.sh)"

db=()
if [[ -n ${FUZZ_DB_URL:-} ]]; then
	db=(-Dspring.datasource.url="$FUZZ_DB_URL" -Dspring.datasource.username="${FUZZ_DB_USER:-postgres}")
fi

start=$(date +%s)
status=0
./mvnw -B -ntp $offline -q test -Dtest='OpenApiFuzzTests,FormFuzzTests' -Dsurefire.failIfNoSpecifiedTests=false \
	-Dfuzz.seed="$seed" -Dfuzz.cases="$cases" "${db[@]}" || status=$?
grep -h '^fuzz:' target/surefire-reports/eu.pledge.web.{OpenApiFuzzTests,FormFuzzTests}-output.txt 2>/dev/null || true
echo "[fuzz] seed $seed: $([[ $status == 0 ]] && echo PASS || echo FAIL) in $(( $(date +%s) - start )) s"
exit $status
