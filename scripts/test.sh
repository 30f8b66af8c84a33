#!/usr/bin/env bash
# Run every Paydesk test.
#
# Starts a throwaway PostgreSQL cluster, RabbitMQ node and Redis server
# (installing them with apt-get if needed), exports their addresses for the tests
# (PAYDESK_TEST_POSTGRES, PAYDESK_TEST_RABBITMQ, PAYDESK_TEST_REDIS, ...), runs `dotnet test` on
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

# The throwaway PostgreSQL and RabbitMQ servers (shared with bench/run.sh).
# shellcheck source=scripts/lib/common.sh
source scripts/lib/common.sh
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=scripts/lib/rabbitmq.sh
source scripts/lib/rabbitmq.sh
# shellcheck source=scripts/lib/redis.sh
source scripts/lib/redis.sh

# Set before the trap is installed, so cleanup never sees unset variables.
RESULTS=""

# --- Cleanup: always stop the servers and delete temp dirs -------------------
# Runs on every exit (success, failure, Ctrl-C). It prints nothing, so the
# "N passed, N failed" line stays the last line of output.
# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
  local rc=$?
  set +e
  redis_stop
  rabbitmq_stop
  postgres_stop
  [[ -n $RESULTS ]] && rm -rf "$RESULTS"
  exit "$rc"
}
trap cleanup EXIT
# Turn signals into a normal exit so the EXIT trap runs.
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- PostgreSQL -----------------------------------------------------------------
postgres_start paydesk-pg
export PAYDESK_TEST_POSTGRES="$PG_SERVER_CONNECTION"
# The server binaries (initdb, pg_ctl), for a test that runs and crashes a cluster of its own.
export PAYDESK_TEST_POSTGRES_BIN="$PG_BIN"

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
# A throwaway RabbitMQ node (scripts/lib/rabbitmq.sh). Exports for the tests:
#   PAYDESK_TEST_RABBITMQ          amqp://guest:guest@127.0.0.1:PORT/
#   PAYDESK_TEST_RABBITMQ_NODE     the node name
#   PAYDESK_TEST_RABBITMQCTL       a script running rabbitmqctl against this node
#                                  (the broker-outage test runs stop_app/start_app)
rabbitmq_start paydesk-test
export PAYDESK_TEST_RABBITMQ="$RMQ_URI"
export PAYDESK_TEST_RABBITMQ_NODE="$RMQ_NODE"
export PAYDESK_TEST_RABBITMQCTL="$RMQ_CTL"
# <<< RabbitMQ <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<

# >>> Redis (issue 19: scale-out) >>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
# A throwaway redis-server (scripts/lib/redis.sh). Exports for the tests:
#   PAYDESK_TEST_REDIS             127.0.0.1:PORT (a StackExchange.Redis configuration string)
#   PAYDESK_TEST_REDIS_SERVER      the redis-server binary, for a test that runs and kills a
#                                  server of its own (the fail-open test)
redis_start paydesk-redis
export PAYDESK_TEST_REDIS="$REDIS_ADDRESS"
export PAYDESK_TEST_REDIS_SERVER="$REDIS_BIN"
# <<< Redis <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<

# >>> OpenAPI lint and /docs browser test (issue 14) >>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
# The Redocly CLI, pinned in tests/openapi-lint/package-lock.json, lints the OpenAPI document in
# the tests (OpenApiDocumentTests). Exports PAYDESK_TEST_REDOCLY, the path to its binary.
command -v npm >/dev/null || die "npm is needed to install the Redocly CLI (tests/openapi-lint): install Node.js 20 or later"
npm ci --prefix tests/openapi-lint --no-audit --no-fund --ignore-scripts --loglevel=error >&2 ||
  die "'npm ci' in tests/openapi-lint failed (output above)"
export PAYDESK_TEST_REDOCLY="$PWD/tests/openapi-lint/node_modules/.bin/redocly"
[[ -x $PAYDESK_TEST_REDOCLY ]] || die "npm ci did not install $PAYDESK_TEST_REDOCLY"
# The browser test of /docs (ApiReferenceBrowserTests) drives Debian's Chromium with Playwright.
command -v chromium >/dev/null || apt_install chromium
PAYDESK_TEST_CHROMIUM=$(command -v chromium)
export PAYDESK_TEST_CHROMIUM
# <<< OpenAPI lint and /docs browser test <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<

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
