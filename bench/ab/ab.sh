#!/usr/bin/env bash
# A/B of one published Paydesk build under `GET /v1/payments/{id}` (decision 0014): each variant
# is the same build started with a few extra environment assignments; the script reports the
# process's CPU time per completed request (utime+stime from /proc/PID/stat over the measured run
# divided by wrk's request count), req/s, p99, and the peak RSS.
#
#   bench/ab/ab.sh API_DIR 'name=ENV=V ENV2=V2' 'name2=...' ...
#
# A variant's AB_API_DIR=DIR runs another published build (before/after a change), alternated with
# the others in each round; the database is migrated and seeded with API_DIR's build.
#
# Settings (environment): AB_ROUNDS (variants alternated, default 2), AB_WARMUP (s at 32
# connections before measuring, default 25), AB_SECS (s per measured run, default 10),
# AB_CONNECTIONS (default "1 32"), AB_SCENARIOS (default "get"; also list, user, payment: the
# benchmark's scenarios, run one after the other in each process), AB_STARTUP (that many SQLite
# start-to-ready timings per variant and round, default 0), AB_SMAPS (set: print the process's
# /proc/PID/smaps_rollup at the end of each variant), AB_DRAIN (that many outbox events drained
# by the in-process relay and handlers per variant and round, reported as events/s and CPU per event),
# AB_PERF (set: a `perf` CPU profile of each 32-connection run, split into components by
# bench/ab/components.py; start the variant with DOTNET_PerfMapEnabled=1 so perf can name methods),
# AB_POSTGRES (an Npgsql connection string of a server to use instead of a throwaway cluster).
# Output: one TSV line per variant, round and connection count on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
log() { echo "ab: [${SECONDS}s] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
source "$ROOT/scripts/lib/common.sh"
source "$ROOT/scripts/lib/postgres.sh"

API_DIR=$(cd "$1" && pwd); shift
ROUNDS=${AB_ROUNDS:-2}; WARMUP=${AB_WARMUP:-25}; SECS=${AB_SECS:-10}
CONNECTIONS=${AB_CONNECTIONS:-"1 32"}
SCENARIOS=${AB_SCENARIOS-get}
TICKS=$(getconf CLK_TCK)
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  [[ -z ${AB_POSTGRES:-} ]] && postgres_stop
}
trap cleanup EXIT

