#!/usr/bin/env bash
# Paydesk benchmark: Paydesk against a raw-Npgsql baseline, same machine, same run.
#
#   bench/run.sh            full run (results in bench/results/latest.md and chart.svg)
#   bench/run.sh --smoke    a few seconds per scenario, one round (keeps the harness working)
#
# Builds Release, starts a throwaway PostgreSQL (like scripts/test.sh), migrates and seeds it
# through Paydesk's own API, starts Paydesk (Production, PostgreSQL, Sandbox gateway, Warning
# logs) and bench/Baseline, drives both with wrk (alternating, rounds, medians), measures
# Paydesk's peak RSS and its start-to-ready time on SQLite and PostgreSQL, and writes the report.
#
# Settings (environment): BENCH_DURATION (seconds per measured run), BENCH_WARMUP (seconds of
# warm-up per scenario and target), BENCH_ROUNDS, BENCH_CONNECTIONS (e.g. "1 32"),
# BENCH_RESULTS_DIR (where latest.md and chart.svg go).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

log() { echo "bench: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

MODE=full
for arg in "$@"; do
  case $arg in
    --smoke) MODE=smoke ;;
    *) die "unknown argument '$arg' (only --smoke is accepted)" ;;
  esac
done

if [[ $MODE == smoke ]]; then
  DURATION=${BENCH_DURATION:-3}; WARMUP=${BENCH_WARMUP:-1}; ROUNDS=${BENCH_ROUNDS:-1}
else
  DURATION=${BENCH_DURATION:-20}; WARMUP=${BENCH_WARMUP:-5}; ROUNDS=${BENCH_ROUNDS:-3}
fi
CONNECTIONS=${BENCH_CONNECTIONS:-"1 32"}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$ROOT/bench/results}
mkdir -p "$RESULTS_DIR"
RESULTS_DIR=$(cd "$RESULTS_DIR" && pwd)

IS_ROOT=0
[[ $EUID -eq 0 ]] && IS_ROOT=1
SUDO=()
(( IS_ROOT )) || SUDO=(sudo)

# Set before the trap is installed, so cleanup never sees unset variables.
PG_BIN=""
PG_TMP=""
WORK=""
PIDS=()

# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$?
  set +e
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" >/dev/null 2>&1 && wait "$pid" >/dev/null 2>&1
  done
  if [[ -n $PG_TMP && -f $PG_TMP/data/postmaster.pid ]]; then
    pg_run "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1
    if [[ -f $PG_TMP/data/postmaster.pid ]]; then
      pid=$(head -n 1 "$PG_TMP/data/postmaster.pid" 2>/dev/null)
      [[ $pid =~ ^[0-9]+$ ]] && kill -9 "$pid" >/dev/null 2>&1
    fi
  fi
  [[ -n $PG_TMP ]] && rm -rf "$PG_TMP"
  [[ -n $WORK ]] && rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- Tools ---------------------------------------------------------------------
apt_install() {
  command -v apt-get >/dev/null || die "$1 is missing and apt-get is unavailable; install it and retry."
  if (( ! IS_ROOT )); then
    command -v sudo >/dev/null || die "$1 is missing, we are not root and sudo is missing; install '$1'."
  fi
  log "installing $1 with apt-get..."
  "${SUDO[@]}" apt-get update >/dev/null
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >/dev/null
}
command -v wrk >/dev/null || apt_install wrk
command -v wrk >/dev/null || die "wrk is still missing after installing it."
command -v curl >/dev/null || apt_install curl
command -v python3 >/dev/null || die "python3 is required to write the report; install it and retry."
command -v sha256sum >/dev/null || die "sha256sum (coreutils) is required."

WORK=$(mktemp -d /tmp/paydesk-bench.XXXXXX)

# --- Build -----------------------------------------------------------------------
log "building Release..."
dotnet build "$ROOT/src/Paydesk.Api/Paydesk.Api.csproj" -c Release -nologo -v quiet >"$WORK/build-api.log" 2>&1 ||
  { cat "$WORK/build-api.log" >&2; die "building Paydesk.Api failed"; }
dotnet build "$ROOT/bench/Baseline/Baseline.csproj" -c Release -nologo -v quiet >"$WORK/build-baseline.log" 2>&1 ||
  { cat "$WORK/build-baseline.log" >&2; die "building bench/Baseline failed"; }
