# shellcheck shell=bash
# Helpers shared by scripts/test.sh and bench/run.sh (sourced, not run).
#
# The caller defines log() and die() (each script prefixes its own name) before sourcing.
# Sets IS_ROOT (1 when running as root).

IS_ROOT=0
[[ $EUID -eq 0 ]] && IS_ROOT=1

# apt_install PACKAGE [apt-get install options...]: `apt-get update`, then installs the package
# (with sudo unless root). Dies with a clear message when that is impossible or fails.
apt_install() {
  local package=$1 sudo=()
  shift
  if (( ! IS_ROOT )); then
    command -v sudo >/dev/null ||
      die "'$package' is not installed and we are not root and sudo is missing; install the '$package' package."
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null ||
    die "'$package' is not installed and apt-get is unavailable; install it and retry."
  log "'$package' not found; installing with apt-get..."
  "${sudo[@]}" apt-get update >&2 || die "apt-get update failed"
  # `env` so DEBIAN_FRONTEND survives sudo's environment reset.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" "$package" >&2 ||
    die "installing '$package' with apt-get failed"
}

# port_in_use PORT: true when something listens on 127.0.0.1:PORT.
port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n $(ss -Htln "sport = :$1" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# pick_port: prints a free TCP port on 127.0.0.1. Nothing reserves it: a caller picking several
# ports must start each listener (or skip duplicates) before trusting the next.
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

# random_hex N: N random bytes as lowercase hex (unique names, keys, cookies).
random_hex() {
  head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'
}
