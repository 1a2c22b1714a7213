# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Backup and restore of an LSP database with its filestore

    python -m ops.backup backup [FOLDER]
    python -m ops.backup restore FOLDER
    python -m ops.backup check-files

(``./lsp.sh backup``, ``./lsp.sh restore`` and ``./lsp.sh check-files``,
which set the environment: the database LSP_DB on TRYTOND_DATABASE__URI,
the filestore in TRYTOND_DATABASE__PATH.)

A backup is a folder with:

- the database, consistent while the server writes: SQLite through its
  online backup API (``sqlite3.Connection.backup``, which also takes what
  is still in the write-ahead log), PostgreSQL through ``pg_dump -Fc`` in a
  snapshot exported by the transaction that counts the records;
- ``filestore/``: the files of the Binary fields stored outside the
  database (ir.attachment, the evidence of the applications, ...), copied
  after the snapshot: Tryton writes a file before the transaction that
  refers to it commits and deletes one only 90 days after nothing refers to
  it (``ir.filestore.queue``), so every file the snapshot refers to is there;
- ``manifest.json``: the number of records of every table, the size and the
  SHA-256 of every file, and the files the database refers to, of which
  none may be missing.

``restore`` puts both back for the database LSP_DB (the name of the backup by
default) in TRYTOND_DATABASE__PATH, refuses to overwrite an existing
database, then checks the records counts and every file against the
manifest. ``check-files`` lists every record whose file is missing in the
filestore: trytond itself reads such a file as an empty value and only logs
it (``trytond/model/fields/binary.py``).
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from urllib.parse import urlparse

MANIFEST = 'manifest.json'
FILESTORE = 'filestore'


class BackupError(Exception):
    pass


def settings():
    "Return the URI, the filestore folder and the database name"
    uri = os.environ.get('TRYTOND_DATABASE__URI') or os.environ.get(
        'TRYTOND_DATABASE_URI') or 'sqlite://'
    path = os.environ.get('TRYTOND_DATABASE__PATH')
    if not path:
        raise BackupError("TRYTOND_DATABASE__PATH is not set")
    return uri, os.path.abspath(path), os.environ.get('LSP_DB', 'lsp')


def is_sqlite(uri):
    return uri.startswith('sqlite')


def pg_args(uri):
    "Return the connection options of pg_dump and pg_restore for uri"
    parsed = urlparse(uri)
    args = []
    if parsed.hostname:
        args += ['-h', parsed.hostname]
    if parsed.port:
        args += ['-p', str(parsed.port)]
    if parsed.username:
        args += ['-U', parsed.username]
    env = dict(os.environ)
    if parsed.password:
        env['PGPASSWORD'] = parsed.password
    return args, env


def pg_connect(uri, database, **kwargs):
    import psycopg
    parsed = urlparse(uri)
    return psycopg.connect(
        host=parsed.hostname, port=parsed.port or 5432,
        user=parsed.username or None, password=parsed.password or None,
        dbname=database, **kwargs)


def file_fields(database):
    """Return (table, column, prefix) of every Binary field stored in the
    filestore, from the registry of database (the prefix None is the
    database name)"""
    from trytond.model import ModelSQL, fields
    from trytond.pool import Pool

    pool = Pool(database)
    pool.init()
    result = set()
    for _, Model in pool.iterobject():
        if (not issubclass(Model, ModelSQL)
                or callable(getattr(Model, 'table_query', None))):
            continue
        for field in Model._fields.values():
            if isinstance(field, fields.Binary) and field.file_id:
                result.add((Model._table, field.file_id, field.store_prefix))
    return sorted(result, key=lambda r: (r[0], r[1], r[2] or ''))


def file_path(filestore, prefix, file_id):
    "Return the path of file_id in filestore, as trytond's filestore does"
    return os.path.join(filestore, prefix, file_id[0:2], file_id[2:4], file_id)


def sha256(filename):
    digest = hashlib.sha256()
    with open(filename, 'rb') as fp:
        for chunk in iter(lambda: fp.read(1 << 20), b''):
            digest.update(chunk)
    return digest.hexdigest()


# The queries on the snapshot, through a DB-API cursor of either backend

def table_names(cursor, sqlite):
    if sqlite:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")
    else:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
            "ORDER BY table_name")
    return [r[0] for r in cursor.fetchall()]


def record_counts(cursor, sqlite):
    counts = {}
    for table in table_names(cursor, sqlite):
        cursor.execute('SELECT COUNT(*) FROM "%s"' % table.replace('"', '""'))
        counts[table] = cursor.fetchone()[0]
    return counts