API_DIR=$ROOT/src/Paydesk.Api/bin/Release/net10.0
BASELINE_DIR=$ROOT/bench/Baseline/bin/Release/net10.0
[[ -f $API_DIR/Paydesk.Api.dll ]] || die "no $API_DIR/Paydesk.Api.dll after the build"
[[ -f $BASELINE_DIR/Baseline.dll ]] || die "no $BASELINE_DIR/Baseline.dll after the build"

# --- PostgreSQL (the approach of scripts/test.sh) ----------------------------------
pg_run() {
  if (( IS_ROOT )); then
    (cd "$PG_TMP" && runuser -u postgres -- env LC_ALL=C "$@")
  else
    (cd "$PG_TMP" && env LC_ALL=C "$@")
  fi
}
find_pg_bin() {
  local initdb dir
  if initdb=$(command -v initdb) && command -v pg_ctl >/dev/null; then
    dirname "$initdb"; return 0
  fi
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then echo "$dir"; return 0; fi
  done
  return 1
}
if ! PG_BIN=$(find_pg_bin); then
  apt_install postgresql
  PG_BIN=$(find_pg_bin) || die "PostgreSQL server binaries (initdb, pg_ctl) not found after installing."
fi
if (( IS_ROOT )); then
  command -v runuser >/dev/null || die "running as root needs 'runuser' (util-linux) to start PostgreSQL."
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi

port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n $(ss -Htln "sport = :$1" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}
pick_port() {
  local port
  if port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null) &&
    [[ $port =~ ^[0-9]+$ ]] && ! port_in_use "$port"; then
    echo "$port"; return 0
  fi
  for ((port = 56432; port < 56632; port++)); do
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  return 1
}

PG_TMP=$(mktemp -d /tmp/paydesk-bpg.XXXXXX)
(( IS_ROOT )) && chown postgres: "$PG_TMP"
pg_run "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$PG_TMP/initdb.log" 2>&1 ||
  { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }
PG_PORT=$(pick_port) || die "no free TCP port for PostgreSQL"
# Durability off, like the test cluster: the benchmark compares Paydesk with its floor on the same server.
PG_OPTS="-p $PG_PORT -k '$PG_TMP' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
pg_run "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -o "$PG_OPTS" -w -t 60 start >/dev/null ||
  { cat "$PG_TMP/server.log" >&2; die "could not start PostgreSQL on port $PG_PORT"; }
log "PostgreSQL on 127.0.0.1:$PG_PORT"
PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=paydesk_bench;Maximum Pool Size=100"

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

mapfile -t PG_ENV < <(paydesk_env Postgres "$PG_CONN" 0)
log "migrating..."
(cd "$API_DIR" && env "${PG_ENV[@]}" dotnet Paydesk.Api.dll migrate) >"$WORK/migrate.log" 2>&1 ||
  { cat "$WORK/migrate.log" >&2; die "migrate (PostgreSQL) failed"; }

# --- Start-up time to /health/ready ------------------------------------------------
STARTUP_RUNS=$ROUNDS
SQLITE_DB=$WORK/startup.db
mapfile -t SQLITE_ENV < <(paydesk_env Sqlite "Data Source=$SQLITE_DB" 0)
(cd "$API_DIR" && env "${SQLITE_ENV[@]}" dotnet Paydesk.Api.dll migrate) >"$WORK/migrate-sqlite.log" 2>&1 ||
  { cat "$WORK/migrate-sqlite.log" >&2; die "migrate (SQLite) failed"; }
: >"$WORK/startup.txt"
for provider in Sqlite Postgres; do
  for ((i = 1; i <= STARTUP_RUNS; i++)); do
    port=$(pick_port) || die "no free port"
    emulator_port=$(pick_port) || die "no free port"
    if [[ $provider == Sqlite ]]; then
      mapfile -t run_env < <(paydesk_env Sqlite "Data Source=$SQLITE_DB" "$emulator_port")
    else
      mapfile -t run_env < <(paydesk_env Postgres "$PG_CONN" "$emulator_port")
    fi
    start_app startup "$API_DIR" Paydesk.Api.dll "$port" "${run_env[@]}"
    ms=$(wait_ready startup "$port" "$APP_PID")
    stop_app "$APP_PID"
    echo "$provider $ms" >>"$WORK/startup.txt"
    log "start to ready on $provider: $ms ms"
  done
