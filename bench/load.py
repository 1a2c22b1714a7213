# This file is part of the LSP Perkoperasian Indonesia ERP.
"""N concurrent JSON-RPC clients against the plain trytond server and the
production mode, on PostgreSQL

    .venv/bin/python bench/load.py [-n 50] [--writers 10] [--seconds 30]
        [--uri postgresql://postgres@127.0.0.1:5432/] [--only production]

The demo database is made once (``bench_load_demo``, by ``./lsp.sh init-db``
and ``./lsp.sh load-demo``, filestore in bench/.db/) and each server gets a
fresh copy of it. The same load runs first against the baseline, the plain
threaded ``./lsp.sh serve`` (trytond), then against ``./lsp.sh serve
--production`` (gunicorn, LSP_WORKERS x LSP_THREADS): each client logs in
once as a demo user, then calls for ``--seconds`` seconds, one call after the
other; the readers cycle through the mix of the secretariat and the
certification (search_read of certificates, of applications, of positions
with their holders, of meetings), the writers (Sekretaris, Wakil Sekretaris
and Kepala Sekretariat) create an outgoing letter and register it. It prints
for each server the calls per second, the median and 99th percentile of the
latency, the errors by kind, and an integrity check: every letter whose
registration was acknowledged is registered with a number, the numbers of
the year are unique and without a gap, and no letter of the run stayed a
draft once its registration was acknowledged.
"""
import argparse
import datetime as dt
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.database import DATA, admin_connection  # noqa: E402
from demo.tools import DEMO_PASSWORD  # noqa: E402

LSP_SH = os.path.join(ROOT, 'lsp.sh')
TEMPLATE = 'bench_load_demo'
READERS = ['kepala', 'direktur_sertifikasi', 'direktur_mutu',
    'komite_teknik']
WRITERS = ['sekretaris', 'wakil_sekretaris1', 'wakil_sekretaris2',
    'kepala_sekretariat']
YEAR = dt.date.today().year


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def environ(uri, database, port=None, path=DATA):
    env = {k: v for k, v in os.environ.items()
        if not k.startswith('TRYTOND_')}
    env.update({
            'TRYTOND_DATABASE__URI': uri,
            'TRYTOND_DATABASE__PATH': path,
            'LSP_DB': database,
            'LSP_LOG_DIR': os.path.join(path, 'log-%s' % database),
            })
    if port:
        env['TRYTOND_WEB__LISTEN'] = '127.0.0.1:%s' % port
    return env


def demo_template(uri, template=TEMPLATE):
    "Make the demo database once"
    if uri.startswith('sqlite'):
        if os.path.exists(os.path.join(DATA, template + '.sqlite')):
            return
    else:
        with admin_connection(uri) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                    (template,)).fetchone():
                return
    os.makedirs(DATA, exist_ok=True)
    print("Making the demo database %s (once)" % template, file=sys.stderr)
    for command in ['init-db', 'load-demo']:
        subprocess.run([LSP_SH, command], env=environ(uri, template),
            check=True, stdout=subprocess.DEVNULL)


def copy(uri, template):
    name = 'bench_load_%s' % uuid.uuid4().hex[:8]
    with admin_connection(uri) as conn:
        conn.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (name, template))
    return name


def drop(uri, name):
    with admin_connection(uri) as conn:
        conn.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)


