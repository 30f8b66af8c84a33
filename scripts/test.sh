#!/usr/bin/env bash
# Run every Paydesk test.
#
# Starts a throwaway PostgreSQL cluster (installing PostgreSQL with apt-get if
# needed), exports PAYDESK_TEST_POSTGRES for the tests, runs `dotnet test` on
# the solution and prints "N passed, N failed" as the very last line.
# Extra arguments are passed to `dotnet test`, e.g.:
#   scripts/test.sh --filter "FullyQualifiedName~Invoices"
#
# Works as a normal user and as root (CI runs it as root in a fresh clone).
set -euo pipefail

cd "$(dirname "$0")/.."

# Keep the .NET CLI quiet and non-interactive (respect values already set).
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

log() { echo "test.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

IS_ROOT=0
[[ $EUID -eq 0 ]] && IS_ROOT=1

# Set before the trap is installed, so cleanup never sees unset variables.
PG_BIN=""
PG_TMP=""
RESULTS=""
RMQ_TMP=""
RMQ_PID=""
RMQ_EPMD_PORT=""

# --- Cleanup: always stop the cluster and delete temp dirs -------------------
# Runs on every exit (success, failure, Ctrl-C). It prints nothing, so the
# "N passed, N failed" line stays the last line of output.
# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$?
  set +e
  declare -F rabbitmq_stop >/dev/null && rabbitmq_stop
  if [[ -n $PG_TMP && -f $PG_TMP/data/postmaster.pid ]]; then
    pg_run "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1
    # If pg_ctl could not stop it, kill the postmaster by its recorded PID.
    if [[ -f $PG_TMP/data/postmaster.pid ]]; then
      local pid
      pid=$(head -n 1 "$PG_TMP/data/postmaster.pid" 2>/dev/null)
      [[ $pid =~ ^[0-9]+$ ]] && kill -9 "$pid" >/dev/null 2>&1
    fi
  fi
  [[ -n $PG_TMP ]] && rm -rf "$PG_TMP"
  [[ -n $RESULTS ]] && rm -rf "$RESULTS"
  exit "$rc"
}
trap cleanup EXIT
# Turn signals into a normal exit so the EXIT trap runs.
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# Run a PostgreSQL binary. initdb/pg_ctl/postgres refuse to run as root, so as
# root they run as the "postgres" OS user. cd into the temp dir first: the
# postgres user may not be allowed to read our current directory.
pg_run() {
  if (( IS_ROOT )); then
    (cd "$PG_TMP" && runuser -u postgres -- env LC_ALL=C "$@")
  else
    (cd "$PG_TMP" && env LC_ALL=C "$@")
  fi
}

# --- Find (or install) the PostgreSQL server binaries ------------------------
# Prints the directory holding initdb and pg_ctl: PATH first (a user's own
# install wins), then the newest Debian/Ubuntu /usr/lib/postgresql/*/bin.
# Debian does not put initdb/pg_ctl in PATH, hence the second lookup.
find_pg_bin() {
  local initdb dir
  if initdb=$(command -v initdb) && command -v pg_ctl >/dev/null; then
    dirname "$initdb"
    return 0
  fi
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

install_postgres() {
  local sudo=()
  if (( ! IS_ROOT )); then
    command -v sudo >/dev/null ||
      die "PostgreSQL is not installed and we are not root and sudo is missing; install the 'postgresql' package."
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null ||
    die "PostgreSQL is not installed and apt-get is unavailable; install PostgreSQL (initdb, pg_ctl) and retry."
  log "PostgreSQL server binaries not found; installing with apt-get..."
  "${sudo[@]}" apt-get update
  # `env` so DEBIAN_FRONTEND survives sudo's environment reset.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
}

if ! PG_BIN=$(find_pg_bin); then
  install_postgres
  PG_BIN=$(find_pg_bin) ||
    die "PostgreSQL server binaries (initdb, pg_ctl) still not found after installing; looked in PATH and /usr/lib/postgresql/*/bin."
fi
log "using PostgreSQL binaries in $PG_BIN"

# --- Create the throwaway cluster --------------------------------------------
if (( IS_ROOT )); then
  command -v runuser >/dev/null || die "running as root needs 'runuser' (util-linux) to start PostgreSQL as another user."
  # The Debian package creates this user; binaries installed another way may not have.
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating system user 'postgres'"
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
fi

# Always under /tmp (not $TMPDIR): the postgres user must be able to reach it,
# and the Unix socket path placed here must stay short (~107 chars max).
PG_TMP=$(mktemp -d /tmp/paydesk-pg.XXXXXX)
(( IS_ROOT )) && chown postgres: "$PG_TMP"

# C.UTF-8 gives deterministic collation with working Unicode case mapping;
# fall back to plain C where it does not exist.
# (Captured first: `locale -a | grep -q` can trip pipefail via SIGPIPE.)
LOCALE=C
available_locales=$(locale -a 2>/dev/null || true)
if grep -qiE '^c\.utf-?8$' <<<"$available_locales"; then
  LOCALE=C.UTF-8
fi

pg_run "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust \
  -E UTF8 --locale="$LOCALE" --no-sync >"$PG_TMP/initdb.log" 2>&1 || {
  cat "$PG_TMP/initdb.log" >&2
  die "initdb failed (output above)"
}

