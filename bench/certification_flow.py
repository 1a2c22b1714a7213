#!/usr/bin/env python3
# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Time the whole certification flow for N candidates.

Creates a fresh database with lsp_sertifikasi, prepares outside the timing
an active scheme of U units, a verified TUK, assessors with the scheme in
scope and the members of the Komite Teknik, then times, server side through
the pool, what the users do for N candidates (default 500, 5 units each):

- applications: register the candidate (a party with a valid NIK), create
  the application, answer the self-assessment, submit, check the
  requirements, accept;
- events: one event of E candidates (default 25) with a lead and a member
  assessor on its own day, confirmed (which creates the assessments);
- assessments: start, consent and the result K of every unit, submit;
- decisions: one decision of the Komite Teknik per event: the decision
  makers, fill the lines, then approve (which issues the certificates).

Each user action on one candidate (or on one event) is its own call with
that record, as the client does, and the actions of a candidate in a phase
(or of an event, or the draft of a decision) are one transaction; the
approval of a decision is one more. As a baseline, the same number of
records as the flow created (counted over every table) is created with bare
``ir.note`` create calls, one call per transaction of the flow, in the same
process. Prints the seconds of the flow and of each phase, the candidates
per second and the ratio of the flow to the baseline.

    .venv/bin/python bench/certification_flow.py [-n 500] [--units 5] \\
        [--event-size 25] [--profile FILE]
    .venv/bin/python bench/certification_flow.py --postgresql \\
        [--uri postgresql://postgres@127.0.0.1:5432/]

The SQLite database is bench/.db/bench_certification_flow.sqlite (ignored by
git); the PostgreSQL database is bench_certification_flow. Either is dropped
and created afresh on each run.
"""
import argparse
import cProfile
import datetime as dt
import os
import time

from database import DATA, add_arguments, create_database, database_uri

DATABASE = 'bench_certification_flow'
ADMIN = 1
ASSESSORS = 4
COMMITTEE_MEMBERS = 3


def write_config(uri):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, 'certification_flow.conf')
    with open(path, 'w') as fp:
        fp.write('[database]\nuri = %s\npath = %s\n' % (uri, DATA))
    return path


class Bench:
    "The flow and its baseline on the database DATABASE"
    database = DATABASE
    #: run the tasks a transaction queued after its commit, as trytond's
    #: dispatcher does without workers
    run_tasks = False

    def __init__(self, candidates, units, event_size):
        from trytond.pool import Pool
        Pool.start()
        self.pool = Pool(self.database)
        self.pool.init()
        self.candidates = candidates
        self.units = units
        self.event_size = event_size
        self.company = None
        self.transactions = 0

    def run(self, function, *args):
        """Run function in a transaction of the admin, restarted with the
        locks it asks for as trytond's dispatcher does"""
        from trytond.transaction import Transaction, TransactionError
        extras = {}
        context = {'company': self.company} if self.company else {}
        while True:
            with Transaction().start(
                    self.database, ADMIN, context=context,
                    **extras) as transaction:
                try:
                    result = function(*args)
                except TransactionError as error:
                    transaction.rollback()
                    error.fix(extras)
                    continue
                transaction.commit()
                self.transactions += 1
                tasks = list(transaction.tasks)
                transaction.tasks.clear()
            if self.run_tasks:
                from trytond.worker import run_task
                for task in reversed(tasks):
                    run_task(self.pool, task)
            return result

    # Set-up, not timed

    def setup(self):
        self.company = self.run(self.create_company)
        self.scheme = self.run(self.create_scheme)
        self.tuk = self.run(self.create_tuk)
        self.assessors = self.run(self.create_assessors)
        self.makers = self.run(self.create_committee)

    def create_company(self):
        Company = self.pool.get('company.company')
        Currency = self.pool.get('currency.currency')
        Party = self.pool.get('party.party')
        currency, = Currency.create([{
                    'name': "Rupiah", 'code': 'IDR', 'symbol': 'Rp',
                    'digits': 0, 'rounding': 1}])
        party, = Party.create([{'name': "LSP Perkoperasian Indonesia"}])
        company, = Company.create([{
                    'party': party.id, 'currency': currency.id}])
        return company.id

    def create_scheme(self):
        "Create a standard of units and activate a scheme of them"
        Sector = self.pool.get('lsp.sector')
        Standard = self.pool.get('lsp.standard')
        Scheme = self.pool.get('lsp.scheme')
        sector, = Sector.search([('code', '=', 'PEN')])
        elements = [{
                'number': str(e), 'title': "Elemen %s" % e,
                'criteria': [('create', [{
                                'number': '%s.1' % e,
                                'text': "KUK %s.1" % e}])],
                } for e in (1, 2)]
        standard, = Standard.create([{
                    'reference': "Kepmenaker 181/2017",
                    'title': "SKKNI Pendamping UMKM", 'sector': sector.id,
                    'year': 2017,
                    'units': [('create', [{
                                    'code': 'M.70PEN00.%03d.1' % u,
                                    'title': "Unit %s" % u,
                                    'elements': [('create', elements)],
                                    } for u in range(1, self.units + 1)])],
                    }])
        scheme, = Scheme.create([{
                    'code': 'SSK.01.01/LSPPI/PEN/IV/2018',
                    'name': "Konsultan Pendamping UMKM Junior",
                    'sector': sector.id,
                    'assessment_methods': ['portfolio', 'oral'],
                    'units': [('create', [
                                {'unit': u.id} for u in standard.units])],
                    'requirements': [('create', [{
                                    'kind': 'basic', 'mandatory': True,
                                    'description': "Ijazah minimal D3",
                                    }, {
                                    'kind': 'administrative',
                                    'mandatory': False,
                                    'description': "Pas foto 3x4",
                                    }])],
                    }])
        for button in ['submit', 'validate_scheme', 'approve', 'activate']:
            getattr(Scheme, button)([scheme])
        return scheme.id

    def create_assessor(self, name, schemes):
        Party = self.pool.get('party.party')
        Employee = self.pool.get('company.employee')
        Assessor = self.pool.get('lsp.assessor')
        today = dt.date.today()
        party, = Party.create([{'name': name}])
        employee, = Employee.create([{
                    'party': party.id, 'company': self.company}])
        assessor, = Assessor.create([{
                    'employee': employee.id,
                    'met_number': 'MET.000.%06d.2020' % employee.id,
                    'licence_issue_date': today - dt.timedelta(days=365),
                    'licence_expiry_date': today + dt.timedelta(days=3 * 365),
                    'schemes': [('add', schemes)],
                    }])
        return assessor

    def create_tuk(self):
        "Create an active TUK mandiri with a validated verification"
        Party = self.pool.get('party.party')
        Tuk = self.pool.get('lsp.tuk')
        Agreement = self.pool.get('lsp.tuk.agreement')
        Verification = self.pool.get('lsp.tuk.verification')
        today = dt.date.today()
        provider, = Party.create([{'name': "Koperasi Penyedia TUK"}])
        tuk, = Tuk.create([{
                    'code': 'TUK-001', 'name': "TUK Mandiri Jakarta",
                    'kind': 'mandiri', 'provider': provider.id,
                    'manager': provider.id,
                    'technical_contact': provider.id,
                    'quality_contact': provider.id,
                    'address': "Jl. Koperasi No. 1, Jakarta",
                    'capacity': self.event_size,
                    'schemes': [('add', [self.scheme])],
                    }])
        agreement, = Agreement.create([{
                    'tuk': tuk.id, 'number': 'PKS/TUK/001',
                    'start_date': today - dt.timedelta(days=30),
                    'end_date': today + dt.timedelta(days=730),
                    'fee_basis': 'none',
                    }])
        Agreement.activate([agreement])
        Tuk.activate([tuk])
        verifier = self.create_assessor("Verifikator TUK", [])
        verification, = Verification.create([{
                    'tuk': tuk.id, 'date': today, 'verifier': verifier.id,
                    'schemes': [('add', [self.scheme])],
                    'lines': [('create', [{
                                    'category': 'facilities',
                                    'name': "Ruang uji sesuai skema",
                                    'mandatory': True, 'fulfilled': 'yes',
                                    'evidence': "Diperiksa langsung",
                                    }])],
                    'recommendation': "TUK memenuhi persyaratan.",
                    }])
        Verification.done([verification])
        Verification.validate_verification([verification])
        return tuk.id

    def create_assessors(self):
        return [self.create_assessor("Asesor %s" % i, [self.scheme]).id
            for i in range(1, ASSESSORS + 1)]

    def create_committee(self):
        "Make employees who assess nobody the members of the Komite Teknik"
        Party = self.pool.get('party.party')
        Employee = self.pool.get('company.employee')
        Committee = self.pool.get('lsp.committee')
        start = dt.date.today() - dt.timedelta(days=100)
        committee, = Committee.search([('code', '=', 'KT')])
        employees = []
        for i in range(COMMITTEE_MEMBERS):
            party, = Party.create([{'name': "Komite Teknik %s" % (i + 1)}])
            employee, = Employee.create([{
                        'party': party.id, 'company': self.company}])
            employees.append(employee)
        Committee.write([committee], {'members': [('create', [{
                            'employee': e.id, 'party': e.party.id,
                            'role': 'chair' if i == 0 else 'member',
                            'start_date': start,
                            } for i, e in enumerate(employees)])]})
        return [e.id for e in employees]

    # The flow, timed

    def flow(self):
        "Run the flow and return the seconds of each phase"
        phases = {}
        start = time.perf_counter()
        applications = [self.run(self.apply, i)
            for i in range(self.candidates)]
        phases['applications'] = time.perf_counter() - start

        start = time.perf_counter()
        events = [self.run(self.confirm_event, i, applications[
                    i * self.event_size:(i + 1) * self.event_size])
            for i in range(-(-self.candidates // self.event_size))]
        phases['events'] = time.perf_counter() - start

        start = time.perf_counter()
        assessments = self.run(self.event_assessments, events)
        for assessment in assessments:
            self.run(self.assess, assessment)
        phases['assessments'] = time.perf_counter() - start

        start = time.perf_counter()
        for event in events:
            self.run(self.approve, self.run(self.draft_decision, event))
        phases['decisions'] = time.perf_counter() - start
        return phases

    @staticmethod
    def nik(index):
        "Return the NIK and birth data of candidate index"
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=index * 7 % 12000)
        gender = 'female' if index % 2 else 'male'
        day = birth.day + (40 if gender == 'female' else 0)
        nik = '320101%02d%02d%02d%04d' % (
            day, birth.month, birth.year % 100, index % 10000 + 1)
        return nik, birth, gender

    def apply(self, index):
        "Register candidate index and accept their application"
        Party = self.pool.get('party.party')
        Application = self.pool.get('lsp.application')
        nik, birth, gender = self.nik(index)
        candidate, = Party.create([{
                    'name': "Asesi %05d" % index, 'nik': nik,
                    'birth_date': birth, 'gender': gender,
                    'birth_place': "Jakarta", 'education_level': 'd3',
                    }])
        application, = Application.create([{
                    'candidate': candidate.id, 'scheme': self.scheme}])
        Application.write([application], {'self_assessments': [(
                        'write', [l.id for l in application.self_assessments],
                        {'answer': 'k', 'evidence': "Sertifikat pelatihan"},
                        )]})
        Application.submit([application])
        Application.write([application], {'requirements': [(
                        'write', [l.id for l in application.requirements],
                        {'check': 'memenuhi'})]})
        Application.accept([application])
        return application.id

    def confirm_event(self, index, applications):
        "Plan event index on its own day with two assessors and confirm it"
        Event = self.pool.get('lsp.assessment.event')
        day = dt.date.today() + dt.timedelta(days=index + 1)
        lead = self.assessors[index % len(self.assessors)]
        member = self.assessors[(index + 1) % len(self.assessors)]
        event, = Event.create([{
                    'scheme': self.scheme, 'tuk': self.tuk,
                    'start_date': day, 'end_date': day,
                    'quota': self.event_size,
                    'assessors': [('create', [
                                {'assessor': lead, 'role': 'lead'},
                                {'assessor': member, 'role': 'member'}])],
                    'participants': [('add', applications)],
                    }])
        Event.confirm([event])
        return event.id

    def event_assessments(self, events):
        Assessment = self.pool.get('lsp.assessment')
        return [a.id for a in Assessment.search(
                [('event', 'in', events)], order=[('id', 'ASC')])]

    def assess(self, assessment_id):
        "Start the assessment, record consent and K for every unit, submit"
        Assessment = self.pool.get('lsp.assessment')
        assessment = Assessment(assessment_id)
        Assessment.start([assessment])
        Assessment.write([assessment], {
                'candidate_category': 'experienced',
                'assessment_context': 'workplace',
                'consent': True,
                'consent_date': dt.date.today(),
                'units': [('write', [u.id for u in assessment.units], {
                            'methods': ['portfolio', 'oral'],
                            'evidence_indirect': True,
                            'evidence_supplementary': True,
                            'result': 'k',
                            })],
                })
        Assessment.submit([assessment])

    def draft_decision(self, event_id):
        "Draft the decision of the event with its makers and fill it"
        Decision = self.pool.get('lsp.certification.decision')
        decision, = Decision.create([{
                    'event': event_id, 'pleno_date': dt.date.today(),
                    'decision_makers': [('add', self.makers)],
                    }])
        Decision.fill_lines([decision])
        return decision.id

    def approve(self, decision_id):
        "Approve the decision, which issues the certificates"
        Decision = self.pool.get('lsp.certification.decision')
        Decision.approve([Decision(decision_id)])

    # Counting and baseline

    def row_counts(self):
        "Return the number of rows of the table of each model"
        from sql.aggregate import Count

        from trytond.model import ModelSQL
        from trytond.transaction import Transaction
        counts = {}
        with Transaction().start(self.database, 0, readonly=True):
            cursor = Transaction().connection.cursor()
            for name, Model in self.pool.iterobject():
                if (not issubclass(Model, ModelSQL)
                        or callable(Model.table_query)):
                    continue
                table = Model.__table__()
                if table._name in counts:
                    continue
                cursor.execute(*table.select(Count(table.id)))
                counts[table._name] = cursor.fetchone()[0]
        return counts

    def baseline(self, records, calls):
        "Create records ir.note in calls transactions of one create call"
        Note = self.pool.get('ir.note')
        resource = 'company.company,%s' % self.company

        def create(size, offset):
            Note.create([{
                        'resource': resource,
                        'message': "Catatan %s" % (offset + i),
                        } for i in range(size)])

        start = time.perf_counter()
        done = 0
        for call in range(calls):
            size = records * (call + 1) // calls - done
            self.run(create, size, done)
            done += size
        return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('-n', '--candidates', type=int, default=500)
    parser.add_argument('--units', type=int, default=5)
    parser.add_argument('--event-size', type=int, default=25)
    parser.add_argument('--profile', metavar='FILE',
        help="write the cProfile statistics of the flow to FILE")
    add_arguments(parser)
    args = parser.parse_args()

    uri = database_uri(args)
    config = write_config(uri)
    # before trytond is imported: its configuration is read once
    os.environ['TRYTOND_CONFIG'] = config
    create_database(uri, config, DATABASE, drop=True)

    bench = Bench(args.candidates, args.units, args.event_size)
    bench.setup()
    before = bench.row_counts()
    transactions = bench.transactions
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    start = time.perf_counter()
    phases = bench.flow()
    total = time.perf_counter() - start
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    transactions = bench.transactions - transactions
    after = bench.row_counts()
    records = sum(after[t] - before.get(t, 0) for t in after)
    baseline = bench.baseline(records, transactions)

    print("%s, %d candidates, %d units each, events of %d" % (
            'PostgreSQL' if args.postgresql else 'SQLite', args.candidates,
            args.units, args.event_size))
    for name, seconds in phases.items():
        print("  %-28s %7.2f s" % (name, seconds))
    print("flow total                     %7.2f s  (%.1f candidates/s)" % (
            total, args.candidates / total))
    print("certificates issued            %7d" % (
            after['lsp_certificate'] - before.get('lsp_certificate', 0)))
    print("records created by the flow    %7d in %d transactions" % (
            records, transactions))
    print("baseline ir.note create        %7.2f s  (same records and "
        "transactions)" % baseline)
    print("ratio flow / baseline          %7.1f×" % (total / baseline))


if __name__ == '__main__':
    main()
