# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The real server: sao is served and the demo Kepala logs in.

The demo database is made with the commands of the README (``./lsp.sh
init-db`` and ``./lsp.sh load-demo``) on the database server of the test
run, through the environment variables the README documents
(TRYTOND_DATABASE__URI, TRYTOND_DATABASE__PATH, TRYTOND_WEB__LISTEN and
LSP_DB), and served by ``./lsp.sh serve`` (see tests/server.py).
"""
import json
import os
import unittest

from .server import DEMO_PASSWORD, Server, demo_database, is_postgresql
from .tools import ROOT, postgresql_admin_connection


class ServerTestCase(unittest.TestCase):
    "Test the trytond server with the sao web client and the demo data"

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.database = cls.server.database

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def request(self, *args, **kwargs):
        return self.server.request(*args, **kwargs)

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
        return self.request(
            'POST', '/%s/session/login' % self.database,
            {'method': 'common.db.login',
                'params': [login, {'password': password}, 'id']})

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
            ['Antrean Kerja', 'Organisasi', 'Standar dan Skema', 'Asesor',
                'Sertifikasi', 'TUK', 'Sekretariat', 'Rapat',
                'Hubungan Masyarakat', 'Program Kerja', 'Data Pribadi'])
        menus = self.rpc('model.ir.ui.menu.search_read', [
                [('parent', '=', None)], 0, None, None, ['name'], context],
            cookie)
        # Keuangan LSP: the tariffs the Kepala approves; Manajemen Mutu: the
        # audit programme he approves and the management review he holds
        self.assertEqual(
            sorted(m['name'] for m in menus),
            ['Keuangan LSP', 'LSP', 'Manajemen Mutu', 'Pihak'])

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
        "The demo database is where the environment says, nowhere else"
        path, database = demo_database()
        sqlite = os.path.join(path, database + '.sqlite')
        self.assertEqual(os.path.exists(sqlite), not is_postgresql())
        self.assertFalse(os.path.exists(
                os.path.join(ROOT, 'data', database + '.sqlite')))
        if is_postgresql():
            with postgresql_admin_connection(
                    os.environ['TRYTOND_DATABASE_URI']) as conn:
                self.assertTrue(conn.execute(
                        "SELECT 1 FROM pg_database WHERE datname = %s",
                        (database,)).fetchone())

    def test_login_wrong_password(self):
        "A wrong password is refused"
        response, _ = self.login('kepala', 'wrong-password')
        self.assertEqual(response.status, 401)
