# shellcheck shell=bash disable=SC2034  # the variables set here are read by the scripts sourcing this file
# A throwaway RabbitMQ node on loopback, shared by scripts/test.sh and bench/run.sh (sourced after
# scripts/lib/common.sh, not run). Installed from Debian when missing, with its own node name,
# AMQP/distribution/epmd ports, data and log directories, config and Erlang cookie, so it never
# meets another node on the machine.
#
#   rabbitmq_start PREFIX   starts the node (name PREFIX-PID-PORT@localhost, files under
#                           /tmp/paydesk-rmq.XXXXXX) and waits until it has booted. Sets RMQ_URI
#                           (amqp://guest:guest@127.0.0.1:PORT/), RMQ_NODE, RMQ_PORT and RMQ_CTL
#                           (a script running rabbitmqctl against this node).
#   rabbitmq_stop           shuts the node and its epmd down and deletes its files; prints
#                           nothing, never fails (call it from the EXIT trap).

RMQ_SBIN=/usr/lib/rabbitmq/bin
# Set when sourced, so a trap never sees unset variables.
RMQ_TMP=""
RMQ_PID=""
RMQ_PORT=""
RMQ_DIST_PORT=""
RMQ_EPMD_PORT=""
RMQ_NODE=""
RMQ_URI=""
RMQ_CTL=""

install_rabbitmq() {
  local sudo=() policy_added=0
  (( IS_ROOT )) || sudo=(sudo)
  # The package would start a system-wide node; we only want our own, so forbid service starts
  # during the install (only if no policy is in place already).
  if [[ ! -e /usr/sbin/policy-rc.d ]] && command -v apt-get >/dev/null && { (( IS_ROOT )) || command -v sudo >/dev/null; }; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  local rc=0
  (apt_install rabbitmq-server --no-install-recommends) || rc=$?
  (( policy_added )) && "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
  (( rc == 0 )) || die "installing rabbitmq-server failed (exit code $rc)"
}

# Runs a RabbitMQ CLI tool with this node's environment (cookie via HOME, epmd port).
rmq_env() {
  env HOME="$RMQ_TMP/home" ERL_EPMD_PORT="$RMQ_EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_NODENAME="$RMQ_NODE" RABBITMQ_CONF_ENV_FILE="$RMQ_TMP/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$RMQ_TMP/rabbitmq.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_TMP/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_TMP/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$RMQ_TMP/mnesia" RABBITMQ_LOG_BASE="$RMQ_TMP/log" \
    RABBITMQ_PID_FILE="$RMQ_TMP/rabbitmq.pid" "$@"
}

