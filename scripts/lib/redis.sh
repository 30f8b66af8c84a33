# shellcheck shell=bash disable=SC2034  # the variables set here are read by the scripts sourcing this file
# A throwaway Redis server on loopback for scripts/test.sh (sourced after scripts/lib/common.sh,
# not run). Installed from Debian (package redis-server) when missing; runs with its own port,
# directory and no persistence, so it never meets another Redis on the machine.
#
#   redis_start PREFIX   starts redis-server on a free port (files under /tmp/PREFIX.XXXXXX) and
#                        waits until it answers PING. Sets REDIS_BIN (the redis-server binary),
#                        REDIS_PORT and REDIS_ADDRESS (127.0.0.1:PORT, a StackExchange.Redis
#                        configuration string).
#   redis_stop           stops the server and deletes its directory; prints nothing, never fails
#                        (call it from the EXIT trap).

# Set when sourced, so a trap never sees unset variables.
REDIS_BIN=""
REDIS_TMP=""
REDIS_PID=""
REDIS_PORT=""
REDIS_ADDRESS=""

install_redis() {
  local sudo=() policy_added=0
  (( IS_ROOT )) || sudo=(sudo)
  # The package would start a system-wide server; we only want our own, so forbid service starts
  # during the install (only if no policy is in place already).
  if [[ ! -e /usr/sbin/policy-rc.d ]] && command -v apt-get >/dev/null && { (( IS_ROOT )) || command -v sudo >/dev/null; }; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  local rc=0
  (apt_install redis-server --no-install-recommends) || rc=$?
  (( policy_added )) && "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
  (( rc == 0 )) || die "installing redis-server failed (exit code $rc)"
}

redis_start() {
  local prefix=$1 p
  if ! REDIS_BIN=$(command -v redis-server); then
    install_redis
    REDIS_BIN=$(command -v redis-server) || die "redis-server still not found after installing."
  fi

  REDIS_TMP=$(mktemp -d "/tmp/$prefix.XXXXXX")
  # pick_port may hand out a port another server of this run already took: skip those.
  for _ in $(seq 1 50); do
    p=$(pick_port) || die "could not find a free TCP port for Redis"
    [[ $p == "${PG_PORT:-}" || $p == "${RMQ_PORT:-}" || $p == "${RMQ_DIST_PORT:-}" || $p == "${RMQ_EPMD_PORT:-}" ]] && continue
    REDIS_PORT=$p
    break
  done
  [[ -n $REDIS_PORT ]] || die "could not find a free TCP port for Redis"

  # No persistence (no RDB snapshots, no AOF): the data lives as long as the run.
  "$REDIS_BIN" --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_TMP" --save '' --appendonly no \
    --daemonize no --logfile "$REDIS_TMP/server.log" >/dev/null 2>&1 &
  REDIS_PID=$!

  local deadline=$((SECONDS + 60))
  until redis_ping; do
    if ! kill -0 "$REDIS_PID" 2>/dev/null; then
      cat "$REDIS_TMP/server.log" >&2 2>/dev/null || true
      die "redis-server exited during start-up (log above)"
    fi
    if (( SECONDS >= deadline )); then
      cat "$REDIS_TMP/server.log" >&2 2>/dev/null || true
      die "redis-server on 127.0.0.1:$REDIS_PORT did not answer within 60 s"
    fi
    sleep 0.2
  done
  log "Redis running on 127.0.0.1:$REDIS_PORT"
  REDIS_ADDRESS="127.0.0.1:$REDIS_PORT"
}

# True when the server answers PING (redis-cli when installed, else a raw RESP exchange).
redis_ping() {
  if command -v redis-cli >/dev/null; then
    [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
  else
    local answer
    answer=$(exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'PING\r\n' >&3 && timeout 2 head -c 5 <&3) 2>/dev/null
    [[ $answer == "+PONG" ]]
  fi
}

# shellcheck disable=SC2317  # called from EXIT traps
redis_stop() {
  if [[ -n $REDIS_PID ]] && kill -0 "$REDIS_PID" 2>/dev/null; then
    kill "$REDIS_PID" >/dev/null 2>&1
    for _ in $(seq 1 50); do
      kill -0 "$REDIS_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$REDIS_PID" >/dev/null 2>&1
    wait "$REDIS_PID" 2>/dev/null
  fi
  [[ -n $REDIS_TMP ]] && rm -rf "$REDIS_TMP"
  REDIS_TMP=""
  REDIS_PID=""
  return 0
}
