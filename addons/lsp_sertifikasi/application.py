# This file is part of the LSP Perkoperasian Indonesia ERP.
from dateutil.relativedelta import relativedelta

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.report import Report
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from lsp_base.model import (
    LockErrorMixin, NumberedMixin, ParentLockMixin, WorkflowMixin)
from lsp_base.report import selection_string
from lsp_base.tools import rec_name_domain

from .exceptions import ApplicationError

PURPOSES = [
    ('sertifikasi', "Certification"),
    ('sertifikasi_ulang', "Recertification"),
    ('pkt', "Recognition of Current Competency (PKT)"),
    ('rpl', "Recognition of Prior Learning (RPL)"),
    ('lainnya', "Other"),
    ]

#: the purpose of the applications that renew a certificate
RECERTIFICATION = 'sertifikasi_ulang'


def recertification_window(expiry, window_months):
    "Return the first and last day a certificate expiring on expiry renews"
    return expiry - relativedelta(months=window_months), expiry


def in_recertification_window(today, expiry, window_months):
    "Tell whether today a certificate expiring on expiry may be renewed"
    start, end = recertification_window(expiry, window_months)
    return start <= today <= end


def renews_same_holder(candidate, holder):
    "Tell whether the candidate is the holder of the renewed certificate"
    return candidate == holder


def renews_same_scheme(scheme, certificate_scheme, successor_schemes):
    """Tell whether the scheme applied for is the one of the renewed
    certificate or one of its later versions"""
    return scheme == certificate_scheme or scheme in successor_schemes


def renewable_state(state):
    "Tell whether a certificate in state may be renewed"
    return state in {'active', 'suspended'}


#: the states of the fields of the lines copied from the scheme: they are
#: filled when the scheme is chosen, people do not edit them
_COPIED = {'readonly': True}


