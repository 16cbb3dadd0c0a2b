# Shared by scripts/dev and scripts/test: install what is missing, the same way on a fresh
# Debian/Ubuntu machine, as root or as a user with sudo.

repo_root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '\033[1;35m==>\033[0m %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to install system packages: run as root or install sudo"; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  say "Installing ${missing[*]}"
  if [[ $apt_updated -eq 0 ]]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

require_toolchains() {
  command -v cargo >/dev/null || die "Rust is missing: install it with rustup (https://rustup.rs)"
  command -v node >/dev/null || die "Node.js (20 or newer) is missing"
  command -v npm >/dev/null || die "npm is missing"
}

# PostgreSQL server binaries and contrib (pgcrypto, unaccent, pg_trgm).
ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql postgresql-contrib
  fi
  pg_major=$(ls -d /usr/lib/postgresql/*/bin/initdb | sed -E 's#.*/postgresql/([0-9]+)/.*#\1#' | sort -n | tail -1)
  apt_install "postgresql-contrib" "postgresql-client-$pg_major"
}

# pgTAP and pg_prove for the database tests.
ensure_pgtap() {
  ensure_postgres
  apt_install "postgresql-$pg_major-pgtap" libtap-parser-sourcehandler-pgtap-perl
}

# A Chromium for the browser tests: Debian's package, or a Chrome that is already there.
ensure_chromium() {
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/google-chrome /usr/bin/chromium-browser; do
    if [[ -n $candidate && -x $candidate ]]; then export CHROMIUM_PATH=$candidate; return 0; fi
  done
  apt_install chromium
  export CHROMIUM_PATH=/usr/bin/chromium
}

# A Python with aiosmtpd, the real SMTP server of the notification tests (tests/notify), in
# a virtualenv of the project's own (.local/venv); exported as RP_TEST_PYTHON.
ensure_test_python() {
  local venv=$repo_root/.local/venv
  if ! "$venv/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    say "Installing aiosmtpd into .local/venv"
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
      apt_install python3-venv
    fi
    rm -rf "$venv"
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check aiosmtpd \
      || die "could not install aiosmtpd into $venv"
  fi
  export RP_TEST_PYTHON=$venv/bin/python
}

# The web's npm packages, from the lockfile, when they changed.
ensure_web_deps() {
  local stamp=$repo_root/web/node_modules/.package-lock.json
  if [[ ! -f $stamp || $repo_root/web/package-lock.json -nt $stamp ]]; then
    say "Installing the web's npm packages"
    (cd "$repo_root/web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# A free TCP port on the loopback interface.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
