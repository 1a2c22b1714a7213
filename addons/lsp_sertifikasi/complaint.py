# This file is part of the LSP Perkoperasian Indonesia ERP.
"The complaints about the LSP, its people and its certified persons (keluhan)"

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction

from lsp_base.model import DraftLockMixin, NumberedMixin, WorkflowMixin
from lsp_base.tools import rec_name_domain, reference_selection

from .exceptions import ComplaintError

#: the working days after the receipt within which a complaint is
#: acknowledged
ACKNOWLEDGE_DAYS = 5
#: the subjects about a certified person, which may suspend a certificate
HOLDER_SUBJECTS = {'certified_person', 'certificate_misuse'}
OPEN_STATES = {'received', 'acknowledged', 'investigating'}
#: what was received, which changes no more once acknowledged
INTAKE_FIELDS = {
    'company', 'complainant', 'complainant_name', 'complainant_email',
    'complainant_phone', 'anonymous', 'channel', 'received_on',
    'subject_kind', 'related', 'description'}


class Complaint(
        DraftLockMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.complaint'
    __string__ = "Complaint"
    _rec_name = 'number'
    _number_sequence_field = 'complaint_sequence'
    _lock_message = 'lsp_sertifikasi.msg_complaint_locked'
    _delete_message = 'lsp_sertifikasi.msg_complaint_delete'
    _lock_parameter = 'complaint'
    _open_states = OPEN_STATES
    _deletable_states = {'received'}

    _intake = {'readonly': Eval('state') != 'received'}
    _work = {'readonly': ~Eval('state').in_(list(OPEN_STATES))}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_intake)
    number = fields.Char("Number", readonly=True)
    complainant = fields.Many2One(
        'party.party', "Complainant", ondelete='RESTRICT',
        context={'company': Eval('company', -1)}, depends={'company'},
        states={
            'readonly': Eval('state') != 'received',
            'invisible': Bool(Eval('anonymous')),
            },
        help="The complainant when known as a party; else the name and the "
        "contact below.")
    complainant_name = fields.Char(
        "Complainant Name", states={
            'readonly': Eval('state') != 'received',
            'invisible': Bool(Eval('complainant')) | Bool(Eval('anonymous')),
            })
    complainant_email = fields.Char(
        "Complainant E-mail", states={
            'readonly': Eval('state') != 'received',
            'invisible': Bool(Eval('anonymous')),
            })
    complainant_phone = fields.Char(
        "Complainant Phone", states={
            'readonly': Eval('state') != 'received',
            'invisible': Bool(Eval('anonymous')),
            })
    anonymous = fields.Boolean(
        "Anonymous", states=_intake,
        help="The complainant does not give their name.")
    confidential = fields.Boolean(
        "Confidential", states=_work,
        help="The identity of the complainant is kept from the subject.")
    channel = fields.Selection([
            ('portal', "Portal"),
            ('public_form', "Public Form"),
            ('email', "E-mail"),
            ('letter', "Letter"),
            ('phone', "Phone"),
            ('in_person', "In Person"),
            ], "Channel", required=True, states=_intake)
    received_on = fields.Date(
        "Received On", required=True, states=_intake)
    subject_kind = fields.Selection([
            ('lsp_process', "LSP or Its Process"),
            ('assessor', "Assessor"),
            ('tuk', "TUK"),
            ('certified_person', "Certified Person"),
            ('certificate_misuse', "Misuse of a Certificate or Logo"),
            ('other', "Other"),
            ], "About", required=True, states=_intake)
    related = fields.Reference(
        "Related Record", selection='get_related', states=_intake,
        help="The assessor, TUK, certificate, event or assessment the "
        "complaint is about.")
    description = fields.Text("Description", required=True, states=_intake)
    acknowledge_deadline = fields.Function(
        fields.Date(
            "Acknowledge By",
            help="The complaint is acknowledged within 5 working days of "
            "its receipt."),
        'on_change_with_acknowledge_deadline')
    acknowledged_on = fields.Date("Acknowledged On", readonly=True)
    acknowledged_late = fields.Function(
        fields.Boolean("Acknowledged Late"), 'get_acknowledged_late')
    validity = fields.Selection([
            (None, ""),
            ('valid', "Valid"),
            ('invalid', "Invalid"),
            ], "Validity", states=_work)
    investigator = fields.Many2One(
        'company.employee', "Investigator", ondelete='RESTRICT',
        states=_work,
        help="Someone who is not the subject of the complaint and neither "
        "assessed nor decided on the related certificate.")
    findings = fields.Text("Findings", states=_work)
    resolution = fields.Text(
        "Resolution", states=_work,
        help="Needed to resolve the complaint; an upheld complaint about a "
        "certified person gives it as the reason of the status decision.")
    upheld = fields.Boolean("Upheld", states=_work)
    complainant_informed_on = fields.Date(
        "Complainant Informed On", states={
            'readonly': ~Eval('state').in_(['investigating', 'resolved']),
            })
    publish_outcome = fields.Boolean(
        "Outcome May Be Published", states=_work,
        help="The complainant agreed that the outcome is published.")
    status_decision = fields.Function(
        fields.Many2One(
            'lsp.certificate.status.decision', "Status Decision"),
        'get_status_decision')
    resolved_on = fields.Date("Resolved On", readonly=True)
    resolved_by = fields.Many2One('res.user', "Resolved By", readonly=True)
    state = fields.Selection([
            ('received', "Received"),
            ('acknowledged', "Acknowledged"),
            ('investigating', "Investigating"),
            ('resolved', "Resolved"),
            ('closed', "Closed"),
            ('rejected', "Rejected"),
            ], "State", required=True, readonly=True, sort=False)
    del _intake, _work

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('received_on', 'DESC'))
        cls._check_modify_exclude = {'complainant_informed_on'}
        cls._transitions |= {
            ('received', 'acknowledged'),
            ('acknowledged', 'investigating'),
            ('investigating', 'resolved'),
            ('resolved', 'closed'),
            ('received', 'rejected'),
            ('acknowledged', 'rejected'),
            }
        cls._buttons.update({
                'acknowledge': {
                    'invisible': Eval('state') != 'received',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'investigate': {
                    'invisible': Eval('state') != 'acknowledged',
                    'readonly': ~Eval('investigator'),
                    'icon': 'tryton-forward',
                    'depends': ['state', 'investigator'],
                    },
                'resolve': {
                    'invisible': Eval('state') != 'investigating',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'resolved',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reject': {
                    'invisible': ~Eval('state').in_(
                        ['received', 'acknowledged']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'received'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_received_on(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_channel(cls):
        return 'email'

    @classmethod
    def default_subject_kind(cls):
        return 'lsp_process'

    @classmethod
    def default_confidential(cls):
        return True

    @classmethod
    def _get_related(cls):
        "Return the models a complaint may be about"
        return [
            'lsp.assessor',
            'lsp.tuk',
            'lsp.certificate',
            'lsp.assessment.event',
            'lsp.assessment',
            ]

    @classmethod
    def get_related(cls):
        return reference_selection(cls._get_related())


    def get_rec_name(self, name):
        return self.number or '(%s)' % self.id

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['number', 'complainant.rec_name', 'complainant_name'])

    @fields.depends('received_on', 'company')
    def on_change_with_acknowledge_deadline(self, name=None):
        Holiday = Pool().get('lsp.holiday')
        if not self.received_on or not self.company:
            return None
        return Holiday.add_working_days(
            self.company, self.received_on, ACKNOWLEDGE_DAYS)

    def get_acknowledged_late(self, name):
        Date = Pool().get('ir.date')
        deadline = self.acknowledge_deadline
        if not deadline or self.state == 'rejected' and (
                not self.acknowledged_on):
            return False
        return (self.acknowledged_on or Date.today()) > deadline

    def get_status_decision(self, name):
        StatusDecision = Pool().get('lsp.certificate.status.decision')
        decisions = StatusDecision.search([
                ('basis', '=', str(self)),
                ('state', '!=', 'cancelled'),
                ], limit=1)
        return decisions[0].id if decisions else None

    @classmethod
    def check_modification(
            cls, mode, complaints, values=None, external=False):
        super().check_modification(
            mode, complaints, values=values, external=external)
        if mode == 'write' and values.keys() & INTAKE_FIELDS:
            for complaint in complaints:
                if complaint.state != 'received':
                    raise AccessError(gettext(
                            'lsp_sertifikasi.msg_complaint_intake_locked',
                            complaint=complaint.rec_name))

    @classmethod
    def validate_fields(cls, complaints, field_names):
        super().validate_fields(complaints, field_names)
        if field_names & {'investigator', 'related'}:
            for complaint in complaints:
                if complaint.investigator:
                    complaint.check_investigator()
        if field_names & {'complainant', 'complainant_name', 'anonymous'}:
            for complaint in complaints:
                complaint.check_complainant()

    def _error(self, message, **values):
        return ComplaintError(gettext(
                'lsp_sertifikasi.' + message, complaint=self.rec_name,
                **values))

    def check_complainant(self):
        "Check a complaint that is not anonymous names its complainant"
        if not self.anonymous and not self.complainant and not (
                self.complainant_name or '').strip():
            raise self._error('msg_complaint_no_complainant')

    def related_parties(self):
        '''Return the candidates the related record concerns: the holder of
        the certificate, the candidate of the assessment, the candidates of
        the event'''
        related = self.related
        if not related or related.id is None or related.id < 0:
            return []
        name = related.__name__
        if name == 'lsp.certificate':
            return [related.holder]
        if name == 'lsp.assessment':
            return [related.candidate]
        if name == 'lsp.assessment.event':
            return [a.candidate for a in related.assessments]
        return []

    def check_investigator(self):
        '''Check the investigator is not the subject of the complaint and
        neither assessed nor decided on the related candidates, as these
        stand now'''
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        investigator = self.investigator
        related = self.related
        name = related.__name__ if related and related.id is not None and (
            related.id >= 0) else None
        subjects = set()
        if name == 'lsp.assessor':
            subjects.add(related.employee)
        elif name == 'lsp.assessment':
            subjects.add(related.assessor.employee)
        elif name == 'lsp.assessment.event':
            subjects.update(l.assessor.employee for l in related.assessors)
        elif name == 'lsp.tuk':
            manager = getattr(related, 'manager', None)
            if manager and manager.__name__ == 'company.employee':
                subjects.add(manager)
        if investigator in subjects or (
                self.related_parties()
                and investigator.party in self.related_parties()):
            raise self._error(
                'msg_complaint_investigator_subject',
                investigator=investigator.rec_name)
        candidates = {p.id for p in self.related_parties()}
        if candidates and Assessment.assessed_pairs(
                candidates, [investigator.id]):
            raise self._error(
                'msg_complaint_investigator_assessed',
                investigator=investigator.rec_name)
        if name == 'lsp.certificate' and related.decision_line:
            makers = related.decision_line.decision.decision_makers
            if investigator in makers:
                raise self._error(
                    'msg_complaint_investigator_decided',
                    investigator=investigator.rec_name)

    @classmethod
    @ModelView.button
    @Workflow.transition('acknowledged')
    def acknowledge(cls, complaints):
        Date = Pool().get('ir.date')
        cls.write(complaints, {'acknowledged_on': Date.today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('investigating')
    def investigate(cls, complaints):
        for complaint in complaints:
            if not complaint.investigator:
                raise complaint._error('msg_complaint_no_investigator')
            if complaint.validity != 'valid':
                raise complaint._error('msg_complaint_not_valid')
            complaint.check_investigator()

    @classmethod
    @ModelView.button
    @Workflow.transition('resolved')
    def resolve(cls, complaints):
        Date = Pool().get('ir.date')
        for complaint in complaints:
            if not (complaint.resolution or '').strip():
                raise complaint._error('msg_complaint_no_resolution')
        cls.write(complaints, {
                'resolved_on': Date.today(),
                'resolved_by': Transaction().user,
                })
        for complaint in complaints:
            if complaint.upheld:
                complaint.follow_up()

    def follow_up(self):
        '''Propose the suspension of the certificate of an upheld complaint
        about its holder, or open a nonconformity about the LSP'''
        pool = Pool()
        related = self.related
        if (self.subject_kind in HOLDER_SUBJECTS and related
                and related.__name__ == 'lsp.certificate'):
            StatusDecision = pool.get('lsp.certificate.status.decision')
            return StatusDecision.suggest(
                [related], 'suspend', 'complaint_upheld',
                self.resolution, basis=self)
        try:
            Nonconformity = pool.get('lsp.mutu.nonconformity')
        except KeyError:
            return None
        values = {
            'origin': str(self),
            'description': self.resolution,
            'company': self.company.id,
            }
        values = {k: v for k, v in values.items()
            if k in Nonconformity._fields}
        nonconformity, = Nonconformity.create([values])
        return nonconformity

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, complaints):
        for complaint in complaints:
            if not complaint.complainant_informed_on and not (
                    complaint.anonymous):
                raise complaint._error('msg_complaint_not_informed')

    @classmethod
    @ModelView.button
    @Workflow.transition('rejected')
    def reject(cls, complaints):
        for complaint in complaints:
            if complaint.validity != 'invalid':
                raise complaint._error('msg_complaint_reject_valid')
