# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The databases of the benchmarks: on SQLite in bench/.db/, else on the
PostgreSQL server of the URI"""
import os
import secrets
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
DATA = os.path.join(ROOT, 'bench', '.db')


def admin_connection(uri):
    "Return an autocommit connection to the postgres database of uri"
    sys.path.insert(0, ROOT)
    from tests.tools import postgresql_admin_connection
    return postgresql_admin_connection(uri)


def database_exists(uri, name):
    if uri.startswith('postgresql'):
        with admin_connection(uri) as conn:
            return bool(conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s",
                    (name,)).fetchone())
    return os.path.exists(os.path.join(DATA, name + '.sqlite'))


def create_database(uri, config, name, drop=False, module='lsp_sertifikasi'):
    """Create the database name and activate module (lsp_sertifikasi) in it

    With drop, the database is dropped first when it exists."""
    if uri.startswith('postgresql'):
        with admin_connection(uri) as conn:
            if drop:
                conn.execute('DROP DATABASE IF EXISTS "%s"' % name)
            conn.execute('CREATE DATABASE "%s"' % name)
    else:
        path = os.path.join(DATA, name + '.sqlite')
        if drop and os.path.exists(path):
            os.remove(path)
        open(path, 'w').close()
    with tempfile.NamedTemporaryFile('w', suffix='.pw') as passfile:
        passfile.write(secrets.token_urlsafe(16))
        passfile.flush()
        subprocess.run([
                os.path.join(BIN, 'trytond-admin'), '-c', config,
                '-d', name, '--email', 'admin@example.com',
                '-u', module, '--activate-dependencies'],
            env={**os.environ, 'TRYTONPASSFILE': passfile.name},
            check=True, stdout=subprocess.DEVNULL)


def add_arguments(parser):
    "Add the options choosing the database server to parser"
    parser.add_argument('--postgresql', action='store_true',
        help="use PostgreSQL instead of SQLite")
    parser.add_argument('--uri',
        default=os.environ.get('LSP_TEST_POSTGRESQL_URI',
            'postgresql://postgres@127.0.0.1:5432/'),
        help="PostgreSQL server (with --postgresql)")


def database_uri(args):
    "Return the URI of the database server chosen by the parsed args"
    return args.uri if args.postgresql else 'sqlite://'