def referenced_files(cursor, sqlite, fields_, database):
    """Return the references to files: dictionaries of table, column, id,
    prefix and file_id"""
    tables = set(table_names(cursor, sqlite))
    references = []
    for table, column, prefix in fields_:
        if table not in tables:
            continue
        cursor.execute(
            'SELECT id, "%s" FROM "%s" WHERE "%s" IS NOT NULL '
            "AND \"%s\" != '' ORDER BY id" % (
                column, table, column, column))
        for id_, file_id in cursor.fetchall():
            references.append({
                    'table': table, 'column': column, 'id': id_,
                    'prefix': prefix, 'file_id': file_id})
    return references


def missing_files(references, filestore, database):
    "Return the references whose file is not in filestore"
    return [r for r in references
        if not os.path.isfile(file_path(
                filestore, r['prefix'] or database, r['file_id']))]


def copy_filestore(source, target, prefixes):
    "Copy the folders prefixes of source to target; return their files"
    files = {}
    for prefix in sorted(prefixes):
        folder = os.path.join(source, prefix)
        if not os.path.isdir(folder):
            continue
        for dirpath, _, filenames in os.walk(folder):
            for filename in filenames:
                path = os.path.join(dirpath, filename)
                relative = os.path.relpath(path, source)
                destination = os.path.join(target, relative)
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                shutil.copy2(path, destination)
                files[relative] = {
                    'size': os.path.getsize(destination),
                    'sha256': sha256(destination),
                    }
    return files


def backup(folder=None):
    "Back up the database and its filestore in folder; return the manifest"
    uri, path, database = settings()
    sqlite = is_sqlite(uri)
    if not folder:
        folder = os.path.join(
            os.getcwd(), 'backups', '%s-%s' % (
                database, dt.datetime.now().strftime('%Y%m%d-%H%M%S')))
    folder = os.path.abspath(folder)
    if os.path.exists(folder) and os.listdir(folder):
        raise BackupError("The folder %s is not empty" % folder)
    os.makedirs(folder, exist_ok=True)
    fields_ = file_fields(database)

    if sqlite:
        source_path = os.path.join(path, database + '.sqlite')
        if not os.path.isfile(source_path):
            raise BackupError("No SQLite database %s" % source_path)
        target_path = os.path.join(folder, 'database.sqlite')
        source = sqlite3.connect(source_path, timeout=60)
        target = sqlite3.connect(target_path)
        try:
            # one step: the copy is the database at one moment
            source.backup(target)
        finally:
            source.close()
        try:
            cursor = target.cursor()
            counts = record_counts(cursor, True)
            references = referenced_files(cursor, True, fields_, database)
        finally:
            target.close()
        dump = 'database.sqlite'
    else:
        import psycopg
        args, env = pg_args(uri)
        with pg_connect(uri, database) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            cursor = conn.cursor()
            cursor.execute('SELECT pg_export_snapshot()')
            snapshot, = cursor.fetchone()
            dump = 'database.dump'
            process = subprocess.run(
                ['pg_dump', *args, '-Fc', '--no-owner',
                    '--snapshot', snapshot, '-f',
                    os.path.join(folder, dump), database],
                env=env, stderr=subprocess.PIPE, text=True)
            if process.returncode:
                raise BackupError("pg_dump failed: %s" % process.stderr)
            counts = record_counts(cursor, False)
            references = referenced_files(cursor, False, fields_, database)
            conn.rollback()

    prefixes = {prefix or database for _, _, prefix in fields_}
    files = copy_filestore(path, os.path.join(folder, FILESTORE), prefixes)
    missing = missing_files(
        references, os.path.join(folder, FILESTORE), database)
    manifest = {
        'database': database,
        'backend': 'sqlite' if sqlite else 'postgresql',
        'created': dt.datetime.now().isoformat(timespec='seconds'),
        'dump': dump,
        'records': counts,
        'files': files,
        'file_fields': [list(f) for f in fields_],
        'references': len(references),
        'missing': missing,
        }
    with open(os.path.join(folder, MANIFEST), 'w') as fp:
        json.dump(manifest, fp, indent=1, sort_keys=True)
    return folder, manifest


def database_exists(uri, path, database):
    if is_sqlite(uri):
        return os.path.exists(os.path.join(path, database + '.sqlite'))
    with pg_connect(uri, 'postgres', autocommit=True) as conn:
        return bool(conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s",
                (database,)).fetchone())


