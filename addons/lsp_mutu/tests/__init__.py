# This file is part of the LSP Perkoperasian Indonesia ERP.
