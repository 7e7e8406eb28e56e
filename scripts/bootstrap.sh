# Shared set-up for scripts/start and scripts/test. Sourced, not run.
# Installs what a fresh machine lacks: the system packages the PDF renderer and the browser
# tests need (Debian), a virtual environment with the pinned requirements, and starts the
# local PostgreSQL cluster when asked to.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to run: $*"; fi
}

# Debian packages: WeasyPrint's Pango/HarfBuzz, the order's font chain (orders/pdf/glyphs.py:
# Liberation Serif, the Times-metric serif of the pleading paper; FreeSerif for Vietnamese, Greek
# and the rest of Latin; Noto Serif CJK for Chinese, Japanese and Korean names), poppler for PDF
# previews, Chromium for the end-to-end tests.
# LibreOffice (headless) for the DOCX layout tests.
ensure_system_packages() {
    local missing=()
    fc-list 2>/dev/null | grep -q "LiberationSerif-Regular" || missing+=(fonts-liberation fontconfig)
    # (a family named, so fc-list prints a few lines: grep -q closing the pipe early is no failure)
    fc-list "FreeSerif" file 2>/dev/null | grep -q "FreeSerif" || missing+=(fonts-freefont-ttf)
    fc-list "Noto Serif CJK SC" file 2>/dev/null | grep -q "NotoSerifCJK" || missing+=(fonts-noto-cjk)
    ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
    ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so" || missing+=(libharfbuzz-subset0)
    command -v pdftoppm >/dev/null || missing+=(poppler-utils)
    if [ "${NEED_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
    # npm (with Node.js) installs axe-core, the accessibility audit the browser tests inject.
    if [ "${NEED_BROWSER:-0}" = 1 ] && ! command -v npm >/dev/null; then missing+=(npm); fi
    # LibreOffice, headless: the tests open every exported DOCX in a real word processor.
    if [ "${NEED_OFFICE:-0}" = 1 ] && ! command -v soffice >/dev/null; then missing+=(libreoffice-writer-nogui); fi
    if [ ${#missing[@]} -gt 0 ]; then
        command -v apt-get >/dev/null || die "missing system packages (${missing[*]}) and no apt-get to install them"
        log "Installing system packages: ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        fc-cache -f >/dev/null 2>&1 || true
    fi
}

find_python() {
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            echo "$candidate"; return
        fi
    done
    die "Python 3.11 is required (python3.11 not found)"
}

ensure_venv() {
    if [ ! -x "$PY" ]; then
        log "Creating virtual environment in .venv"
        "$(find_python)" -m venv "$VENV"
    fi
    local stamp="$VENV/.requirements.sha256" want
    want="$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" | sha256sum | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        log "Installing Python requirements (pinned)"
        "$PY" -m pip install -q --upgrade pip >/dev/null
        "$PY" -m pip install -q -r "$ROOT/requirements-dev.txt"
        echo "$want" > "$stamp"
    fi
}

# The browser tests' JavaScript, pinned in package.json / package-lock.json (axe-core, injected
# into every page by tests/browser.py): `npm ci` when node_modules is missing or the lock changed.
ensure_node_modules() {
    local stamp="$ROOT/node_modules/.package-lock.sha256" want
    want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
    if [ -f "$ROOT/node_modules/axe-core/axe.min.js" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return
    fi
    command -v npm >/dev/null || die "npm is needed to install axe-core for the browser tests (apt-get install npm)"
    log "Installing the browser tests' JavaScript (npm ci: axe-core)"
    (cd "$ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) \
        || die "npm ci failed (see above)"
    echo "$want" > "$stamp"
}

# Start the local PostgreSQL cluster if it is installed but stopped; fail clearly if none.
ensure_postgres() {
    local host="${PGHOST:-127.0.0.1}" port="${PGPORT:-5432}"
    if pg_isready -q -h "$host" -p "$port" 2>/dev/null; then return; fi
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
        local version
        version="$(ls /etc/postgresql | sort -V | tail -1)"
        log "Starting PostgreSQL cluster $version/main"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
        for _ in $(seq 1 30); do
            pg_isready -q -h "$host" -p "$port" && return
            sleep 1
        done
    fi
    die "no PostgreSQL server reachable at $host:$port. Install and start PostgreSQL 15 \
(apt-get install postgresql) or set TEST_DATABASE_URL to a reachable server."
}