class Application(
        LockErrorMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.application'
    __string__ = "Certification Application"
    _number_sequence_field = 'application_sequence'
    _rec_name = 'number'
    _lock_message = 'lsp_sertifikasi.msg_application_locked'
    _delete_message = 'lsp_sertifikasi.msg_application_delete_draft'
    _lock_parameter = 'application'
    _open_states = {'draft'}

    _states = {'readonly': Eval('state') != 'draft'}
    _review_states = {
        'readonly': ~Eval('state').in_(['draft', 'submitted'])}

    number = fields.Char("Number", readonly=True)
    nik = fields.Function(
        fields.Char(
            "NIK", size=16, states=_states, loading='lazy',
            help="Type the NIK of the candidate to find the registered "
            "candidate."),
        'on_change_with_nik', setter='set_nik')
    candidate = fields.Many2One(
        'party.party', "Candidate", required=True, ondelete='RESTRICT',
        states=_states,
        help="The person applying (asesi).")
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", required=True, ondelete='RESTRICT',
        domain=[If(Eval('state') == 'draft', ('state', '=', 'active'), ())],
        states=_states)
    purpose = fields.Selection(
        PURPOSES, "Purpose", required=True, states=_states)
    renews_certificate = fields.Many2One(
        'lsp.certificate', "Renews Certificate", ondelete='RESTRICT',
        domain=[If(Eval('state') == 'draft', [
                    ('holder', '=', Eval('candidate', -1)),
                    ('state', 'in', ['active', 'suspended']),
                    ], [])],
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('purpose') == RECERTIFICATION,
            'invisible': Eval('purpose') != RECERTIFICATION,
            },
        help="The certificate of the candidate that the recertification "
        "renews.")
    window_override_reason = fields.Text(
        "Reason for Recertification Outside the Window", readonly=True,
        states={'invisible': ~Eval('window_override_reason')},
        help="Why the Head allows the recertification outside its window.")
    window_override_by = fields.Many2One(
        'res.user', "Window Override By", readonly=True,
        states={'invisible': ~Eval('window_override_by')})
    date = fields.Date("Date", required=True, states=_states)
    requirements = fields.One2Many(
        'lsp.application.requirement', 'application', "Requirements",
        states=_review_states,
        help="The requirements of the scheme with the candidate's evidence "
        "and the check by the LSP (FR.APL.01 part 3).")
    self_assessments = fields.One2Many(
        'lsp.application.self_assessment', 'application', "Self-Assessment",
        states=_states,
        help="The candidate's own assessment per element of each unit "
        "(FR.APL.02).")
    admin_recommendation = fields.Selection([
            (None, ""),
            ('accept', "Accept"),
            ('reject', "Do Not Accept"),
            ], "Admin's Recommendation", states=_review_states,
        help="The recommendation of the LSP administration on the "
        "requirements (FR.APL.01).")
    admin_notes = fields.Text("Admin's Notes", states=_review_states)
    assessor_recommendation = fields.Selection([
            (None, ""),
            ('continue', "Assessment Can Continue"),
            ('stop', "Assessment Cannot Continue"),
            ], "Assessor's Recommendation", states=_review_states,
        help="The recommendation of the assessor on the self-assessment "
        "(FR.APL.02).")
    assessor_notes = fields.Text("Assessor's Notes", states=_review_states)
    assessments = fields.One2Many(
        'lsp.assessment', 'application', "Assessments", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('accepted', "Accepted"),
            ('rejected', "Rejected"),
            ], "State", required=True, readonly=True, sort=False)
    submitted_date = fields.Date("Submitted On", readonly=True)
    decided_by = fields.Many2One('res.user', "Decided By", readonly=True)
    decided_date = fields.Date("Decided On", readonly=True)
    rejection_reason = fields.Text(
        "Reason for Rejection", readonly=True,
        states={'invisible': Eval('state') != 'rejected'},
        help="Told to the candidate.")
    del _states, _review_states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))
        cls._order.insert(1, ('number', 'DESC'))
        # what may change once the application left draft
        cls._check_modify_exclude = set()
        # what the LSP still fills in on a submitted application
        cls._review_fields = {
            'requirements', 'admin_recommendation', 'admin_notes',
            'assessor_recommendation', 'assessor_notes'}
        # the Head alone allows a recertification outside its window
        cls._workflow_fields |= {
            'window_override_reason', 'window_override_by'}
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'draft'),
            ('submitted', 'accepted'),
            ('submitted', 'rejected'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'accept': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reject': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'override_window': {
                    'invisible': ((Eval('state') != 'draft')
                        | (Eval('purpose') != RECERTIFICATION)),
                    'icon': 'tryton-ok',
                    'depends': ['state', 'purpose'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_purpose(cls):
        return 'sertifikasi'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        number = self.number or '(%s)' % self.id
        return '%s - %s' % (number, self.candidate.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        # the rec_name of a candidate finds them by their whole NIK too
        return rec_name_domain(clause, ['number', 'candidate.rec_name'])

    @fields.depends('purpose', 'renews_certificate')
    def on_change_purpose(self):
        if self.purpose != RECERTIFICATION:
            self.renews_certificate = None

    @fields.depends('candidate')
    def on_change_with_nik(self, name=None):
        return self.candidate.nik if self.candidate else None

    @fields.depends('nik', 'candidate')
    def on_change_nik(self):
        "Point to the candidate already registered with the NIK"
        Party = Pool().get('party.party')
        if not self.nik:
            return
        with without_check_access():
            parties = Party.search(
                [('nik', '=', self.nik.strip())], limit=1)
        if parties:
            self.candidate, = parties

    @classmethod
    def set_nik(cls, applications, name, value):
        "Register the NIK on candidates who have none yet"
        Party = Pool().get('party.party')
        if not value:
            return
        value = value.strip()
        for application in applications:
            candidate = application.candidate
            if not candidate.nik:
                Party.write([candidate], {'nik': value})
            elif candidate.nik != value:
                raise ApplicationError(gettext(
                        'lsp_sertifikasi.msg_application_nik_mismatch',
                        nik=value, candidate=candidate.rec_name,
                        candidate_nik=candidate.nik))

    @fields.depends('scheme', 'state', 'requirements', 'self_assessments')
    def on_change_scheme(self):
        pool = Pool()
        Requirement = pool.get('lsp.application.requirement')
        SelfAssessment = pool.get('lsp.application.self_assessment')
        if self.scheme:
            # the web client computes nothing on the lines an on_change
            # adds: given without the state of their application, their
            # evidence stays read-only until the application is saved
            self.requirements = [
                Requirement(application_state=self.state or 'draft', **v)
                for v in self._requirement_values()]
            self.self_assessments = [
                SelfAssessment(**v) for v in self._self_assessment_values()]
        else:
            self.requirements = []
            self.self_assessments = []

    def _requirement_values(self):
        "Values of the requirement lines copied from the scheme"
        return [{
                'requirement': r.id,
                'kind': r.kind,
                'description': r.description,
                'mandatory': r.mandatory,
                'sequence': i,
                } for i, r in enumerate(self.scheme.requirements, 1)]

    def _self_assessment_values(self):
        "Values of one self-assessment line per element of each unit"
        values = []
        for scheme_unit in self.scheme.units:
            for element in scheme_unit.unit.elements:
                values.append({
                        'unit': scheme_unit.unit.id,
                        'element': element.id,
                        'sequence': len(values) + 1,
                        })
        return values

    @classmethod
    def sync_scheme_lines(cls, applications):
        "Give the applications the lines of their scheme, and only those"
        pool = Pool()
        Requirement = pool.get('lsp.application.requirement')
        SelfAssessment = pool.get('lsp.application.self_assessment')
        to_delete_req, to_delete_self = [], []
        to_create_req, to_create_self = [], []
        for application in applications:
            scheme = application.scheme
            stale = [l for l in application.requirements
                if l.requirement and l.requirement.scheme != scheme]
            to_delete_req.extend(stale)
            if len(stale) == len(application.requirements):
                to_create_req.extend(
                    {**v, 'application': application.id}
                    for v in application._requirement_values())
            units = {su.unit for su in scheme.units}
            stale = [l for l in application.self_assessments
                if l.unit not in units]
            to_delete_self.extend(stale)
            if len(stale) == len(application.self_assessments):
                to_create_self.extend(
                    {**v, 'application': application.id}
                    for v in application._self_assessment_values())
        Requirement.delete(to_delete_req)
        SelfAssessment.delete(to_delete_self)
        Requirement.create(to_create_req)
        SelfAssessment.create(to_create_self)

    @classmethod
    def on_modification(cls, mode, applications, field_names=None):
        super().on_modification(mode, applications, field_names=field_names)
        if mode == 'create' or (
                mode == 'write' and 'scheme' in field_names):
            cls.sync_scheme_lines(applications)

    @classmethod
    def copy(cls, applications, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('date')
        default.setdefault('admin_recommendation')
        default.setdefault('assessor_recommendation')
        return super().copy(applications, default=default)

    @classmethod
    def check_modification(
            cls, mode, applications, values=None, external=False):
        super().check_modification(
            mode, applications, values=values, external=external)
        if mode == 'delete':
            for application in applications:
                if application.state not in cls._open_states:
                    raise cls.delete_error(application)
        elif mode == 'write':
            fields = (values.keys() - cls._workflow_fields
                - cls._check_modify_exclude)
            for application in applications:
                if application.state in cls._open_states or not fields:
                    continue
                if (application.state == 'submitted'
                        and fields <= cls._review_fields):
                    continue
                raise cls.lock_error(application)

    def check_submit(self):
        "Check that the application is complete"
        if not self.candidate.nik:
            raise ApplicationError(gettext(
                    'lsp_sertifikasi.msg_application_candidate_nik',
                    application=self.rec_name,
                    candidate=self.candidate.rec_name))
        for line in self.self_assessments:
            if not line.answer:
                raise ApplicationError(gettext(
                        'lsp_sertifikasi.msg_application_self_assessment',
                        application=self.rec_name,
                        element=line.rec_name))
        self.check_renewal()

    def check_renewal(self):
        "Check the certificate a recertification renews, or its absence"
        if self.purpose != RECERTIFICATION:
            if self.renews_certificate:
                raise ApplicationError(gettext(
                        'lsp_sertifikasi.msg_application_renews_purpose',
                        application=self.rec_name))
            return
        if not self.renews_certificate:
            raise ApplicationError(gettext(
                    'lsp_sertifikasi.msg_application_renews_required',
                    application=self.rec_name))
        self.check_renewal_holder()
        self.check_renewal_scheme()
        self.check_renewal_state()
        self.check_renewal_window()
        self.check_renewal_surveillance()

    def _renewal_error(self, message, **values):
        return ApplicationError(gettext(
                'lsp_sertifikasi.%s' % message, application=self.rec_name,
                certificate=self.renews_certificate.rec_name, **values))

    def check_renewal_holder(self):
        "The certificate renewed is the candidate's"
        if not renews_same_holder(
                self.candidate.id, self.renews_certificate.holder.id):
            raise self._renewal_error(
                'msg_application_renews_other_holder',
                candidate=self.candidate.rec_name)

    def check_renewal_scheme(self):
        "The scheme is the certificate's or one of its later versions"
        certificate_scheme = self.renews_certificate.scheme
        if not renews_same_scheme(
                self.scheme.id, certificate_scheme.id,
                certificate_scheme.successor_versions()):
            raise self._renewal_error(
                'msg_application_renews_other_scheme',
                scheme=certificate_scheme.rec_name)

    def check_renewal_state(self):
        "The certificate renewed is active or suspended"
        certificate = self.renews_certificate
        if not renewable_state(certificate.state):
            raise self._renewal_error(
                'msg_application_renews_state',
                state=certificate.state_string)

    def check_renewal_window(self):
        "Today is in the window of the certificate unless the Head allowed"
        Date = Pool().get('ir.date')
        certificate = self.renews_certificate
        months = certificate.scheme.recertification_window_months
        if self.window_override_reason or in_recertification_window(
                Date.today(), certificate.expiry_date, months):
            return
        start, end = recertification_window(certificate.expiry_date, months)
        raise self._renewal_error(
            'msg_application_renews_window',
            start=start.isoformat(),
            end=end.isoformat())

    def check_renewal_surveillance(self):
        "The certificate renewed has no open surveillance"
        Surveillance = Pool().get('lsp.surveillance')
        open_ = Surveillance.open_by_certificate(
            [self.renews_certificate.id]).get(self.renews_certificate.id)
        if open_:
            raise self._renewal_error(
                'msg_application_renews_surveillance',
                surveillance=open_[0].rec_name,
                state=open_[0].state_string)

    def check_accept(self):
        "Check that every mandatory requirement is met"
        for line in self.requirements:
            if line.mandatory and line.check != 'memenuhi':
                raise ApplicationError(gettext(
                        'lsp_sertifikasi.msg_application_requirement_unmet',
                        application=self.rec_name,
                        requirement=line.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, applications):
        cls.write(applications, {'submitted_date': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, applications):
        for application in applications:
            application.check_submit()
        cls.write(applications, {
                'submitted_date': Pool().get('ir.date').today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('accepted')
    def accept(cls, applications):
        for application in applications:
            application.check_accept()
        cls.write(applications, {
                'decided_by': Transaction().user,
                'decided_date': Pool().get('ir.date').today(),
                })

    @classmethod
    @ModelView.button_action('lsp_sertifikasi.wizard_application_reject')
    def reject(cls, applications):
        pass

    @classmethod
    @ModelView.button_action(
        'lsp_sertifikasi.wizard_application_override_window')
    def override_window(cls, applications):
        pass

    @classmethod
    def override_window_for(cls, applications, reason):
        "Allow the recertifications outside their window for reason"
        cls.write(applications, {
                'window_override_reason': reason,
                'window_override_by': Transaction().user,
                })

    @classmethod
    @Workflow.transition('rejected')
    def do_reject(cls, applications, reason):
        cls.write(applications, {
                'rejection_reason': reason,
                'decided_by': Transaction().user,
                'decided_date': Pool().get('ir.date').today(),
                })


class ApplicationRequirement(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.application.requirement'
    __string__ = "Application Requirement"
    _parent_field = 'application'

    application = fields.Many2One(
        'lsp.application', "Application", required=True, ondelete='CASCADE')
    sequence = fields.Integer("Sequence", states=_COPIED)
    requirement = fields.Many2One(
        'lsp.scheme.requirement', "Scheme Requirement",
        ondelete='RESTRICT', states=_COPIED)
    kind = fields.Selection([
            ('basic', "Basic"),
            ('administrative', "Administrative"),
            ], "Kind", required=True, states=_COPIED)
    description = fields.Text("Description", required=True, states=_COPIED)
    mandatory = fields.Boolean("Mandatory", states=_COPIED)
    evidence = fields.Binary(
        "Evidence", filename='evidence_name', file_id='evidence_id',
        states={'readonly': Eval('application_state') != 'draft'},
        help="The document the candidate gives as evidence.")
    evidence_name = fields.Char(
        "Evidence Name",
        states={'readonly': Eval('application_state') != 'draft'})
    evidence_id = fields.Char("Evidence ID", readonly=True)
    check = fields.Selection([
            (None, ""),
            ('memenuhi', "Present, Meets the Requirement"),
            ('tidak_memenuhi', "Present, Does Not Meet the Requirement"),
            ('tidak_ada', "Not Present"),
            ], "Check", sort=False,
        states={
            'readonly': ~Eval('application_state').in_(
                ['draft', 'submitted']),
            },
        help="The check of the evidence by the LSP administration.")
    application_state = fields.Function(
        fields.Selection('get_application_states', "Application State"),
        'on_change_with_application_state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('application')
        cls._order.insert(0, ('sequence', 'ASC'))
        # the LSP checks the evidence of submitted applications
        cls._parent_state_fields['submitted'] = {'check'}

    @classmethod
    def default_kind(cls):
        return 'basic'

    @classmethod
    def default_mandatory(cls):
        return True

    @classmethod
    def get_application_states(cls):
        Application = Pool().get('lsp.application')
        return Application.fields_get(['state'])['state']['selection']

    @fields.depends('application', '_parent_application.state')
    def on_change_with_application_state(self, name=None):
        return self.application.state if self.application else 'draft'

    def get_rec_name(self, name):
        lines = (self.description or '').splitlines()
        return lines[0] if lines else ''

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('description',) + tuple(clause[1:])]


class ApplicationSelfAssessment(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.application.self_assessment'
    __string__ = "Application Self-Assessment"
    _parent_field = 'application'

    application = fields.Many2One(
        'lsp.application', "Application", required=True, ondelete='CASCADE')
    sequence = fields.Integer("Sequence", states=_COPIED)
    unit = fields.Many2One(
        'lsp.competency.unit', "Unit", required=True,
        ondelete='RESTRICT', states=_COPIED)
    element = fields.Many2One(
        'lsp.competency.element', "Element", required=True,
        ondelete='RESTRICT', states=_COPIED,
        domain=[('unit', '=', Eval('unit', -1))])
    answer = fields.Selection([
            (None, ""),
            ('k', "Competent (K)"),
            ('bk', "Not Yet Competent (BK)"),
            ], "Answer", sort=False,
        help="Can the candidate do what the element and its criteria "
        "describe?")
    evidence = fields.Text(
        "Relevant Evidence",
        help="The evidence the candidate gives for the element.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('application')
        cls._order.insert(0, ('sequence', 'ASC'))

    def get_rec_name(self, name):
        return '%s / %s. %s' % (
            self.unit.code, self.element.number, self.element.title)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['unit.code', 'element.title'])


class ApplicationRejectStart(ModelView):
    __name__ = 'lsp.application.reject.start'
    __string__ = "Reject Application"

    reason = fields.Text(
        "Reason", required=True,
        help="Told to the candidate: what is missing or why the "
        "application cannot be accepted.")


class ApplicationReject(Wizard):
    __name__ = 'lsp.application.reject'
    __string__ = "Reject Application"

    start = StateView(
        'lsp.application.reject.start',
        'lsp_sertifikasi.application_reject_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Reject", 'reject', 'tryton-ok', default=True),
            ])
    reject = StateTransition()

    def transition_reject(self):
        Application = Pool().get('lsp.application')
        applications = [a for a in self.records if a.state == 'submitted']
        Application.do_reject(applications, self.start.reason)
        return 'end'


class ApplicationOverrideWindowStart(ModelView):
    __name__ = 'lsp.application.override_window.start'
    __string__ = "Allow Recertification Outside the Window"

    reason = fields.Text(
        "Reason", required=True,
        help="Why the recertification may be applied for outside its "
        "window; kept on the application.")


class ApplicationOverrideWindow(Wizard):
    "The Head allows a recertification outside its window"
    __name__ = 'lsp.application.override_window'
    __string__ = "Allow Recertification Outside the Window"

    start = StateView(
        'lsp.application.override_window.start',
        'lsp_sertifikasi.application_override_window_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Allow", 'allow', 'tryton-ok', default=True),
            ])
    allow = StateTransition()

    def transition_allow(self):
        Application = Pool().get('lsp.application')
        applications = [a for a in self.records
            if a.state == 'draft' and a.purpose == RECERTIFICATION]
        if applications:
            Application.override_window_for(applications, self.start.reason)
        return 'end'


class ApplicationReport(Report):
    "FR.APL.01 Permohonan Sertifikasi Kompetensi"
    __name__ = 'lsp.application'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = selection_string
        return context


class ApplicationSelfAssessmentReport(ApplicationReport):
    "FR.APL.02 Asesmen Mandiri"
    __name__ = 'lsp.application.self_assessment_report'

