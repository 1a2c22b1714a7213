# This file is part of the LSP Perkoperasian Indonesia ERP.
"Helpers shared by the cross-module tests."
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(ROOT, 'addons')


def lsp_modules():
    "Return the names of the LSP modules of the checkout"
    return sorted(
        name for name in os.listdir(ADDONS)
        if os.path.isfile(os.path.join(ADDONS, name, 'tryton.cfg')))


def postgresql_admin_connection(uri):
    "Return an autocommit connection to the postgres database of uri"
    import psycopg

    from trytond.config import parse_uri
    uri = parse_uri(uri)
    return psycopg.connect(
        host=uri.hostname, port=uri.port or 5432,
        user=uri.username or None, password=uri.password or None,
        dbname='postgres', autocommit=True)