rabbitmq_start() {
  local prefix=$1 p
  if [[ ! -x $RMQ_SBIN/rabbitmq-server || ! -x $RMQ_SBIN/rabbitmqctl ]]; then
    install_rabbitmq
    [[ -x $RMQ_SBIN/rabbitmq-server && -x $RMQ_SBIN/rabbitmqctl ]] ||
      die "RabbitMQ binaries still not found in $RMQ_SBIN after installing."
  fi

  RMQ_TMP=$(mktemp -d /tmp/paydesk-rmq.XXXXXX)
  mkdir -p "$RMQ_TMP/home" "$RMQ_TMP/mnesia" "$RMQ_TMP/log"
  RMQ_PORT=$(pick_port) || die "could not find a free TCP port for RabbitMQ"
  # pick_port may hand out the same free port twice: skip those already taken by this run.
  RMQ_DIST_PORT=""
  RMQ_EPMD_PORT=""
  for _ in $(seq 1 50); do
    p=$(pick_port) || die "could not find a free TCP port for RabbitMQ"
    [[ $p == "$RMQ_PORT" || $p == "${PG_PORT:-}" || $p == "$RMQ_DIST_PORT" ]] && continue
    if [[ -z $RMQ_DIST_PORT ]]; then RMQ_DIST_PORT=$p; else RMQ_EPMD_PORT=$p; break; fi
  done
  [[ -n $RMQ_DIST_PORT && -n $RMQ_EPMD_PORT ]] || die "could not find free TCP ports for RabbitMQ"
  RMQ_NODE="$prefix-$$-$RMQ_PORT@localhost"
  random_hex 32 >"$RMQ_TMP/home/.erlang.cookie"
  chmod 400 "$RMQ_TMP/home/.erlang.cookie"
  : >"$RMQ_TMP/rabbitmq-env.conf"
  echo '[].' >"$RMQ_TMP/enabled_plugins"
  echo '[].' >"$RMQ_TMP/advanced.config"
  cat >"$RMQ_TMP/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$RMQ_PORT
distribution.listener.interface = 127.0.0.1
distribution.listener.port_range.min = $RMQ_DIST_PORT
distribution.listener.port_range.max = $RMQ_DIST_PORT
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = warning
CONF
  RMQ_CTL=$RMQ_TMP/rabbitmqctl
  cat >"$RMQ_CTL" <<CTL
#!/usr/bin/env bash
exec env HOME="$RMQ_TMP/home" ERL_EPMD_PORT="$RMQ_EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_CONF_ENV_FILE="$RMQ_TMP/rabbitmq-env.conf" \\
  "$RMQ_SBIN/rabbitmqctl" -n "$RMQ_NODE" "\$@"
CTL
  chmod 755 "$RMQ_CTL"

  # Started from its own directory: a crashing Erlang node writes its dump (MnesiaCore.*,
  # erl_crash.dump) into the working directory, which must not be the repository.
  (cd "$RMQ_TMP" && rmq_env RABBITMQ_NODE_PORT="$RMQ_PORT" RABBITMQ_DIST_PORT="$RMQ_DIST_PORT" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_CRASH_DUMP="$RMQ_TMP/erl_crash.dump" \
    "$RMQ_SBIN/rabbitmq-server") >"$RMQ_TMP/server.out" 2>&1 &
  RMQ_PID=$!

  # Poll until the node has booted, with a deadline.
  local deadline=$((SECONDS + 120))
  until timeout 30 "$RMQ_CTL" await_startup --timeout 10 >/dev/null 2>&1; do
    if ! kill -0 "$RMQ_PID" 2>/dev/null; then
      cat "$RMQ_TMP/server.out" "$RMQ_TMP"/log/*.log >&2 2>/dev/null || true
      die "RabbitMQ exited during start-up (output above)"
    fi
    if (( SECONDS >= deadline )); then
      cat "$RMQ_TMP/server.out" "$RMQ_TMP"/log/*.log >&2 2>/dev/null || true
      die "RabbitMQ on 127.0.0.1:$RMQ_PORT did not become ready within 120 s"
    fi
    sleep 1
  done
  log "RabbitMQ node $RMQ_NODE running on 127.0.0.1:$RMQ_PORT"
  RMQ_URI="amqp://guest:guest@127.0.0.1:$RMQ_PORT/"
}

# shellcheck disable=SC2317  # called from EXIT traps
rabbitmq_stop() {
  [[ -n $RMQ_TMP ]] || return 0
  if [[ -n $RMQ_PID ]] && kill -0 "$RMQ_PID" 2>/dev/null; then
    timeout 30 "$RMQ_CTL" shutdown >/dev/null 2>&1
    if kill -0 "$RMQ_PID" 2>/dev/null; then
      kill -9 "$RMQ_PID" >/dev/null 2>&1
    fi
  fi
  # The node's own epmd (on its own port) outlives the node: stop it too.
  if [[ -n $RMQ_EPMD_PORT ]]; then
    local epmd
    epmd=$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | head -n 1)
    [[ -n $epmd ]] && ERL_EPMD_PORT="$RMQ_EPMD_PORT" timeout 10 "$epmd" -kill >/dev/null 2>&1
  fi
  rm -rf "$RMQ_TMP"
  RMQ_TMP=""
  return 0
}