class Client:
    "A JSON-RPC client with its own HTTP connection"

    def __init__(self, port, database):
        self.port = port
        self.database = database
        self.conn = None
        self.cookie = None

    def post(self, path, body):
        headers = {'Content-Type': 'application/json'}
        if self.cookie:
            headers['Cookie'] = self.cookie
        # a kept-alive connection the server closed meanwhile fails at
        # sending: send again on a new connection, as a browser does
        for retry in [True, False]:
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    '127.0.0.1', self.port, timeout=120)
            try:
                self.conn.request('POST', path, json.dumps(body), headers)
                break
            except OSError:
                self.conn.close()
                self.conn = None
                if not (retry and reused):
                    raise
        try:
            response = self.conn.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        if response.getheader('Connection', '').lower() == 'close':
            self.conn.close()
            self.conn = None
        return response, content

    def login(self, login):
        response, content = self.post(
            '/%s/session/login' % self.database,
            {'method': 'common.db.login',
                'params': [login, {'password': DEMO_PASSWORD}, 'id']})
        if response.status != 200:
            raise RuntimeError("login %s: %s" % (login, response.status))
        self.cookie = response.getheader('Set-Cookie').split(';', 1)[0]
        self.context = self.call('model.res.user.get_preferences', True, {})

    def call(self, method, *params):
        response, content = self.post(
            '/%s/rpc/' % self.database,
            {'id': 1, 'method': method, 'params': list(params)})
        if response.status != 200:
            raise CallError('HTTP %s' % response.status)
        result = json.loads(content)
        if 'error' in result:
            error = result['error']
            kind = error[0] if isinstance(error, list) else str(error)
            raise CallError(kind, error)
        return result['result']

    def model(self, model, method, *args):
        return self.call(
            'model.%s.%s' % (model, method), *args, self.context)


class CallError(Exception):
    def __init__(self, kind, detail=None):
        super().__init__(kind, detail)
        self.kind = kind


#: the kinds of call, in the order of reads() and then the writers'
KINDS = ['certificates', 'applications', 'positions', 'meetings',
    'letter create', 'letter register']


def reads(client):
    "The calls of a reader, in turn"
    return [
        lambda: client.model('lsp.certificate', 'search_read', [], 0, 50,
            None, ['number', 'holder', 'scheme', 'state', 'expiry_date']),
        lambda: client.model('lsp.application', 'search_read', [], 0, 50,
            None, ['candidate', 'scheme', 'state']),
        lambda: client.model('lsp.position', 'search_read', [], 0, None,
            None, ['code', 'name', 'parent', 'current_holder_names']),
        lambda: client.model('lsp.meeting', 'search_read', [], 0, 50, None,
            ['number', 'title', 'start', 'state', 'attendees']),
        ]


