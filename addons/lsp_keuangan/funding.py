# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The funding sources of the LSP (FINANCE.md 6.2, 3.5)

The LSP raises and manages funds from its founders, sponsors, partners and
government programmes. The Bendahara registers each source; activating it
opens its analytic account under the analytic root "Sumber Dana", with which
the invoices of the events it funds and the moves of its grants are tagged.
What it brought in and what was spent on it are read from that account."""
from collections import defaultdict
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction, without_check_access

from lsp_base.model import DraftLockMixin, WorkflowMixin
from lsp_base.tools import rec_name_domain

from .exceptions import FundingSourceError

#: the code of the analytic root of the funding sources
ANALYTIC_ROOT_CODE = 'SD'


def funding_amounts(lines):
    """Return the (received, used) amounts of analytic lines

    lines are (debit, credit, revenue, expense) of the analytic lines, with
    revenue and expense telling the type of the account of their move line:
    a source receives the credit less the debit on the revenue accounts and
    uses the debit less the credit on the expense accounts."""
    received = used = Decimal(0)
    for debit, credit, revenue, expense in lines:
        if revenue:
            received += credit - debit
        elif expense:
            used += debit - credit
    return received, used


class FundingSource(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.funding.source'
    __string__ = "Funding Source"
    _lock_message = 'lsp_keuangan.msg_funding_source_locked'
    _delete_message = 'lsp_keuangan.msg_funding_source_delete_draft'
    _lock_parameter = 'source'

    _states = {'readonly': Eval('state') != 'draft'}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_states)
    name = fields.Char("Name", required=True, states=_states)
    kind = fields.Selection([
            ('pendiri', "Founder"),
            ('sponsor', "Sponsor"),
            ('mitra', "Partner"),
            ('apbn', "State Budget (APBN)"),
            ('apbd', "Regional Budget (APBD)"),
            ('hibah', "Grant"),
            ('lainnya', "Other"),
            ], "Kind", required=True, states=_states)
    party = fields.Many2One(
        'party.party', "Party", ondelete='RESTRICT', states=_states,
        context={'company': Eval('company', -1)}, depends={'company'},
        help="Who gives the funds.")
    restriction = fields.Selection([
            ('tanpa', "Without Restriction"),
            ('dengan', "With Restriction"),
            ], "Restriction", required=True, states=_states,
        help="Whether the giver restricts the use of the funds (ISAK 35).")
    purpose = fields.Text(
        "Purpose",
        states={'readonly': Eval('state') == 'closed'},
        help="What the funds are for.")
    agreement = fields.Many2One(
        'lsp.document', "Agreement", ondelete='RESTRICT',
        states={'readonly': Eval('state') == 'closed'},
        help="The agreement or decree of the funds in the document "
        "register.")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    committed_amount = Monetary(
        "Committed Amount", currency='currency', digits='currency',
        states=_states, domain=[
            If(Bool(Eval('committed_amount')),
                ('committed_amount', '>=', 0), ()),
            ],
        help="The amount the giver committed to.")
    start_date = fields.Date("Start Date", required=True, states=_states)
    end_date = fields.Date(
        "End Date",
        states={'readonly': Eval('state') == 'closed'},
        domain=[If(Bool(Eval('start_date')) & Bool(Eval('end_date')),
                ('end_date', '>=', Eval('start_date')), ())])
    analytic_account = fields.Many2One(
        'analytic_account.account', "Analytic Account", readonly=True,
        ondelete='RESTRICT',
        help="Created under the analytic root \"Sumber Dana\" on "
        "activation; tag the invoices and moves of the source with it.")
    received = fields.Function(Monetary(
            "Received", currency='currency', digits='currency',
            help="The revenue posted with the analytic account of the "
            "source."),
        'get_amounts')
    used = fields.Function(Monetary(
            "Used", currency='currency', digits='currency',
            help="The expenses posted with the analytic account of the "
            "source."),
        'get_amounts')
    balance = fields.Function(Monetary(
            "Balance", currency='currency', digits='currency',
            help="Received less used."),
        'get_amounts')
    events = fields.One2Many(
        'lsp.assessment.event', 'funding_source', "Events", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('active', "Active"),
            ('closed', "Closed"),
            ], "State", required=True, readonly=True, sort=False)
    notes = fields.Text("Notes")
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('start_date', 'DESC'))
        cls._check_modify_exclude |= {
            'purpose', 'agreement', 'end_date', 'notes'}
        cls._deletable_states = {'draft'}
        cls._transitions |= {
            ('draft', 'active'),
            ('active', 'closed'),
            ('closed', 'active'),
            }
        cls._buttons.update({
                'activate': {
                    'invisible': Eval('state') == 'active',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'active',
                    'icon': 'tryton-close',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_restriction(cls):
        return 'tanpa'

    @classmethod
    def default_start_date(cls):
        return Pool().get('ir.date').today()

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['name', 'party.rec_name'])

    @classmethod
    def copy(cls, sources, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('analytic_account')
        return super().copy(sources, default=default)

    @classmethod
    def check_modification(cls, mode, sources, values=None, external=False):
        super().check_modification(
            mode, sources, values=values, external=external)
        # a closed source keeps everything but its notes
        if mode == 'write' and (
                values.keys() - {'notes'} - cls._workflow_fields):
            for source in sources:
                if source.state == 'closed':
                    raise cls.lock_error(source)

    @classmethod
    def get_amounts(cls, sources, names):
        pool = Pool()
        AnalyticLine = pool.get('analytic_account.line')
        result = {n: {s.id: Decimal(0) for s in sources} for n in names}
        account2source = {
            s.analytic_account.id: s for s in sources if s.analytic_account}
        if not account2source:
            return result
        values = defaultdict(list)
        with without_check_access():
            lines = AnalyticLine.search([
                    ('account', 'in', list(account2source)),
                    ('move_line.move.state', '=', 'posted'),
                    ], order=[])
            for line in lines:
                type_ = line.move_line.account.type
                values[line.account.id].append((
                        line.debit, line.credit,
                        bool(type_ and type_.revenue),
                        bool(type_ and type_.expense)))
        for account_id, source in account2source.items():
            received, used = funding_amounts(values[account_id])
            if source.currency:
                received = source.currency.round(received)
                used = source.currency.round(used)
            amounts = {
                'received': received,
                'used': used,
                'balance': received - used,
                }
            for name in names:
                result[name][source.id] = amounts[name]
        return result

    @classmethod
    def analytic_root(cls, company):
        "Return the analytic root of the funding sources of company"
        AnalyticAccount = Pool().get('analytic_account.account')
        roots = AnalyticAccount.search([
                ('company', '=', company.id),
                ('type', '=', 'root'),
                ('code', '=', ANALYTIC_ROOT_CODE),
                ], limit=1)
        if roots:
            root, = roots
        else:
            root = AnalyticAccount(
                company=company, type='root', code=ANALYTIC_ROOT_CODE,
                name=gettext('lsp_keuangan.msg_funding_analytic_root'),
                state='opened')
            root.save()
        return root

    def check_activate(self):
        "Check that the source may be activated"
        if self.end_date and self.end_date < self.start_date:
            raise FundingSourceError(gettext(
                    'lsp_keuangan.msg_funding_source_period',
                    source=self.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('active')
    def activate(cls, sources):
        "Activate the sources, opening their analytic account"
        pool = Pool()
        AnalyticAccount = pool.get('analytic_account.account')
        to_create = []
        for source in sources:
            source.check_activate()
            if not source.analytic_account:
                root = cls.analytic_root(source.company)
                to_create.append(AnalyticAccount(
                        company=source.company, type='normal', root=root,
                        parent=root, name=source.name,
                        code='%s-%s' % (ANALYTIC_ROOT_CODE, source.id),
                        state='opened'))
        AnalyticAccount.save(to_create)
        accounts = iter(to_create)
        for source in sources:
            if not source.analytic_account:
                cls.write([source], {'analytic_account': next(accounts).id})
        AnalyticAccount.write(
            [s.analytic_account for s in sources], {'state': 'opened'})

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, sources):
        "Close the sources and their analytic account"
        AnalyticAccount = Pool().get('analytic_account.account')
        AnalyticAccount.write(
            [s.analytic_account for s in sources if s.analytic_account],
            {'state': 'closed'})
