# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The real server: sao is served and the demo Kepala logs in.

Creates its own database (SQLite file or PostgreSQL database, following
TRYTOND_DATABASE_URI), activates the LSP modules and loads the demo data
with the same commands as ``./lsp.sh demo``, starts ``trytond`` on a free
port, and talks HTTP to it.
"""
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

from .tools import ROOT, postgresql_admin_connection

sys.path.insert(0, ROOT)
from demo.tools import DEMO_PASSWORD  # noqa: E402

LSP_SH = os.path.join(ROOT, 'lsp.sh')


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class ServerTestCase(unittest.TestCase):
    """Test the trytond server with the sao web client and the demo data

    The database is made with the commands of the README: ``./lsp.sh
    init-db``, ``./lsp.sh load-demo`` and ``./lsp.sh serve``, pointed at the
    database server of the test run through the environment variables the
    README documents (TRYTOND_DATABASE__URI, TRYTOND_DATABASE__PATH,
    TRYTOND_WEB__LISTEN and LSP_DB)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='lsp-server-')
        cls.uri = os.environ.get('TRYTOND_DATABASE_URI', 'sqlite://')
        cls.database = 'test_server_%s' % uuid.uuid4().hex[:8]
        cls.port = free_port()
        cls.server = None
        env = cls.environ()
        for command in ['init-db', 'load-demo']:
            subprocess.run(
                [LSP_SH, command], env=env, check=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.log = open(os.path.join(cls.tmp, 'server.log'), 'w')
        cls.server = subprocess.Popen(
            [LSP_SH, 'serve'], env=env, stdout=subprocess.DEVNULL,
            stderr=cls.log)
        cls.wait_for_server()

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.terminate()
            cls.server.wait(timeout=30)
            cls.log.close()
        cls.drop_database()
        if not os.environ.get('LSP_KEEP_TMP'):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def environ(cls):
        env = {k: v for k, v in os.environ.items()
            if not k.startswith('TRYTOND_')
            and k not in {'DB_NAME', 'DB_CACHE'}}
        env.update({
                'TRYTOND_DATABASE__URI': cls.uri,
                'TRYTOND_DATABASE__PATH': cls.tmp,
                'TRYTOND_WEB__LISTEN': '127.0.0.1:%s' % cls.port,
                'LSP_DB': cls.database,
                })
        return env

    @classmethod
    def is_postgresql(cls):
        return cls.uri.startswith('postgresql')

    @classmethod
    def drop_database(cls):
        if cls.is_postgresql():
            with postgresql_admin_connection(cls.uri) as conn:
                conn.execute(
                    'DROP DATABASE IF EXISTS "%s" WITH (FORCE)'
                    % cls.database)

    @classmethod
    def wait_for_server(cls):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if cls.server.poll() is not None:
                raise RuntimeError(
                    "trytond exited with %s" % cls.server.poll())
            try:
                socket.create_connection(('127.0.0.1', cls.port), 1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("trytond did not listen on port %s" % cls.port)

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=60)
        try:
            headers = dict(headers or {})
            if body is not None:
                body = json.dumps(body)
                headers['Content-Type'] = 'application/json'
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response, response.read()
        finally:
            conn.close()

    def rpc(self, method, params, cookie=None):
        headers = {'Cookie': cookie} if cookie else {}
        response, content = self.request(
            'POST', '/%s/rpc/' % self.database,
            {'id': 1, 'method': method, 'params': params}, headers)
        self.assertEqual(response.status, 200, content)
        result = json.loads(content)
        self.assertNotIn('error', result, result)
        return result['result']

    def login(self, login, password):
        response, content = self.request(
            'POST', '/%s/session/login' % self.database,
            {'method': 'common.db.login',
                'params': [login, {'password': password}, 'id']})
        return response, content

    def test_sao_index(self):
        "The web client is served at /"
        response, content = self.request('GET', '/')
        self.assertEqual(response.status, 200)
        self.assertIn(b'tryton-sao', content)

    def test_sao_dependencies(self):
        "The web client finds its npm dependencies"
        for path in [
                '/dist/tryton-sao.js',
                '/node_modules/jquery/dist/jquery.min.js',
                '/node_modules/bootstrap/dist/css/bootstrap.min.css',
                '/locale/id.json']:
            with self.subTest(path=path):
                response, _ = self.request('GET', path)
                self.assertEqual(response.status, 200)

    def test_database_list(self):
        "The demo lists its databases"
        response, content = self.request(
            'POST', '/rpc/', {'id': 1, 'method': 'common.db.list',
                'params': []})
        self.assertEqual(response.status, 200)
        self.assertIn(self.database, json.loads(content)['result'])

    def test_login_kepala(self):
        "The Kepala logs in and sees the organisation in Indonesian"
        response, content = self.login('kepala', DEMO_PASSWORD)
        self.assertEqual(response.status, 200, content)
        cookie = response.getheader('Set-Cookie')
        self.assertIn('HttpOnly', cookie)
        cookie = cookie.split(';', 1)[0]

        preferences = self.rpc(
            'model.res.user.get_preferences', [False, {}], cookie)
        self.assertEqual(preferences['language'], 'id')
        context = {'language': 'id'}
        positions = self.rpc('model.lsp.position.search_read', [
                [], 0, None, None, ['code', 'name', 'parent'], context],
            cookie)
        self.assertEqual(len(positions), 17)
        codes = {p['code'] for p in positions}
        self.assertTrue({'KEP', 'WK1', 'DP', 'KSK', 'KTK'} <= codes)
        fields = self.rpc(
            'model.lsp.position.fields_get', [['parent', 'duties'], context],
            cookie)
        self.assertEqual(
            fields['parent']['string'], "Bertanggung Jawab Kepada")
        self.assertEqual(fields['duties']['string'], "Tugas")
        menus = self.rpc('model.ir.ui.menu.search_read', [
                [('parent.name', '=', 'LSP')], 0, None, None, ['name'],
                context], cookie)
        self.assertEqual(
            [m['name'] for m in menus],
            ['Organisasi', 'Standar dan Skema', 'Asesor', 'Sertifikasi',
                'TUK', 'Sekretariat', 'Rapat', 'Hubungan Masyarakat',
                'Program Kerja'])
        menus = self.rpc('model.ir.ui.menu.search_read', [
                [('parent', '=', None)], 0, None, None, ['name'], context],
            cookie)
        self.assertEqual(
            sorted(m['name'] for m in menus), ['LSP', 'Pihak'])

    def test_certificate_verification_page(self):
        "The public page of a demo certificate answers without login"
        response, content = self.login('kepala', DEMO_PASSWORD)
        cookie = response.getheader('Set-Cookie').split(';', 1)[0]
        certificates = self.rpc('model.lsp.certificate.search_read', [
                [('state', '=', 'active')], 0, 1, None,
                ['verification_token', 'number'], {}], cookie)
        token = certificates[0]['verification_token']
        response, content = self.request(
            'GET', '/%s/lsp/verify/%s' % (self.database, token))
        self.assertEqual(response.status, 200)
        self.assertIn('Aktif', content.decode())
        self.assertIn(certificates[0]['number'], content.decode())
        response, content = self.request(
            'GET', '/%s/lsp/verify/%s' % (self.database, token[::-1]),
            headers={'Accept': 'application/json'})
        self.assertEqual(response.status, 404)
        self.assertEqual(json.loads(content)['error'], 'not_found')

    def test_database_where_configured(self):
        "The database is where the environment says, nowhere else"
        sqlite = os.path.join(self.tmp, self.database + '.sqlite')
        self.assertEqual(os.path.exists(sqlite), not self.is_postgresql())
        self.assertFalse(os.path.exists(
                os.path.join(ROOT, 'data', self.database + '.sqlite')))
        if self.is_postgresql():
            with postgresql_admin_connection(self.uri) as conn:
                self.assertTrue(conn.execute(
                        "SELECT 1 FROM pg_database WHERE datname = %s",
                        (self.database,)).fetchone())

    def test_login_wrong_password(self):
        "A wrong password is refused"
        response, _ = self.login('kepala', 'wrong-password')
        self.assertEqual(response.status, 401)
