#!/usr/bin/env bash
# Paydesk benchmark: Paydesk against a raw-Npgsql baseline, same machine, same run.
#
#   bench/run.sh            full run (results in bench/results/latest.md and chart.svg)
#   bench/run.sh --smoke    a few seconds per scenario, one round (keeps the harness working)
#
# Builds Release and publishes Paydesk, the sandbox and the baseline ReadyToRun (not with
# BENCH_NO_BUILD=1), starts a throwaway PostgreSQL and RabbitMQ (scripts/lib, like scripts/test.sh),
# migrates two databases (Paydesk's and the floor's: each has its own outbox and relay), starts the
# Stripe sandbox (src/Paydesk.Sandbox) as its own process, so neither Paydesk nor the floor carries the
# emulator's CPU, and seeds each database through its app's own API. It starts Paydesk (Production,
# PostgreSQL, the Stripe adapter against that sandbox, Warning logs) and bench/Baseline (the honest
# floor: the same statements, gateway call and background work, at their rawest), drives both with wrk
# (alternating, rounds, medians; after each run it waits until that app's outbox has drained, so no
# background work spills into the next run), also drives the floor's single-insert writes of issue 8,
# reads each process's CPU time (/proc/PID/stat) over the run and the drain, measures Paydesk's peak
# RSS and its start-to-ready time on SQLite and PostgreSQL, runs "charges with a realistic gateway"
# (a fresh Paydesk against a second sandbox answering every charge after BENCH_REALISTIC_LATENCY_MS,
# BENCH_REALISTIC_CONNECTIONS connections, its pool and thread-pool metrics sampled every second),
# runs bench/relay (outbox relay vs a bare confirm-publish loop, commit->broker latency) and writes
# the report.
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
#   BENCH_REALISTIC_CONNECTIONS, BENCH_REALISTIC_LATENCY_MS, BENCH_REALISTIC_POOL, BENCH_REALISTIC_SECONDS
#                        the realistic-gateway scenario: connections (256), the sandbox's latency on
#                        every charge (300 ms), Paydesk's Database:MaxPoolSize there (100) and seconds
#                        per measured round (full: BENCH_DURATION, smoke 5)
#   BENCH_RELAY_EVENTS, BENCH_RELAY_RATE, BENCH_RELAY_SECONDS
#                        relay throughput events; commit->broker latency rate (events/s) and seconds
#                        (full 20000, 1000, 10; smoke 2000, 1000, 2)
#   BENCH_RESULTS_DIR    where latest.md, chart.svg and the raw results go (default bench/results)
#   BENCH_NO_BUILD=1     use the existing build outputs of src/Paydesk.Api, src/Paydesk.Sandbox,
#                        bench/Baseline and bench/relay instead of building (fails if one is missing)
#   BENCH_CONFIGURATION  the build configuration to build and run (default Release; the smoke test
#                        passes its own, whose outputs the test build made)
#   BENCH_POSTGRES       an existing server's Npgsql connection string: the run creates and drops
#                        its own databases there instead of starting a cluster (needs psql)
#   BENCH_RABBITMQ       an existing broker's amqp:// URI: the run declares and deletes its own
#                        uniquely named exchange and queue there instead of starting a node
#   BENCH_ID             lowercase letters/digits naming this run's databases (paydesk_bench_ID,
#                        paydesk_bench_ID_floor, paydesk_bench_ID_relay) and exchange
#                        (paydesk.bench.ID); random by default
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
  # A charge at 256 connections takes the latency and more: a one-second run could answer none.
  REALISTIC_SECONDS=${BENCH_REALISTIC_SECONDS:-5}
else
  DURATION=${BENCH_DURATION:-20}; WARMUP=${BENCH_WARMUP:-5}; ROUNDS=${BENCH_ROUNDS:-3}
  WARMUP_MAX=${BENCH_WARMUP_MAX:-180}
  STARTUP_RUNS=${BENCH_STARTUP_RUNS:-3}
  RELAY_EVENTS=${BENCH_RELAY_EVENTS:-20000}; RELAY_RATE=${BENCH_RELAY_RATE:-1000}; RELAY_SECONDS=${BENCH_RELAY_SECONDS:-10}
  REALISTIC_SECONDS=${BENCH_REALISTIC_SECONDS:-$DURATION}
