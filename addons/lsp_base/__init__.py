# This file is part of the LSP Perkoperasian Indonesia ERP.

from .database import wait_for_table_locks

wait_for_table_locks()
