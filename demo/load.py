# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Load the demo data of LSP Perkoperasian Indonesia through proteus.

Every step looks for what it would create first, so running it again on a
database that already has the demo data changes nothing.

    python -m demo [-d DATABASE] [-c CONFIG]    (from the checkout root)

Each module has its demo in one file of this package (demo/base.py for
lsp_base, ...) that lists its steps in STEPS. The steps of every module run
in the order of MODULES, the order of their dependencies; a module that is
not activated in the database is skipped. A step is called with shared, a
dict the steps share: the first step of lsp_base puts the language
('lang'), the company ('company') and the demo users by login ('users') in
it. A new module adds its file and one line to MODULES.
"""
import argparse
import os

from proteus import Model
from proteus import config as proteus_config

from . import (
    appeal, base, bnsp, decision, keuangan, mutu, sertifikasi,
    surveillance, tuk)
from .tools import DEMO_PASSWORD

#: (module name, file of its demo), in the order of their dependencies
MODULES = [
    ('lsp_base', base),
    ('lsp_tuk', tuk),
    ('lsp_sertifikasi', sertifikasi),
    ('lsp_sertifikasi', decision),
    ('lsp_sertifikasi', surveillance),
    ('lsp_sertifikasi', appeal),
    ('lsp_sertifikasi', bnsp),
    ('lsp_keuangan', keuangan),
    ('lsp_mutu', mutu),
    ]

#: (module name, step): every step of the demo, in the order they run
STEPS = [(module, step) for module, file in MODULES for step in file.STEPS]


def activated_modules():
    "Return the names of the modules activated in the database"
    Module = Model.get('ir.module')
    return {m.name for m in Module.find([('state', '=', 'activated')])}


def load(config=None):
    """Run the steps of the activated modules on the current proteus
    connection, return the dict they shared"""
    activated = activated_modules()
    shared = {}
    for module, step in STEPS:
        if module in activated:
            step(shared)
    return shared


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('-d', '--database', default='lsp')
    parser.add_argument('-c', '--config', default=os.environ.get(
            'TRYTOND_CONFIG', 'trytond.conf'))
    args = parser.parse_args()
    proteus_config.set_trytond(
        database=args.database, user='admin', config_file=args.config)
    shared = load()
    print("Demo data loaded: %s users, password %r" % (
            len(shared.get('users', {})), DEMO_PASSWORD))


if __name__ == '__main__':
    main()
