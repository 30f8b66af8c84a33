#!/usr/bin/env bash
# Paydesk benchmark: Paydesk against a raw-Npgsql baseline, same machine, same run.
#
#   bench/run.sh            full run (results in bench/results/latest.md and chart.svg)
#   bench/run.sh --smoke    a few seconds per scenario, one round (keeps the harness working)
#
# Builds Release and publishes Paydesk and the baseline ReadyToRun (not with BENCH_NO_BUILD=1),
# starts a throwaway PostgreSQL and RabbitMQ (scripts/lib, like scripts/test.sh),
# migrates and seeds it through Paydesk's own API, starts Paydesk (Production, PostgreSQL, Stripe
# adapter against the in-process emulator, Warning logs) and bench/Baseline, drives both with wrk
# (alternating, rounds, medians; after each Paydesk run it waits until Paydesk's outbox has
# drained, so no background work spills into the next run), measures Paydesk's peak RSS and its start-to-ready time on SQLite
# and PostgreSQL, runs bench/relay (outbox relay vs a bare confirm-publish loop, commit->broker
# latency) and writes the report.
#
# Settings (environment):
#   BENCH_DURATION       seconds per measured run (full 20, smoke 1)
#   BENCH_WARMUP         seconds of warm-up per scenario and target (full 5, smoke 1)
#   BENCH_WARMUP_MAX     full runs go on warming up, BENCH_WARMUP seconds at a time, until Paydesk's
#                        JIT has settled (fewer than BENCH_JIT_SETTLED methods compiled per second),
#                        for at most this many seconds per scenario (full 180, smoke: no extension)
#   BENCH_JIT_SETTLED    methods compiled per second below which Paydesk's JIT counts as settled (30)
#   BENCH_ROUNDS         measured rounds per scenario (full 3, smoke 1)
#   BENCH_STARTUP_RUNS   start-to-ready runs per database provider (full 3, smoke 1)
#   BENCH_CONNECTIONS    connection counts, e.g. "1 32"
#   BENCH_RELAY_EVENTS, BENCH_RELAY_RATE, BENCH_RELAY_SECONDS
#                        relay throughput events; commit->broker latency rate (events/s) and seconds
#                        (full 20000, 1000, 10; smoke 2000, 1000, 2)
#   BENCH_RESULTS_DIR    where latest.md, chart.svg and the raw results go (default bench/results)
#   BENCH_NO_BUILD=1     use the existing build outputs of src/Paydesk.Api, bench/Baseline and
#                        bench/relay instead of building (fails if one is missing)
#   BENCH_CONFIGURATION  the build configuration to build and run (default Release; the smoke test
#                        passes its own, whose outputs the test build made)
#   BENCH_POSTGRES       an existing server's Npgsql connection string: the run creates and drops
#                        its own databases there instead of starting a cluster (needs psql)
#   BENCH_RABBITMQ       an existing broker's amqp:// URI: the run declares and deletes its own
#                        uniquely named exchange and queue there instead of starting a node
#   BENCH_ID             lowercase letters/digits naming this run's databases (paydesk_bench_ID,
#                        paydesk_bench_ID_relay) and exchange (paydesk.bench.ID); random by default
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

log() { echo "bench: [${SECONDS}s] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/rabbitmq.sh
source "$ROOT/scripts/lib/rabbitmq.sh"

MODE=full
for arg in "$@"; do
  case $arg in
    --smoke) MODE=smoke ;;
    *) die "unknown argument '$arg' (only --smoke is accepted)" ;;
  esac
done

if [[ $MODE == smoke ]]; then
  DURATION=${BENCH_DURATION:-1}; WARMUP=${BENCH_WARMUP:-1}; ROUNDS=${BENCH_ROUNDS:-1}
  WARMUP_MAX=${BENCH_WARMUP_MAX:-$WARMUP}
  STARTUP_RUNS=${BENCH_STARTUP_RUNS:-1}
  RELAY_EVENTS=${BENCH_RELAY_EVENTS:-2000}; RELAY_RATE=${BENCH_RELAY_RATE:-1000}; RELAY_SECONDS=${BENCH_RELAY_SECONDS:-2}
