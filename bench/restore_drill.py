# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The restore drill: backup while the server writes, restore in a fresh
folder, serve, compare

    .venv/bin/python bench/restore_drill.py [--files 20] [--size 100000]
        [--sqlite | --uri postgresql://postgres@127.0.0.1:5432/]

A copy of the demo database (bench_load_demo, made once as bench/load.py
does) is served by ``./lsp.sh serve`` with a filestore of its own; the
admin uploads --files attachments of --size bytes and the evidence of an
application, then ``./lsp.sh backup`` runs while another session keeps
uploading; the server stops, ``./lsp.sh restore`` restores the backup as
another database in a fresh folder (and compares every table and file with
the manifest), the restored database is served and every upload
acknowledged before the backup began is read back through JSON-RPC and
compared byte for byte; ``./lsp.sh check-files`` must find nothing missing.
It prints the seconds of the backup and of the restore, the records and
files, and what differs (nothing).
"""
import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.database import DATA, admin_connection  # noqa: E402
from bench.load import (  # noqa: E402
    LSP_SH, TEMPLATE, Client, demo_template, environ, free_port, serve)


def data(value):
    return {'__class__': 'bytes',
        'base64': base64.b64encode(value).decode('ascii')}


def copy_template(uri, path):
    name = 'bench_drill_%s' % uuid.uuid4().hex[:8]
    if uri.startswith('sqlite'):
        shutil.copyfile(os.path.join(DATA, TEMPLATE + '.sqlite'),
            os.path.join(path, name + '.sqlite'))
    else:
        with admin_connection(uri) as conn:
            conn.execute(
                'CREATE DATABASE "%s" TEMPLATE "%s"' % (name, TEMPLATE))
    return name


def drop(uri, name):
    if not uri.startswith('sqlite'):
        with admin_connection(uri) as conn:
            conn.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)


def lsp(command, uri, database, path, *args):
    start = time.monotonic()
    process = subprocess.run(
        [LSP_SH, command, *args], env=environ(uri, database, path=path),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, time.monotonic() - start


def attach(client, party, content):
    return client.model('ir.attachment', 'create', [{
                'name': 'bukti-%s.pdf' % hashlib.sha1(content).hexdigest()[:8],
                'resource': 'party.party,%s' % party,
                'data': data(content)}])[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--files', type=int, default=20)
    parser.add_argument('--size', type=int, default=100_000)
    parser.add_argument('--sqlite', action='store_true')
    parser.add_argument('--uri', default=os.environ.get(
            'LSP_BENCH_URI', 'postgresql://postgres@127.0.0.1:5432/'))
    options = parser.parse_args()
    uri = 'sqlite://' if options.sqlite else options.uri
    demo_template(uri)
    source_path = tempfile.mkdtemp(prefix='lsp-drill-source-')
    target_path = tempfile.mkdtemp(prefix='lsp-drill-target-')
    folder = os.path.join(tempfile.mkdtemp(prefix='lsp-drill-'), 'backup')
    source = copy_template(uri, source_path)
    target = 'bench_drill_restored_%s' % uuid.uuid4().hex[:8]
    differences = []
    try:
        port = free_port()
        process = serve(uri, source, port, False, path=source_path)
        try:
            admin = Client(port, source)
            admin.login('admin')
            party = admin.model('party.party', 'search', [], 0, 1, None)[0]
            uploaded = {}
            for _ in range(options.files):
                content = os.urandom(options.size)
                uploaded[attach(admin, party, content)] = content
            writer = Client(port, source)
            writer.login('admin')
            stop, during = threading.Event(), {}

            def write():
                while not stop.is_set():
                    content = os.urandom(options.size // 10)
                    during[attach(writer, party, content)] = content
            thread = threading.Thread(target=write)
            thread.start()
            time.sleep(1)
            before = {**uploaded, **during}
            backup, backup_seconds = lsp(
                'backup', uri, source, source_path, folder)
            stop.set()
            thread.join()
        finally:
            process.terminate()
            process.wait(60)
        if backup.returncode:
            raise SystemExit("backup failed: %s" % backup.stderr)
        with open(os.path.join(folder, 'manifest.json')) as fp:
            manifest = json.load(fp)
        restore, restore_seconds = lsp(
            'restore', uri, target, target_path, folder)
        differences += restore.stderr.splitlines() if (
            restore.returncode) else []
        port = free_port()
        process = serve(uri, target, port, False, path=target_path)
        try:
            admin = Client(port, target)
            admin.login('admin')
            records = admin.model(
                'ir.attachment', 'read', sorted(before), ['data'])
            read = {r['id']: base64.b64decode(r['data']['base64'])
                if r['data'] else None for r in records}
            equal = sum(1 for id_, content in before.items()
                if read.get(id_) == content)
            differences += ['attachment %s differs' % id_
                for id_, content in before.items()
                if read.get(id_) != content]
        finally:
            process.terminate()
            process.wait(60)
        check, _ = lsp('check-files', uri, target, target_path)
        if check.returncode:
            differences += check.stdout.splitlines()
        print("%s: %s records in %s tables, %s files (%.1f MB); %s uploads "
            "during the backup" % (
                'SQLite' if uri.startswith('sqlite') else 'PostgreSQL',
                sum(manifest['records'].values()), len(manifest['records']),
                len(manifest['files']), sum(
                    f['size'] for f in manifest['files'].values()) / 1e6,
                len(during) - (len(before) - len(uploaded))))
        print("backup %.1f s, restore (with its comparison) %.1f s" % (
                backup_seconds, restore_seconds))
        print("read back after restore: %s of %s uploads acknowledged before "
            "the backup equal byte for byte; %s" % (
                equal, len(before),
                '; '.join(differences) or 'nothing differs, nothing missing'))
    finally:
        drop(uri, source)
        drop(uri, target)
        for path in [source_path, target_path, os.path.dirname(folder)]:
            shutil.rmtree(path, ignore_errors=True)


if __name__ == '__main__':
    main()
