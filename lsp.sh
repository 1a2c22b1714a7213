#!/usr/bin/env bash
# The two commands of the LSP ERP (see README.md):
#   ./lsp.sh demo   set up, create or upgrade the SQLite database "lsp" with
#                   demo data and serve the web client on http://localhost:8000
#   ./lsp.sh test   set up and run every test suite on SQLite and PostgreSQL
# and their parts: setup, init-db, load-demo, serve [--production], pg-start;
# backup [FOLDER], restore FOLDER and check-files (ops/backup.py).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
PY="$VENV/bin/python"
SAO_VERSION="8.0.11"
SAO_DIR="$ROOT/web/package"
DB_NAME="${LSP_DB:-lsp}"
MODULES="lsp_base lsp_tuk lsp_sertifikasi lsp_keuangan lsp_mutu"
DEMO_PASSWORD="lspdemo2026"
export TRYTOND_CONFIG="$ROOT/trytond.conf"
# What changes with the machine comes from the environment, with these
# defaults (see trytond.conf): the database server, the folders of the
# checkout (absolute) and the address the server listens on.
export TRYTOND_DATABASE__URI="${TRYTOND_DATABASE__URI:-sqlite://}"
export TRYTOND_DATABASE__PATH="${TRYTOND_DATABASE__PATH:-$ROOT/data}"
export TRYTOND_WEB__LISTEN="${TRYTOND_WEB__LISTEN:-localhost:8000}"
export TRYTOND_WEB__ROOT="${TRYTOND_WEB__ROOT:-$SAO_DIR}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

apt_install() {
    # Install Debian packages only when a command is missing.
    local missing=()
    while [ $# -gt 1 ]; do
        command -v "$1" >/dev/null 2>&1 || missing+=("$2")
        shift 2
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "Installing system packages: ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
    fi
}

setup_python() {
    if [ ! -x "$PY" ]; then
        log "Creating the virtualenv in .venv"
        python3 -m venv "$VENV"
        "$PY" -m pip install -q --upgrade pip
    fi
    local stamp="$VENV/.lsp-installed"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        log "Installing the Python packages"
        "$PY" -m pip install -q -e ".[test]"
        touch "$stamp"
    fi
}

setup_sao() {
    if [ -f "$SAO_DIR/index.html" ] && [ -d "$SAO_DIR/node_modules/jquery" ]; then
        return
    fi
    log "Installing the sao web client $SAO_VERSION from npm into web/package"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "tryton-sao@$SAO_VERSION" >/dev/null)
    rm -rf "$SAO_DIR"
    mkdir -p "$ROOT/web"
    tar -xzf "$tmp"/tryton-sao-*.tgz -C "$ROOT/web"
    rm -rf "$tmp"
    # sao's index.html loads its dependencies from node_modules beside it.
    (cd "$SAO_DIR" && npm install --silent --omit=dev --legacy-peer-deps \
        --no-audit --no-fund >/dev/null)
}

merge_sao_catalogue() {
    # The project's Indonesian of the web client replaces sao's own: merge
    # addons/lsp_base/locale/sao/id.po into web/package/locale/id.json
    # (sao's JSON: msgid -> [null, msgstr] or [msgid_plural, msgstr...]).
    "$PY" - "$ROOT/addons/lsp_base/locale/sao/id.po" \
        "$SAO_DIR/locale/id.json" <<'PYTHON'
import json
import sys

import polib

po_path, json_path = sys.argv[1:]
with open(json_path, encoding='utf-8') as fp:
    catalogue = json.load(fp)
for entry in polib.pofile(po_path):
    if entry.obsolete or 'fuzzy' in entry.flags:
        continue
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        forms += forms[-1:] * (2 - len(forms))
        catalogue[entry.msgid] = [entry.msgid_plural, *forms]
    elif entry.msgstr:
        catalogue[entry.msgid] = [None, entry.msgstr]
with open(json_path, 'w', encoding='utf-8') as fp:
    json.dump(catalogue, fp, ensure_ascii=False)
PYTHON
}

setup() {
    apt_install python3 python3 npm npm
    python3 -c 'import ensurepip' 2>/dev/null || apt_install _no_such_command_ python3-venv
    # Debian's chromium for the browser suite (tests/browser), driven by
    # Playwright without a browser download of its own
    [ -x /usr/bin/chromium ] || apt_install _no_such_command_ chromium
    setup_python
    setup_sao
    merge_sao_catalogue
}

pg_create_database() {
    # Create the PostgreSQL database of TRYTOND_DATABASE__URI if missing
    "$PY" - "$DB_NAME" <<'PYTHON'
import os
import sys

import psycopg
from trytond.config import parse_uri

name = sys.argv[1]
uri = parse_uri(os.environ['TRYTOND_DATABASE__URI'])
with psycopg.connect(
        host=uri.hostname, port=uri.port or 5432,
        user=uri.username or None, password=uri.password or None,
        dbname='postgres', autocommit=True) as conn:
    if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s",
            (name,)).fetchone():
        print("Creating the PostgreSQL database %s" % name, file=sys.stderr)
        conn.execute('CREATE DATABASE "%s"' % name.replace('"', '""'))
PYTHON
}

init_db() {
    # trytond-admin creates the tables of a new database (SQLite needs the
    # file to exist, PostgreSQL the database) and upgrades an existing one.
    mkdir -p "$TRYTOND_DATABASE__PATH"
    case "$TRYTOND_DATABASE__URI" in
        sqlite:*)
            if [ ! -f "$TRYTOND_DATABASE__PATH/$DB_NAME.sqlite" ]; then
                log "Creating the SQLite database $TRYTOND_DATABASE__PATH/$DB_NAME.sqlite"
                touch "$TRYTOND_DATABASE__PATH/$DB_NAME.sqlite"
            fi ;;
        postgresql:*)
            pg_create_database ;;
    esac
    log "Activating or upgrading $MODULES in database $DB_NAME"
    local passfile
    passfile="$(mktemp)"
    echo "$DEMO_PASSWORD" > "$passfile"
    TRYTONPASSFILE="$passfile" "$VENV/bin/trytond-admin" -d "$DB_NAME" \
        -l id --email admin@example.com -u $MODULES --activate-dependencies
    rm -f "$passfile"
}

