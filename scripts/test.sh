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

# --- Cleanup: always stop the cluster and delete temp dirs -------------------
# Runs on every exit (success, failure, Ctrl-C). It prints nothing, so the
# "N passed, N failed" line stays the last line of output.
# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$?
  set +e
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
