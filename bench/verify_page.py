#!/usr/bin/env python3
# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Time the public certificate verification page on the real server.

Creates (or reuses) a database with lsp_sertifikasi and N certificates
(default 10 000), starts ``trytond`` on a free port and makes R GET requests
(default 1000) to the verification pages of random certificates, then as
many to unknown tokens, and as a baseline as many calls of the trivial
``common.server.version`` RPC of the same server. Prints the median and the
95th percentile of each in milliseconds and the ratio of the page to the
baseline.

    .venv/bin/python bench/verify_page.py [-n 1000] [--certificates 10000]
    .venv/bin/python bench/verify_page.py --postgresql \\
        [--uri postgresql://postgres@127.0.0.1:5432/]

The SQLite database is kept in bench/.db/ (ignored by git) and reused by
the next run; the PostgreSQL database is named bench_verify_page.
"""
import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import time

from database import (
    BIN, DATA, add_arguments, create_database, database_exists, database_uri)

DATABASE = 'bench_verify_page'
BATCH = 500
_initialised = []


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def write_config(uri, port):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, 'trytond.conf')
    with open(path, 'w') as fp:
        fp.write('[database]\nuri = %s\npath = %s\n[web]\nlisten = '
            '127.0.0.1:%s\n' % (uri, DATA, port))
    return path


def certificate_tokens():
    "Return the tokens of the certificates of the database"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    if not Pool._started:
        Pool.start()
    pool = Pool(DATABASE)
    with Transaction().start(DATABASE, 0, readonly=True):
        if not _initialised:
            pool.init()
            _initialised.append(True)
        Certificate = pool.get('lsp.certificate')
        table = Certificate.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.select(table.verification_token))
        return [t for t, in cursor]


def populate(count):
    "Issue certificates until the database holds count of them"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    pool = Pool(DATABASE)
    with Transaction().start(DATABASE, 0) as transaction:
        company = get_company(pool).id
        scheme = get_scheme(pool).id
        existing = pool.get('lsp.certificate').search([], count=True)
        transaction.commit()
    for start in range(existing, count, BATCH):
        size = min(BATCH, count - start)
        in_transaction(issue_batch, pool, company, scheme, start, size)
        print("%d certificates" % (start + size), file=sys.stderr)


def in_transaction(function, pool, company, *args):
    """Run function in a transaction of company, restarted with the locks it
    asks for as trytond's dispatcher does"""
    from trytond.transaction import Transaction, TransactionError
    extras = {}
    while True:
        with Transaction().start(
                DATABASE, 0, context={'company': company},
                **extras) as transaction:
            try:
                result = function(pool, *args)
            except TransactionError as error:
                transaction.rollback()
                error.fix(extras)
                continue
            transaction.commit()
            return result


def issue_batch(pool, scheme, start, size):
    Party = pool.get('party.party')
    Certificate = pool.get('lsp.certificate')
    holders = Party.create([
            {'name': "Asesi %05d" % (start + i)} for i in range(size)])
    Certificate.issue([{'holder': h, 'scheme': scheme} for h in holders])


def get_company(pool):
    Company = pool.get('company.company')
    Currency = pool.get('currency.currency')
    Party = pool.get('party.party')
    companies = Company.search([])
    if companies:
        return companies[0]
    currency, = Currency.create([{
                'name': "Rupiah", 'code': 'IDR', 'symbol': 'Rp',
                'digits': 0, 'rounding': 1}])
    party, = Party.create([{'name': "LSP Perkoperasian Indonesia"}])
    company, = Company.create([{'party': party.id, 'currency': currency.id}])
    return company


def get_scheme(pool):
    Scheme = pool.get('lsp.scheme')
    Sector = pool.get('lsp.sector')
    Standard = pool.get('lsp.standard')
    schemes = Scheme.search([('code', '=', 'SSK.BENCH')])
    if schemes:
        return schemes[0]
    sector, = Sector.search([('code', '=', 'KSP')])
    standard, = Standard.create([{
                'reference': "Standar Bench", 'title': "Standar Bench",
                'sector': sector.id,
                'units': [('create', [
                            {'code': 'BENCH.%s' % i, 'title': "Unit %s" % i}
                            for i in range(1, 6)])],
                }])
    scheme, = Scheme.create([{
                'code': 'SSK.BENCH', 'name': "Skema Bench",
                'sector': sector.id,
                'units': [('create', [
                            {'unit': u.id} for u in standard.units])],
                }])
    Scheme.write([scheme], {'state': 'active'})
    return scheme


def start_server(config, port):
    log = open(os.path.join(DATA, 'server.log'), 'w')
    server = subprocess.Popen([
            os.path.join(BIN, 'trytond'), '-c', config, '-d', DATABASE],
        env={k: v for k, v in os.environ.items()
            if not k.startswith('TRYTOND_')},
        stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("trytond exited, see bench/.db/server.log")
        try:
            socket.create_connection(('127.0.0.1', port), 1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("trytond did not listen on port %s" % port)


def timed_requests(port, requests):
    "Return the durations in ms of requests, a list of (method, path, body)"
    durations = []
    statuses = set()
    for method, path, body, headers in requests:
        start = time.perf_counter()
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        durations.append((time.perf_counter() - start) * 1000)
        statuses.add(response.status)
    return durations, statuses


def summary(durations):
    durations = sorted(durations)
    p95 = durations[int(round(0.95 * (len(durations) - 1)))]
    return statistics.median(durations), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('-n', '--requests', type=int, default=1000)
    parser.add_argument('--certificates', type=int, default=10000)
    add_arguments(parser)
    args = parser.parse_args()

    uri = database_uri(args)
    port = free_port()
    config = write_config(uri, port)
    # before trytond is imported: its configuration is read once
    os.environ['TRYTOND_CONFIG'] = config
    if not database_exists(uri, DATABASE):
        create_database(uri, config, DATABASE)
    tokens = certificate_tokens()
    if len(tokens) < args.certificates:
        populate(args.certificates)
        tokens = certificate_tokens()

    rng = random.Random(42)
    page = '/%s/lsp/verify/%%s' % DATABASE
    valid = [('GET', page % rng.choice(tokens), None, {})
        for _ in range(args.requests)]
    unknown = [('GET', page % secrets.token_urlsafe(24), None, {})
        for _ in range(args.requests)]
    version = json.dumps({
            'id': 1, 'method': 'common.server.version', 'params': []})
    headers = {'Content-Type': 'application/json'}
    baseline = [('POST', '/rpc/', version, headers)
        for _ in range(args.requests)]

    server = start_server(config, port)
    try:
        # warm the caches of the server (pool, translations, languages)
        timed_requests(port, valid[:20] + unknown[:20] + baseline[:20])
        results = {}
        for name, requests in [
                ('verification page', valid),
                ('unknown token (404)', unknown),
                ('baseline common.server.version', baseline)]:
            durations, statuses = timed_requests(port, requests)
            results[name] = summary(durations), statuses
    finally:
        server.terminate()
        server.wait(timeout=30)

    print("%s, %d certificates, %d requests each" % (
            'PostgreSQL' if args.postgresql else 'SQLite', len(tokens),
            args.requests))
    for name, ((median, p95), statuses) in results.items():
        print("%-32s median %6.2f ms  p95 %6.2f ms  status %s" % (
                name, median, p95, ','.join(map(str, sorted(statuses)))))
    page_median = results['verification page'][0][0]
    base_median = results['baseline common.server.version'][0][0]
    print("ratio page / baseline (median): %.1f×" % (
            page_median / base_median))


if __name__ == '__main__':
    main()
