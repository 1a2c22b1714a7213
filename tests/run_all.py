#!/usr/bin/env python3
# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Run every test suite of the project on SQLite and on PostgreSQL.

    python tests/run_all.py [sqlite] [postgresql] [-k SUITE] [-t TEST]

Each suite (the tests of one module, then the cross-module tests of tests/)
runs in its own process against its own database; the two backends run side
by side and each suite's output is printed when it ends. The suite "lint"
runs ruff over addons/, tests/, bench/ and demo/ once, the suite "browser"
(tests/browser: sao in chromium) once, with the SQLite backend. -k keeps
the named suites, -t the tests whose id contains TEST (a test method such as
test_login_kepala, or a scenario file such as scenario_meeting.rst). The
last line printed sums them all: "N passed, N failed[, N skipped]". The exit
code is 1 when anything failed.
"""
import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.tools import (  # noqa: E402
    ADDONS, lsp_modules, postgresql_admin_connection)



def asynchronous_commit(uri):
    """Return uri whose connections commit without waiting for the disk

    The tests commit tens of thousands of transactions and wait ~4 ms on
    each for its flush; what they prove does not depend on it (a commit is
    still atomic and visible to every other connection at once, only a
    crash of the server could lose the last ones)."""
    if '?' in uri:
        return uri
    return uri + '?options=-c%20synchronous_commit%3Doff'


BACKENDS = {
    'sqlite': {
        'TRYTOND_DATABASE_URI': 'sqlite://',
        'DB_NAME': ':memory:',
        },
    'postgresql': {
        'TRYTOND_DATABASE_URI': asynchronous_commit(os.environ.get(
            'LSP_TEST_POSTGRESQL_URI',
            'postgresql://postgres@127.0.0.1:5432/')),
        },
    }


#: the folders the linter checks
LINTED = ['addons', 'tests', 'bench', 'demo', 'ops']


#: the suite of the web client in a real browser, run once (on SQLite)
BROWSER = os.path.join(ROOT, 'tests', 'browser')


def suites():
    "Return (name, start directory, top level directory) of each suite"
    for module in lsp_modules():
        yield module, os.path.join(ADDONS, module, 'tests'), ADDONS
    yield 'tests', os.path.join(ROOT, 'tests'), ROOT
    yield 'browser', BROWSER, ROOT


def iter_tests(suite):
    "Yield the tests of suite, recursively"
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from iter_tests(test)
        else:
            yield test


#: the slowest tests of a suite printed after it, with their seconds
SLOWEST = 8


class TimedResult(unittest.TextTestResult):
    "A result that keeps the seconds of each test as (id, seconds)"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.durations = []
        self._started = None

    def startTest(self, test):
        self._started = time.monotonic()
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        if self._started is not None:
            self.durations.append(
                (test.id(), time.monotonic() - self._started))


def run_child(start_dir, top_level_dir, result_path, names=None):
    """Run one suite in this process and write its counts as JSON

    names keeps only the tests whose id contains one of them."""
    suite = unittest.defaultTestLoader.discover(
        start_dir, pattern='test*.py', top_level_dir=top_level_dir)
    if os.path.abspath(start_dir) != BROWSER:
        # tests/browser is a suite of its own
        suite = unittest.TestSuite(
            t for t in iter_tests(suite)
            if not t.id().startswith('tests.browser.'))
    if names:
        suite = unittest.TestSuite(
            t for t in iter_tests(suite)
            if any(n in t.id() for n in names))
    result = unittest.TextTestRunner(
        verbosity=2, resultclass=TimedResult).run(suite)
    slowest = sorted(result.durations, key=lambda d: -d[1])[:SLOWEST]
    if slowest:
        print('\nslowest tests:')
        for test, seconds in slowest:
            print('%8.1f s  %s' % (seconds, test))
    failed = (len(result.failures) + len(result.errors)
        + len(result.unexpectedSuccesses))
    skipped = len(result.skipped)
    with open(result_path, 'w') as fp:
        json.dump({
                'passed': result.testsRun - failed - skipped,
                'failed': failed,
                'skipped': skipped,
                }, fp)


def run_lint():
    "Run the linter; return its counts and its output"
    start = time.monotonic()
    process = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), 'ruff'), 'check',
            *LINTED],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    failed = 1 if process.returncode else 0
    return {
        'passed': 1 - failed, 'failed': failed, 'skipped': 0,
        'seconds': time.monotonic() - start,
        }, process.stdout


def run_suite(backend, name, start_dir, top_level_dir, cache, tests=None):
    "Run one suite in a child process; return its counts and its output"
    env = {k: v for k, v in os.environ.items()
        if not k.startswith('TRYTOND_') and k not in {'DB_NAME', 'DB_CACHE'}}
    env.update(BACKENDS[backend])
    # Databases activated by a suite are cached for the next suites and
    # scenarios of this run only (trytond's DB_CACHE)
    env['DB_CACHE'] = cache
    if backend == 'postgresql':
        env['DB_NAME'] = 'test_lsp_%s_%s' % (name, os.getpid())
    env.setdefault('TEST_NETWORK', '0')
    fd, result_path = tempfile.mkstemp(suffix='.json')
    os.close(fd)
    start = time.monotonic()
    with tempfile.TemporaryFile(mode='w+') as output:
        process = subprocess.run([
                sys.executable, __file__, '--child', start_dir,
                top_level_dir, result_path, *(tests or [])],
            env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        output.seek(0)
        log = output.read()
    try:
        with open(result_path) as fp:
            counts = json.load(fp)
    except (OSError, ValueError):
        counts = {}
    finally:
        os.unlink(result_path)
    if not counts:
        # The suite crashed before it could count: count it as one failure
        counts = {'passed': 0, 'failed': 1, 'skipped': 0}
    elif process.returncode and not counts['failed']:
        counts['failed'] = 1
    counts['seconds'] = time.monotonic() - start
    return counts, log


def run_backend(backend, names, tests, lock, summary):
    "Run the suites of backend one after the other, printing each output"
    with database_cache(backend) as cache:
        for name, start_dir, top_level_dir in suites():
            if names and name not in names:
                continue
            if name == 'browser' and backend != 'sqlite':
                # the web client is the same on both: once is enough
                continue
            counts, log = run_suite(
                backend, name, start_dir, top_level_dir, cache, tests)
            if tests and not counts['failed'] and not (
                    counts['passed'] or counts['skipped']):
                # no test of this suite matches
                continue
            with lock:
                print('\n=== %s: %s' % (backend, name))
                print(log, end='', flush=True)
                summary.append((backend, name, counts))


@contextlib.contextmanager
def database_cache(backend):
    "Yield the DB_CACHE of backend for one run and remove it afterwards"
    if backend == 'sqlite':
        with tempfile.TemporaryDirectory(prefix='lsp-db-cache-') as path:
            yield path
    else:
        # PostgreSQL caches are template databases named test-<hash>
        drop_template_caches()
        try:
            yield 'postgresql://'
        finally:
            drop_template_caches()


def drop_template_caches():
    with postgresql_admin_connection(
            BACKENDS['postgresql']['TRYTOND_DATABASE_URI']) as conn:
        names = [n for n, in conn.execute(
                "SELECT datname FROM pg_database "
                "WHERE datname LIKE 'test-%%'")]
        for name in names:
            conn.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('backends', nargs='*', metavar='BACKEND',
        help="sqlite and/or postgresql (default: both)")
    parser.add_argument('-k', '--suite', action='append',
        help="run only this suite (module name, 'tests' or 'lint')")
    parser.add_argument('-t', '--test', action='append',
        help="run only the tests whose id contains TEST, such as "
        "test_login_kepala or scenario_meeting.rst")
    parser.add_argument('--child', nargs='+', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        start_dir, top_level_dir, result_path, *names = args.child
        run_child(start_dir, top_level_dir, result_path, names)
        return 0
    backends = args.backends or list(BACKENDS)
    for backend in backends:
        if backend not in BACKENDS:
            parser.error("unknown backend %r" % backend)

    # The backends run side by side (the machine has two cores); the
    # suites of one backend run one after the other.
    summary = []
    lock = threading.Lock()
    if not args.test and (not args.suite or 'lint' in args.suite):
        counts, log = run_lint()
        print('\n=== lint')
        print(log, end='', flush=True)
        summary.append(('-', 'lint', counts))
    threads = [
        threading.Thread(
            target=run_backend, args=(b, args.suite, args.test, lock, summary))
        for b in backends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    order = {b: i for i, b in enumerate(['-'] + backends)}
    summary.sort(key=lambda s: (order[s[0]], s[1]))

    print('\n=== Summary')
    totals = {'passed': 0, 'failed': 0, 'skipped': 0}
    for backend, name, counts in summary:
        print('%-11s %-18s %3d passed %3d failed %3d skipped %6.1fs' % (
                backend, name, counts['passed'], counts['failed'],
                counts['skipped'], counts['seconds']))
        for key in totals:
            totals[key] += counts[key]
    line = '%(passed)d passed, %(failed)d failed' % totals
    if totals['skipped']:
        line += ', %(skipped)d skipped' % totals
    print(line, flush=True)
    return 1 if totals['failed'] or not totals['passed'] else 0


if __name__ == '__main__':
    sys.exit(main())
