# shellcheck shell=bash disable=SC2154  # sourced by bench/run.sh, whose settings and helpers it uses
# "Charges with a realistic gateway" (issue 20): POST /v1/payments against a sandbox that holds every
# charge for REALISTIC_LATENCY_MS, at REALISTIC_CONNECTIONS connections, on a fresh Paydesk whose
# Database:MaxPoolSize is REALISTIC_POOL, for REALISTIC_SECONDS per round. Writes REALISTIC_RAW (JSON): the rounds' wrk results with
# CPU time, and the most of each pool and thread-pool metric sampled from Paydesk every second.

REALISTIC_RAW=""

# sample_metrics PORT PID FILE: every second, Paydesk's pool and thread-pool series and its thread count.
sample_metrics() {
  while kill -0 "$2" 2>/dev/null; do
    curl -s --max-time 2 "http://127.0.0.1:$1/metrics" | grep -E '^(db_client_connection|dotnet_thread_pool)' >>"$3" || true
    awk '/^Threads:/ {print "process_threads " $2}' "/proc/$2/status" >>"$3" 2>/dev/null || true
    sleep 1
  done
}

run_realistic() {
  local port pid round json used=0 before after step sampler samples=$WORK/realistic-samples.txt
  local -a env rounds=()
  REALISTIC_RAW=$WORK/realistic.json
  start_sandbox sandbox-realistic "$REALISTIC_LATENCY_MS"
  port=$(pick_port) || die "no free port"
  mapfile -t env < <(paydesk_env Postgres "$PG_CONN" "$SANDBOX_PORT" "$REALISTIC_POOL")
  start_app paydesk-realistic "$API_DIR" Paydesk.Api.dll "$port" "${env[@]}"
  pid=$APP_PID
  wait_ready paydesk-realistic "$port" "$pid" >/dev/null
  log "realistic gateway: Paydesk on :$port (pid $pid, pool $REALISTIC_POOL), sandbox on :$SANDBOX_PORT with ${REALISTIC_LATENCY_MS} ms per charge"

  # The same warm-up rule as the other scenarios: until the JIT has settled, at most WARMUP_MAX.
  before=$(metric "$port" dotnet_jit_compiled_methods_total)
  while (( used < WARMUP_MAX || used == 0 )); do
    drive paydesk "$port" payment /v1/payments "$REALISTIC_CONNECTIONS" "$WARMUP" >/dev/null
    wait_quiet "$port"
    used=$((used + WARMUP))
    after=$(metric "$port" dotnet_jit_compiled_methods_total)
    step=$(( ${after%%.*} - ${before%%.*} ))
    before=$after
    (( step < JIT_SETTLED * WARMUP )) && break
  done
  log "realistic gateway: warmed up for $used s"

  : >"$samples"
  sample_metrics "$port" "$pid" "$samples" &
  sampler=$!
  PIDS+=("$sampler")
  for ((round = 1; round <= ROUNDS; round++)); do
    json=$(DURATION=$REALISTIC_SECONDS measure paydesk "$port" "$pid" payment /v1/payments "$REALISTIC_CONNECTIONS")
    rounds+=("$json")
  done
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  python3 - "$samples" "$REALISTIC_CONNECTIONS" "$REALISTIC_LATENCY_MS" "$REALISTIC_POOL" "$used" "${rounds[@]}" >"$REALISTIC_RAW" <<'PY'
import json, re, sys
samples, conns, latency, pool, warmup, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6:]
most = {}
with open(samples, encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) < 2:
            continue
        name = parts[0].split("{")[0]
        state = re.search(r'state="([^"]+)"', parts[0])
        key = name + (f" ({state.group(1)})" if state else "")
        try:
            value = float(parts[1])
        except ValueError:
            continue
        most[key] = max(most.get(key, value), value)
print(json.dumps({"connections": conns, "latency_ms": latency, "pool": pool, "warmup_s": warmup,
                  "rounds": [json.loads(r) for r in rounds], "metrics_max": most}))
PY
  stop_app "$pid"
  stop_app "$SANDBOX_PID"
}