load_demo() {
    log "Loading the demo data"
    # from the checkout root (lsp.sh cd's there), where the package demo is
    "$PY" -m demo -d "$DB_NAME"
}

serve() {
    if [ "${1:-}" = "--production" ]; then
        serve_production
        return
    fi
    log "Serving http://$TRYTOND_WEB__LISTEN (database $DB_NAME on ${TRYTOND_DATABASE__URI%%:*}; Ctrl-C stops)"
    # -d loads the database at start; without it trytond 8.0.12 answers the
    # first login with an error 500.
    exec "$VENV/bin/trytond" -d "$DB_NAME"
}

# the loop that starts a background process of the production mode again
SUPERVISE='while true; do "$@"; status=$?; echo "$(date -u +%FT%TZ) $0 ended ($status), starting again in 5 s" >&2; sleep 5; done'

serve_production() {
    # trytond.application:app under gunicorn (LSP_WORKERS processes of
    # LSP_THREADS threads) with trytond-cron and trytond-worker, on
    # PostgreSQL, with production.conf; logs in LSP_LOG_DIR (log/). The
    # three stop together (Ctrl-C, SIGTERM, or one of them ending).
    case "$TRYTOND_DATABASE__URI" in
        postgresql:*) ;;
        *) echo "The production mode needs PostgreSQL: set TRYTOND_DATABASE__URI=postgresql://... (README \"Production mode\"); SQLite allows one server process only." >&2
           exit 2 ;;
    esac
    case "$TRYTOND_DATABASE__URI" in
        *\?*) ;;
        *) export TRYTOND_DATABASE__URI="$TRYTOND_DATABASE__URI?connect_timeout=5" ;;
    esac
    export TRYTOND_CONFIG="${LSP_CONFIG:-$ROOT/production.conf}"
    export TRYTOND_DATABASE_NAMES="$DB_NAME"
    export TRYTOND_WEB__NUM_PROXIES="${TRYTOND_WEB__NUM_PROXIES:-1}"
    export TRYTOND_LOGGING_LEVEL="${TRYTOND_LOGGING_LEVEL:-30}"
    local logdir="${LSP_LOG_DIR:-$ROOT/log}"
    mkdir -p "$logdir"
    log "Serving http://$TRYTOND_WEB__LISTEN in production mode (database $DB_NAME, ${LSP_WORKERS:-2} workers x ${LSP_THREADS:-4} threads, cron and worker; logs in $logdir)"
    # each in a process group of its own (setsid), stopped as a group: the
    # processes of trytond-cron -n and trytond-worker -n go with them.
    # trytond-worker ends when it loses its database connection: cron and
    # worker start again 5 s after they end; gunicorn restarts its own
    # workers, and when gunicorn itself ends everything stops.
    # --keep-alive 0: a connection is closed after its response, so that
    # each request goes to a free worker (a worker keeps the kept-alive
    # connections it accepted, and one worker took most clients of a burst)
    local pids=()
    setsid bash -c "$SUPERVISE" cron "$VENV/bin/trytond-cron" -d "$DB_NAME" \
        -n 1 >>"$logdir/cron.log" 2>&1 &
    pids+=($!)
    setsid bash -c "$SUPERVISE" worker "$VENV/bin/trytond-worker" \
        -d "$DB_NAME" -n "${LSP_TASK_WORKERS:-1}" >>"$logdir/worker.log" 2>&1 &
    pids+=($!)
    setsid "$VENV/bin/gunicorn" --bind "$TRYTOND_WEB__LISTEN" \
        --workers "${LSP_WORKERS:-2}" --threads "${LSP_THREADS:-4}" \
        --worker-class gthread --timeout 120 --graceful-timeout 30 --keep-alive 0 \
        --access-logfile "$logdir/access.log" \
        --error-logfile "$logdir/server.log" --capture-output \
        --no-control-socket lsp_base.wsgi:app &
    local server=$!
    pids+=($server)
    local groups="-${pids[*]}"
    groups="${groups// / -}"
    # shellcheck disable=SC2064
    trap "kill -TERM -- $groups 2>/dev/null || true; wait; exit 0" TERM INT
    local status=0
    wait "$server" || status=$?
    log "gunicorn ended ($status): stopping cron and worker"
    kill -TERM -- $groups 2>/dev/null || true
    wait || true
    exit "$status"
}

pg_start() {
    if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
        return
    fi
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
        apt_install psql postgresql pg_ctlcluster postgresql-common
    fi
    log "Starting the PostgreSQL cluster"
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && return
        sleep 1
    done
    echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2
    exit 1
}

run_tests() {
    pg_start
    "$PY" tests/run_all.py "$@"
}

case "${1:-}" in
    demo) setup; init_db; load_demo; serve ;;
    test) shift; setup; run_tests "$@" ;;
    setup) setup ;;
    init-db) setup; init_db ;;
    load-demo) load_demo ;;
    serve) shift; serve "$@" ;;
    pg-start) pg_start ;;
    backup|restore|check-files) "$PY" -m ops.backup "$@" ;;
    *) echo "usage: $0 demo|test [backend...]|setup|init-db|load-demo|serve [--production]|pg-start|backup [FOLDER]|restore FOLDER|check-files" >&2
       exit 2 ;;
esac