fi
JIT_SETTLED=${BENCH_JIT_SETTLED:-30}
REALISTIC_CONNECTIONS=${BENCH_REALISTIC_CONNECTIONS:-256}
REALISTIC_LATENCY_MS=${BENCH_REALISTIC_LATENCY_MS:-300}
REALISTIC_POOL=${BENCH_REALISTIC_POOL:-100}
for setting in DURATION WARMUP WARMUP_MAX JIT_SETTLED ROUNDS STARTUP_RUNS RELAY_EVENTS RELAY_RATE RELAY_SECONDS \
  REALISTIC_CONNECTIONS REALISTIC_LATENCY_MS REALISTIC_POOL REALISTIC_SECONDS; do
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
FLOOR_DB_NAME=${DB_NAME}_floor
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
    pg_sql "DROP DATABASE IF EXISTS \"$FLOOR_DB_NAME\" WITH (FORCE)" >/dev/null 2>&1
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
SANDBOX_DIR=$ROOT/src/Paydesk.Sandbox/bin/$CONFIGURATION/net10.0
BASELINE_DIR=$ROOT/bench/Baseline/bin/$CONFIGURATION/net10.0
RELAY_DIR=$ROOT/bench/relay/bin/$CONFIGURATION/net10.0
if [[ ${BENCH_NO_BUILD:-0} == 1 ]]; then
  log "BENCH_NO_BUILD=1: using the existing $CONFIGURATION outputs"
  for dll in "$API_DIR/Paydesk.Api.dll" "$SANDBOX_DIR/Paydesk.Sandbox.dll" "$BASELINE_DIR/Baseline.dll" "$RELAY_DIR/Paydesk.Bench.Relay.dll"; do
    [[ -f $dll ]] || die "BENCH_NO_BUILD=1 but $dll is missing; build first: dotnet build Paydesk.slnx -c $CONFIGURATION"
  done
  BUILD_KIND="$CONFIGURATION build output"
else
  log "building $CONFIGURATION..."
  for project in src/Paydesk.Api/Paydesk.Api.csproj src/Paydesk.Sandbox/Paydesk.Sandbox.csproj bench/Baseline/Baseline.csproj bench/relay/Paydesk.Bench.Relay.csproj; do
    dotnet build "$ROOT/$project" -c "$CONFIGURATION" -nologo -v quiet >"$WORK/build.log" 2>&1 ||
      { cat "$WORK/build.log" >&2; die "building $project failed"; }
  done
  # Paydesk, the sandbox and the baseline run as they would be deployed: published ReadyToRun for
  # this machine's runtime, so start-up is not spent compiling (docs/operations.md, decision 0006).
  RID=$(dotnet --info 2>/dev/null | awk '/^ *RID:/ {print $2; exit}')
  [[ -n $RID ]] || die "could not read the runtime identifier from 'dotnet --info'"
  log "publishing Paydesk, the sandbox and the baseline ReadyToRun for $RID..."
  for project in src/Paydesk.Api/Paydesk.Api.csproj src/Paydesk.Sandbox/Paydesk.Sandbox.csproj bench/Baseline/Baseline.csproj; do
    name=$(basename "$project" .csproj)
    dotnet publish "$ROOT/$project" -c "$CONFIGURATION" -r "$RID" --self-contained false -p:PublishReadyToRun=true \
      -o "$WORK/publish/$name" -nologo -v quiet >"$WORK/publish.log" 2>&1 ||
      { cat "$WORK/publish.log" >&2; die "publishing $project failed"; }
  done
  API_DIR=$WORK/publish/Paydesk.Api
  SANDBOX_DIR=$WORK/publish/Paydesk.Sandbox
  BASELINE_DIR=$WORK/publish/Baseline
  BUILD_KIND="$CONFIGURATION, published ReadyToRun ($RID)"
  [[ -f $API_DIR/Paydesk.Api.dll ]] || die "no $API_DIR/Paydesk.Api.dll after the build"
  [[ -f $BASELINE_DIR/Baseline.dll ]] || die "no $BASELINE_DIR/Baseline.dll after the build"
  [[ -f $SANDBOX_DIR/Paydesk.Sandbox.dll ]] || die "no $SANDBOX_DIR/Paydesk.Sandbox.dll after the build"
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
  DB_CREATED=1
  pg_sql "CREATE DATABASE \"$DB_NAME\"" >/dev/null || die "could not create database $DB_NAME on BENCH_POSTGRES"
  pg_sql "CREATE DATABASE \"$FLOOR_DB_NAME\"" >/dev/null || die "could not create database $FLOOR_DB_NAME on BENCH_POSTGRES"
  log "database $DB_NAME on the BENCH_POSTGRES server"