if [[ -n ${AB_POSTGRES:-} ]]; then PG_SERVER_CONNECTION=$AB_POSTGRES; else postgres_start paydesk-ab; fi
DB=paydesk_ab_$(random_hex 4)
PG_CONN="${PG_SERVER_CONNECTION/Database=postgres/Database=$DB};Maximum Pool Size=100"
API_KEY="sk_ab_$(random_hex 16)"
API_KEY_HASH=$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)
base_env() {
  printf '%s\n' ASPNETCORE_ENVIRONMENT=Production PAYDESK_Database__Provider=Postgres "ConnectionStrings__Paydesk=$PG_CONN" \
    PAYDESK_PaymentGateway__Provider=Stripe PAYDESK_PaymentGateway__Stripe__SecretKey=sk_test_paydesk_ab \
    "PAYDESK_PaymentGateway__Stripe__ApiBase=http://127.0.0.1:$1" PAYDESK_PaymentGateway__Stripe__WebhookSecret=whsec_paydesk_ab \
    PAYDESK_PaymentGateway__Sandbox__Enabled=true "PAYDESK_PaymentGateway__Sandbox__Port=$1" \
    PAYDESK_PaymentGateway__Sandbox__SecretKey=sk_test_paydesk_ab PAYDESK_PaymentGateway__Sandbox__WebhookSecret=whsec_paydesk_ab \
    PAYDESK_PaymentGateway__Sandbox__ProcessingDelay=00:00:00 PAYDESK_Logging__LogLevel__Default=Warning \
    PAYDESK_RateLimiting__PermitsPerPeriod=1000000 PAYDESK_RateLimiting__Burst=1000000 \
    PAYDESK_Auth__ApiKeys__0__Name=bench "PAYDESK_Auth__ApiKeys__0__Hash=$API_KEY_HASH" \
    PAYDESK_Auth__ApiKeys__0__Scopes__0=users:read PAYDESK_Auth__ApiKeys__0__Scopes__1=users:write \
    PAYDESK_Auth__ApiKeys__0__Scopes__2=payments:read PAYDESK_Auth__ApiKeys__0__Scopes__3=payments:write
}
PORT=""; APP_PID=""
start() { # start EXTRA-ENV... : starts Paydesk, waits for ready; AB_API_DIR=DIR among them runs another build
  PORT=$(pick_port); local eport dir=$API_DIR assignment; eport=$(pick_port)
  local -a extra_env=()
  for assignment in "$@"; do
    if [[ $assignment == AB_API_DIR=* ]]; then dir=${assignment#AB_API_DIR=}; else extra_env+=("$assignment"); fi
  done
  set -- "${extra_env[@]}"
  mapfile -t env_list < <(base_env "$eport")
  (cd "$dir" && exec env "${env_list[@]}" "$@" dotnet Paydesk.Api.dll --urls "http://127.0.0.1:$PORT") >"/tmp/ab-$PORT.log" 2>&1 &
  APP_PID=$!; PIDS+=("$APP_PID")
  for _ in $(seq 1 600); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready" || true) == 200 ]] && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "/tmp/ab-$PORT.log" >&2; die "Paydesk exited"; }
    sleep 0.02
  done
  die "Paydesk not ready"
}
stop() { kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; }
api() { curl -sfS -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' ${4:+-H "Idempotency-Key: $4"} ${3:+--data "$3"}; }
id_of() { sed -E 's/.*"id":"([^"]+)".*/\1/'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

psql_cmd=$(find_pg_tool psql)
env "PGHOST=127.0.0.1" "PGPORT=${PG_PORT:-5432}" PGUSER=postgres "$psql_cmd" -X -q -c "CREATE DATABASE $DB" postgres >/dev/null
mapfile -t migrate_env < <(base_env 0)
(cd "$API_DIR" && env "${migrate_env[@]}" dotnet Paydesk.Api.dll migrate) >/dev/null 2>&1 || die "migrate failed"
start
USER_ID=$(api POST /v1/users "{\"email\":\"ab-$(random_hex 4)@example.com\",\"name\":\"AB\"}" | id_of)
for i in $(seq 1 20); do
  PAYMENT_ID=$(api POST /v1/payments "{\"userId\":\"$USER_ID\",\"amount\":$((1000 + i)),\"currency\":\"EUR\",\"source\":\"pm_card_visa\"}" "ab-$i-$(random_hex 4)" | id_of)
done
stop
GET_PATH="/v1/payments/$PAYMENT_ID"; LIST_PATH="/v1/users/$USER_ID/payments?limit=20"
SQLITE_DB=/tmp/paydesk-ab-$DB.db
if (( ${AB_STARTUP:-0} > 0 )); then
  (cd "$API_DIR" && env "${migrate_env[@]}" PAYDESK_Database__Provider=Sqlite "ConnectionStrings__Paydesk=Data Source=$SQLITE_DB" dotnet Paydesk.Api.dll migrate) >/dev/null 2>&1 ||
    die "migrate (SQLite) failed"
fi
log "seeded; load average $(cut -d' ' -f1-3 /proc/loadavg)"

sql() { env PGHOST=127.0.0.1 "PGPORT=${PG_PORT:-5432}" PGUSER=postgres "$psql_cmd" -X -q -At -v ON_ERROR_STOP=1 -c "$1" "$DB"; }
# drain NAME ROUND: copies the newest user.registered outbox row AB_DRAIN times as new pending
# events (each its own id, in the row and in its CloudEvent), then times the running Paydesk's
# relay and handlers until none is pending.
drain() {
  local columns select="" column before after started elapsed
  columns=$(sql "SELECT string_agg(column_name, ' ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'outbox_messages'")
  for column in $columns; do
    case $column in
      id) select+="g.id," ;;
      payload) select+="replace(m.payload, m.id::text, g.id::text)," ;;
      status) select+="'pending'," ;;
      attempts) select+="0," ;;
      next_attempt_at|created_at) select+="now()," ;;
      published_at|last_error) select+="NULL," ;;
      *) select+="m.$column," ;;
    esac
  done
  before=$(cpu_ticks "$APP_PID"); started=$(date +%s%N)
  sql "INSERT INTO outbox_messages ($(tr ' ' ',' <<<"$columns")) SELECT ${select%,} FROM
       (SELECT * FROM outbox_messages WHERE event_type = 'user.registered' ORDER BY created_at DESC LIMIT 1) m,
       (SELECT gen_random_uuid() AS id FROM generate_series(1, $AB_DRAIN)) g"
  local deadline=$(( $(date +%s) + 900 ))
  while [[ $(sql "SELECT count(*) FROM outbox_messages WHERE status = 'pending'") != 0 ]]; do
    (( $(date +%s) < deadline )) || die "$name: the outbox did not drain within 900 s"
    sleep 0.1
  done
  after=$(cpu_ticks "$APP_PID"); elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
  printf '%s\t%s\tdrain\t%s\t%s\t-\t%s\t-\t%s\n' "$name" "$round" "$AB_DRAIN" \
    "$(awk -v n="$AB_DRAIN" -v ms="$elapsed" 'BEGIN {printf "%.0f", n * 1000 / ms}')" \
    "$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$AB_DRAIN" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')" "$(cut -d' ' -f1 /proc/loadavg)"
}