# --- Pick a free port on 127.0.0.1 -------------------------------------------
port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n $(ss -Htln "sport = :$1" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

pick_port() {
  local port
  # Let the kernel choose an unused port, if python3 works.
  if port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null) &&
    [[ $port =~ ^[0-9]+$ ]] && ! port_in_use "$port"; then
    echo "$port"
    return 0
  fi
  for ((port = 55432; port < 55632; port++)); do
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

PORT=$(pick_port) || die "could not find a free TCP port on 127.0.0.1"

# --- Start the server ---------------------------------------------------------
# Durability is pointless for a throwaway test database: turn it off for speed.
PG_OPTS="-p $PORT -k '$PG_TMP' -c listen_addresses=127.0.0.1"
PG_OPTS+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
PG_OPTS+=" -c max_connections=300"
if ! pg_run "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" \
  -o "$PG_OPTS" -w -t 60 start >/dev/null; then
  log "PostgreSQL failed to start; server log:"
  cat "$PG_TMP/server.log" >&2 || true
  die "could not start PostgreSQL on port $PORT"
fi

# pg_ctl -w already waited; double-check over TCP, which is what the tests use.
PG_ISREADY=""
if [[ -x $PG_BIN/pg_isready ]]; then
  PG_ISREADY=$PG_BIN/pg_isready
elif command -v pg_isready >/dev/null; then
  PG_ISREADY=$(command -v pg_isready)
fi
if [[ -n $PG_ISREADY ]]; then
  ready=0
  for _ in $(seq 1 60); do
    if "$PG_ISREADY" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
      ready=1
      break
    fi
    sleep 0.5
  done
  if (( ! ready )); then
    log "PostgreSQL is not accepting connections; server log:"
    cat "$PG_TMP/server.log" >&2 || true
    die "PostgreSQL on port $PORT never became ready"
  fi
fi
log "PostgreSQL running on 127.0.0.1:$PORT"

# Trust auth: the password is ignored, but Npgsql-style strings expect one.
export PAYDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres;Database=postgres"

# --- Vulnerable packages (issue 7) -------------------------------------------
# A package with a known vulnerability fails the run, before any test. The check
# needs the feed's vulnerability data (the VulnerabilityInfo resource of its
# service index); a feed without it can report nothing, so that is said loudly
# but does not fail the run: only a real finding does.
check_vulnerable_packages() {
  local report
  if ! report=$(dotnet list Paydesk.slnx package --vulnerable --include-transitive --format json 2>&1); then
    echo "$report" >&2
    die "'dotnet list package --vulnerable' failed (output above)"
  fi
  if grep -q '"vulnerabilities"' <<<"$report"; then
    echo "$report" >&2
    die "vulnerable NuGet packages found (above): update them in Directory.Packages.props"
  fi
  # The configured feeds' service indexes say whether they serve vulnerability data.
  local index source has_data=0
  for source in $(dotnet nuget list source --format short 2>/dev/null | awk '$1 == "E" && $2 ~ /^https?:/ {print $2}'); do
    if command -v curl >/dev/null && index=$(curl -fsS --max-time 20 "$source" 2>/dev/null) &&
      grep -q 'VulnerabilityInfo' <<<"$index"; then
      has_data=1
    fi
  done
  if (( ! has_data )); then
    log "WARNING: the NuGet feed publishes no vulnerability data; 'dotnet list package --vulnerable' could not check anything."
  else
    log "no vulnerable NuGet packages"
  fi
}
check_vulnerable_packages
# >>> RabbitMQ (issue 4: outbox relay) >>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
# A throwaway RabbitMQ node on loopback for the messaging tests: installed from
# Debian when missing, with its own node name, AMQP/distribution/epmd ports,
# data and log directories, config and Erlang cookie, so it never meets another
# node on the machine. Exports for the tests:
#   PAYDESK_TEST_RABBITMQ          amqp://guest:guest@127.0.0.1:PORT/
#   PAYDESK_TEST_RABBITMQ_NODE     the node name
#   PAYDESK_TEST_RABBITMQCTL       a script running rabbitmqctl against this node
#                                  (the broker-outage test runs stop_app/start_app)
RMQ_SBIN=/usr/lib/rabbitmq/bin

install_rabbitmq() {
  local sudo=() policy_added=0
  if (( ! IS_ROOT )); then
    command -v sudo >/dev/null ||
      die "rabbitmq-server is not installed and we are not root and sudo is missing; install the 'rabbitmq-server' package."
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null ||
    die "rabbitmq-server is not installed and apt-get is unavailable; install RabbitMQ and retry."
  log "rabbitmq-server not found; installing with apt-get..."
  # The package would start a system-wide node; we only want our own, so forbid
  # service starts during the install (only if no policy is in place already).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  local rc=0
  "${sudo[@]}" apt-get update || rc=$?
  (( rc == 0 )) && { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rabbitmq-server || rc=$?; }
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

# shellcheck disable=SC2317  # called from the EXIT trap
rabbitmq_stop() {
  [[ -n $RMQ_TMP ]] || return 0
  if [[ -n $RMQ_PID ]] && kill -0 "$RMQ_PID" 2>/dev/null; then
    timeout 30 "$RMQ_TMP/rabbitmqctl" shutdown >/dev/null 2>&1
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
}

if [[ ! -x $RMQ_SBIN/rabbitmq-server || ! -x $RMQ_SBIN/rabbitmqctl ]]; then
  install_rabbitmq
  [[ -x $RMQ_SBIN/rabbitmq-server && -x $RMQ_SBIN/rabbitmqctl ]] ||
    die "RabbitMQ binaries still not found in $RMQ_SBIN after installing."
fi

RMQ_TMP=$(mktemp -d /tmp/paydesk-rmq.XXXXXX)
mkdir -p "$RMQ_TMP/home" "$RMQ_TMP/mnesia" "$RMQ_TMP/log"
RMQ_PORT=$(pick_port) || die "could not find a free TCP port for RabbitMQ"
# pick_port may hand out the same free port twice: reserve each before picking the next.
RMQ_DIST_PORT=""
RMQ_EPMD_PORT=""
for _ in $(seq 1 50); do
  p=$(pick_port) || die "could not find a free TCP port for RabbitMQ"
  [[ $p == "$RMQ_PORT" || $p == "$PORT" || $p == "$RMQ_DIST_PORT" ]] && continue
  if [[ -z $RMQ_DIST_PORT ]]; then RMQ_DIST_PORT=$p; else RMQ_EPMD_PORT=$p; break; fi
done
[[ -n $RMQ_DIST_PORT && -n $RMQ_EPMD_PORT ]] || die "could not find free TCP ports for RabbitMQ"
RMQ_NODE="paydesk-test-$$-$RMQ_PORT@localhost"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$RMQ_TMP/home/.erlang.cookie"
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
# The script the tests use to run rabbitmqctl against this node.
cat >"$RMQ_TMP/rabbitmqctl" <<CTL
#!/usr/bin/env bash
exec env HOME="$RMQ_TMP/home" ERL_EPMD_PORT="$RMQ_EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_CONF_ENV_FILE="$RMQ_TMP/rabbitmq-env.conf" \\
  "$RMQ_SBIN/rabbitmqctl" -n "$RMQ_NODE" "\$@"
CTL
chmod 755 "$RMQ_TMP/rabbitmqctl"

rmq_env RABBITMQ_NODE_PORT="$RMQ_PORT" RABBITMQ_DIST_PORT="$RMQ_DIST_PORT" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  "$RMQ_SBIN/rabbitmq-server" >"$RMQ_TMP/server.out" 2>&1 &
RMQ_PID=$!

# Poll until the node has booted, with a deadline.
rmq_deadline=$((SECONDS + 120))
until timeout 30 "$RMQ_TMP/rabbitmqctl" await_startup --timeout 10 >/dev/null 2>&1; do
  if ! kill -0 "$RMQ_PID" 2>/dev/null; then
    cat "$RMQ_TMP/server.out" "$RMQ_TMP"/log/*.log >&2 2>/dev/null || true
    die "RabbitMQ exited during start-up (output above)"
  fi
  if (( SECONDS >= rmq_deadline )); then
    cat "$RMQ_TMP/server.out" "$RMQ_TMP"/log/*.log >&2 2>/dev/null || true
    die "RabbitMQ on 127.0.0.1:$RMQ_PORT did not become ready within 120 s"
  fi
  sleep 1
done
log "RabbitMQ node $RMQ_NODE running on 127.0.0.1:$RMQ_PORT"
export PAYDESK_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$RMQ_PORT/"
export PAYDESK_TEST_RABBITMQ_NODE="$RMQ_NODE"
export PAYDESK_TEST_RABBITMQCTL="$RMQ_TMP/rabbitmqctl"
# <<< RabbitMQ <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<

# --- Run the tests --------------------------------------------------------------
RESULTS=$(mktemp -d)

# Capture the exit code instead of letting `set -e` abort: we still want the
# summary line (and the trap cleans up either way).
dotnet_rc=0
dotnet test Paydesk.slnx -c Release --logger "trx" --results-directory "$RESULTS" "$@" || dotnet_rc=$?

# --- Count results from the TRX files -------------------------------------------
# Each TRX has <Counters total=".." executed=".." passed=".." failed=".." ...>.
# error/timeout/aborted are failures too.
counter() { # counter NAME "<Counters ...>"  -> the attribute's value, or 0
  local v
  v=$(sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
  echo "${v:-0}"
}

trx_files=0
executed=0
passed=0
failed=0
while IFS= read -r -d '' trx; do
  trx_files=$((trx_files + 1))
  # Flatten the file so the element is found even if it spans lines.
  counters=$(tr '\r\n' '  ' <"$trx" | grep -o '<Counters[[:space:]][^>]*>' | head -n 1 || true)
  if [[ -z $counters ]]; then
    log "no <Counters> element in $trx"
    continue
  fi
  executed=$((executed + $(counter executed "$counters")))
  passed=$((passed + $(counter passed "$counters")))
  failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") +
    $(counter timeout "$counters") + $(counter aborted "$counters")))
done < <(find "$RESULTS" -type f -name '*.trx' -print0)

if (( trx_files == 0 )); then
  log "ERROR: dotnet test produced no .trx results (exit code $dotnet_rc); see its output above."
  echo "$passed passed, $failed failed"
  exit 1
fi
if (( executed == 0 )); then
  log "ERROR: no tests were executed (exit code $dotnet_rc)."
  echo "$passed passed, $failed failed"
  exit 1
fi
if (( dotnet_rc != 0 && failed == 0 )); then
  log "ERROR: dotnet test exited with code $dotnet_rc although no test failed."
fi

echo "$passed passed, $failed failed"
(( dotnet_rc == 0 && failed == 0 )) || exit 1
exit 0
