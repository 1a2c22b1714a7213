# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Load the demo data: python -m demo [-d DATABASE] [-c CONFIG]

See demo/load.py."""
from .load import main

if __name__ == '__main__':
    main()
