# shellcheck shell=bash disable=SC2034  # the variables set here are read by the scripts sourcing this file
# A throwaway PostgreSQL cluster on loopback, shared by scripts/test.sh and bench/run.sh
# (sourced after scripts/lib/common.sh, not run).
#
#   postgres_start PREFIX   finds (or installs with apt-get) the server binaries, creates a cluster
#                           under /tmp/PREFIX.XXXXXX, starts it on a free port with durability off
#                           and waits until it accepts TCP connections. Sets PG_BIN, PG_TMP, PG_PORT
#                           and PG_SERVER_CONNECTION (an Npgsql connection string to the "postgres"
#                           database, trust auth).
#   postgres_stop           stops the cluster and deletes its directory; prints nothing, never
#                           fails (call it from the EXIT trap).
#   pg_run CMD...           runs a PostgreSQL binary (as the "postgres" OS user when root).

# Set when sourced, so a trap never sees unset variables.
PG_BIN=""
PG_TMP=""
PG_PORT=""
PG_SERVER_CONNECTION=""

# initdb/pg_ctl/postgres refuse to run as root, so as root they run as the "postgres" OS user.
# cd into the temp dir first: the postgres user may not be allowed to read our current directory.
pg_run() {
  if (( IS_ROOT )); then
    (cd "$PG_TMP" && runuser -u postgres -- env LC_ALL=C "$@")
  else
    (cd "$PG_TMP" && env LC_ALL=C "$@")
  fi
}

# Prints the directory holding initdb and pg_ctl: PATH first (a user's own install wins), then the
# newest Debian/Ubuntu /usr/lib/postgresql/*/bin (Debian does not put initdb/pg_ctl in PATH).
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

# Prints the path of a PostgreSQL client tool (psql, pg_isready): PG_BIN, PATH, then Debian's dirs.
find_pg_tool() {
  local dir
  if [[ -n $PG_BIN && -x $PG_BIN/$1 ]]; then
    echo "$PG_BIN/$1"
    return 0
  fi
  if command -v "$1" >/dev/null; then
    command -v "$1"
    return 0
  fi
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [[ -x $dir/$1 ]]; then
      echo "$dir/$1"
      return 0
    fi
  done
  return 1
}

postgres_start() {
  local prefix=$1
  if ! PG_BIN=$(find_pg_bin); then
    apt_install postgresql
    PG_BIN=$(find_pg_bin) ||
      die "PostgreSQL server binaries (initdb, pg_ctl) still not found after installing; looked in PATH and /usr/lib/postgresql/*/bin."
  fi
  log "using PostgreSQL binaries in $PG_BIN"

  if (( IS_ROOT )); then
    command -v runuser >/dev/null || die "running as root needs 'runuser' (util-linux) to start PostgreSQL as another user."
    # The Debian package creates this user; binaries installed another way may not have.
    if ! id -u postgres >/dev/null 2>&1; then
      log "creating system user 'postgres'"
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
  fi

  # Always under /tmp (not $TMPDIR): the postgres user must be able to reach it, and the Unix
  # socket path placed here must stay short (~107 chars max).
  PG_TMP=$(mktemp -d "/tmp/$prefix.XXXXXX")
  (( IS_ROOT )) && chown postgres: "$PG_TMP"

  # C.UTF-8 gives deterministic collation with working Unicode case mapping; fall back to plain C
  # where it does not exist. (Captured first: `locale -a | grep -q` can trip pipefail via SIGPIPE.)
  local locale=C available_locales
  available_locales=$(locale -a 2>/dev/null || true)
  if grep -qiE '^c\.utf-?8$' <<<"$available_locales"; then
    locale=C.UTF-8
  fi

  pg_run "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust \
    -E UTF8 --locale="$locale" --no-sync >"$PG_TMP/initdb.log" 2>&1 || {
    cat "$PG_TMP/initdb.log" >&2
    die "initdb failed (output above)"
  }

  PG_PORT=$(pick_port) || die "could not find a free TCP port on 127.0.0.1"

  # Durability is pointless for a throwaway database: turn it off for speed.
  local opts="-p $PG_PORT -k '$PG_TMP' -c listen_addresses=127.0.0.1"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  opts+=" -c max_connections=300"
  if ! pg_run "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" \
    -o "$opts" -w -t 60 start >/dev/null; then
    log "PostgreSQL failed to start; server log:"
    cat "$PG_TMP/server.log" >&2 || true
    die "could not start PostgreSQL on port $PG_PORT"
  fi

  # pg_ctl -w already waited; double-check over TCP, which is what the clients use.
  local isready ready=0
  if isready=$(find_pg_tool pg_isready); then
    for _ in $(seq 1 60); do
      if "$isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; then
        ready=1
        break
      fi
      sleep 0.5
    done
    if (( ! ready )); then
      log "PostgreSQL is not accepting connections; server log:"
      cat "$PG_TMP/server.log" >&2 || true
      die "PostgreSQL on port $PG_PORT never became ready"
    fi
  fi
  log "PostgreSQL running on 127.0.0.1:$PG_PORT"

  # Trust auth: the password is ignored, but Npgsql-style strings expect one.
  PG_SERVER_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
}

# shellcheck disable=SC2317  # called from EXIT traps
postgres_stop() {
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
  PG_TMP=""
  return 0
}