else
  postgres_start paydesk-bpg
  PSQL=$(find_pg_tool psql) || PSQL=""
fi
PG_CONN=$(conn_string "$PG_SERVER_CONNECTION" "Database=$DB_NAME" "Maximum Pool Size=100")
FLOOR_CONN=$(conn_string "$PG_SERVER_CONNECTION" "Database=$FLOOR_DB_NAME" "Maximum Pool Size=100")
PG_VERSION="PostgreSQL $( [[ -n $PSQL ]] && pg_sql 'SHOW server_version' 2>/dev/null || echo '(version unknown)')"

# --- Paydesk settings ------------------------------------------------------------
API_KEY="sk_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
API_KEY_HASH=$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)
# The gateway is the production Stripe adapter pointed at the sandbox, which runs as its own process
# (started below), so its CPU is not Paydesk's. The sandbox sends no webhooks (no WebhookUrl): the
# floor receives none either, and a charge's answer already carries its outcome.
GATEWAY_KEY=sk_test_paydesk_bench
paydesk_env() { # paydesk_env PROVIDER CONNECTION-STRING SANDBOX-PORT [MAX-POOL-SIZE] -> env assignments for `env`
  printf '%s\n' \
    ASPNETCORE_ENVIRONMENT=Production \
    "PAYDESK_Database__Provider=$1" \
    "ConnectionStrings__Paydesk=$2" \
    "PAYDESK_Database__MaxPoolSize=${4:-100}" \
    PAYDESK_PaymentGateway__Provider=Stripe \
    "PAYDESK_PaymentGateway__Stripe__SecretKey=$GATEWAY_KEY" \
    "PAYDESK_PaymentGateway__Stripe__ApiBase=http://127.0.0.1:$3" \
    PAYDESK_PaymentGateway__Stripe__WebhookSecret=whsec_paydesk_bench \
    PAYDESK_PaymentGateway__Sandbox__Enabled=false \
    "PAYDESK_Email__PickupDirectory=$WORK/mail-paydesk" \
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
# start_sandbox NAME LATENCY-MS: the Stripe sandbox on its own, on a free port; sets SANDBOX_PORT, SANDBOX_PID.
start_sandbox() {
  local latency
  latency=$(printf '00:00:%02d.%03d' $(( $2 / 1000 )) $(( $2 % 1000 )))
  SANDBOX_PORT=$(pick_port) || die "no free port"
  (cd "$SANDBOX_DIR" && exec env "PAYDESK_PaymentGateway__Sandbox__SecretKey=$GATEWAY_KEY" \
    PAYDESK_PaymentGateway__Sandbox__ProcessingDelay=00:00:00 "PAYDESK_PaymentGateway__Sandbox__Latency=$latency" \
    PAYDESK_PaymentGateway__Sandbox__MaxObjects=100000 \
    dotnet Paydesk.Sandbox.dll "--PaymentGateway:Sandbox:Port=$SANDBOX_PORT") >"$WORK/$1.log" 2>&1 &
  SANDBOX_PID=$!
  PIDS+=("$SANDBOX_PID")
  local deadline=$(( $(now_ms) + 60000 ))
  # Any HTTP answer (401 without a key) says it listens.
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SANDBOX_PORT/v1/payment_intents/pi_none" || true) == 401 ]]; do
    kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$WORK/$1.log" >&2; die "the sandbox ($1) exited before it listened"; }
    (( $(now_ms) < deadline )) || { cat "$WORK/$1.log" >&2; die "the sandbox ($1) did not listen within 60 s"; }
    sleep 0.05
  done
}
# cpu_ticks PID: the process's user + system CPU time so far, in clock ticks (/proc/PID/stat fields 14, 15).
cpu_ticks() {
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
CLK_TCK=$(getconf CLK_TCK)

start_sandbox sandbox 0
log "sandbox on :$SANDBOX_PORT (pid $SANDBOX_PID)"

# The databases migrated at once: Paydesk's and the floor's PostgreSQL ones for the load, the SQLite
# one for start-up.
mapfile -t PG_ENV < <(paydesk_env Postgres "$PG_CONN" "$SANDBOX_PORT")
mapfile -t FLOOR_MIGRATE_ENV < <(paydesk_env Postgres "$FLOOR_CONN" "$SANDBOX_PORT")
SQLITE_DB=$WORK/startup.db
mapfile -t SQLITE_ENV < <(paydesk_env Sqlite "Data Source=$SQLITE_DB" "$SANDBOX_PORT")
log "migrating..."
(cd "$API_DIR" && exec env "${PG_ENV[@]}" dotnet Paydesk.Api.dll migrate) >"$WORK/migrate.log" 2>&1 &
MIGRATE_PG_PID=$!
PIDS+=("$MIGRATE_PG_PID")
(cd "$API_DIR" && exec env "${SQLITE_ENV[@]}" dotnet Paydesk.Api.dll migrate) >"$WORK/migrate-sqlite.log" 2>&1 &
MIGRATE_SQLITE_PID=$!
PIDS+=("$MIGRATE_SQLITE_PID")
(cd "$API_DIR" && exec env "${FLOOR_MIGRATE_ENV[@]}" dotnet Paydesk.Api.dll migrate) >"$WORK/migrate-floor.log" 2>&1 &
MIGRATE_FLOOR_PID=$!
PIDS+=("$MIGRATE_FLOOR_PID")
wait "$MIGRATE_PG_PID" || { cat "$WORK/migrate.log" >&2; die "migrate (PostgreSQL) failed"; }
wait "$MIGRATE_SQLITE_PID" || { cat "$WORK/migrate-sqlite.log" >&2; die "migrate (SQLite) failed"; }
wait "$MIGRATE_FLOOR_PID" || { cat "$WORK/migrate-floor.log" >&2; die "migrate (the floor's database) failed"; }

# --- Start-up time to /health/ready ------------------------------------------------
# STARTUP_RUNS fresh processes per provider; the last PostgreSQL one is the Paydesk under load.
: >"$WORK/startup.txt"
for provider in Sqlite Postgres; do
  for ((i = 1; i <= STARTUP_RUNS; i++)); do
    port=$(pick_port) || die "no free port"
    if [[ $provider == Sqlite ]]; then
      mapfile -t run_env < <(paydesk_env Sqlite "Data Source=$SQLITE_DB" "$SANDBOX_PORT")
    else
      mapfile -t run_env < <(paydesk_env Postgres "$PG_CONN" "$SANDBOX_PORT")
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
start_app baseline "$BASELINE_DIR" Baseline.dll "$BASELINE_PORT" ASPNETCORE_ENVIRONMENT=Production "ConnectionStrings__Paydesk=$FLOOR_CONN" \
  "Gateway__ApiBase=http://127.0.0.1:$SANDBOX_PORT" "Gateway__SecretKey=$GATEWAY_KEY" "Email__PickupDirectory=$WORK/mail-floor"
BASELINE_PID=$APP_PID
wait_ready baseline "$BASELINE_PORT" "$BASELINE_PID" >/dev/null
log "Paydesk on :$PAYDESK_PORT (pid $PAYDESK_PID), baseline on :$BASELINE_PORT (pid $BASELINE_PID)"

# --- Seed each database through its app's API: one user with 40 payments -------------------
api() { # api PORT PID LOG METHOD PATH [BODY [IDEMPOTENCY-KEY]] -> response body; dies on a non-2xx
  local out code
  out=$(curl -sS -X "$4" "http://127.0.0.1:$1$5" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' ${7:+-H "Idempotency-Key: $7"} ${6:+--data "$6"} -w '\n%{http_code}') || true
  code=${out##*$'\n'}
  if [[ $code != 2* ]]; then
    kill -0 "$2" 2>/dev/null || log "process $2 has exited; the end of its log:"
    tail -n 60 "$3" >&2
    die "seeding: $4 $5 answered $code: ${out%$'\n'*}"
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
# seed NAME PORT PID LOG: one user and 40 payments; sets SEEDED_USER and SEEDED_PAYMENT (the newest).
seed() {
  local i pid seed_pids=()
  SEEDED_USER=$(api "$2" "$3" "$4" POST /v1/users "{\"email\":\"seed-$RUN_ID-$1@example.com\",\"name\":\"Seed User\"}" | json_id)
  # Eight at a time: one by one, the seeding would take longer than a smoke run's measurements.
  for ((i = 1; i <= 40; i++)); do
    api "$2" "$3" "$4" POST /v1/payments "{\"userId\":\"$SEEDED_USER\",\"amount\":$((1000 + i)),\"currency\":\"EUR\",\"source\":\"pm_card_visa\"}" \
      "seed-$RUN_ID-$1-$i" >"$WORK/seed-$1-$i.json" &
    seed_pids+=("$!")
    if (( i % 8 == 0 )); then
      for pid in "${seed_pids[@]}"; do
        wait "$pid" || die "seeding payments ($1) failed (above)"
      done
      seed_pids=()
    fi
  done
  SEEDED_PAYMENT=$(json_id <"$WORK/seed-$1-40.json")
  log "seeded $1: user $SEEDED_USER with 40 payments"
}
seed paydesk "$PAYDESK_PORT" "$PAYDESK_PID" "$PAYDESK_LOG"
USER_ID=$SEEDED_USER PAYMENT_ID=$SEEDED_PAYMENT
seed baseline "$BASELINE_PORT" "$BASELINE_PID" "$WORK/baseline.log"
FLOOR_USER_ID=$SEEDED_USER FLOOR_PAYMENT_ID=$SEEDED_PAYMENT

# --- Scenarios -------------------------------------------------------------------------
# name|method-mode|path, where {user} and {payment} are the target's own seeded ids. The writes are
# also driven against the floor's single-insert endpoints of issue 8 (target "single").
SCENARIOS=(
  "GET /v1/payments/{id}|get|/v1/payments/{payment}"
  "GET /v1/users/{id}/payments?limit=20|get|/v1/users/{user}/payments?limit=20"
  "POST /v1/users|user|/v1/users"
  "POST /v1/payments|payment|/v1/payments"
)
RAW=$WORK/raw.jsonl
: >"$RAW"
NPROC=$(nproc)

# drive TARGET PORT MODE PATH CONNECTIONS SECONDS -> the BENCHJSON line's JSON
drive() {
  local target=$1 port=$2 mode=$3 path=$4 conns=$5 secs=$6 threads user=$USER_ID payment=$PAYMENT_ID prefix=""
  threads=$(( conns < NPROC ? conns : NPROC ))
  if [[ $target != paydesk ]]; then user=$FLOOR_USER_ID payment=$FLOOR_PAYMENT_ID; fi
  [[ $target == single ]] && prefix=/single-insert
  path=${path//\{user\}/$user}
  path=${path//\{payment\}/$payment}
  local out
  out=$(BENCH_MODE=$mode BENCH_USER_ID=$user BENCH_PREFIX=$prefix BENCH_RUN_ID="$RUN_ID-$target-$RANDOM$RANDOM" \
    wrk -t "$threads" -c "$conns" -d "${secs}s" --timeout 10s --latency -s "$ROOT/bench/lua/bench.lua" \
    -H "Authorization: Bearer $API_KEY" "http://127.0.0.1:$port$path" 2>&1) ||
    { echo "$out" >&2; die "wrk failed against $target $path"; }
  grep -m1 '^BENCHJSON ' <<<"$out" | cut -d' ' -f2- || { echo "$out" >&2; die "wrk printed no result line"; }
}

# The warm-up (JIT, pools, caches) runs once per scenario and target, at the most connections.
MAX_CONNS=$(tr ' ' '\n' <<<"$CONNECTIONS" | sort -n | tail -n 1)
# wait_quiet PORT: waits until that app's outbox has delivered every event the last run wrote (the
# relay sends welcome and receipt emails after the requests have been answered), so that this
# background work never runs into the next measured run. Paydesk and the floor expose the same two
# figures on /metrics.
metric() { # metric PORT NAME -> the value of the first sample line of NAME in that app's /metrics, or ""
  # awk reads to the end: stopping at the match would fail curl's write, and with it the pipeline.
  # A scrape that times out on a starved machine reads as "" (not yet known), not as a failed run.
  { curl -s --max-time 10 "http://127.0.0.1:$1/metrics" || true; } | awk -v n="$2" '!found && $1 ~ "^"n"([{]|$)" {print $2; found = 1}'
}
# DRAINED_MS: how long after the call the outbox was last seen at work (events pending or being
# delivered), to within about a second: the background work the run left behind; 0 if none. With a
# PID, DRAINED_TICKS: that process's CPU time (cpu_ticks) when its outbox was last seen at work, or
# at the call when it was not, so that the quiet 2 s that confirm the drain are not counted.
wait_quiet() {
  local port=$1 pid=${2:-} started deadline backlog published previous="" still=0 seen ticks=""
  started=$(now_ms); deadline=$(( started + 300000 )); DRAINED_MS=0
  [[ -n $pid ]] && DRAINED_TICKS=$(cpu_ticks "$pid")
  while (( $(now_ms) < deadline )); do
    seen=$(now_ms)
    [[ -n $pid ]] && ticks=$(cpu_ticks "$pid")
    backlog=$(metric "$port" paydesk_outbox_backlog)
    published=$(metric "$port" paydesk_outbox_published_total)
    # Quiet: nothing pending and nothing delivered for 2 s. Paydesk's backlog gauge is refreshed by
    # the relay's polls (every second), so one look right after a run can still read 0.
    if [[ ${backlog%%.*} == 0 && ( -z $previous || $published == "$previous" ) ]]; then
      still=$((still + 1))
      (( still >= 4 )) && return 0
    else
      still=0
      DRAINED_MS=$(( seen - started ))
      [[ -n $pid ]] && DRAINED_TICKS=$ticks
    fi
    previous=$published
    sleep 0.5
  done
  die "the outbox on :$port did not drain within 300 s (backlog ${backlog:-unknown})"
}

# measure TARGET PORT PID MODE PATH CONNECTIONS -> the run's JSON with the CPU time the process used
# during the run and until its outbox had drained (µs), and the drain time for the targets with one.
# The single-insert target has no background work: it neither waits nor drains.
measure() {
  local target=$1 port=$2 pid=$3 json before after drained
  before=$(cpu_ticks "$pid")
  json=$(drive "$target" "$port" "$4" "$5" "$6" "$DURATION")
  after=$(cpu_ticks "$pid")
  drained=$after DRAINED_MS=0
  if [[ $target != single ]]; then wait_quiet "$port" "$pid"; drained=$DRAINED_TICKS; fi
  echo "${json%\}},\"drain_ms\":$DRAINED_MS,\"cpu_us\":$(( (after - before) * 1000000 / CLK_TCK )),\"cpu_drain_us\":$(( (drained - before) * 1000000 / CLK_TCK ))}"
}

# warm_up NAME MODE PATH: Paydesk first, in steps of WARMUP seconds until its JIT has settled or
# WARMUP_MAX is reached, then the floor for as long. Tiered compilation re-compiles Paydesk's hot
# methods (twice, with dynamic PGO) while the load runs: on two shared cores that took 10-40 s at 32
# connections and about a minute at 2, so a 5 s warm-up measured the JIT rather than Paydesk. The time
# each scenario needed is reported, not hidden.
WARMUPS=$WORK/warmups.tsv
: >"$WARMUPS"
warm_up() {
  local name=$1 mode=$2 path=$3 used=0 before after compiled=0 step_compiled
  before=$(metric "$PAYDESK_PORT" dotnet_jit_compiled_methods_total)
  [[ -n $before ]] || die "Paydesk's /metrics has no dotnet_jit_compiled_methods_total"
  while (( used < WARMUP_MAX || used == 0 )); do
    drive paydesk "$PAYDESK_PORT" "$mode" "$path" "$MAX_CONNS" "$WARMUP" >/dev/null
    wait_quiet "$PAYDESK_PORT"
    used=$((used + WARMUP))
    after=$(metric "$PAYDESK_PORT" dotnet_jit_compiled_methods_total)
    step_compiled=$(( ${after%%.*} - ${before%%.*} ))
    compiled=$((compiled + step_compiled))
    before=$after
    (( step_compiled < JIT_SETTLED * WARMUP )) && break
  done
  log "$name: Paydesk warmed up for $used s ($compiled methods compiled; last step $step_compiled)"
  drive baseline "$BASELINE_PORT" "$mode" "$path" "$MAX_CONNS" "$used" >/dev/null
  wait_quiet "$BASELINE_PORT"
  if [[ $mode != get ]]; then drive single "$BASELINE_PORT" "$mode" "$path" "$MAX_CONNS" "$WARMUP" >/dev/null; fi
  printf '%s\t%d\t%d\t%d\n' "$name" "$used" "$compiled" "$step_compiled" >>"$WARMUPS"
}

for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name mode path <<<"$scenario"
  log "$name: warm-up (from $WARMUP s up to $WARMUP_MAX s at $MAX_CONNS connections, until Paydesk's JIT settles)"
  warm_up "$name" "$mode" "$path"
  targets=(paydesk baseline)
  [[ $mode != get ]] && targets+=(single)
  for conns in $CONNECTIONS; do
    log "$name, $conns connection(s)"
    for ((round = 1; round <= ROUNDS; round++)); do
      for target in "${targets[@]}"; do
        port=$PAYDESK_PORT pid=$PAYDESK_PID
        [[ $target != paydesk ]] && port=$BASELINE_PORT pid=$BASELINE_PID
        json=$(measure "$target" "$port" "$pid" "$mode" "$path" "$conns")
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
stop_app "$SANDBOX_PID"

# --- Charges with a realistic gateway ---------------------------------------------------------
# A fresh Paydesk against a second sandbox that holds every charge for REALISTIC_LATENCY_MS, driven
# at REALISTIC_CONNECTIONS connections: the bound is connections / latency. While it runs, Paydesk's
# connection-pool (Npgsql) and thread-pool (.NET runtime) metrics and its thread count are sampled
# every second.
source "$ROOT/bench/realistic.sh"
run_realistic


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
cp "$REALISTIC_RAW" "$RESULTS_DIR/realistic.json"
CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM_KB=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
python3 "$ROOT/bench/report.py" --raw "$RAW" --startup "$WORK/startup.txt" --relay "$WORK/relay.json" --out "$RESULTS_DIR" \
  --warmups "$WARMUPS" --warmup-max "$WARMUP_MAX" --jit-settled "$JIT_SETTLED" \
  --mode "$MODE" --duration "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" --startup-runs "$STARTUP_RUNS" --configuration "$BUILD_KIND" \
  --peak-rss-kb "$PEAK_RSS_KB" --baseline-rss-kb "$BASELINE_RSS_KB" --realistic "$REALISTIC_RAW" \
  --nproc "$NPROC" --cpu "${CPU_MODEL:-unknown}" --mem-kb "$MEM_KB" \
  --dotnet "$(dotnet --version)" --postgres "$PG_VERSION" --wrk "$(wrk -v 2>&1 | head -n1 || true)"
log "wrote $RESULTS_DIR/latest.md and $RESULTS_DIR/chart.svg"