printf 'variant\tround\tscenario\tconns\treq_s\tp99_ms\tcpu_us_per_req\tpeak_rss_mb\tload1\n'
for ((round = 1; round <= ROUNDS; round++)); do
  for spec in "$@"; do
    name=${spec%%=*}; extra=${spec#*=}
    [[ $extra == "$spec" ]] && extra=""
    if (( ${AB_STARTUP:-0} > 0 )); then
      for ((s = 1; s <= AB_STARTUP; s++)); do
        started=$(date +%s%N)
        # shellcheck disable=SC2086  # the extra assignments are split on purpose
        start PAYDESK_Database__Provider=Sqlite "ConnectionStrings__Paydesk=Data Source=$SQLITE_DB" $extra
        printf '%s\t%s\tstartup-sqlite\t-\t-\t-\t%s\t-\t%s\n' "$name" "$round" "$(( ($(date +%s%N) - started) / 1000000 ))" "$(cut -d' ' -f1 /proc/loadavg)"
        stop
      done
    fi
    if (( ${AB_DRAIN:-0} > 0 )); then
      # shellcheck disable=SC2086
      start $extra
      drain "$name" "$round"
      stop
    fi
    [[ -n $SCENARIOS ]] || continue
    # shellcheck disable=SC2086
    start $extra
    for scenario in $SCENARIOS; do
      case $scenario in
        get) url=$GET_PATH; mode=get ;;
        list) url=$LIST_PATH; mode=get ;;
        user) url=/v1/users; mode=user ;;
        payment) url=/v1/payments; mode=payment ;;
        *) die "unknown scenario $scenario" ;;
      esac
      load() { # load CONNECTIONS SECONDS
        BENCH_MODE=$mode BENCH_USER_ID=$USER_ID BENCH_RUN_ID="ab$(random_hex 4)" wrk -t "$(( $1 < 2 ? 1 : 2 ))" -c "$1" -d "$2s" --timeout 10s --latency \
          -s "$ROOT/bench/lua/bench.lua" -H "Authorization: Bearer $API_KEY" "http://127.0.0.1:$PORT$url"
      }
      if [[ $mode == get ]]; then
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $API_KEY" "http://127.0.0.1:$PORT$url")
        [[ $code == 2* ]] || die "$name answered $code to GET $url (log: /tmp/ab-$PORT.log)"
      fi
      (( WARMUP > 0 )) && load 32 "$WARMUP" >/dev/null
      for c in $CONNECTIONS; do
        perf_pid=""
        if [[ -n ${AB_PERF:-} && $c == 32 ]]; then
          perf record -F 499 -g -p "$APP_PID" -o "/tmp/ab-perf-$name-$scenario.data" -- sleep "$SECS" >/dev/null 2>&1 &
          perf_pid=$!
        fi
        before=$(cpu_ticks "$APP_PID")
        out=$(load "$c" "$SECS")
        after=$(cpu_ticks "$APP_PID")
        requests=$(awk '/requests in/ {print $1}' <<<"$out")
        rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
        p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
        non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
        [[ -n $non2xx ]] && log "WARNING: $name answered $non2xx non-2xx"
        us=$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
        if [[ -n $perf_pid ]]; then
          wait "$perf_pid" || true
          perf script -i "/tmp/ab-perf-$name-$scenario.data" 2>/dev/null | python3 "$ROOT/bench/ab/components.py" "$us" >"/tmp/ab-perf-$name-$scenario.txt"
          log "$name $scenario: components in /tmp/ab-perf-$name-$scenario.txt"
        fi
        rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$scenario" "$c" "$rps" "$p99" "$us" "$rss" "$(cut -d' ' -f1 /proc/loadavg)"
      done
    done
    if [[ -n ${AB_SMAPS:-} ]]; then
      log "$name: /proc/PID/smaps_rollup and the runtime's memory metrics at the end:"
      grep -E '^(Rss|Pss_Anon|Pss_File|Pss_Shmem|Anonymous)' "/proc/$APP_PID/smaps_rollup" >&2
      curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^(dotnet_gc_heap_total_allocated|dotnet_gc_last_collection_memory_committed|dotnet_gc_last_collection_heap_size|dotnet_jit_compiled_il|dotnet_gc_collections|process_runtime_dotnet_gc_(committed|heap_size|collections))' >&2 || true
    fi
    stop
  done
done
