# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The year-end closing of the LSP's chart (ISAK 35, FINANCE.md 6.3, P15)

Tryton's "Balance Non-Deferral" closes every income account to one
counterpart. Under ISAK 35 the surplus of the year goes to the net assets
of its class: the income accounts whose type descends from "Aset Neto
Dengan Pembatasan" close to 3201, all the others to the counterpart of the
wizard (3101, which the wizard proposes). Other charts keep the standard
closing."""
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from lsp_base.tools import default_record

#: the templates of the LSP chart the closing reads (account_lsp.xml)
UNRESTRICTED_TEMPLATE = 'account_3101'
RESTRICTED_TEMPLATE = 'account_3201'
RESTRICTED_TYPE_TEMPLATE = 'type_andp'


def split_closing(balances, restricted):
    """Return the (unrestricted, restricted) sums of the balances (debit -
    credit) of the accounts, restricted being the accounts of the
    restricted class

    balances maps an account to its closing amount (the debit - credit of
    its closing line)."""
    unrestricted_amount = restricted_amount = 0
    for account, amount in balances.items():
        if account in restricted:
            restricted_amount += amount
        else:
            unrestricted_amount += amount
    return unrestricted_amount, restricted_amount


class BalanceNonDeferral(metaclass=PoolMeta):
    __name__ = 'account.fiscalyear.balance_non_deferral'

    def lsp_company_account(self, company, xml_id):
        "Return the account of company made from the LSP template xml_id"
        Account = Pool().get('account.account')
        template = default_record('lsp_keuangan', xml_id)
        if template is None:
            return None
        accounts = Account.search([
                ('company', '=', company.id),
                ('template', '=', template),
                ], limit=1)
        return accounts[0] if accounts else None

    def lsp_restricted_account(self):
        """Return the net asset account of the restricted class (3201) when
        the company uses the LSP chart, else None"""
        return self.lsp_company_account(
            self.start.fiscalyear.company, RESTRICTED_TEMPLATE)

    def lsp_restricted_types(self):
        "Return the ids of the account types of the restricted class"
        AccountType = Pool().get('account.account.type')
        template = default_record('lsp_keuangan', RESTRICTED_TYPE_TEMPLATE)
        roots = AccountType.search([
                ('company', '=', self.start.fiscalyear.company.id),
                ('template', '=', template),
                ])
        if not roots:
            return set()
        return {t.id for t in AccountType.search([
                    ('parent', 'child_of', [r.id for r in roots]),
                    ])}

    def default_start(self, fields):
        "Propose the closing journal and 3101 for the LSP chart"
        pool = Pool()
        Journal = pool.get('account.journal')
        FiscalYear = pool.get('account.fiscalyear')
        defaults = {}
        if hasattr(super(), 'default_start'):
            defaults = super().default_start(fields)
        company = Transaction().context.get('company')
        journal = default_record('lsp_keuangan', 'journal_closing')
        if journal and 'journal' in fields and not defaults.get('journal'):
            if Journal.search([('id', '=', journal)]):
                defaults['journal'] = journal
        if company:
            Company = pool.get('company.company')
            account = self.lsp_company_account(
                Company(company), UNRESTRICTED_TEMPLATE)
            if account:
                defaults.setdefault('credit_account', account.id)
                defaults.setdefault('debit_account', account.id)
            fiscalyears = FiscalYear.search([
                    ('company', '=', company),
                    ('state', '=', 'open'),
                    ], order=[('start_date', 'ASC')], limit=1)
            if fiscalyears and 'fiscalyear' in fields:
                defaults.setdefault('fiscalyear', fiscalyears[0].id)
        return defaults

    def create_move(self):
        restricted_account = self.lsp_restricted_account()
        if not restricted_account:
            return super().create_move()
        return self.lsp_create_move(restricted_account)

    def lsp_create_move(self, restricted_account):
        """Create the closing move with one counterpart per class of net
        assets (ISAK 35)"""
        pool = Pool()
        Account = pool.get('account.account')
        Move = pool.get('account.move')
        fiscalyear = self.start.fiscalyear
        with Transaction().set_context(fiscalyear=fiscalyear.id,
                date=None, cumulate=False):
            accounts = Account.search([
                    ('company', '=', fiscalyear.company.id),
                    ('deferral', '=', False),
                    ('type', '!=', None),
                    ('closed', '!=', True),
                    ])
        restricted_types = self.lsp_restricted_types()
        lines, balances, restricted = [], {}, set()
        for account in accounts:
            line = self.get_move_line(account)
            if line:
                lines.append(line)
                balances[account] = line.debit - line.credit
                if account.type.id in restricted_types:
                    restricted.add(account)
        if not lines:
            return
        unrestricted_amount, restricted_amount = split_closing(
            balances, restricted)
        counterpart = self.get_counterpart_line(unrestricted_amount)
        if counterpart:
            lines.append(counterpart)
        counterpart = self.get_counterpart_line(restricted_amount)
        if counterpart:
            counterpart.account = restricted_account
            lines.append(counterpart)

        move = Move()
        move.period = self.start.period
        move.journal = self.start.journal
        move.date = self.start.period.start_date
        move.origin = fiscalyear
        move.lines = lines
        move.save()
        return move
