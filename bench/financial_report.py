# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Time the financial pack (lsp.financial.report) of a busy year

A fresh database (SQLite in memory unless TRYTOND_DATABASE__URI says
otherwise) with the LSP chart, a fiscal year and N posted customer moves
(fee on 4101 against 1201 of one of N / 10 candidates, half of them paid
into the bank) plus N / 10 expenses paid from the bank; then the annual
workbook is built and timed. The brief asks for under 30 s for 10 000
invoices.

    TRYTOND_CONFIG=trytond.conf .venv/bin/python bench/financial_report.py [N]
"""
import datetime as dt
import sys
import time
from decimal import Decimal

from proteus import Model, Wizard
from trytond.modules.account.tests.tools import create_fiscalyear
from trytond.modules.account_invoice.tests.tools import (
    set_fiscalyear_invoice_sequences)
from trytond.modules.company.tests.tools import create_company, get_company
from trytond.tests.tools import activate_modules


def setup():
    config = activate_modules('lsp_keuangan')
    Currency = Model.get('currency.currency')
    idr = Currency(name="Rupiah", code='IDR', symbol="Rp")
    idr.digits = 0
    idr.rounding = Decimal(1)
    idr.save()
    create_company(currency=idr)
    company = get_company()
    AccountTemplate = Model.get('account.account.template')
    ModelData = Model.get('ir.model.data')
    create_chart = Wizard('account.create_chart')
    create_chart.execute('account')
    create_chart.form.account_template = AccountTemplate(
        ModelData.get_id('lsp_keuangan', 'root', config.context))
    create_chart.form.company = company
    create_chart.execute('create_account')
    create_chart.execute('create_properties')
    year = dt.date.today().year - 1
    fiscalyear = set_fiscalyear_invoice_sequences(create_fiscalyear(
        company, (dt.date(year, 1, 1), dt.date(year, 12, 31))))
    fiscalyear.click('create_period')
    return config, company, fiscalyear


def load_moves(config, company, fiscalyear, count):
    from trytond.transaction import TransactionError
    extras = {}
    while True:
        # creating the records locks tables: start again with the locks
        try:
            return _load_moves(config, company, fiscalyear, count, extras)
        except TransactionError as exception:
            exception.fix(extras)


def _load_moves(config, company, fiscalyear, count, extras):
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    with Transaction().start(
            config.database_name, 0, context={'company': company.id},
            **extras):
        pool = Pool()
        Account = pool.get('account.account')
        Journal = pool.get('account.journal')
        Move = pool.get('account.move')
        Party = pool.get('party.party')
        Period = pool.get('account.period')
        accounts = {a.code: a for a in Account.search([('type', '!=', None)])}
        periods = Period.search([('fiscalyear', '=', fiscalyear.id)])
        journal, = Journal.search([('code', '=', 'REV')])
        cash_journal, = Journal.search([('code', '=', 'CASH')])
        parties = Party.create([
                {'name': 'Asesi %05d' % i} for i in range(count // 10)])
        moves = []
        for i in range(count):
            period = periods[i % len(periods)]
            date = period.start_date + dt.timedelta(days=i % 28)
            party = parties[i % len(parties)]
            amount = Decimal(750000)
            moves.append({
                    'period': period.id, 'journal': journal.id,
                    'date': date,
                    'lines': [('create', [
                                {'account': accounts['1201'].id,
                                    'party': party.id, 'debit': amount,
                                    'credit': 0},
                                {'account': accounts['4101'].id,
                                    'debit': 0, 'credit': amount},
                                ])],
                    })
            if i % 2:
                moves.append({
                        'period': period.id, 'journal': cash_journal.id,
                        'date': date,
                        'lines': [('create', [
                                    {'account': accounts['1102'].id,
                                        'debit': amount, 'credit': 0},
                                    {'account': accounts['1201'].id,
                                        'party': party.id, 'debit': 0,
                                        'credit': amount},
                                    ])],
                        })
            if not i % 10:
                moves.append({
                        'period': period.id, 'journal': cash_journal.id,
                        'date': date,
                        'lines': [('create', [
                                    {'account': accounts['5203'].id,
                                        'debit': Decimal(100000),
                                        'credit': 0},
                                    {'account': accounts['1102'].id,
                                        'debit': 0,
                                        'credit': Decimal(100000)},
                                    ])],
                        })
        moves = Move.create(moves)
        Move.post(moves)
        Transaction().commit()
        return len(moves)


def build(config, company, fiscalyear):
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    with Transaction().start(
            config.database_name, 0, context={'company': company.id}):
        FinancialReport = Pool().get('lsp.financial.report')
        report, = FinancialReport.create([{
                    'company': company.id, 'kind': 'annual',
                    'fiscalyear': fiscalyear.id,
                    }])
        start = time.monotonic()
        data = report.build_workbook(dt.date.today())
        return time.monotonic() - start, len(data)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    config, company, fiscalyear = setup()
    start = time.monotonic()
    moves = load_moves(config, company, fiscalyear, count)
    print("%s posted moves in %.1f s" % (moves, time.monotonic() - start))
    seconds, size = build(config, company, fiscalyear)
    print("annual pack of %s invoices: %.2f s, %s bytes" % (
            count, seconds, size))
    return 0 if seconds < 30 else 1


if __name__ == '__main__':
    sys.exit(main())
