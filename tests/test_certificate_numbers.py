# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Certificates issued at the same time get unique numbers without gaps.

Creates its own database (SQLite file or PostgreSQL database, following
TRYTOND_DATABASE_URI) with lsp_sertifikasi, then a child process issues
certificates from several threads at once, each certificate in its own
transaction restarted with the locks it asks for, as trytond's dispatcher
does.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid

from .tools import postgresql_admin_connection

BIN = os.path.dirname(sys.executable)
THREADS = 4
CERTIFICATES = 8
#: the seconds a transaction keeps the lock of the numbers after issuing
HOLD = 0.5


class CertificateNumberTestCase(unittest.TestCase):
    "Test the numbering of certificates issued by parallel transactions"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='lsp-numbers-')
        cls.uri = os.environ.get('TRYTOND_DATABASE_URI', 'sqlite://')
        cls.database = 'test_numbers_%s' % uuid.uuid4().hex[:8]
        cls.config = os.path.join(cls.tmp, 'trytond.conf')
        with open(cls.config, 'w') as fp:
            fp.write('[database]\nuri = %s\npath = %s\n' % (cls.uri, cls.tmp))
        if cls.uri.startswith('postgresql'):
            with postgresql_admin_connection(cls.uri) as conn:
                conn.execute('CREATE DATABASE "%s"' % cls.database)
        else:
            open(os.path.join(
                    cls.tmp, cls.database + '.sqlite'), 'w').close()
        passfile = os.path.join(cls.tmp, 'admin-password')
        with open(passfile, 'w') as fp:
            fp.write(uuid.uuid4().hex)
        subprocess.run([
                os.path.join(BIN, 'trytond-admin'), '-c', cls.config,
                '-d', cls.database, '--email', 'admin@example.com',
                '-u', 'lsp_sertifikasi', '--activate-dependencies'],
            env={**cls.environ(), 'TRYTONPASSFILE': passfile}, check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @classmethod
    def tearDownClass(cls):
        if cls.uri.startswith('postgresql'):
            with postgresql_admin_connection(cls.uri) as conn:
                conn.execute(
                    'DROP DATABASE IF EXISTS "%s" WITH (FORCE)'
                    % cls.database)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def environ(cls):
        env = {k: v for k, v in os.environ.items()
            if not k.startswith('TRYTOND_') and k not in {'DB_NAME'}}
        env['TRYTOND_CONFIG'] = cls.config
        return env

    def test_parallel_issue(self):
        "Certificates issued by parallel transactions are numbered 1 to N"
        process = subprocess.run(
            [sys.executable, '-m', 'tests.test_certificate_numbers',
                self.database],
            env=self.environ(), cwd=os.path.dirname(os.path.dirname(
                    os.path.abspath(__file__))),
            capture_output=True, text=True, timeout=600)
        self.assertEqual(process.returncode, 0, process.stderr)
        result = json.loads(process.stdout)
        self.assertEqual(result['errors'], [])
        counters = sorted(
            int(re.fullmatch(r'LSPPI/SSK\.PAR/\d{4}/(\d{5})', n).group(1))
            for n in result['numbers'])
        self.assertEqual(
            counters, list(range(1, THREADS * CERTIFICATES + 1)))


def issue_in_parallel(database):
    "Issue certificates from THREADS threads; print the numbers as JSON"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    Pool.start()
    pool = Pool(database)
    with Transaction().start(database, 0) as transaction:
        pool.init()
        company, scheme, holders = create_data(pool)
        transaction.commit()
    barrier = threading.Barrier(THREADS)
    errors = []

    def issue(holder):
        Certificate = pool.get('lsp.certificate')
        Certificate.issue([{'holder': holder, 'scheme': scheme}])
        # the lock is held as by a decision issuing several certificates,
        # longer than trytond's tries of a NOWAIT lock (a third of a second)
        time.sleep(HOLD)

    def work(holders):
        try:
            for holder in holders:
                barrier.wait(timeout=60)
                in_transaction(database, company, issue, holder)
        except Exception as error:
            errors.append(repr(error))
            barrier.abort()
    threads = [
        threading.Thread(target=work, args=(holders[i::THREADS],))
        for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Transaction().start(database, 0, readonly=True):
        Certificate = pool.get('lsp.certificate')
        numbers = [c.number for c in Certificate.search([])]
    print(json.dumps({'numbers': numbers, 'errors': errors}))


def in_transaction(database, company, function, *args):
    """Run function in a transaction as trytond's dispatcher runs a client's
    call: started again with the locks it asks for, or after an operational
    error, at most [database] retry times; the start itself is not retried
    (trytond/protocols/dispatcher.py, _dispatch)"""
    import time

    from trytond import backend
    from trytond.config import config
    from trytond.transaction import Transaction, TransactionError
    extras, count = {}, 0
    while True:
        if count:
            time.sleep(0.02 * count)
        with Transaction().start(
                database, 0, context={'company': company},
                **extras) as transaction:
            try:
                function(*args)
            except TransactionError as error:
                transaction.rollback()
                error.fix(extras)
                continue
            except backend.DatabaseOperationalError:
                if count < config.getint('database', 'retry'):
                    transaction.rollback()
                    count += 1
                    continue
                raise
            transaction.commit()
            return


def create_data(pool):
    "Create a company, an active scheme and the holders"
    Company = pool.get('company.company')
    Currency = pool.get('currency.currency')
    Party = pool.get('party.party')
    Scheme = pool.get('lsp.scheme')
    Sector = pool.get('lsp.sector')
    Standard = pool.get('lsp.standard')
    currency, = Currency.create([{
                'name': "Rupiah", 'code': 'IDR', 'symbol': 'Rp',
                'digits': 0, 'rounding': 1}])
    party, = Party.create([{'name': "LSP Perkoperasian Indonesia"}])
    company, = Company.create([{'party': party.id, 'currency': currency.id}])
    sector, = Sector.search([('code', '=', 'KSP')])
    standard, = Standard.create([{
                'reference': "Standar Paralel", 'title': "Standar Paralel",
                'sector': sector.id,
                'units': [('create', [{'code': 'PAR.1', 'title': "Unit"}])],
                }])
    scheme, = Scheme.create([{
                'code': 'SSK.PAR', 'name': "Skema Paralel",
                'sector': sector.id,
                'units': [('create', [
                            {'unit': u.id} for u in standard.units])],
                }])
    Scheme.write([scheme], {'state': 'active'})
    holders = Party.create([
            {'name': "Asesi %s" % i}
            for i in range(THREADS * CERTIFICATES)])
    return company.id, scheme.id, [h.id for h in holders]


if __name__ == '__main__':
    issue_in_parallel(sys.argv[1])
