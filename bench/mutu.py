# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Compute the quality indicators of a year and prepare its management
review over 100 000 certificates and 1 000 000 assessment unit rows.

The data is made once (not timed): one scheme, TUK, assessor, application,
event and submitted assessment through the ORM, then copied by bulk SQL
inserts into as many applications and assessments (five units each, K or
BK at random, submitted over the year), certificates and their history
events; the statistics of the tables are gathered (ANALYZE), as the
autovacuum of a database in use keeps them. Then, timed: Indicator.compute
of every computed indicator over the year, and Review.prepare of the year,
against the baseline of the plain SQL floor in the same process: the units
counted per result and the certificates counted, one grouped SELECT each.

    .venv/bin/python bench/mutu.py [--certificates 100000]
        [--units 1000000] [--postgresql [--uri URI]] [--profile FILE]
"""
import argparse
import datetime as dt
import json
import os
import random
import sys
import time

from database import DATA, add_arguments, create_database, database_uri

DATABASE = 'bench_mutu'
BATCH = 2000


def write_config(uri):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, 'trytond_mutu.conf')
    with open(path, 'w') as fp:
        fp.write('[database]\nuri = %s\npath = %s\n' % (uri, DATA))
    return path


def clone(cursor, name, template_id, count, overrides):
    """Insert count copies of the row template_id of table name

    overrides maps a column to a function of the copy's index giving its
    value. Return the ids of the copies."""
    from sql import Column, Table
    from sql.aggregate import Max
    table = Table(name)
    cursor.execute(*table.select(where=table.id == template_id))
    columns = [d[0] for d in cursor.description]
    # PostgreSQL gives the JSON columns (multiselections) as lists
    template = {c: json.dumps(v) if isinstance(v, (list, dict)) else v
        for c, v in zip(columns, cursor.fetchone())}
    columns = [c for c in columns if c != 'id']
    cursor.execute(*table.select(Max(table.id)))
    last, = cursor.fetchone()
    for start in range(0, count, BATCH):
        rows = []
        for i in range(start, min(count, start + BATCH)):
            rows.append([overrides[c](i) if c in overrides else template[c]
                    for c in columns])
        cursor.execute(*table.insert(
                [Column(table, c) for c in columns], rows))
    cursor.execute(*table.select(
            table.id, where=table.id > last, order_by=[table.id.asc]))
    return [i for i, in cursor]


def make_templates(config_file):
    "Make the records to copy through proteus, return their ids"
    from proteus import Model
    from proteus import config as proteus_config

    from trytond.modules.company.tests.tools import create_company
    proteus_config.set_trytond(database=DATABASE, config_file=config_file)
    create_company()
    sys.path.insert(0, os.path.join(os.path.dirname(DATA), '..', 'addons'))
    from lsp_base.tests.tools import create_active_scheme, create_assessor
    from lsp_tuk.tests.tools import create_verified_tuk
    today = dt.date.today()
    start = dt.date(today.year, 1, 1)
    scheme = create_active_scheme(units=5)
    tuk = create_verified_tuk(scheme, valid_from=start)
    assessor = create_assessor(
        "Teguh Santosa", scheme, licence_from=start - dt.timedelta(365))
    Party = Model.get('party.party')
    Application = Model.get('lsp.application')
    Event = Model.get('lsp.assessment.event')
    Certificate = Model.get('lsp.certificate')
    candidate = Party(name="Asesi Bench", gender='male')
    candidate.nik = '3201010101900001'
    candidate.save()
    application = Application(candidate=candidate, scheme=scheme)
    for line in application.self_assessments:
        line.answer = 'k'
    application.click('submit')
    for line in application.requirements:
        line.check = 'memenuhi'
    application.click('accept')
    event = Event(scheme=scheme, tuk=tuk)
    event.start_date = event.end_date = start + dt.timedelta(days=7)
    event.quota = 10
    event.assessors.new(assessor=assessor, role='lead')
    event.participants.append(Application(application.id))
    event.click('confirm')
    assessment, = Model.get('lsp.assessment').find([])
    assessment.click('start')
    assessment.consent = True
    for unit in assessment.units:
        unit.result = 'k'
    assessment.save()
    assessment.click('submit')
    certificate = Certificate(holder=candidate, scheme=scheme)
    certificate.save()
    return {
        'application': application.id,
        'assessment': assessment.id,
        'units': [u.id for u in assessment.units],
        'certificate': certificate.id,
        'history': certificate.history[0].id,
        }


def populate(templates, certificates, units):
    "Copy the templates into the bulk of the data"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    rng = random.Random(17024)
    year = dt.date.today().year
    assessments = units // 5

    def day(i):
        return dt.date(year, 1, 1) + dt.timedelta(days=i % 360)
    with Transaction().start(DATABASE, 0) as transaction:
        Pool(DATABASE).init()
        cursor = transaction.connection.cursor()
        applications = clone(cursor, 'lsp_application',
            templates['application'], assessments, {
                'number': lambda i: 'B-APL-%07d' % i,
                'date': day,
                })
        new_assessments = clone(cursor, 'lsp_assessment',
            templates['assessment'], assessments, {
                'application': lambda i: applications[i],
                'submitted_date': lambda i: day(i + 7),
                'feedback': lambda i: (
                    "Asesor tidak menjelaskan banding." if i % 50 == 0
                    else None),
                })
        template_units = templates['units']
        results = [rng.choice(['k', 'k', 'k', 'bk']) for _ in range(units)]
        clone(cursor, 'lsp_assessment_unit', template_units[0], units, {
                'assessment': lambda i: new_assessments[i // 5],
                'sequence': lambda i: i % 5 + 1,
                'result': lambda i: results[i],
                })
        new_certificates = clone(cursor, 'lsp_certificate',
            templates['certificate'], certificates, {
                'number': lambda i: 'B/%07d' % i,
                'verification_token': lambda i: 'bench%027d' % i,
                'issue_date': day,
                'state': lambda i: 'suspended' if i % 100 == 0
                else 'active',
                })
        clone(cursor, 'lsp_certificate_event', templates['history'],
            certificates, {
                'certificate': lambda i: new_certificates[i],
                'date': day,
                'kind': lambda i: 'suspended' if i % 100 == 0
                else 'issued',
                })
        # the planner's statistics of the bulk-loaded tables, as the
        # autovacuum of a database in use keeps them
        cursor.execute('ANALYZE')
        transaction.commit()


def baseline():
    """Return the seconds of the plain SQL floor: the assessment units
    counted per result and the certificates counted, and the counts"""
    from sql import Table
    from sql.aggregate import Count

    from trytond.transaction import Transaction
    unit = Table('lsp_assessment_unit')
    certificate = Table('lsp_certificate')
    with Transaction().start(DATABASE, 0) as transaction:
        cursor = transaction.connection.cursor()
        began = time.perf_counter()
        cursor.execute(*unit.select(unit.result, Count(unit.id),
                group_by=[unit.result]))
        results = dict(cursor)
        cursor.execute(*certificate.select(Count(certificate.id)))
        certificates, = cursor.fetchone()
        seconds = time.perf_counter() - began
    return seconds, results, certificates


def timed(profile=None):
    """Compute the indicators and prepare the review of the year, timed

    With profile, write the cProfile statistics of both to that file."""
    import cProfile

    from trytond.pool import Pool
    from trytond.transaction import Transaction
    year = dt.date.today().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    pool = Pool(DATABASE)
    with Transaction().start(DATABASE, 0) as transaction:
        Company = pool.get('company.company')
        company, = Company.search([])
        with transaction.set_context(company=company.id):
            Indicator = pool.get('lsp.mutu.indicator')
            Review = pool.get('lsp.mutu.review')
            indicators = Indicator.search([('method', '=', 'computed')])
            profiler = cProfile.Profile() if profile else None
            if profiler:
                profiler.enable()
            began = time.perf_counter()
            values = Indicator.compute(indicators, start, end)
            indicators_seconds = time.perf_counter() - began
            review, = Review.create([{
                        'title': "Bench", 'period_start': start,
                        'period_end': end}])
            began = time.perf_counter()
            Review.prepare([review])
            review_seconds = time.perf_counter() - began
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
            counts = {i.category: i.count for i in review.inputs}
        transaction.rollback()
    return indicators_seconds, len(values), review_seconds, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--certificates', type=int, default=100000)
    parser.add_argument('--units', type=int, default=1000000)
    parser.add_argument('--profile', metavar='FILE',
        help="write the cProfile statistics of the timed part to FILE")
    add_arguments(parser)
    args = parser.parse_args()
    uri = database_uri(args)
    config = write_config(uri)
    os.environ['TRYTOND_CONFIG'] = config
    began = time.perf_counter()
    create_database(uri, config, DATABASE, drop=True, module='lsp_mutu')
    templates = make_templates(config)
    populate(templates, args.certificates, args.units)
    print("data made in %.1f s (not timed): %d certificates, %d unit rows"
        % (time.perf_counter() - began, args.certificates, args.units))
    baseline_seconds, results, certificates = baseline()
    indicators_seconds, values, review_seconds, counts = timed(args.profile)
    print("indicators of the year: %.2f s (%d values)"
        % (indicators_seconds, values))
    print("review prepared: %.2f s (feedback %s, certificates issued %s)"
        % (review_seconds, counts.get('feedback'),
            counts.get('certification_volume')))
    total = indicators_seconds + review_seconds
    print("baseline (the units counted per result, %s, and the %d "
        "certificates counted in SQL): %.3f s"
        % (', '.join('%s %d' % (r, c) for r, c in sorted(
                        results.items(), key=str)),
            certificates, baseline_seconds))
    print("total: %.2f s, %.0f× the baseline (%s)" % (
            total, total / baseline_seconds if baseline_seconds else 0,
            'PostgreSQL' if args.postgresql else 'SQLite'))


if __name__ == '__main__':
    main()