def run_load(port, database, clients, writers, seconds, faults=None):
    """Run the load; return the figures

    faults, if given, is called in a thread of its own once the clients
    are logged in, with the time the load stops."""
    latencies, errors, registered = [], Counter(), []
    by_kind = {k: [] for k in KINDS}
    samples, successes = {}, []
    lock = threading.Lock()
    # the load starts when every client has logged in
    stop = [None]

    def start():
        stop[0] = time.monotonic() + seconds
    barrier = threading.Barrier(clients, action=start)
    login_errors = []

    def work(index):
        writer = index < writers
        users = WRITERS if writer else READERS
        client = Client(port, database)
        try:
            client.login(users[index % len(users)])
        except Exception as exception:
            login_errors.append(repr(exception))
            barrier.wait()
            return
        if writer:
            unit, = client.model('lsp.position', 'search',
                [('code', '=', 'SEK')], 0, 1, None)
            party, = client.model('party.party', 'search', [], 0, 1, None)
            date = {'__class__': 'date', 'year': YEAR, 'month': 6,
                'day': 1}
        else:
            calls = reads(client)
        barrier.wait()
        if index == 0 and faults:
            threading.Thread(target=faults, args=(stop[0],)).start()
        # a writer's letter created is registered, even after the stop
        turn, letter = index, None
        while time.monotonic() < stop[0] or letter is not None:
            start = time.monotonic()
            try:
                if writer and letter is None:
                    letter, = client.model('lsp.letter', 'create', [{
                                'direction': 'outgoing', 'date': date,
                                'subject': 'Beban %s %s' % (index, turn),
                                'issuing_unit': unit, 'recipient': party}])
                    call = 'letter create'
                elif writer:
                    client.model('lsp.letter', 'register', [letter])
                    with lock:
                        registered.append(letter)
                    letter, call = None, 'letter register'
                else:
                    call = KINDS[turn % len(calls)]
                    calls[turn % len(calls)]()
                kind = None
            except CallError as error:
                kind = error.kind
                samples.setdefault(kind, str(error)[:300])
            except (OSError, http.client.HTTPException) as exception:
                kind = type(exception).__name__
            duration = time.monotonic() - start
            with lock:
                if kind:
                    errors[kind] += 1
                else:
                    latencies.append(duration)
                    by_kind[call].append(duration)
                    successes.append(time.monotonic())
            turn += 1

    threads = [threading.Thread(target=work, args=(i,))
        for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - (stop[0] - seconds)
    for error in login_errors:
        errors['login: ' + error] += 1
    return {
        'latencies': latencies, 'by_kind': by_kind, 'errors': errors,
        'registered': registered,
        'seconds': min(elapsed, seconds), 'samples': samples,
        'successes': sorted(successes),
        }


def percentiles(latencies):
    "Return the median and 99th percentile of latencies in milliseconds"
    if not latencies:
        return 0, 0
    latencies = sorted(latencies)
    return (statistics.median(latencies) * 1000,
        latencies[int(0.99 * (len(latencies) - 1))] * 1000)


def integrity(port, database, registered):
    "Check the letters of the run; return the problems found"
    client = Client(port, database)
    client.login('sekretaris')
    letters = client.model('lsp.letter', 'search_read',
        [('subject', 'like', 'Beban %')], 0, None, None,
        ['number', 'state'])
    problems = []
    by_id = {l['id']: l for l in letters}
    for id_ in registered:
        letter = by_id.get(id_)
        if not letter or letter['state'] != 'registered' or not (
                letter['number']):
            problems.append("letter %s acknowledged, not registered" % id_)
    every = client.model('lsp.letter', 'search_read',
        [('direction', '=', 'outgoing'), ('number', '!=', None)],
        0, None, None, ['number'])
    numbers = sorted(int(m.group(1)) for m in (
            re.match(r'(\d+)/LSPPI/[^/]+/[^/]+/%s$' % YEAR, l['number'])
            for l in every) if m)
    if len(numbers) != len(set(numbers)):
        problems.append("repeated numbers")
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        problems.append("gaps in the numbers of %s" % YEAR)
    drafts = [l for l in letters if l['state'] == 'draft']
    return problems, len(registered), len(numbers), len(drafts)


def serve(uri, database, port, production, server_uri=None, path=DATA):
    args = [LSP_SH, 'serve'] + (['--production'] if production else [])
    env = environ(uri, database, port, path)
    if server_uri:
        env['TRYTOND_DATABASE__URI'] = server_uri
    process = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server ended: %s" % process.returncode)
        try:
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
            conn.request('GET', '/health')
            if conn.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError("the server did not answer")


def gunicorn_workers(port):
    "Return the pids of the gunicorn workers bound to port"
    masters, children = set(), {}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as fp:
                cmdline = fp.read().replace(b'\0', b' ').decode()
            with open('/proc/%s/stat' % pid) as fp:
                ppid = int(fp.read().rsplit(')', 1)[1].split()[1])
        except OSError:
            continue
        if 'gunicorn' in cmdline and '127.0.0.1:%s' % port in cmdline:
            children[int(pid)] = ppid
    masters = {pid for pid, ppid in children.items()
        if ppid not in children}
    return [pid for pid, ppid in children.items() if ppid in masters]


def fault_plan(port, relay, outage, events):
    "Return the faults: a worker killed at 1/3, the database cut at 2/3"
    import signal

    def faults(stop):
        start = time.monotonic()
        length = stop - start
        time.sleep(length / 3)
        workers = gunicorn_workers(port)
        if workers:
            os.kill(workers[0], signal.SIGKILL)
            now = time.monotonic()
            events.append(('worker killed (SIGKILL)', now, now))
        time.sleep(max(0, start + 2 * length / 3 - time.monotonic()))
        begin = time.monotonic()
        relay.cut()
        time.sleep(outage)
        relay.restore()
        events.append((
            'database connection cut %.0f s' % outage, begin,
            time.monotonic()))
    return faults


def measure(uri, label, production, options):
    database = copy(uri, options.template)
    port = free_port()
    relay, events, server_uri = None, [], None
    if options.faults:
        from urllib.parse import urlparse

        from tests.test_production import Relay
        parsed = urlparse(uri)
        relay = Relay((parsed.hostname or '127.0.0.1', parsed.port or 5432))
        user = '%s@' % parsed.username if parsed.username else ''
        server_uri = 'postgresql://%s127.0.0.1:%s/' % (user, relay.port)
    process = serve(uri, database, port, production, server_uri)
    try:
        faults = (fault_plan(port, relay, options.outage, events)
            if relay else None)
        figures = run_load(
            port, database, options.clients, options.writers,
            options.seconds, faults)
        if relay:
            relay.restore()
            time.sleep(2)
        problems, acknowledged, numbers, drafts = integrity(
            port, database, figures['registered'])
    finally:
        process.terminate()
        process.wait(60)
        if relay:
            relay.close()
        drop(uri, database)
    latencies = figures['latencies']
    calls = len(latencies)
    p50, p99 = (x / 1000 for x in percentiles(latencies))
    errors = sum(figures['errors'].values())
    print("%s: %.1f calls/s (%s calls in %.0f s), p50 %.0f ms, p99 %.0f ms, "
        "%s errors %s" % (
            label, calls / figures['seconds'], calls, figures['seconds'],
            p50 * 1000, p99 * 1000, errors, dict(figures['errors'])))
    print("  p50 / p99 by call: %s" % ', '.join(
            '%s %.0f / %.0f ms' % (kind, *percentiles(values))
            for kind, values in figures['by_kind'].items() if values))
    for kind, sample in figures['samples'].items():
        print("  %s: %s" % (kind, sample))
    lost = sum(1 for p in problems if 'acknowledged' in p)
    print("  integrity: %s letters registered and acknowledged, %s numbers "
        "of %s, %s drafts left, %s lost writes, %s" % (
            acknowledged, numbers, YEAR, drafts, lost,
            '; '.join(problems) or 'numbers unique and gap-less'))
    for name, begin, end in events:
        after = [t for t in figures['successes'] if t > end]
        recovery = (after[0] - end) if after else float('nan')
        print("  fault: %s: first successful call %.1f s after" % (
                name, recovery))
    return calls / figures['seconds'], p99, errors, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-n', '--clients', type=int, default=50)
    parser.add_argument('--writers', type=int, default=10)
    parser.add_argument('--seconds', type=float, default=30)
    parser.add_argument('--uri', default=os.environ.get(
            'LSP_BENCH_URI', 'postgresql://postgres@127.0.0.1:5432/'))
    parser.add_argument('--only', choices=['baseline', 'production'])
    parser.add_argument('--faults', action='store_true',
        help="kill a gunicorn worker at 1/3 of the run and cut the "
        "connection to the database at 2/3 (production mode only)")
    parser.add_argument('--outage', type=float, default=10,
        help="the seconds the connection to the database is cut")
    parser.add_argument('--template', default=TEMPLATE,
        help="the demo database copied for each server (made when missing)")
    options = parser.parse_args()
    if options.faults:
        options.only = 'production'
    demo_template(options.uri, options.template)
    print("%s clients (%s writing letters), %.0f s each, PostgreSQL" % (
            options.clients, options.writers, options.seconds))
    results = {}
    if options.only != 'production':
        results['baseline'] = measure(
            options.uri, "baseline trytond (threaded)", False, options)
    if options.only != 'baseline':
        results['production'] = measure(
            options.uri, "production gunicorn %sx%s" % (
                os.environ.get('LSP_WORKERS', 2),
                os.environ.get('LSP_THREADS', 4)), True, options)
    if len(results) == 2:
        print("production / baseline: %.2f x the calls/s" % (
                results['production'][0] / results['baseline'][0]))


if __name__ == '__main__':
    main()
