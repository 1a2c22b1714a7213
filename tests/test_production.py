# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The production mode: ``./lsp.sh serve --production``

On PostgreSQL (skipped on SQLite, where the command refuses to start): a copy
of the demo database is served by gunicorn with trytond-cron and
trytond-worker; the Kepala logs in, ``/health`` answers; the connection to
the database server goes through a TCP relay of the test, which is cut to
make an outage: ``/health``, the login and the public page answer 503 within
seconds, the login and the page with their clear message; once the relay is
back, the server recovers without a restart; stopping lsp.sh stops the
three processes.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse

from .server import (
    DEMO_PASSWORD, LSP_SH, backend_uri, copy_database, demo_database,
    drop_database, environ, free_port, http_request, is_postgresql)


class Relay:
    "A TCP relay to target that can be cut and restored"

    def __init__(self, target):
        self.target = target
        self.open = True
        self.sockets = []
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, 5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets.extend([client, upstream])
            for a, b in [(client, upstream), (upstream, client)]:
                threading.Thread(
                    target=self.pump, args=(a, b), daemon=True).start()

    def pump(self, source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in [source, target]:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def cut(self):
        "Close every connection and refuse the new ones"
        self.open = False
        with self.lock:
            sockets, self.sockets = self.sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def restore(self):
        self.open = True

    def close(self):
        self.cut()
        self.listener.close()


def processes_with(text):
    "Return the ids of the processes whose command line contains text"
    pids = []
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as fp:
                cmdline = fp.read().replace(b'\0', b' ').decode()
        except OSError:
            continue
        if text in cmdline:
            pids.append(int(pid))
    return pids


class ProductionRefusedTestCase(unittest.TestCase):
    "The production mode refuses SQLite"

    def test_refuse_sqlite(self):
        "On SQLite the production mode refuses to start with a message"
        env = environ(tempfile.gettempdir(), 'lsp_not_used')
        env['TRYTOND_DATABASE__URI'] = 'sqlite://'
        process = subprocess.run(
            [LSP_SH, 'serve', '--production'], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            timeout=60)
        self.assertEqual(process.returncode, 2)
        self.assertIn('needs PostgreSQL', process.stderr)


@unittest.skipUnless(is_postgresql(), "the production mode needs PostgreSQL")
class ProductionTestCase(unittest.TestCase):
    "Test ./lsp.sh serve --production"

    @classmethod
    def setUpClass(cls):
        cls.path, template = demo_database()
        cls.database = copy_database(cls.path, template)
        uri = urllib.parse.urlparse(backend_uri())
        cls.relay = Relay((uri.hostname or '127.0.0.1', uri.port or 5432))
        cls.port = free_port()
        cls.logdir = tempfile.mkdtemp(prefix='lsp-production-log-')
        env = environ(cls.path, cls.database, cls.port)
        user = '%s@' % uri.username if uri.username else ''
        env.update({
                'TRYTOND_DATABASE__URI': 'postgresql://%s127.0.0.1:%s/' % (
                    user, cls.relay.port),
                'LSP_LOG_DIR': cls.logdir,
                'LSP_WORKERS': '2',
                'LSP_THREADS': '2',
                })
        cls.process = subprocess.Popen(
            [LSP_SH, 'serve', '--production'], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @classmethod
    def tearDownClass(cls):
        if cls.process.poll() is None:
            cls.process.terminate()
            cls.process.wait(60)
        cls.relay.close()
        drop_database(cls.path, cls.database)
        shutil.rmtree(cls.logdir, ignore_errors=True)

    def request(self, method, path, body=None, headers=None, timeout=60):
        return http_request(
            self.port, method, path, body, headers, timeout=timeout)

    def wait_health(self, status, seconds):
        "Wait until /health answers status; return the seconds waited"
        start = time.monotonic()
        last = None
        while time.monotonic() - start < seconds:
            self.assertIsNone(self.process.poll(), "lsp.sh ended")
            try:
                response, _ = self.request('GET', '/health', timeout=15)
                last = response.status
                if last == status:
                    return time.monotonic() - start
            except OSError:
                pass
            time.sleep(0.5)
        self.fail("/health answered %s, not %s" % (last, status))

    def login(self, login='kepala', password=DEMO_PASSWORD):
        start = time.monotonic()
        response, content = self.request(
            'POST', '/%s/session/login' % self.database,
            {'method': 'common.db.login',
                'params': [login, {'password': password}, 'id']})
        return response, content, time.monotonic() - start

    def test_production_mode(self):
        "Serve, log in, survive an outage of the database, stop"
        self.wait_health(200, 180)

        # the three processes run
        self.assertTrue(processes_with('trytond-cron -d %s' % self.database))
        self.assertTrue(
            processes_with('trytond-worker -d %s' % self.database))
        for name in ['server.log', 'access.log', 'cron.log', 'worker.log']:
            self.assertTrue(
                os.path.exists(os.path.join(self.logdir, name)), name)

        response, content, _ = self.login()
        self.assertEqual(response.status, 200, content)
        cookie = response.getheader('Set-Cookie').split(';', 1)[0]
        response, content = self.request(
            'POST', '/%s/rpc/' % self.database,
            {'id': 1, 'method': 'model.lsp.certificate.search_read',
                'params': [[('state', '=', 'active')], 0, 1, None,
                    ['verification_token'], {}]},
            {'Cookie': cookie})
        self.assertEqual(response.status, 200, content)
        token = json.loads(content)['result'][0]['verification_token']
        response, _ = self.request(
            'GET', '/%s/lsp/verify/%s' % (self.database, token))
        self.assertEqual(response.status, 200)
        # the database list is closed
        response, _ = self.request(
            'POST', '/rpc/', {'id': 1, 'method': 'common.db.list',
                'params': []})
        self.assertEqual(response.status, 403)

        # an outage of the database server
        self.relay.cut()
        try:
            self.wait_health(503, 30)
            response, content, duration = self.login()
            self.assertEqual(response.status, 503, content)
            self.assertLess(duration, 15)
            self.assertIn(
                'tidak dapat dihubungi', json.loads(content)['message'])
            self.assertTrue(response.getheader('Retry-After'))
            start = time.monotonic()
            response, content = self.request(
                'GET', '/%s/lsp/verify/%s' % (self.database, token))
            self.assertEqual(response.status, 503)
            self.assertLess(time.monotonic() - start, 15)
            self.assertIn('Verifikasi Sertifikat', content.decode())
            self.assertIn('tidak tersedia', content.decode())
        finally:
            self.relay.restore()

        # it recovers without a restart; each worker process reconnects on
        # its own (psycopg_pool's backoff), the logins may answer 503 a few
        # seconds more
        # seconds more: recovered means five logins in a row succeed (the
        # requests go to every worker)
        self.wait_health(200, 90)
        deadline = time.monotonic() + 90
        succeeded = 0
        while succeeded < 5:
            response, content, _ = self.login()
            if response.status == 200:
                succeeded += 1
                continue
            succeeded = 0
            if response.status != 503 or time.monotonic() > deadline:
                break
            time.sleep(1)
        self.assertEqual(response.status, 200, content)

        # stopping lsp.sh stops gunicorn, cron and worker
        self.process.terminate()
        self.assertEqual(self.process.wait(60), 0)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
                processes_with('-d %s' % self.database)):
            time.sleep(0.5)
        self.assertFalse(processes_with('-d %s' % self.database))
        with self.assertRaises(OSError):
            socket.create_connection(('127.0.0.1', self.port), 2).close()
