#!/usr/bin/env bash
# This file is part of the LSP Perkoperasian Indonesia ERP.
# The restore drill (bench/restore_drill.py): backup while the server
# writes, restore in a fresh folder, serve, every record count and every
# evidence file equal.
#   bench/restore_drill.sh [--files 20] [--size 100000] [--sqlite]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec .venv/bin/python bench/restore_drill.py "$@"
