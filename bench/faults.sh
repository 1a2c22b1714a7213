#!/usr/bin/env bash
# This file is part of the LSP Perkoperasian Indonesia ERP.
# Faults during load, against the production mode on PostgreSQL:
#   bench/faults.sh [-n 50] [--writers 10] [--seconds 60] [--outage 10]
# runs bench/load.py --faults: N JSON-RPC clients for --seconds; at a third
# of the run one gunicorn worker is killed (SIGKILL), at two thirds the
# connection of the server to PostgreSQL is cut for --outage seconds (every
# connection closed and new ones refused, as during a restart of PostgreSQL,
# through a TCP relay so that the shared cluster itself is not restarted).
# Prints the errors by kind, the lost writes (letters whose registration was
# acknowledged and which are not registered afterwards: must be 0), the
# integrity of the numbers and, for each fault, the seconds until the first
# successful call after it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec .venv/bin/python bench/load.py --faults "$@"
