#!/usr/bin/env python3
# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Time the daily surveillance job over a large register.

Creates a fresh database with lsp_sertifikasi and inserts with SQL, in bulk
(not timed), C certificates (default 100 000) whose holders have an e-mail
address, each with its two planned surveillance rows (the first ones of 1 000
certificates due on one day, of 9 000 on a later one, of the others 100 a
day after), plus U certificates not planned yet (default 100). Then it runs,
server side through the pool, the daily jobs (``lsp.surveillance|run`` and
``lsp.certificate|remind_renewal``) for a day on which no row is due (the
baseline: what the job costs whatever the register), for a day on which
1 000 rows are due and for one on which 10 000 are, each in its own
transaction rolled back afterwards, and prints the seconds, the SQL queries
and the e-mails of each. A job linear in the rows due, not in the register,
costs about ten times more for 10 000 rows than for 1 000, and its baseline
stays small.

    .venv/bin/python bench/surveillance.py [--certificates 100000] \\
        [--unplanned 100]
    .venv/bin/python bench/surveillance.py --postgresql \\
        [--uri postgresql://postgres@127.0.0.1:5432/]

The SQLite database is bench/.db/bench_surveillance.sqlite (ignored by
git); the PostgreSQL database is bench_surveillance. Either is dropped and
created afresh on each run. The queries are counted on SQLite only.
"""
import argparse
import datetime as dt
import os
import sys
import time
from unittest.mock import patch

from database import DATA, add_arguments, create_database, database_uri

DATABASE = 'bench_surveillance'
BATCH = 5000
#: the days of the due dates of the planned rows count from START
START = dt.date(2027, 3, 1)
PER_DAY = 100


def write_config(uri):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, 'trytond_surveillance.conf')
    with open(path, 'w') as fp:
        fp.write('[database]\nuri = %s\npath = %s\n' % (uri, DATA))
    return path


def insert(cursor, table, columns, rows):
    "Insert rows into table in batches, returning nothing"
    for start in range(0, len(rows), BATCH):
        cursor.execute(*table.insert(
                [getattr(table, c) for c in columns],
                rows[start:start + BATCH]))


def due_offset(index, certificates):
    """Return the days after START the first surveillance of the certificate
    of index falls due: 1 000 on day 5, 9 000 on day 50, the others from day
    200 on (100 a day); the certificates not planned yet on day 400"""
    if index >= certificates:
        return 400
    if index < 1000:
        return 5
    if index < 10000:
        return 50
    return 200 + index // PER_DAY


def populate(pool, certificates, unplanned):
    "Insert the register with SQL"
    from dateutil.relativedelta import relativedelta

    from trytond.transaction import Transaction
    from verify_page import get_company, get_scheme
    Party = pool.get('party.party')
    Mechanism = pool.get('party.contact_mechanism')
    Certificate = pool.get('lsp.certificate')
    Surveillance = pool.get('lsp.surveillance')
    company = get_company(pool)
    scheme = get_scheme(pool)
    cursor = Transaction().connection.cursor()
    party = Party.__table__()
    now = dt.datetime.now()
    total = certificates + unplanned
    insert(cursor, party, ['name', 'code', 'active', 'create_uid',
            'create_date'],
        [["Asesi %06d" % i, 'BENCH%06d' % i, True, 0, now]
            for i in range(total)])
    cursor.execute(*party.select(
            party.id, where=party.code.like('BENCH%'), order_by=party.id))
    holders = [r[0] for r in cursor]
    mechanism = Mechanism.__table__()
    insert(cursor, mechanism, [
            'party', 'type', 'value', 'value_compact', 'active',
            'sequence', 'create_uid', 'create_date'],
        [[h, 'email', 'asesi%06d@example.com' % i,
                'asesi%06d@example.com' % i, True, 10, 0, now]
            for i, h in enumerate(holders)])
    certificate = Certificate.__table__()
    rows = []
    for i, holder in enumerate(holders):
        due = START + dt.timedelta(days=due_offset(i, certificates))
        issue = due - relativedelta(months=12)
        rows.append([
                company.id, holder, "Asesi %06d" % i, scheme.id,
                scheme.version, issue, issue + relativedelta(years=3),
                'BENCH/%06d' % i, 'token%027d' % i, 'active',
                i < certificates, 'none', 0, now])
    insert(cursor, certificate, ['company', 'holder', 'holder_name',
            'scheme', 'scheme_version', 'issue_date', 'expiry_date', 'number',
            'verification_token', 'state', 'surveillance_planned',
            'renewal_reminder', 'create_uid', 'create_date'], rows)
    cursor.execute(*certificate.select(
            certificate.id, certificate.issue_date,
            where=certificate.surveillance_planned == True,  # noqa: E712
            order_by=certificate.id))
    surveillance = Surveillance.__table__()
    rows = []
    for certificate_id, issue in cursor.fetchall():
        if isinstance(issue, str):
            issue = dt.date.fromisoformat(issue)
        for sequence in (1, 2):
            rows.append([
                    certificate_id, sequence,
                    issue + relativedelta(months=12 * sequence),
                    scheme.surveillance_method, 'planned', False, 0, now])
    insert(cursor, surveillance, ['certificate', 'sequence', 'due_date',
            'method', 'state', 'declaration', 'create_uid', 'create_date'],
        rows)
    return company.id


class QueryCounter:
    "Count the SQL statements of a SQLite connection"

    def __init__(self, connection):
        self.count = 0
        self.connection = connection
        self.supported = hasattr(connection, 'set_trace_callback')

    def __enter__(self):
        if self.supported:
            self.connection.set_trace_callback(self.trace)
        return self

    def trace(self, statement):
        self.count += 1

    def __exit__(self, *args):
        if self.supported:
            self.connection.set_trace_callback(None)


def run_jobs(pool, company, date):
    """Run the daily jobs for date in a transaction rolled back; return the
    seconds, the queries, the e-mails and the rows requested"""
    from trytond.transaction import Transaction
    Surveillance = pool.get('lsp.surveillance')
    Certificate = pool.get('lsp.certificate')
    with Transaction().start(
            DATABASE, 0, context={'company': company}) as transaction:
        with patch('lsp_base.tools.send_message_transactional') as send, \
                patch('trytond.ir.date.Date.today', return_value=date), \
                QueryCounter(transaction.connection) as counter:
            start = time.perf_counter()
            if os.environ.get('BENCH_PROFILE'):
                import cProfile
                profile = cProfile.Profile()
                profile.enable()
            Surveillance.run(date)
            Certificate.remind_renewal(date)
            seconds = time.perf_counter() - start
            if os.environ.get('BENCH_PROFILE'):
                profile.disable()
                profile.dump_stats(
                    os.environ['BENCH_PROFILE'] + '.%s' % date)
        requested = Surveillance.search(
            [('state', '=', 'requested')], count=True)
        planned = Certificate.search(
            [('surveillance_planned', '=', False)], count=True)
        transaction.rollback()
    return seconds, counter.count if counter.supported else None, \
        send.call_count, requested, planned


def main():
    parser = argparse.ArgumentParser(description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--certificates', type=int, default=100000)
    parser.add_argument('--unplanned', type=int, default=100)
    parser.add_argument('--due', type=int, nargs='+',
        default=[0, 1000, 10000], choices=[0, 1000, 10000],
        help="the runs to time, by their rows due")
    add_arguments(parser)
    args = parser.parse_args()
    uri = database_uri(args)
    config = write_config(uri)
    os.environ['TRYTOND_CONFIG'] = config
    print("creating the database", file=sys.stderr)
    create_database(uri, config, DATABASE, drop=True)

    from trytond.pool import Pool
    from trytond.transaction import Transaction
    Pool.start()
    pool = Pool(DATABASE)
    with Transaction().start(DATABASE, 0) as transaction:
        pool.init()
        start = time.perf_counter()
        company = populate(pool, args.certificates, args.unplanned)
        transaction.commit()
    print("inserted %d certificates in %.1f s" % (
            args.certificates + args.unplanned,
            time.perf_counter() - start), file=sys.stderr)

    # the rows due within 30 days of date: none, 1 000, 10 000
    days = {0: -40, 1000: -20, 10000: 25}
    results = {}
    for due, offset in days.items():
        if due not in args.due:
            continue
        date = START + dt.timedelta(days=offset)
        results[due] = run_jobs(pool, company, date)
        seconds, queries, mails, requested, _ = results[due]
        print("%6d due (%s): %.2f s, %s queries, %d e-mails, %d requested"
            % (due, date, seconds, queries, mails, requested))
    if set(results) != set(days):
        return
    base = results[0][0]
    ratio = results[10000][0] / results[1000][0]
    print("register of %d certificates (%d planned by the job each run); "
        "baseline (0 due) %.2f s; 10 000 due / 1 000 due = %.1f× "
        "(linear: ≈ 10×); target < 60 s"
        % (args.certificates + args.unplanned, args.unplanned, base, ratio))


if __name__ == '__main__':
    main()