else
  DURATION=${BENCH_DURATION:-20}; WARMUP=${BENCH_WARMUP:-5}; ROUNDS=${BENCH_ROUNDS:-3}
  WARMUP_MAX=${BENCH_WARMUP_MAX:-180}
  STARTUP_RUNS=${BENCH_STARTUP_RUNS:-3}
  RELAY_EVENTS=${BENCH_RELAY_EVENTS:-20000}; RELAY_RATE=${BENCH_RELAY_RATE:-1000}; RELAY_SECONDS=${BENCH_RELAY_SECONDS:-10}
fi
JIT_SETTLED=${BENCH_JIT_SETTLED:-30}
for setting in DURATION WARMUP WARMUP_MAX JIT_SETTLED ROUNDS STARTUP_RUNS RELAY_EVENTS RELAY_RATE RELAY_SECONDS; do
  [[ ${!setting} =~ ^[1-9][0-9]*$ ]] || die "BENCH_$setting must be a positive whole number, not '${!setting}'"
done
CONNECTIONS=${BENCH_CONNECTIONS:-"1 32"}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}
mkdir -p "$RESULTS_DIR"
RESULTS_DIR=$(cd "$RESULTS_DIR" && pwd)
BENCH_ID=${BENCH_ID:-$(random_hex 6)}
[[ $BENCH_ID =~ ^[a-z0-9]{1,40}$ ]] || die "BENCH_ID must be 1-40 lowercase letters or digits, not '$BENCH_ID'"
DB_NAME=paydesk_bench_$BENCH_ID
RELAY_DB_NAME=${DB_NAME}_relay
RELAY_EXCHANGE=paydesk.bench.$BENCH_ID

# Set before the trap is installed, so cleanup never sees unset variables.
WORK=""
PIDS=()
DB_CREATED=0

# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$?
  set +e
  local pid app_log status
  # A failed run shows the end of every app's log: the harness's own message rarely says why.
  if (( rc != 0 )) && [[ -n $WORK ]]; then
    for app_log in "$WORK"/*.log; do
      [[ -s $app_log ]] || continue
      echo "bench: --- end of $(basename "$app_log") ---" >&2
      grep -E 'Critical|Unhandled|BackgroundService|stopping|Application is shutting down' "$app_log" | tail -n 10 | cut -c1-600 >&2
      tail -n 40 "$app_log" | cut -c1-600 >&2
    done
    for pid in "${PIDS[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null
        status=$?
        # 127: already waited for (stopped by the harness itself).
        (( status == 127 )) || echo "bench: process $pid had exited with status $status" >&2
      fi
    done
  fi
  for pid in "${PIDS[@]}"; do
    kill "$pid" >/dev/null 2>&1 && wait "$pid" >/dev/null 2>&1
  done
  # On a server that outlives this run, drop what the run created (the relay drops its own
  # database, unless it was killed: then this does).
  if (( DB_CREATED )) && [[ -n ${BENCH_POSTGRES:-} ]]; then
    pg_sql "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null 2>&1
    pg_sql "DROP DATABASE IF EXISTS \"$RELAY_DB_NAME\" WITH (FORCE)" >/dev/null 2>&1
  fi
  rabbitmq_stop
  postgres_stop
  [[ -n $WORK ]] && rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- Tools ---------------------------------------------------------------------
command -v wrk >/dev/null || apt_install wrk
command -v wrk >/dev/null || die "wrk is still missing after installing it."
command -v curl >/dev/null || apt_install curl
command -v python3 >/dev/null || die "python3 is required to write the report; install it and retry."
command -v sha256sum >/dev/null || die "sha256sum (coreutils) is required."

WORK=$(mktemp -d /tmp/paydesk-bench.XXXXXX)

# --- Build -----------------------------------------------------------------------
CONFIGURATION=${BENCH_CONFIGURATION:-Release}
[[ $CONFIGURATION =~ ^[A-Za-z]+$ ]] || die "BENCH_CONFIGURATION must be a configuration name such as Release, not '$CONFIGURATION'"
API_DIR=$ROOT/src/Paydesk.Api/bin/$CONFIGURATION/net10.0
BASELINE_DIR=$ROOT/bench/Baseline/bin/$CONFIGURATION/net10.0
RELAY_DIR=$ROOT/bench/relay/bin/$CONFIGURATION/net10.0
if [[ ${BENCH_NO_BUILD:-0} == 1 ]]; then
  log "BENCH_NO_BUILD=1: using the existing $CONFIGURATION outputs"
  for dll in "$API_DIR/Paydesk.Api.dll" "$BASELINE_DIR/Baseline.dll" "$RELAY_DIR/Paydesk.Bench.Relay.dll"; do
    [[ -f $dll ]] || die "BENCH_NO_BUILD=1 but $dll is missing; build first: dotnet build Paydesk.slnx -c $CONFIGURATION"
  done
  BUILD_KIND="$CONFIGURATION build output"
else
  log "building $CONFIGURATION..."
  for project in src/Paydesk.Api/Paydesk.Api.csproj bench/Baseline/Baseline.csproj bench/relay/Paydesk.Bench.Relay.csproj; do
    dotnet build "$ROOT/$project" -c "$CONFIGURATION" -nologo -v quiet >"$WORK/build.log" 2>&1 ||
      { cat "$WORK/build.log" >&2; die "building $project failed"; }
  done
  # Paydesk and the baseline run as they would be deployed: published ReadyToRun for this
  # machine's runtime, so start-up is not spent compiling (docs/operations.md, decision 0006).
  RID=$(dotnet --info 2>/dev/null | awk '/^ *RID:/ {print $2; exit}')
  [[ -n $RID ]] || die "could not read the runtime identifier from 'dotnet --info'"
  log "publishing Paydesk and the baseline ReadyToRun for $RID..."
  for project in src/Paydesk.Api/Paydesk.Api.csproj bench/Baseline/Baseline.csproj; do
    name=$(basename "$project" .csproj)
    dotnet publish "$ROOT/$project" -c "$CONFIGURATION" -r "$RID" --self-contained false -p:PublishReadyToRun=true \
      -o "$WORK/publish/$name" -nologo -v quiet >"$WORK/publish.log" 2>&1 ||
      { cat "$WORK/publish.log" >&2; die "publishing $project failed"; }
  done
  API_DIR=$WORK/publish/Paydesk.Api
  BASELINE_DIR=$WORK/publish/Baseline
  BUILD_KIND="$CONFIGURATION, published ReadyToRun ($RID)"
  [[ -f $API_DIR/Paydesk.Api.dll ]] || die "no $API_DIR/Paydesk.Api.dll after the build"
  [[ -f $BASELINE_DIR/Baseline.dll ]] || die "no $BASELINE_DIR/Baseline.dll after the build"
  [[ -f $RELAY_DIR/Paydesk.Bench.Relay.dll ]] || die "no $RELAY_DIR/Paydesk.Bench.Relay.dll after the build"
fi

# --- PostgreSQL: a throwaway cluster, or a database of this run on BENCH_POSTGRES ------
# conn_string BASE [Key=Value...]: BASE (an Npgsql connection string) with those keys replaced.
conn_string() {
  python3 - "$@" <<'PY'
import sys
pairs = [p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p]
override = [p.split("=", 1) for p in sys.argv[2:]]
norm = lambda k: k.strip().lower().replace(" ", "")
names = {norm(k) for k, _ in override}
print(";".join(f"{k.strip()}={v}" for k, v in pairs + override if norm(k) not in names or [k, v] in override))
PY
}
# pg_sql SQL: runs SQL with psql against the server's maintenance database.
pg_sql() {
  local -a pg_env
  mapfile -t pg_env < <(python3 - "$PG_SERVER_CONNECTION" <<'PY'
import sys
keys = {"host": "PGHOST", "server": "PGHOST", "port": "PGPORT", "username": "PGUSER", "userid": "PGUSER",
        "user": "PGUSER", "password": "PGPASSWORD", "pwd": "PGPASSWORD", "database": "PGDATABASE", "db": "PGDATABASE"}
for part in sys.argv[1].split(";"):
    if "=" in part:
        k, v = part.split("=", 1)
        k = k.strip().lower().replace(" ", "")
        if k in keys:
            print(f"{keys[k]}={v.strip()}")
PY
  )
  env "${pg_env[@]}" PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"
}
if [[ -n ${BENCH_POSTGRES:-} ]]; then
  PG_SERVER_CONNECTION=$BENCH_POSTGRES
  if ! PSQL=$(find_pg_tool psql); then
    apt_install postgresql-client
    PSQL=$(find_pg_tool psql) || die "psql still not found after installing postgresql-client."
  fi
  PG_BIN=$(dirname "$PSQL")
  pg_sql "CREATE DATABASE \"$DB_NAME\"" >/dev/null || die "could not create database $DB_NAME on BENCH_POSTGRES"
  DB_CREATED=1
  log "database $DB_NAME on the BENCH_POSTGRES server"
else
  postgres_start paydesk-bpg
  PSQL=$(find_pg_tool psql) || PSQL=""
fi
PG_CONN=$(conn_string "$PG_SERVER_CONNECTION" "Database=$DB_NAME" "Maximum Pool Size=100")
PG_VERSION="PostgreSQL $( [[ -n $PSQL ]] && pg_sql 'SHOW server_version' 2>/dev/null || echo '(version unknown)')"

# --- Paydesk settings ------------------------------------------------------------
API_KEY="sk_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
API_KEY_HASH=$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)
# The gateway is the production Stripe adapter pointed at the sandbox emulator that the same
# process serves on a free loopback port, with no processing delay and no faults.
paydesk_env() { # paydesk_env PROVIDER CONNECTION-STRING EMULATOR-PORT -> env assignments for `env`
  printf '%s\n' \
    ASPNETCORE_ENVIRONMENT=Production \
    "PAYDESK_Database__Provider=$1" \
    "ConnectionStrings__Paydesk=$2" \
    PAYDESK_PaymentGateway__Provider=Stripe \
    PAYDESK_PaymentGateway__Stripe__SecretKey=sk_test_paydesk_bench \
    "PAYDESK_PaymentGateway__Stripe__ApiBase=http://127.0.0.1:$3" \
    PAYDESK_PaymentGateway__Stripe__WebhookSecret=whsec_paydesk_bench \
    PAYDESK_PaymentGateway__Sandbox__Enabled=true \
    "PAYDESK_PaymentGateway__Sandbox__Port=$3" \
    PAYDESK_PaymentGateway__Sandbox__SecretKey=sk_test_paydesk_bench \
    PAYDESK_PaymentGateway__Sandbox__WebhookSecret=whsec_paydesk_bench \
    PAYDESK_PaymentGateway__Sandbox__ProcessingDelay=00:00:00 \
    PAYDESK_Logging__LogLevel__Default=Warning \
    PAYDESK_RateLimiting__PermitsPerPeriod=1000000 \
    PAYDESK_RateLimiting__Burst=1000000 \
    PAYDESK_Auth__ApiKeys__0__Name=bench \
    "PAYDESK_Auth__ApiKeys__0__Hash=$API_KEY_HASH" \
    PAYDESK_Auth__ApiKeys__0__Scopes__0=users:read \
    PAYDESK_Auth__ApiKeys__0__Scopes__1=users:write \
    PAYDESK_Auth__ApiKeys__0__Scopes__2=payments:read \
    PAYDESK_Auth__ApiKeys__0__Scopes__3=payments:write
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start_app NAME DIR DLL PORT ENV... : starts it in the background; sets APP_PID, APP_START_MS.
start_app() {
  local name=$1 dir=$2 dll=$3 port=$4; shift 4
  APP_START_MS=$(now_ms)
  (cd "$dir" && exec env "$@" dotnet "$dll" --urls "http://127.0.0.1:$port") >"$WORK/$name.log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
}
# wait_ready NAME PORT PID : polls /health/ready until 200; prints the ms since APP_START_MS.
wait_ready() {
  local name=$1 port=$2 pid=$3 deadline=$(( $(now_ms) + 60000 ))
  while (( $(now_ms) < deadline )); do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/$name.log" >&2; die "$name exited before it was ready"; }
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true) == 200 ]]; then
      echo $(( $(now_ms) - APP_START_MS )); return 0
    fi
    sleep 0.02
  done
  cat "$WORK/$name.log" >&2
  die "$name was not ready within 60 s"
}
stop_app() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Both databases migrated at once: the PostgreSQL one for the load, the SQLite one for start-up.
mapfile -t PG_ENV < <(paydesk_env Postgres "$PG_CONN" 0)
SQLITE_DB=$WORK/startup.db
mapfile -t SQLITE_ENV < <(paydesk_env Sqlite "Data Source=$SQLITE_DB" 0)
log "migrating..."
(cd "$API_DIR" && exec env "${PG_ENV[@]}" dotnet Paydesk.Api.dll migrate) >"$WORK/migrate.log" 2>&1 &
MIGRATE_PG_PID=$!
PIDS+=("$MIGRATE_PG_PID")
(cd "$API_DIR" && exec env "${SQLITE_ENV[@]}" dotnet Paydesk.Api.dll migrate) >"$WORK/migrate-sqlite.log" 2>&1 &
MIGRATE_SQLITE_PID=$!
PIDS+=("$MIGRATE_SQLITE_PID")
wait "$MIGRATE_PG_PID" || { cat "$WORK/migrate.log" >&2; die "migrate (PostgreSQL) failed"; }
wait "$MIGRATE_SQLITE_PID" || { cat "$WORK/migrate-sqlite.log" >&2; die "migrate (SQLite) failed"; }

# --- Start-up time to /health/ready ------------------------------------------------
# STARTUP_RUNS fresh processes per provider; the last PostgreSQL one is the Paydesk under load.
: >"$WORK/startup.txt"
for provider in Sqlite Postgres; do
  for ((i = 1; i <= STARTUP_RUNS; i++)); do
    port=$(pick_port) || die "no free port"
    emulator_port=$(pick_port) || die "no free port"
    [[ $emulator_port == "$port" ]] && { emulator_port=$(pick_port) || die "no free port"; }
    if [[ $provider == Sqlite ]]; then
      mapfile -t run_env < <(paydesk_env Sqlite "Data Source=$SQLITE_DB" "$emulator_port")
    else
      mapfile -t run_env < <(paydesk_env Postgres "$PG_CONN" "$emulator_port")
    fi
    start_app "paydesk-$provider-$i" "$API_DIR" Paydesk.Api.dll "$port" "${run_env[@]}"
    ms=$(wait_ready "paydesk-$provider-$i" "$port" "$APP_PID")
    echo "$provider $ms" >>"$WORK/startup.txt"
    log "start to ready on $provider: $ms ms"
    if [[ $provider == Postgres && $i == "$STARTUP_RUNS" ]]; then
      PAYDESK_PORT=$port
      PAYDESK_PID=$APP_PID
      PAYDESK_LOG=$WORK/paydesk-$provider-$i.log
    else
      stop_app "$APP_PID"
    fi
  done
done

# --- Start the baseline ----------------------------------------------------------------
BASELINE_PORT=$(pick_port) || die "no free port"
start_app baseline "$BASELINE_DIR" Baseline.dll "$BASELINE_PORT" ASPNETCORE_ENVIRONMENT=Production "ConnectionStrings__Paydesk=$PG_CONN"
BASELINE_PID=$APP_PID
wait_ready baseline "$BASELINE_PORT" "$BASELINE_PID" >/dev/null
log "Paydesk on :$PAYDESK_PORT (pid $PAYDESK_PID), baseline on :$BASELINE_PORT (pid $BASELINE_PID)"

# --- Seed through Paydesk's API: one user with 40 payments --------------------------
api() { # api METHOD PATH [BODY [IDEMPOTENCY-KEY]] -> response body; dies on a non-2xx
  local out code
  out=$(curl -sS -X "$1" "http://127.0.0.1:$PAYDESK_PORT$2" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' ${4:+-H "Idempotency-Key: $4"} ${3:+--data "$3"} -w '\n%{http_code}') || true
  code=${out##*$'\n'}
  if [[ $code != 2* ]]; then
    kill -0 "$PAYDESK_PID" 2>/dev/null || log "Paydesk (pid $PAYDESK_PID) has exited; the end of its log:"
    tail -n 60 "$PAYDESK_LOG" >&2
    die "seeding: $1 $2 answered $code: ${out%$'\n'*}"
  fi
  echo "${out%$'\n'*}"
}
json_id() { # reads a JSON object on stdin, prints its "id"
  local body
  body=$(cat)
  [[ $body =~ \"id\":\"([^\"]+)\" ]] || die "seeding: no id in $body"
  echo "${BASH_REMATCH[1]}"
}
RUN_ID=$(date +%s)
USER_ID=$(api POST /v1/users "{\"email\":\"seed-$RUN_ID@example.com\",\"name\":\"Seed User\"}" | json_id)
# Eight at a time: one by one, the seeding would take longer than a smoke run's measurements.
seed_pids=()
for ((i = 1; i <= 40; i++)); do
  api POST /v1/payments "{\"userId\":\"$USER_ID\",\"amount\":$((1000 + i)),\"currency\":\"EUR\",\"source\":\"pm_card_visa\"}" \
    "seed-$RUN_ID-$i" >"$WORK/seed-$i.json" &
  seed_pids+=("$!")
  if (( i % 8 == 0 )); then
    for pid in "${seed_pids[@]}"; do
      wait "$pid" || die "seeding payments failed (above)"
    done
    seed_pids=()
  fi
done
PAYMENT_ID=$(json_id <"$WORK/seed-40.json")
log "seeded user $USER_ID with 40 payments"

# --- Scenarios -------------------------------------------------------------------------
# name|method-mode|path
SCENARIOS=(
  "GET /v1/payments/{id}|get|/v1/payments/$PAYMENT_ID"
  "GET /v1/users/{id}/payments?limit=20|get|/v1/users/$USER_ID/payments?limit=20"
  "POST /v1/users|user|/v1/users"
  "POST /v1/payments|payment|/v1/payments"
)
RAW=$WORK/raw.jsonl
: >"$RAW"
NPROC=$(nproc)

# drive TARGET PORT MODE PATH CONNECTIONS SECONDS -> the BENCHJSON line's JSON
drive() {
  local target=$1 port=$2 mode=$3 path=$4 conns=$5 secs=$6 threads
  threads=$(( conns < NPROC ? conns : NPROC ))
  local out
  out=$(BENCH_MODE=$mode BENCH_USER_ID=$USER_ID BENCH_RUN_ID="$RUN_ID-$target-$RANDOM$RANDOM" \
    wrk -t "$threads" -c "$conns" -d "${secs}s" --timeout 10s --latency -s "$ROOT/bench/lua/bench.lua" \
    -H "Authorization: Bearer $API_KEY" "http://127.0.0.1:$port$path" 2>&1) ||
    { echo "$out" >&2; die "wrk failed against $target $path"; }
  grep -m1 '^BENCHJSON ' <<<"$out" | cut -d' ' -f2- || { echo "$out" >&2; die "wrk printed no result line"; }
}

# The warm-up (JIT, pools, caches) runs once per scenario and target, at the most connections.
MAX_CONNS=$(tr ' ' '\n' <<<"$CONNECTIONS" | sort -n | tail -n 1)
# wait_quiet: waits until Paydesk's outbox has delivered every event the last run wrote (the
# in-process relay sends welcome and receipt emails after the requests have been answered), so
# that this background work never runs into the next measured run, Paydesk's or the baseline's.
metric() { # metric NAME -> the value of the first sample line of NAME in Paydesk's /metrics, or ""
  # awk reads to the end: stopping at the match would fail curl's write, and with it the pipeline.
  curl -s --max-time 5 "http://127.0.0.1:$PAYDESK_PORT/metrics" | awk -v n="$1" '!found && $1 ~ "^"n"([{]|$)" {print $2; found = 1}'
}
# DRAINED_MS: how long after the call the outbox was last seen at work (events pending or being
# delivered), to within about a second: the background work the run left behind; 0 if none.
wait_quiet() {
  local started deadline backlog published previous="" still=0 seen
  started=$(now_ms); deadline=$(( started + 300000 )); DRAINED_MS=0
  while (( $(now_ms) < deadline )); do
    seen=$(now_ms)
    backlog=$(metric paydesk_outbox_backlog)
    published=$(metric paydesk_outbox_published_total)
    # Quiet: nothing pending and nothing delivered for 2 s. The backlog gauge is refreshed by
    # the relay's polls (every second), so one look right after a run can still read 0.
    if [[ ${backlog%%.*} == 0 && ( -z $previous || $published == "$previous" ) ]]; then
      still=$((still + 1))
      (( still >= 4 )) && return 0
    else
      still=0
      DRAINED_MS=$(( seen - started ))
    fi
    previous=$published
    sleep 0.5
  done
  die "Paydesk's outbox did not drain within 300 s (backlog ${backlog:-unknown})"
}

# warm_up NAME MODE PATH: Paydesk first, in steps of WARMUP seconds until its JIT has settled or
# WARMUP_MAX is reached, then the baseline for as long. Tiered compilation re-compiles Paydesk's hot
# methods (twice, with dynamic PGO) while the load runs: on two shared cores that took 10-40 s at 32
# connections and about a minute at 2, so a 5 s warm-up measured the JIT rather than Paydesk. The time
# each scenario needed is reported, not hidden.
WARMUPS=$WORK/warmups.tsv
: >"$WARMUPS"
warm_up() {
  local name=$1 mode=$2 path=$3 used=0 before after compiled=0 step_compiled
  before=$(metric dotnet_jit_compiled_methods_total)
  [[ -n $before ]] || die "Paydesk's /metrics has no dotnet_jit_compiled_methods_total"
  while (( used < WARMUP_MAX || used == 0 )); do
    drive paydesk "$PAYDESK_PORT" "$mode" "$path" "$MAX_CONNS" "$WARMUP" >/dev/null
    wait_quiet
    used=$((used + WARMUP))
    after=$(metric dotnet_jit_compiled_methods_total)
    step_compiled=$(( ${after%%.*} - ${before%%.*} ))
    compiled=$((compiled + step_compiled))
    before=$after
    (( step_compiled < JIT_SETTLED * WARMUP )) && break
  done
  log "$name: Paydesk warmed up for $used s ($compiled methods compiled; last step $step_compiled)"
  drive baseline "$BASELINE_PORT" "$mode" "$path" "$MAX_CONNS" "$used" >/dev/null
  printf '%s\t%d\t%d\t%d\n' "$name" "$used" "$compiled" "$step_compiled" >>"$WARMUPS"
}

for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name mode path <<<"$scenario"
  log "$name: warm-up (from $WARMUP s up to $WARMUP_MAX s at $MAX_CONNS connections, until Paydesk's JIT settles)"
  warm_up "$name" "$mode" "$path"
  for conns in $CONNECTIONS; do
    log "$name, $conns connection(s)"
    for ((round = 1; round <= ROUNDS; round++)); do
      for target in paydesk baseline; do
        port=$PAYDESK_PORT; [[ $target == baseline ]] && port=$BASELINE_PORT
        json=$(drive "$target" "$port" "$mode" "$path" "$conns" "$DURATION")
        if [[ $target == paydesk ]]; then wait_quiet; json="${json%\}},\"drain_ms\":$DRAINED_MS}"; fi
        printf '{"scenario":"%s","connections":%d,"target":"%s","round":%d,"result":%s}\n' \
          "$name" "$conns" "$target" "$round" "$json" >>"$RAW"
      done
    done
  done
done

PEAK_RSS_KB=$(awk '/^VmHWM:/ {print $2}' "/proc/$PAYDESK_PID/status")
BASELINE_RSS_KB=$(awk '/^VmHWM:/ {print $2}' "/proc/$BASELINE_PID/status")
stop_app "$PAYDESK_PID"
stop_app "$BASELINE_PID"

# --- Relay: outbox -> RabbitMQ with confirms, against a bare confirm-publish loop -------------
if [[ -n ${BENCH_RABBITMQ:-} ]]; then
  RABBIT_URI=$BENCH_RABBITMQ
  log "using the BENCH_RABBITMQ broker (exchange $RELAY_EXCHANGE)"
else
  rabbitmq_start paydesk-bench
  RABBIT_URI=$RMQ_URI
fi
log "relay: $RELAY_EVENTS events, then commit->broker latency at $RELAY_RATE/s for $RELAY_SECONDS s"
(cd "$RELAY_DIR" && exec env PAYDESK_BENCH_RABBITMQ="$RABBIT_URI" PAYDESK_BENCH_POSTGRES="$PG_SERVER_CONNECTION" \
  dotnet Paydesk.Bench.Relay.dll --events "$RELAY_EVENTS" --rate "$RELAY_RATE" --seconds "$RELAY_SECONDS" \
  --database "$RELAY_DB_NAME" --exchange "$RELAY_EXCHANGE") >"$WORK/relay.log" 2>&1 &
RELAY_PID=$!
PIDS+=("$RELAY_PID")
# `wait` (not a foreground run) so a TERM reaches the trap, which stops the relay, at once.
wait "$RELAY_PID" || { cat "$WORK/relay.log" >&2; die "bench/relay failed (output above)"; }
grep -m1 '^RELAYJSON ' "$WORK/relay.log" | cut -d' ' -f2- >"$WORK/relay.json" ||
  { cat "$WORK/relay.log" >&2; die "bench/relay printed no RELAYJSON line"; }
rabbitmq_stop

# --- Report ----------------------------------------------------------------------------
# Keep the raw results first, so a failing report can be re-run from them.
cp "$RAW" "$RESULTS_DIR/raw.jsonl"
cp "$WORK/startup.txt" "$RESULTS_DIR/startup.txt"
cp "$WORK/relay.json" "$RESULTS_DIR/relay.json"
cp "$WARMUPS" "$RESULTS_DIR/warmups.tsv"
CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM_KB=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
python3 "$ROOT/bench/report.py" --raw "$RAW" --startup "$WORK/startup.txt" --relay "$WORK/relay.json" --out "$RESULTS_DIR" \
  --warmups "$WARMUPS" --warmup-max "$WARMUP_MAX" --jit-settled "$JIT_SETTLED" \
  --mode "$MODE" --duration "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" --startup-runs "$STARTUP_RUNS" --configuration "$BUILD_KIND" \
  --peak-rss-kb "$PEAK_RSS_KB" --baseline-rss-kb "$BASELINE_RSS_KB" \
  --nproc "$NPROC" --cpu "${CPU_MODEL:-unknown}" --mem-kb "$MEM_KB" \
  --dotnet "$(dotnet --version)" --postgres "$PG_VERSION" --wrk "$(wrk -v 2>&1 | head -n1 || true)"
log "wrote $RESULTS_DIR/latest.md and $RESULTS_DIR/chart.svg"
