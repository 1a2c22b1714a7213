# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The login and the public page against a real server (tests/server.py):

- the throttle of Tryton (``[session] max_attempt``) refuses at once, no
  server thread sleeps (lsp_base/res.py);
- the right password from a known device (``res.user.device``) logs in
  while the login name is throttled for everybody else;
- a database that does not exist answers 401 as an existing one does
  (lsp_base/wsgi.py), so the database names do not leak;
- ``/health`` answers for the reverse proxy;
- the public verification page cannot be framed.
"""
import json
import time
import unittest

from .server import DEMO_PASSWORD, Server

MAX_ATTEMPT = 5


class LoginSecurityTestCase(unittest.TestCase):
    "Test the login throttle, unknown databases and the public page"

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.database = cls.server.database

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def login(self, login, password, device_cookie=None, database=None):
        parameters = {'password': password}
        if device_cookie:
            parameters['device_cookie'] = device_cookie
        start = time.monotonic()
        response, content = self.server.request(
            'POST', '/%s/session/login' % (database or self.database),
            {'method': 'common.db.login',
                'params': [login, parameters, 'id']})
        return response, content, time.monotonic() - start

    def rpc(self, method, params, cookie=None, database=None):
        headers = {'Cookie': cookie} if cookie else {}
        return self.server.request(
            'POST', '/%s/rpc/' % (database or self.database),
            {'id': 1, 'method': method, 'params': params}, headers)

    def test_throttle_fast_and_known_device(self):
        "Throttled logins answer at once; a known device still logs in"
        response, content, _ = self.login('bendahara', DEMO_PASSWORD)
        self.assertEqual(response.status, 200, content)
        cookie = response.getheader('Set-Cookie').split(';', 1)[0]
        response, content = self.rpc(
            'model.res.user.device.renew', [None, {}], cookie)
        self.assertEqual(response.status, 200, content)
        device_cookie = json.loads(content)['result']
        self.assertTrue(device_cookie)

        # What a login costs on this machine (the hash of the password)
        cost = max(self.login('kepala', DEMO_PASSWORD)[2] for _ in range(2))
        # Tryton would sleep up to 2 ** n - 1 s after the n-th failure
        limit = 1 + 2 * cost

        # Somebody who knows the login name and not the password
        statuses, durations = [], []
        for _ in range(MAX_ATTEMPT + 3):
            response, _, duration = self.login('bendahara', 'wrong-password')
            statuses.append(response.status)
            durations.append(duration)
        self.assertEqual(
            statuses, [401] * (MAX_ATTEMPT + 1) + [429, 429])
        for duration in durations:
            self.assertLess(duration, limit, (durations, cost))
        # the throttled ones do not even check the password
        for duration in durations[-2:]:
            self.assertLess(duration, 1, durations)

        # throttled for a new device, even with the right password
        response, _, duration = self.login('bendahara', DEMO_PASSWORD)
        self.assertEqual(response.status, 429)
        self.assertLess(duration, limit)
        # not for the known device
        response, content, duration = self.login(
            'bendahara', DEMO_PASSWORD, device_cookie)
        self.assertEqual(response.status, 200, content)
        self.assertLess(duration, limit)
        # a wrong password from the known device is refused
        response, _, _ = self.login(
            'bendahara', 'wrong-password', device_cookie)
        self.assertEqual(response.status, 401)

    def test_unknown_database(self):
        "A database that does not exist answers as an existing one"
        unknown = 'nosuchdb_%s' % self.database[-8:]
        for kwargs in [{}, {'database': unknown}]:
            with self.subTest(**kwargs):
                response, _, _ = self.login(
                    'kepala', 'wrong-password', **kwargs)
                self.assertEqual(response.status, 401)
                response, _ = self.rpc(
                    'common.db.login',
                    ['kepala', {'password': 'wrong-password'}, 'id'],
                    **kwargs)
                self.assertEqual(response.status, 401)
                self.assertIsNone(response.getheader('WWW-Authenticate'))
                response, _ = self.rpc(
                    'model.res.user.get_preferences', [True, {}], **kwargs)
                self.assertEqual(response.status, 401)
                self.assertEqual(
                    response.getheader('WWW-Authenticate'),
                    'Basic realm="Tryton"')
                response, _ = self.rpc(
                    'model.res.user.get_preferences', [True, {}],
                    cookie='tryton_session=kepala:1:bad-token', **kwargs)
                self.assertEqual(response.status, 401)

    def test_health(self):
        "/health answers 200 while the database answers"
        response, content = self.server.request('GET', '/health')
        self.assertEqual(response.status, 200)
        self.assertEqual(json.loads(content), {'status': 'ok'})

    def test_verification_page_not_framed(self):
        "The public page may not be framed"
        response, content, _ = self.login('kepala', DEMO_PASSWORD)
        cookie = response.getheader('Set-Cookie').split(';', 1)[0]
        response, content = self.rpc('model.lsp.certificate.search_read', [
                [('state', '=', 'active')], 0, 1, None,
                ['verification_token'], {}], cookie)
        token, = [c['verification_token']
            for c in json.loads(content)['result']]
        for path in [token, token[::-1]]:
            with self.subTest(token=path):
                response, _ = self.server.request(
                    'GET', '/%s/lsp/verify/%s' % (self.database, path))
                self.assertIn(
                    "frame-ancestors 'none'",
                    response.getheader('Content-Security-Policy'))
                self.assertEqual(
                    response.getheader('X-Frame-Options'), 'DENY')
