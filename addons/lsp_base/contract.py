# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction

from .exceptions import ContractActivationError, PeriodError
from .model import DraftLockMixin, NumberedMixin, WorkflowMixin
from .tools import periods_overlap, rec_name_domain


class AssessorContract(
        NumberedMixin, DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.assessor.contract'
    __string__ = "Assessor Contract"
    _lock_message = 'lsp_base.msg_assessor_contract_locked'
    _delete_message = 'lsp_base.msg_assessor_contract_delete'
    _lock_parameter = 'contract'
    _deletable_states = {'draft', 'cancelled'}
    _number_sequence_field = 'assessor_contract_sequence'
    _rec_name = 'number'

    _states = {'readonly': Eval('state') != 'draft'}

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_states)
    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='RESTRICT',
        states=_states)
    start_date = fields.Date("Start Date", required=True, states=_states)
    end_date = fields.Date("End Date", required=True, states=_states)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    rate_day = Monetary(
        "Rate per Assessment Day", currency='currency', digits='currency',
        required=True, states=_states,
        domain=[('rate_day', '>=', 0)])
    rate_candidate = Monetary(
        "Rate per Candidate Assessed", currency='currency',
        digits='currency', required=True, states=_states,
        domain=[('rate_candidate', '>=', 0)])
    rate_tuk_verification = Monetary(
        "Rate per TUK Verification", currency='currency',
        digits='currency', required=True, states=_states,
        domain=[('rate_tuk_verification', '>=', 0)])
    description = fields.Text("Description", states=_states)
    state = fields.Selection([
            ('draft', "Draft"),
            ('active', "Active"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    activated_by = fields.Many2One('res.user', "Activated By", readonly=True)
    activated_date = fields.Date("Activated On", readonly=True)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('start_date', 'DESC'))
        cls._transitions |= {
            ('draft', 'active'),
            ('active', 'closed'),
            ('draft', 'cancelled'),
            ('active', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'activate': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'active',
                    'icon': 'tryton-close',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'active']),
                    'icon': 'tryton-cancel',
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
    def default_rate_day(cls):
        return 0

    @classmethod
    def default_rate_candidate(cls):
        return 0

    @classmethod
    def default_rate_tuk_verification(cls):
        return 0

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    def get_rec_name(self, name):
        number = self.number or '(%s)' % self.id
        return '%s - %s' % (number, self.assessor.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'assessor.rec_name'])

    @classmethod
    def validate_fields(cls, contracts, field_names):
        super().validate_fields(contracts, field_names)
        if field_names & {'start_date', 'end_date'}:
            for contract in contracts:
                if contract.end_date < contract.start_date:
                    raise PeriodError(gettext(
                            'lsp_base.msg_assessor_contract_period',
                            contract=contract.rec_name))

    def overlaps(self, other):
        return periods_overlap(
            self.start_date, self.end_date, other.start_date, other.end_date)

    def check_activation(self):
        "Check that the contract may become active"
        assessor = self.assessor
        if assessor.licence_expiry_date < self.start_date:
            raise ContractActivationError(gettext(
                    'lsp_base.msg_assessor_contract_licence',
                    contract=self.rec_name,
                    assessor=assessor.rec_name,
                    expiry=assessor.licence_expiry_date,
                    start=self.start_date))
        others = self.search([
                ('assessor', '=', assessor.id),
                ('state', '=', 'active'),
                ('id', '!=', self.id),
                ('start_date', '<=', self.end_date),
                ('end_date', '>=', self.start_date),
                ], limit=1)
        if others:
            other, = others
            raise ContractActivationError(gettext(
                    'lsp_base.msg_assessor_contract_overlap',
                    contract=self.rec_name,
                    assessor=assessor.rec_name,
                    other=other.rec_name,
                    start=other.start_date,
                    end=other.end_date))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, contracts):
        cls.write(contracts, {
                'activated_by': None,
                'activated_date': None,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('active')
    def activate(cls, contracts):
        today = Pool().get('ir.date').today()
        for contract in contracts:
            contract.check_activation()
            # one by one, so that contracts activated together are checked
            cls.write([contract], {'state': 'active'})
        cls.write(contracts, {
                'activated_by': Transaction().user,
                'activated_date': today,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, contracts):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, contracts):
        pass


class AssessorContractReport(Report):
    __name__ = 'lsp.assessor.contract'

    @classmethod
    def get_context(cls, records, header, data):
        pool = Pool()
        Position = pool.get('lsp.position')
        context = super().get_context(records, header, data)
        heads = Position.search([('code', '=', 'KEP')], limit=1)
        head = None
        if heads and heads[0].current_holders:
            head = heads[0].current_holders[0]
        context['head'] = head
        return context
