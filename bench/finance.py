#!/usr/bin/env python3
# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Time the finance of the certification flow of N candidates.

Creates a fresh database with lsp_keuangan and runs, not timed, the flow of
bench/certification_flow.py (N candidates, events of E, two assessors per
event), holds its events, gives the company the ISAK 35 chart, the fiscal
year of the current year, the approved tariff of 750 000, the payment
method of the bank, the assessors' contracts (500 000 a day, 25 000 a
candidate) and the products of the honoraria. Then it times, server side
through the pool, one call and one transaction per user action as the web
client does:

- invoicing: for each candidate, Buat Faktur on the application, Posting
  on its invoice, then its payment by the bank (what the Pay wizard does);
- honoraria: for each event, Buat Honorarium, then for each honorarium
  Konfirmasi, Buat Faktur (made and posted) and Bayar;
- the financial pack: the monthly pack of the month and the annual pack
  of the year, whose earlier days were filled (not timed) with the posted
  moves of Y − 2 × N customer invoices (half of them paid by the bank), so
  that the year holds Y invoices (default 10 000) with the 2 × N of the
  candidates and of the baseline.

As a baseline, the same number of customer invoices is created, posted and
paid with Tryton's own account.invoice (one line at the same price to the
same candidates, the same calls and transactions) in the same process.
Prints the seconds of each phase, the ratio of our invoicing to the
baseline (target 1.5) and the seconds of the packs (target: the annual
pack of 10 000 invoices under 30 s).

    .venv/bin/python bench/finance.py [-n 500] [--event-size 25] \\
        [--year-invoices 10000]
    .venv/bin/python bench/finance.py --postgresql \\
        [--uri postgresql://postgres@127.0.0.1:5432/]

The SQLite database is bench/.db/bench_finance.sqlite (ignored by git); the
PostgreSQL database is bench_finance. Either is dropped and created afresh
on each run.
"""
import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal

from certification_flow import Bench as FlowBench
from certification_flow import write_config
from database import ROOT, add_arguments, create_database, database_uri

DATABASE = 'bench_finance'
PRICE = Decimal(750000)
BATCH = 250


class Bench(FlowBench):
    "The finance of the certification flow and its baseline"
    database = DATABASE
    run_tasks = True

    def __init__(self, candidates, units, event_size):
        super().__init__(candidates, units, event_size)
        self.applications = []
        self.events = []

    # Set-up, not timed

    def setup(self):
        super().setup()
        self.flow_phases = self.flow_records()
        self.finance_setup()

    def flow_records(self):
        "Run the certification flow, keep its applications and events"
        start = time.perf_counter()
        self.flow()
        seconds = time.perf_counter() - start
        self.applications = self.run(self.search_ids, 'lsp.application')
        self.events = self.run(self.search_ids, 'lsp.assessment.event')
        self.run(self.hold_events)
        return seconds

    def search_ids(self, name):
        Model = self.pool.get(name)
        return [r.id for r in Model.search([], order=[('id', 'ASC')])]

    def hold_events(self):
        Event = self.pool.get('lsp.assessment.event')
        Event.hold(Event.browse(self.events))

    def finance_setup(self):
        "The chart, the fiscal year (through the demo's steps) and the rest"
        from proteus import Model
        from proteus import config as proteus_config
        sys.path.insert(0, ROOT)
        from demo.keuangan import load_chart, load_fiscalyear
        self.run(self.admin_company)
        proteus_config.set_trytond(self.database)
        Company = Model.get('company.company')
        shared = {'company': Company(self.company)}
        load_chart(shared)
        load_fiscalyear(shared)
        self.run(self.create_finance)
        self.run(self.create_contracts)
        self.run(self.address_candidates)

    def admin_company(self):
        "Give the administrator the company, as the finance reads by it"
        User = self.pool.get('res.user')
        User.write([User(1)], {
                'companies': [('add', [self.company])],
                'company': self.company,
                })

    def account(self, code):
        Account = self.pool.get('account.account')
        account, = Account.search([
                ('company', '=', self.company), ('code', '=', code)])
        return account

    def service(self, name, **accounts):
        "Create the service name in a category of accounts"
        Category = self.pool.get('product.category')
        Template = self.pool.get('product.template')
        Uom = self.pool.get('product.uom')
        unit, = Uom.search([('symbol', '=', 'u')], limit=1)
        category, = Category.create([{
                    'name': name, 'accounting': True, **accounts}])
        template, = Template.create([{
                    'name': name, 'type': 'service',
                    'default_uom': unit.id, 'list_price': Decimal(0),
                    'account_category': category.id,
                    'products': [('create', [{}])],
                    }])
        product, = template.products
        return product

    def create_finance(self):
        "The tariff, the payment method and the settings of the LSP"
        pool = self.pool
        Configuration = pool.get('lsp.configuration')
        Document = pool.get('lsp.document')
        Journal = pool.get('account.journal')
        Method = pool.get('account.invoice.payment.method')
        ModelData = pool.get('ir.model.data')
        Tariff = pool.get('lsp.tariff')
        Tax = pool.get('account.tax')
        today = dt.date.today()
        certification = self.service(
            "Uji Kompetensi", account_revenue=self.account('4101').id)
        pph21_template = ModelData.get_id('lsp_keuangan', 'tax_pph21_bp')
        pph21, = Tax.search([
                ('company', '=', self.company),
                ('template', '=', pph21_template)])
        honorarium = self.service(
            "Honorarium asesor", account_expense=self.account('5101').id,
            supplier_taxes=[('add', [pph21.id])])
        tuk_fee = self.service(
            "Sewa TUK", account_expense=self.account('5103').id)
        decree, = Document.create([{
                    'kind': 'sk_pengurus', 'number': 'SK-001/BENCH',
                    'title': "Biaya Uji Kompetensi",
                    'date_signed': today - dt.timedelta(days=30),
                    'effective_date': today - dt.timedelta(days=30),
                    }])
        Document.put_in_force([decree])
        tariff, = Tariff.create([{
                    'company': self.company, 'product': certification.id,
                    'purpose': 'any', 'funding': 'any', 'amount': PRICE,
                    'start_date': today - dt.timedelta(days=30),
                    'decree': decree.id,
                    }])
        Tariff.approve([tariff])
        journal, = Journal.search([('type', '=', 'cash')], limit=1)
        bank = self.account('1102')
        method, = Method.create([{
                    'name': "Bank", 'company': self.company,
                    'journal': journal.id, 'debit_account': bank.id,
                    'credit_account': bank.id,
                    }])
        self.method = method.id
        self.certification_product = certification.id
        self.unit = certification.default_uom.id
        self.journal, = [j.id for j in Journal.search(
                [('type', '=', 'revenue')], limit=1)]
        configuration = Configuration(1)
        Configuration.write([configuration], {
                'certification_product': certification.id,
                'default_payment_method': method.id,
                'revenue_account_mandiri': self.account('4101').id,
                'honorarium_product': honorarium.id,
                'tuk_fee_product': tuk_fee.id,
                'honorarium_account': self.account('2102').id,
                'honorarium_payment_method': method.id,
                })

    def create_contracts(self):
        "An active contract of each assessor: 500 000 a day, 25 000 each"
        Assessor = self.pool.get('lsp.assessor')
        Contract = self.pool.get('lsp.assessor.contract')
        today = dt.date.today()
        contracts = Contract.create([{
                    'company': self.company, 'assessor': a.id,
                    'start_date': today - dt.timedelta(days=30),
                    'end_date': today + dt.timedelta(days=365),
                    'rate_day': Decimal(500000),
                    'rate_candidate': Decimal(25000),
                    'rate_tuk_verification': Decimal(300000),
                    } for a in Assessor.search([])])
        Contract.activate(contracts)

    def address_candidates(self):
        "The addresses of the candidates and assessors, for their invoices"
        Application = self.pool.get('lsp.application')
        Assessor = self.pool.get('lsp.assessor')
        Address = self.pool.get('party.address')
        parties = [a.candidate for a in Application.browse(self.applications)]
        parties += [a.employee.party for a in Assessor.search([])]
        Address.create([{
                    'party': p.id, 'street': "Jl. Koperasi No. %s" % p.id,
                    'city': "Jakarta",
                    } for p in parties])

    # Our invoicing, timed

    def pay(self, invoice_id):
        "Pay the invoice in full by the bank, as the Pay wizard does"
        Invoice = self.pool.get('account.invoice')
        Method = self.pool.get('account.invoice.payment.method')
        MoveLine = self.pool.get('account.move.line')
        invoice = Invoice(invoice_id)
        lines = invoice.pay_invoice(
            invoice.amount_to_pay, Method(self.method), dt.date.today())
        MoveLine.reconcile(
            [l for l in invoice.lines_to_pay if not l.reconciliation]
            + list(lines))

    def post(self, invoice_id):
        Invoice = self.pool.get('account.invoice')
        Invoice.post([Invoice(invoice_id)])

    def invoice_application(self, application_id):
        "Buat Faktur on the application, return its invoice"
        Application = self.pool.get('lsp.application')
        application = Application(application_id)
        Application.create_invoice([application])
        line, = Application(application_id).invoice_lines
        return line.invoice.id

    def invoicing(self):
        "Invoice, post and pay each candidate"
        for application in self.applications:
            invoice = self.run(self.invoice_application, application)
            self.run(self.post, invoice)
            self.run(self.pay, invoice)
        Invoice = self.pool.get('account.invoice')
        return self.run(lambda: Invoice.search_count([
                    ('state', '=', 'paid'), ('type', '=', 'out')]))

    def create_honoraria(self, event_id):
        Event = self.pool.get('lsp.assessment.event')
        Honorarium = self.pool.get('lsp.honorarium')
        Event.create_honoraria([Event(event_id)])
        return [h.id for h in Honorarium.search([('event', '=', event_id)])]

    def honorarium_button(self, button, honorarium_id):
        Honorarium = self.pool.get('lsp.honorarium')
        getattr(Honorarium, button)([Honorarium(honorarium_id)])

    def honoraria(self):
        "Create, confirm, invoice and pay the honoraria of each event"
        for event in self.events:
            for honorarium in self.run(self.create_honoraria, event):
                for button in ['confirm', 'create_invoice', 'pay']:
                    self.run(self.honorarium_button, button, honorarium)
        Honorarium = self.pool.get('lsp.honorarium')
        return self.run(lambda: Honorarium.search_count([
                    ('state', '=', 'paid')]))

    # The baseline: Tryton's own invoices

    def bare_invoice(self, application_id):
        "Create the customer invoice of the candidate with Tryton's model"
        Application = self.pool.get('lsp.application')
        Invoice = self.pool.get('account.invoice')
        candidate = Application(application_id).candidate
        invoice, = Invoice.create([{
                    'company': self.company, 'type': 'out',
                    'journal': self.journal, 'party': candidate.id,
                    'invoice_address': candidate.addresses[0].id,
                    'account': self.account('1201').id,
                    'currency': Invoice.default_currency(),
                    'lines': [('create', [{
                                    'product': self.certification_product,
                                    'unit': self.unit,
                                    'quantity': 1, 'unit_price': PRICE,
                                    'account': self.account('4101').id,
                                    'description': "Uji Kompetensi",
                                    }])],
                    }])
        Invoice.update_taxes([invoice])
        return invoice.id

    def baseline_invoicing(self):
        for application in self.applications:
            invoice = self.run(self.bare_invoice, application)
            self.run(self.post, invoice)
            self.run(self.pay, invoice)

    # The financial pack

    def fill_year(self, count):
        """Post count moves of customer invoices (Dr 1201 Cr 4101, a party
        of the candidates), half of them paid by the bank, in batches
        spread over the days of the year before today"""
        Application = self.pool.get('lsp.application')
        Journal = self.pool.get('account.journal')
        Move = self.pool.get('account.move')
        Period = self.pool.get('account.period')
        parties = self.run(lambda: [a.candidate.id
                for a in Application.browse(self.applications)])
        today = dt.date.today()
        start = dt.date(today.year, 1, 1)
        days = max((today - start).days - 1, 1)
        dates = [start + dt.timedelta(days=i * days // count)
            for i in range(count)]

        def create(offset):
            receivable, revenue, bank = (
                self.account('1201'), self.account('4101'),
                self.account('1102'))
            cash, = Journal.search([('type', '=', 'cash')], limit=1)
            moves = []
            for i, date in enumerate(dates[offset:offset + BATCH]):
                party = parties[(offset + i) % len(parties)]
                period = Period.find(self.company, date=date)
                moves.append({
                        'period': period, 'journal': self.journal,
                        'date': date, 'lines': [('create', [{
                                        'account': receivable.id,
                                        'party': party, 'debit': PRICE,
                                        'credit': 0,
                                        }, {
                                        'account': revenue.id,
                                        'debit': 0, 'credit': PRICE,
                                        }])],
                        })
                if i % 2:
                    moves.append({
                            'period': period, 'journal': cash.id,
                            'date': date, 'lines': [('create', [{
                                            'account': bank.id,
                                            'debit': PRICE, 'credit': 0,
                                            }, {
                                            'account': receivable.id,
                                            'party': party, 'debit': 0,
                                            'credit': PRICE,
                                            }])],
                            })
            Move.post(Move.create(moves))
        for offset in range(0, count, BATCH):
            self.run(create, offset)

    def pack(self, kind):
        "Generate the financial report of kind for today, return its size"
        pool = self.pool
        Period = pool.get('account.period')
        Report = pool.get('lsp.financial.report')
        today = dt.date.today()
        period, = Period.search([
                ('company', '=', self.company), ('type', '=', 'standard'),
                ('start_date', '<=', today), ('end_date', '>=', today)])
        values = {
            'company': self.company, 'kind': kind,
            'fiscalyear': period.fiscalyear.id,
            }
        if kind == 'monthly':
            values['period'] = period.id
        report, = Report.create([values])
        return len(report.build_workbook(today))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('-n', '--candidates', type=int, default=500)
    parser.add_argument('--units', type=int, default=5)
    parser.add_argument('--event-size', type=int, default=25)
    parser.add_argument('--year-invoices', type=int, default=10000)
    add_arguments(parser)
    args = parser.parse_args()

    uri = database_uri(args)
    config = write_config(uri)
    os.environ['TRYTOND_CONFIG'] = config
    create_database(uri, config, DATABASE, drop=True, module='lsp_keuangan')

    bench = Bench(args.candidates, args.units, args.event_size)
    start = time.perf_counter()
    bench.setup()
    setup = time.perf_counter() - start
    print("%s, %d candidates in %d events (set-up %.1f s, of which the "
        "certification flow %.1f s)" % (
            'PostgreSQL' if args.postgresql else 'SQLite', args.candidates,
            len(bench.events), setup, bench.flow_phases))
    # before today's invoices: a customer invoice is not numbered before
    # an earlier date once a later one is (the year is filled to the day
    # before)
    start = time.perf_counter()
    bench.fill_year(args.year_invoices - 2 * args.candidates)
    print("year filled with the moves of %d invoices in %.1f s (not timed)" % (
            args.year_invoices - 2 * args.candidates,
            time.perf_counter() - start))

    start = time.perf_counter()
    paid = bench.invoicing()
    invoicing = time.perf_counter() - start
    start = time.perf_counter()
    bench.baseline_invoicing()
    baseline = time.perf_counter() - start
    print("invoicing (Buat Faktur, Posting, Bayar) %7.2f s  (%d paid, "
        "%.1f ms a candidate)" % (
            invoicing, paid, invoicing / args.candidates * 1000))
    print("baseline account.invoice create, post, pay %7.2f s  "
        "(%.1f ms an invoice)" % (
            baseline, baseline / args.candidates * 1000))
    print("ratio invoicing / baseline             %7.2f×  (target 1.5)" % (
            invoicing / baseline))

    start = time.perf_counter()
    paid = bench.honoraria()
    honoraria = time.perf_counter() - start
    print("honoraria of %d events                 %7.2f s  (%d paid)" % (
            len(bench.events), honoraria, paid))

    for kind in ['monthly', 'annual']:
        start = time.perf_counter()
        size = bench.run(bench.pack, kind)
        print("%-7s pack                            %7.2f s  (%d bytes)" % (
                kind, time.perf_counter() - start, size))


if __name__ == '__main__':
    main()
