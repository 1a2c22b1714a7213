# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Backup and restore with the filestore: ``./lsp.sh backup`` and
``./lsp.sh restore`` (ops/backup.py)

A copy of the demo database is served (tests/server.py); an application's
evidence and attachments are uploaded through JSON-RPC, and the backup is
taken while another session keeps uploading attachments. The backup is
restored in a fresh folder: every record count and every file equal the
manifest, every upload acknowledged before the backup began is there with
its data, and the evidence reads back. ``./lsp.sh check-files`` reports a
file removed from the filestore with its record.
"""
import base64
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
import uuid

from .server import LSP_SH, Server, drop_database, environ, free_port


def data(value):
    return {'__class__': 'bytes',
        'base64': base64.b64encode(value).decode('ascii')}


def served(path, database):
    "Return a started Server of the database in path (not a copy)"
    server = Server.__new__(Server)
    server.path, server.database = path, database
    server.port = free_port()
    server.process = None
    return server.start()


class BackupTestCase(unittest.TestCase):
    "Test backup, restore and check-files"

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.folder = tempfile.mkdtemp(prefix='lsp-backup-')
        cls.restored_path = tempfile.mkdtemp(prefix='lsp-restored-')
        cls.restored = 'test_restored_%s' % uuid.uuid4().hex[:8]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        drop_database(cls.restored_path, cls.restored)
        shutil.rmtree(cls.folder, ignore_errors=True)
        shutil.rmtree(cls.restored_path, ignore_errors=True)

    def run_lsp(self, *args, path=None, database=None):
        env = environ(
            path or self.server.path, database or self.server.database)
        return subprocess.run(
            [LSP_SH, *args], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, timeout=300)

    def attach(self, session, party, content):
        return session.call('ir.attachment', 'create', [{
                    'name': 'bukti-%s.pdf' % hashlib.sha1(
                        content).hexdigest()[:8],
                    'resource': 'party.party,%s' % party,
                    'data': data(content),
                    }])[0]

    def test_backup_restore(self):
        "Backup while writing, restore in a fresh folder, all files equal"
        admin = self.server.login('admin')
        party = admin.call('party.party', 'search', [], 0, 1, None)[0]

        # the evidence of an application requirement
        requirements = admin.call(
            'lsp.application.requirement', 'search',
            [('application.state', '=', 'draft')], 0, 1, None)
        evidence = b'%PDF-1.4 ijazah ' + os.urandom(2048)
        if requirements:
            admin.call('lsp.application.requirement', 'write',
                requirements, {
                    'evidence': data(evidence),
                    'evidence_name': 'ijazah.pdf'})
        uploaded = {}
        for i in range(5):
            content = b'%PDF-1.4 ' + os.urandom(1024 + i)
            uploaded[self.attach(admin, party, content)] = content

        # another session writes during the backup
        writer = self.server.login('admin')
        stop = threading.Event()
        written = {}
        errors = []

        def write():
            while not stop.is_set():
                content = b'%PDF-1.4 ' + os.urandom(512)
                try:
                    written[self.attach(writer, party, content)] = content
                except Exception as exception:
                    errors.append(exception)
                    return
        thread = threading.Thread(target=write)
        thread.start()
        try:
            time.sleep(1)
            before = dict(written)
            process = self.run_lsp('backup', self.folder)
            time.sleep(0.5)
        finally:
            stop.set()
            thread.join(60)
        self.assertFalse(errors)
        self.assertEqual(process.returncode, 0, process.stderr)
        self.assertTrue(before)
        self.assertGreater(len(written), len(before))
        with open(os.path.join(self.folder, 'manifest.json')) as fp:
            manifest = json.load(fp)
        self.assertEqual(manifest['missing'], [])
        self.assertIn('ir_attachment', manifest['records'])

        # restore in a fresh folder
        process = self.run_lsp(
            'restore', self.folder, path=self.restored_path,
            database=self.restored)
        self.assertEqual(process.returncode, 0, process.stderr)
        self.assertIn('equal', process.stdout)
        # refused over an existing database
        process = self.run_lsp(
            'restore', self.folder, path=self.restored_path,
            database=self.restored)
        self.assertEqual(process.returncode, 2)
        self.assertIn('exists', process.stderr)

        # served, the restored database gives back every upload acknowledged
        # before the backup began and the evidence
        restored = served(self.restored_path, self.restored)
        try:
            admin = restored.login('admin')
            ids = sorted({*uploaded, *before})
            records = admin.call(
                'ir.attachment', 'read', ids, ['data'])
            contents = {r['id']: base64.b64decode(r['data']['base64'])
                for r in records}
            for id_, content in {**uploaded, **before}.items():
                self.assertEqual(contents[id_], content, id_)
            self.assertEqual(
                admin.call('ir.attachment', 'search_count', []),
                manifest['records']['ir_attachment'])
            if requirements:
                record, = admin.call(
                    'lsp.application.requirement', 'read', requirements,
                    ['evidence'])
                self.assertEqual(
                    base64.b64decode(record['evidence']['base64']), evidence)
        finally:
            restored.process.terminate()
            restored.process.wait(30)
            restored.log.close()

        # a missing file is reported with its record
        process = self.run_lsp(
            'check-files', path=self.restored_path, database=self.restored)
        self.assertEqual(process.returncode, 0, process.stdout)
        # (every file is removed: the manifest may hold a file that an
        # upload not yet committed at the backup wrote, which no record
        # refers to)
        removed = set()
        for relative in manifest['files']:
            prefix, rest = relative.split(os.sep, 1)
            path = os.path.join(self.restored_path, self.restored, rest)
            if os.path.exists(path):
                os.unlink(path)
                removed.add(os.path.basename(rest))
        process = self.run_lsp(
            'check-files', path=self.restored_path, database=self.restored)
        self.assertEqual(process.returncode, 1, process.stdout)
        self.assertIn('MISSING', process.stdout)
        self.assertTrue(
            any(name in process.stdout for name in removed), process.stdout)

