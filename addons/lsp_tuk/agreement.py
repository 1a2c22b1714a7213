# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from lsp_base.model import DraftLockMixin, TermWorkflowMixin
from lsp_base.tools import rec_name_domain

from .exceptions import AgreementError


class Agreement(DraftLockMixin, TermWorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.tuk.agreement'
    __string__ = "TUK Agreement"
    _lock_message = 'lsp_tuk.msg_agreement_locked'
    _delete_message = 'lsp_tuk.msg_agreement_delete_draft'
    _lock_parameter = 'agreement'

    _states = {'readonly': Eval('state') != 'draft'}

    tuk = fields.Many2One(
        'lsp.tuk', "TUK", required=True, ondelete='CASCADE', states=_states)
    number = fields.Char(
        "Number", required=True, strip=True, states=_states,
        help="The number of the MoU or of the contract.")
    kind = fields.Selection([
            ('mou', "Memorandum of Understanding"),
            ('contract', "Contract"),
            ], "Kind", required=True, states=_states)
    start_date = fields.Date("Start Date", required=True, states=_states)
    end_date = fields.Date("End Date", required=True, states=_states)
    fee_basis = fields.Selection([
            ('session', "Per Session"),
            ('candidate', "Per Candidate"),
            ('none', "No Fee"),
            ], "Fee Basis", required=True, states=_states)
    fee = Monetary(
        "Fee", currency='currency', digits='currency',
        states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('fee_basis') == 'none',
            'required': Eval('fee_basis') != 'none',
            })
    currency = fields.Many2One(
        'currency.currency', "Currency", required=True, states=_states)
    document = fields.Many2One(
        'lsp.document', "Document", ondelete='RESTRICT',
        help="The signed agreement in the document register.")
    notes = fields.Text("Notes")
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('tuk')
        cls._order.insert(0, ('end_date', 'DESC'))
        cls._check_modify_exclude = {'document', 'notes'}

    @classmethod
    def default_kind(cls):
        return 'mou'

    @classmethod
    def default_fee_basis(cls):
        return 'session'

    @classmethod
    def default_currency(cls):
        pool = Pool()
        Company = pool.get('company.company')
        company_id = Transaction().context.get('company')
        if company_id is not None and company_id >= 0:
            return Company(company_id).currency.id

    @classmethod
    def default_start_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return '%s - %s' % (self.number, self.tuk.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'tuk.rec_name'])

    def covers(self, date):
        return self.start_date <= date <= self.end_date

    @classmethod
    def validate_fields(cls, agreements, field_names):
        super().validate_fields(agreements, field_names)
        if field_names & {'start_date', 'end_date'}:
            for agreement in agreements:
                if agreement.end_date < agreement.start_date:
                    raise AgreementError(gettext(
                            'lsp_tuk.msg_agreement_period',
                            agreement=agreement.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('active')
    def activate(cls, agreements):
        today = Pool().get('ir.date').today()
        for agreement in agreements:
            if agreement.end_date < today:
                raise AgreementError(gettext(
                        'lsp_tuk.msg_agreement_activate_ended',
                        agreement=agreement.rec_name))