done

# --- Start Paydesk and the baseline ------------------------------------------------
PAYDESK_PORT=$(pick_port) || die "no free port"
EMULATOR_PORT=$(pick_port) || die "no free port"
mapfile -t run_env < <(paydesk_env Postgres "$PG_CONN" "$EMULATOR_PORT")
start_app paydesk "$API_DIR" Paydesk.Api.dll "$PAYDESK_PORT" "${run_env[@]}"
PAYDESK_PID=$APP_PID
wait_ready paydesk "$PAYDESK_PORT" "$PAYDESK_PID" >/dev/null
BASELINE_PORT=$(pick_port) || die "no free port"
start_app baseline "$BASELINE_DIR" Baseline.dll "$BASELINE_PORT" ASPNETCORE_ENVIRONMENT=Production "ConnectionStrings__Paydesk=$PG_CONN"
BASELINE_PID=$APP_PID
wait_ready baseline "$BASELINE_PORT" "$BASELINE_PID" >/dev/null
log "Paydesk on :$PAYDESK_PORT (pid $PAYDESK_PID), baseline on :$BASELINE_PORT (pid $BASELINE_PID)"

# --- Seed through Paydesk's API: one user with 40 payments --------------------------
api() { # api METHOD PATH [BODY [IDEMPOTENCY-KEY]] -> response body; dies on a non-2xx
  local out code
  out=$(curl -sS -X "$1" "http://127.0.0.1:$PAYDESK_PORT$2" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' ${4:+-H "Idempotency-Key: $4"} ${3:+--data "$3"} -w '\n%{http_code}')
  code=${out##*$'\n'}
  [[ $code == 2* ]] || die "seeding: $1 $2 answered $code: ${out%$'\n'*}"
  echo "${out%$'\n'*}"
}
json_id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
RUN_ID=$(date +%s)
USER_ID=$(api POST /v1/users "{\"email\":\"seed-$RUN_ID@example.com\",\"name\":\"Seed User\"}" | json_id)
PAYMENT_ID=""
for ((i = 1; i <= 40; i++)); do
  PAYMENT_ID=$(api POST /v1/payments "{\"userId\":\"$USER_ID\",\"amount\":$((1000 + i)),\"currency\":\"EUR\",\"source\":\"pm_card_visa\"}" "seed-$RUN_ID-$i" | json_id)
done
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

for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name mode path <<<"$scenario"
  for conns in $CONNECTIONS; do
    log "$name, $conns connection(s): warm-up"
    drive paydesk "$PAYDESK_PORT" "$mode" "$path" "$conns" "$WARMUP" >/dev/null
    drive baseline "$BASELINE_PORT" "$mode" "$path" "$conns" "$WARMUP" >/dev/null
    for ((round = 1; round <= ROUNDS; round++)); do
      for target in paydesk baseline; do
        port=$PAYDESK_PORT; [[ $target == baseline ]] && port=$BASELINE_PORT
        json=$(drive "$target" "$port" "$mode" "$path" "$conns" "$DURATION")
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

# --- Report ----------------------------------------------------------------------------
# Keep the raw results first, so a failing report can be re-run from them.
cp "$RAW" "$RESULTS_DIR/raw.jsonl"
cp "$WORK/startup.txt" "$RESULTS_DIR/startup.txt"
CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM_KB=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
python3 "$ROOT/bench/report.py" --raw "$RAW" --startup "$WORK/startup.txt" --out "$RESULTS_DIR" \
  --mode "$MODE" --duration "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" \
  --peak-rss-kb "$PEAK_RSS_KB" --baseline-rss-kb "$BASELINE_RSS_KB" \
  --nproc "$NPROC" --cpu "${CPU_MODEL:-unknown}" --mem-kb "$MEM_KB" \
  --dotnet "$(dotnet --version)" --postgres "$("$PG_BIN/postgres" --version)" --wrk "$(wrk -v 2>&1 | head -n1 || true)"
log "wrote $RESULTS_DIR/latest.md and $RESULTS_DIR/chart.svg"