def restore(folder):
    """Restore the backup in folder as the database LSP_DB with its files;
    return the differences with the manifest (empty when all is equal)"""
    uri, path, database = settings()
    folder = os.path.abspath(folder)
    with open(os.path.join(folder, MANIFEST)) as fp:
        manifest = json.load(fp)
    if 'LSP_DB' not in os.environ:
        database = manifest['database']
    sqlite = is_sqlite(uri)
    if sqlite != (manifest['backend'] == 'sqlite'):
        raise BackupError(
            "The backup is of %s, the server of %s" % (
                manifest['backend'], 'sqlite' if sqlite else 'postgresql'))
    if database_exists(uri, path, database):
        raise BackupError(
            "The database %s exists: restore under another name (LSP_DB) "
            "or drop it first" % database)
    # the files under the prefix of the backed up database go under the
    # prefix of the restored one
    source_prefix = manifest['database']
    for relative in manifest['files']:
        prefix, rest = relative.split(os.sep, 1)
        if prefix == source_prefix:
            prefix = database
        target = os.path.join(path, prefix, rest)
        if os.path.exists(target):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(folder, FILESTORE, relative), target)

    os.makedirs(path, exist_ok=True)
    if sqlite:
        source = sqlite3.connect(os.path.join(folder, manifest['dump']))
        target = sqlite3.connect(os.path.join(path, database + '.sqlite'))
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        args, env = pg_args(uri)
        with pg_connect(uri, 'postgres', autocommit=True) as conn:
            conn.execute('CREATE DATABASE "%s"' % database.replace('"', '""'))
        process = subprocess.run(
            ['pg_restore', *args, '--no-owner', '--exit-on-error', '-d',
                database, os.path.join(folder, manifest['dump'])],
            env=env, stderr=subprocess.PIPE, text=True)
        if process.returncode:
            raise BackupError("pg_restore failed: %s" % process.stderr)
    return verify(manifest, database)


def snapshot_of(database):
    "Return the record counts and the references to files of database"
    uri, path, _ = settings()
    if is_sqlite(uri):
        conn = sqlite3.connect(os.path.join(path, database + '.sqlite'))
        try:
            cursor = conn.cursor()
            counts = record_counts(cursor, True)
            return cursor, counts, conn
        except Exception:
            conn.close()
            raise
    conn = pg_connect(uri, database)
    cursor = conn.cursor()
    return cursor, record_counts(cursor, False), conn


def verify(manifest, database):
    "Return the differences between database and its files and manifest"
    uri, path, _ = settings()
    differences = []
    cursor, counts, conn = snapshot_of(database)
    try:
        fields_ = [tuple(f) for f in manifest['file_fields']]
        references = referenced_files(
            cursor, is_sqlite(uri), fields_, database)
    finally:
        conn.close()
    for table in sorted(set(counts) | set(manifest['records'])):
        if counts.get(table) != manifest['records'].get(table):
            differences.append("table %s: %s records, %s in the backup" % (
                    table, counts.get(table), manifest['records'].get(table)))
    source_prefix = manifest['database']
    for relative, info in sorted(manifest['files'].items()):
        prefix, rest = relative.split(os.sep, 1)
        if prefix == source_prefix:
            prefix = database
        filename = os.path.join(path, prefix, rest)
        if not os.path.isfile(filename):
            differences.append("file %s is missing" % relative)
        elif sha256(filename) != info['sha256']:
            differences.append("file %s differs" % relative)
    for reference in missing_files(references, path, database):
        differences.append(describe_missing(reference))
    return differences


def describe_missing(reference):
    return ("%(table)s %(id)s: the file %(file_id)s of %(column)s "
        "is missing" % reference)


def check_files():
    "Return the references of the database LSP_DB whose file is missing"
    uri, path, database = settings()
    fields_ = file_fields(database)
    if is_sqlite(uri):
        conn = sqlite3.connect(os.path.join(path, database + '.sqlite'))
    else:
        conn = pg_connect(uri, database)
    try:
        references = referenced_files(
            conn.cursor(), is_sqlite(uri), fields_, database)
    finally:
        conn.close()
    return references, missing_files(references, path, database)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest='command', required=True)
    command = commands.add_parser('backup', help="back up the database")
    command.add_argument('folder', nargs='?')
    command = commands.add_parser('restore', help="restore a backup")
    command.add_argument('folder')
    commands.add_parser(
        'check-files', help="list the records whose file is missing")
    options = parser.parse_args(argv)
    try:
        if options.command == 'backup':
            folder, manifest = backup(options.folder)
            print("Backup of %s in %s: %s records in %s tables, %s files" % (
                    manifest['database'], folder,
                    sum(manifest['records'].values()),
                    len(manifest['records']), len(manifest['files'])))
            for reference in manifest['missing']:
                print("MISSING " + describe_missing(reference),
                    file=sys.stderr)
            return 1 if manifest['missing'] else 0
        elif options.command == 'restore':
            differences = restore(options.folder)
            for difference in differences:
                print("DIFFERS " + difference, file=sys.stderr)
            if differences:
                return 1
            print("Restored %s: every record count and file equal to the "
                "backup" % options.folder)
            return 0
        else:
            references, missing = check_files()
            for reference in missing:
                print("MISSING " + describe_missing(reference))
            print("%s files referred to, %s missing" % (
                    len(references), len(missing)))
            return 1 if missing else 0
    except BackupError as exception:
        print(exception, file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
