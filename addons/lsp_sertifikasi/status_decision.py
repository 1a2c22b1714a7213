# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Decisions on the status of certificates: suspend, restore, withdraw and
reduce the scope (ISO/IEC 17024 §9.6, PBNSP 201)

The Direktur Sertifikasi drafts and proposes a decision, the Kepala approves
it with the decree (SK) that gives it force; the certificates change only
through such a decision. Crons and other workflows (surveillance, complaints,
the end of a suspension) suggest decisions through ``suggest``, once per
basis and kind.
"""
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from lsp_base.model import (
    DraftLockMixin, ParentLockMixin, WorkflowMixin)
from lsp_base.tools import rec_name_domain

from .certificate import REASON_CATEGORIES

#: the kinds of status decision
KINDS = [
    ('suspend', "Suspend"),
    ('restore', "Restore"),
    ('withdraw', "Withdraw"),
    ('reduce_scope', "Reduce Scope"),
    ]

#: the states of a decision that are still open
OPEN_STATES = {'draft', 'proposed', 'approved'}


class StatusDecision(
        DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.certificate.status.decision'
    __string__ = "Certificate Status Decision"
    _rec_name = 'number'
    _lock_message = 'lsp_sertifikasi.msg_status_decision_locked'
    _delete_message = 'lsp_sertifikasi.msg_status_decision_delete_draft'
    _lock_parameter = 'decision'

    _states = {'readonly': Eval('state') != 'draft'}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_states)
    number = fields.Char(
        "SK Number", readonly=True,
        help="The number of the decision, given when it is proposed.")
    kind = fields.Selection(
        KINDS, "Kind", required=True, states=_states, sort=False,
        help="What the decision does to the certificates.")
    kind_string = kind.translated('kind')
    certificates = fields.Many2Many(
        'lsp.certificate.status.decision-lsp.certificate', 'decision',
        'certificate', "Certificates", states=_states,
        domain=[('company', '=', Eval('company', -1))],
        help="The certificates the decision applies to.")
    reason_category = fields.Selection(
        REASON_CATEGORIES, "Reason Category", states=_states,
        help="Why the status of the certificates changes; it goes in their "
        "history and in the report to BNSP.")
    reason_category_string = reason_category.translated('reason_category')
    reason = fields.Text(
        "Reason", states=_states,
        help="The grounds of the decision, as the decree and the holder "
        "read them.")
    basis = fields.Reference(
        "Basis", selection='get_basis', states=_states,
        help="The record the decision follows from, such as a surveillance, "
        "a complaint or the suspension it ends.")
    effective_date = fields.Date(
        "Effective Date", states=_states,
        help="The day the decision takes effect.")
    suspension_end = fields.Date(
        "Suspension End", states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('kind') != 'suspend',
            'required': Eval('kind') == 'suspend',
            },
        help="The last day of the suspension; after it the Kepala restores "
        "or withdraws the certificate.")
    units_removed = fields.Many2Many(
        'lsp.certificate.status.decision-lsp.competency.unit', 'decision',
        'unit', "Units Removed", states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('kind') != 'reduce_scope',
            },
        help="The competency units the holder is no longer certified in; "
        "the new certificate covers the others.")
    decree = fields.Many2One(
        'lsp.document', "Decree (SK)", ondelete='RESTRICT',
        states={
            'readonly': ~Eval('state').in_(['draft', 'proposed']),
            },
        domain=[('kind', '=', 'sk_pengurus')],
        help="The decree of the LSP management that gives the decision "
        "force; it must be in force to approve the decision.")
    proposed_by = fields.Many2One(
        'res.user', "Proposed By", readonly=True, ondelete='RESTRICT')
    proposed_on = fields.Date("Proposed On", readonly=True)
    approved_by = fields.Many2One(
        'res.user', "Approved By", readonly=True, ondelete='RESTRICT')
    approved_on = fields.Date("Approved On", readonly=True)
    holder_notification = fields.Text(
        "Holder Notification", readonly=True,
        help="Whom the decision was sent to by e-mail, and the holders who "
        "have no e-mail address and must be told otherwise.")
    notes = fields.Text("Notes")
    state = fields.Selection([
            ('draft', "Draft"),
            ('proposed', "Proposed"),
            ('approved', "Approved"),
            ('done', "Done"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    state_string = state.translated('state')
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('create_date', 'DESC'))
        cls._order.insert(1, ('id', 'DESC'))
        cls._check_modify_exclude = {'notes'}

    @classmethod
    def _get_basis(cls):
        "Return the models a decision may follow from"
        return [None, 'lsp.certificate.status.decision']

    @classmethod
    def get_basis(cls):
        Model = Pool().get('ir.model')
        return [(m, Model.get_name(m)) if m else ('', '')
            for m in cls._get_basis()]

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_kind(cls):
        return 'suspend'

    @classmethod
    def default_effective_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return '%s - %s' % (self.number or '(%s)' % self.id, self.kind_string)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, [
                'number', 'certificates.rec_name', 'reason'])

    @classmethod
    def copy(cls, decisions, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('number')
        default.setdefault('decree')
        return super().copy(decisions, default=default)

    @classmethod
    def suggest(cls, certificates, kind, reason_category, reason, basis,
            state='draft'):
        """Create and return one decision of kind on certificates

        The decision waits in state, draft for the Direktur Sertifikasi or
        proposed for the Kepala, unless a decision of kind with the same
        basis that is not cancelled exists: that one is returned and nothing
        is created (once per lapse). basis is a record or a reference
        text."""
        pool = Pool()
        Date = pool.get('ir.date')
        if basis is not None and not isinstance(basis, str):
            basis = str(basis)
        if basis:
            existing = cls.search([
                    ('basis', '=', basis),
                    ('kind', '=', kind),
                    ('state', '!=', 'cancelled'),
                    ], limit=1)
            if existing:
                return existing[0]
        certificates = list(certificates)
        company = (certificates[0].company.id if certificates
            else cls.default_company())
        decision, = cls.create([{
                    'company': company,
                    'kind': kind,
                    'certificates': [('add', [c.id for c in certificates])],
                    'reason_category': reason_category,
                    'reason': reason,
                    'basis': basis,
                    'effective_date': Date.today(),
                    }])
        if state != 'draft':
            # suggested by a cron or a workflow: the Kepala decides
            cls.write([decision], {
                    'state': state,
                    'proposed_on': Date.today(),
                    })
        return decision


class StatusDecisionCertificate(ParentLockMixin, ModelSQL):
    __name__ = 'lsp.certificate.status.decision-lsp.certificate'
    __string__ = "Certificate Status Decision - Certificate"
    _parent_field = 'decision'

    decision = fields.Many2One(
        'lsp.certificate.status.decision', "Decision", required=True,
        ondelete='CASCADE')
    certificate = fields.Many2One(
        'lsp.certificate', "Certificate", required=True,
        ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('decision')


class StatusDecisionUnit(ParentLockMixin, ModelSQL):
    __name__ = 'lsp.certificate.status.decision-lsp.competency.unit'
    __string__ = "Certificate Status Decision - Competency Unit"
    _parent_field = 'decision'

    decision = fields.Many2One(
        'lsp.certificate.status.decision', "Decision", required=True,
        ondelete='CASCADE')
    unit = fields.Many2One(
        'lsp.competency.unit', "Competency Unit", required=True,
        ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('decision')
