# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Decisions on the status of certificates: suspend, restore, withdraw and
reduce the scope (ISO/IEC 17024 §9.6, PBNSP 201)

The Direktur Sertifikasi drafts and proposes a decision, the Kepala approves
it with the decree (SK) that gives it force; the certificates change only
through such a decision. Crons and other workflows (surveillance, complaints,
the end of a suspension) suggest decisions through ``suggest``, once per
basis and kind.
"""
from dateutil.relativedelta import relativedelta

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError, ValidationError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction

from lsp_base.model import (
    DraftLockMixin, ParentLockMixin, WorkflowMixin)
from lsp_base.report import position_holder_name, selection_string
from lsp_base.tools import (
    company_language, group_addresses, group_users, rec_name_domain,
    reference_selection, send_email)

from .certificate import (
    REASON_CATEGORIES, SIGNATORY_POSITION, STATUS_DECISION_KINDS)
from .exceptions import StatusDecisionError

#: the kinds of status decision
KINDS = STATUS_DECISION_KINDS

#: the states of a decision that are still open
OPEN_STATES = {'draft', 'proposed', 'approved'}

#: the states of the certificates each kind of decision applies to
KIND_STATES = {
    'suspend': {'active'},
    'restore': {'suspended'},
    'withdraw': {'active', 'suspended'},
    'reduce_scope': {'active'},
    }


#: how long a suggested suspension lasts at most, in months; the Direktur
#: Sertifikasi may change it in the draft
SUGGESTED_SUSPENSION_MONTHS = 3


def suspension_limit(start, months):
    "Return the last day a suspension from start may last, None for no limit"
    if not months or not start:
        return None
    return start + relativedelta(months=months)


def suggested_suspension_end(start, max_months):
    """Return the end of a suspension that a job or a workflow suggests from
    start: SUGGESTED_SUSPENSION_MONTHS, or less when the scheme allows less"""
    months = min(filter(None, [SUGGESTED_SUSPENSION_MONTHS, max_months]))
    return start + relativedelta(months=months)


def units_left(units, removed):
    """Return the units that remain once removed are taken off units, None
    when removed is not a strict non-empty subset of units"""
    units, removed = set(units), set(removed)
    if not removed or not removed < units:
        return None
    return units - removed


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
    successor = fields.Many2One(
        'lsp.certificate', "New Certificate", readonly=True,
        ondelete='RESTRICT',
        states={'invisible': ~Eval('successor')},
        help="The certificate issued with the remaining units when the "
        "scope is reduced.")
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
        # the Kepala attaches the decree while the decision is proposed
        cls._check_modify_exclude = {'notes', 'decree'}
        cls._transitions |= {
            ('draft', 'proposed'),
            ('proposed', 'draft'),
            ('proposed', 'approved'),
            ('approved', 'done'),
            ('draft', 'cancelled'),
            ('proposed', 'cancelled'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'proposed',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'propose': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'proposed',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'proposed']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def _get_basis(cls):
        "Return the models a decision may follow from"
        return [
            None, 'lsp.certificate.status.decision', 'lsp.surveillance',
            'lsp.complaint', 'lsp.appeal']

    @classmethod
    def get_basis(cls):
        return reference_selection(cls._get_basis())


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
    def check_modification(
            cls, mode, decisions, values=None, external=False):
        super().check_modification(
            mode, decisions, values=values, external=external)
        if mode == 'write' and 'decree' in values:
            for decision in decisions:
                if decision.state not in {'draft', 'proposed'}:
                    raise cls.lock_error(decision)
        if mode == 'write' and external and not cls.drafter():
            # the Kepala attaches the decree of a proposed decision only
            for decision in decisions:
                if decision.state == 'draft':
                    raise decision._error(
                        'msg_status_decision_draft_drafter',
                        error=AccessError)

    @classmethod
    def drafter(cls):
        "Tell whether the user drafts the decisions"
        pool = Pool()
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        groups = set(User.get_groups())
        return bool(groups & {
                ModelData.get_id('lsp_base', 'group_direktur_sertifikasi'),
                ModelData.get_id('lsp_base', 'group_lsp_admin'),
                })

    @classmethod
    def validate_fields(cls, decisions, field_names):
        super().validate_fields(decisions, field_names)
        if field_names & {
                'kind', 'certificates', 'units_removed', 'suspension_end',
                'effective_date'}:
            for decision in decisions:
                if decision.state == 'draft':
                    decision.check_units_removed(required=False)
                    decision.check_suspension_end(required=False)

    def _error(self, message, error=StatusDecisionError, **values):
        "Return the error of message about the decision"
        return error(gettext(
                'lsp_sertifikasi.' + message, decision=self.rec_name,
                **values))

    def check_decision(self):
        "Check the decision may be proposed or approved, as things stand now"
        if not self.certificates:
            raise self._error('msg_status_decision_no_certificate')
        self.check_certificate_states()
        self.check_single_certificate()
        self.check_units_removed()
        self.check_suspension_end()
        self.check_open_decisions()

    def check_certificate_states(self):
        "Check each certificate is in a state the kind of decision accepts"
        accepted = KIND_STATES[self.kind]
        for certificate in self.certificates:
            if certificate.state in accepted:
                continue
            if self.kind == 'restore' and certificate.state == 'withdrawn':
                raise self._error(
                    'msg_status_decision_restore_withdrawn',
                    certificate=certificate.rec_name)
            raise self._error('msg_status_decision_certificate_state',
                certificate=certificate.rec_name,
                state=certificate.state_string,
                kind=self.kind_string)

    def check_single_certificate(self):
        "Check a scope reduction applies to one certificate"
        if self.kind == 'reduce_scope' and len(self.certificates) != 1:
            raise self._error('msg_status_decision_reduce_one',
                count=len(self.certificates))

    def check_units_removed(self, required=True):
        """Check the units removed are some of the units of the certificate,
        not all; required tells whether they must be chosen already"""
        if self.kind != 'reduce_scope':
            return
        if len(self.certificates) != 1:
            return
        certificate, = self.certificates
        if not self.units_removed:
            if required:
                raise self._error('msg_status_decision_units_required',
                    certificate=certificate.rec_name)
            return
        if units_left(certificate.units, self.units_removed) is None:
            raise self._error('msg_status_decision_units_subset',
                error=ValidationError, certificate=certificate.rec_name)

    def check_suspension_end(self, required=True):
        """Check a suspension ends after it starts and within the longest
        suspension the schemes of the certificates allow"""
        if self.kind != 'suspend':
            return
        if not self.suspension_end:
            if required:
                raise self._error(
                    'msg_status_decision_suspension_end_required',
                    error=ValidationError)
            return
        start = self.effective_date
        if start and self.suspension_end <= start:
            raise self._error('msg_status_decision_suspension_end_before',
                error=ValidationError)
        Lang = Pool().get('ir.lang')
        lang = Lang.get()
        for certificate in self.certificates:
            scheme = certificate.scheme
            limit = suspension_limit(start, scheme.max_suspension_months)
            if limit and self.suspension_end > limit:
                raise self._error(
                    'msg_status_decision_suspension_too_long',
                    error=ValidationError,
                    end=lang.strftime(self.suspension_end),
                    months=scheme.max_suspension_months,
                    scheme=scheme.rec_name,
                    start=lang.strftime(start),
                    limit=lang.strftime(limit))

    def check_open_decisions(self):
        "Check no other open decision is on one of the certificates"
        others = self.search([
                ('id', '!=', self.id),
                ('state', 'in', list(OPEN_STATES)),
                ('certificates', 'in', [c.id for c in self.certificates]),
                ], limit=1)
        if others:
            other, = others
            certificate = next(c for c in self.certificates
                if c in other.certificates)
            raise self._error('msg_status_decision_open',
                certificate=certificate.rec_name, other=other.rec_name)

    def check_decree(self):
        "Check the decree is given and in force"
        if not self.decree:
            raise self._error('msg_status_decision_no_decree')
        if self.decree.state != 'in_force':
            raise self._error('msg_status_decision_decree_not_in_force',
                decree=self.decree.rec_name)

    @classmethod
    def _new_number(cls):
        "Take the next number of the status decision sequence"
        Configuration = Pool().get('lsp.configuration')
        sequence = Configuration(1).status_decision_sequence
        if not sequence:
            raise StatusDecisionError(gettext(
                    'lsp_sertifikasi.msg_status_decision_no_sequence'))
        return sequence.get()

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, decisions):
        "Send the decisions back to the Direktur Sertifikasi"
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('proposed')
    def propose(cls, decisions):
        "Propose the decisions to the Kepala"
        Date = Pool().get('ir.date')
        for decision in decisions:
            decision.check_decision()
        for decision in decisions:
            values = {
                'proposed_by': Transaction().user or None,
                'proposed_on': Date.today(),
                }
            if not decision.number:
                values['number'] = cls._new_number()
            cls.write([decision], values)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, decisions):
        pass

    @classmethod
    @ModelView.button
    def approve(cls, decisions):
        """Approve the decisions with their decree and apply them to the
        certificates, in the same transaction"""
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        decisions = [d for d in decisions if d.state == 'proposed']
        if any(d.kind == 'reduce_scope' for d in decisions):
            Certificate.lock_sequence()
        for decision in decisions:
            decision.check_decree()
            decision.check_decision()
        cls._approve(decisions)
        cls.process(decisions)

    @classmethod
    @Workflow.transition('approved')
    def _approve(cls, decisions):
        "Stamp the approval of the decisions by the Kepala"
        Date = Pool().get('ir.date')
        for decision in decisions:
            values = {
                'approved_by': Transaction().user or None,
                'approved_on': Date.today(),
                }
            if not decision.number:
                values['number'] = cls._new_number()
            cls.write([decision], values)

    @classmethod
    @Workflow.transition('done')
    def process(cls, decisions):
        "Change the certificates as the decisions say and tell the holders"
        for decision in decisions:
            events = decision.apply()
            decision.notify_holders(events)

    def apply(self):
        """Change the state of the certificates and return their history
        events written by the decision"""
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        certificates = list(self.certificates)
        options = {
            'reason_category': self.reason_category,
            'decision': self,
            }
        if self.kind == 'suspend':
            return Certificate.suspend_for(
                certificates, self.reason, **options)
        elif self.kind == 'restore':
            return Certificate.restore_for(
                certificates, self.reason, **options)
        elif self.kind == 'withdraw':
            return Certificate.withdraw_for(
                certificates, self.reason, **options)
        elif self.kind == 'reduce_scope':
            certificate, = certificates
            events = Certificate.reduce_scope_for(
                certificates, self.reason, **options)
            successor, = Certificate.reissue(
                certificate, units_left(
                    certificate.units, self.units_removed))
            self.__class__.write([self], {'successor': successor.id})
            self.successor = successor
            return events
        return []

    def notify_holders(self, events):
        """E-mail each holder what the decision means and stamp the event;
        the holders without an e-mail address are listed in
        holder_notification, to be told otherwise"""
        pool = Pool()
        Date = pool.get('ir.date')
        Event = pool.get('lsp.certificate.event')
        Lang = pool.get('ir.lang')
        today = Date.today()
        notified, missing = [], []
        with Transaction().set_context(language=company_language(
                    self.company)):
            lang = Lang.get()
            for event in events:
                certificate = event.certificate
                holder = certificate.holder
                if not holder.email:
                    missing.append(certificate)
                    continue
                values = {
                    'holder': certificate.holder_name or holder.name,
                    'certificate': certificate.number,
                    'scheme': certificate.scheme.rec_name,
                    'number': self.number,
                    'effective': lang.strftime(
                        self.effective_date or today),
                    'end': (lang.strftime(self.suspension_end)
                        if self.suspension_end else ''),
                    'reason': self.reason or '',
                    'successor': (self.successor.number
                        if self.successor else ''),
                    'lsp': self.company.rec_name,
                    }
                send_email(
                    [holder.email],
                    gettext('lsp_sertifikasi.msg_status_decision_email_subject',
                        **values),
                    gettext('lsp_sertifikasi.msg_status_decision_email_'
                        + self.kind, **values))
                notified.append(event)
            lines = [gettext('lsp_sertifikasi.msg_status_decision_notified',
                    holder=e.certificate.holder_name, email=(
                        e.certificate.holder.email))
                for e in notified]
            lines += [gettext('lsp_sertifikasi.msg_status_decision_no_email',
                    holder=c.holder_name, certificate=c.number)
                for c in missing]
        if notified:
            Event.write(notified, {'holder_notified_on': today})
        self.__class__.write([self], {
                'holder_notification': '\n'.join(lines) or None,
                })

    @classmethod
    def suggest_restores(cls, date=None):
        """Suggest to the Kepala the restore of the certificates whose
        suspension has ended and that are still suspended (cron)

        One decision per suspension, never a change of the certificates:
        the Kepala restores or withdraws them."""
        pool = Pool()
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        suspensions = cls.search([
                ('kind', '=', 'suspend'),
                ('state', '=', 'done'),
                ('suspension_end', '<', date),
                ('certificates.state', '=', 'suspended'),
                ])
        created = []
        for suspension in suspensions:
            certificates = [c for c in suspension.certificates
                if c.state == 'suspended']
            if not certificates or cls.search([
                        ('basis', '=', str(suspension)),
                        ('kind', '=', 'restore'),
                        ('state', '!=', 'cancelled'),
                        ], limit=1):
                continue
            with Transaction().set_context(language=company_language(
                        suspension.company)):
                reason = gettext(
                    'lsp_sertifikasi.msg_status_decision_restore_due_reason',
                    suspension=suspension.rec_name)
            created.append(cls.suggest(
                    certificates, 'restore', suspension.reason_category,
                    reason, suspension, state='proposed'))
        if created:
            cls.notify_kepala(created)
        return created

    @classmethod
    def notify_kepala(cls, decisions):
        "Tell the Kepala the decisions that wait for his approval"
        with Transaction().set_context(language=company_language()):
            names = ', '.join(d.rec_name for d in decisions)
            subject = gettext(
                'lsp_sertifikasi.msg_status_decision_restore_due_subject',
                count=len(decisions))
            body = gettext(
                'lsp_sertifikasi.msg_status_decision_restore_due',
                decisions=names)
        for user in group_users('group_kepala'):
            cls.notify_user(
                decisions, 'tryton-warning', subject, body, user=user.id)
        send_email(group_addresses('group_kepala'), subject, body)

    @classmethod
    def suggest(cls, certificates, kind, reason_category, reason, basis,
            state='draft'):
        """Create and return one decision of kind on certificates

        The decision waits in state, draft for the Direktur Sertifikasi or
        proposed for the Kepala, unless a decision of kind with the same
        basis that is not cancelled exists: that one is returned and nothing
        is created (once per lapse). basis is a record or a reference
        text. A suggested suspension ends after
        SUGGESTED_SUSPENSION_MONTHS, or the scheme's maximum when shorter."""
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
                    'suspension_end': (
                        suggested_suspension_end(
                            Date.today(), min(filter(None, [
                                        c.scheme.max_suspension_months
                                        for c in certificates]),
                                default=None))
                        if kind == 'suspend' else None),
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


class StatusDecisionReport(Report):
    "The decree (SK) of a certificate status decision"
    __name__ = 'lsp.certificate.status.decision'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['signatory'] = position_holder_name(SIGNATORY_POSITION)
        context['selection_string'] = selection_string
        return context
