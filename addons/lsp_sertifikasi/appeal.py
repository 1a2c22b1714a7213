# This file is part of the LSP Perkoperasian Indonesia ERP.
"The appeals against the certification decisions (banding, FR.AK.04)"
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.report import Report
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

from lsp_base.model import (
    DraftLockMixin, NumberedMixin, ParentLockMixin, WorkflowMixin)
from lsp_base.report import (
    committee_chair_name, position_holder_name, selection_string)
from lsp_base.tools import rec_name_domain, reference_selection

from .exceptions import AppealError, AssessmentError

#: the working days after the receipt within which an appeal is acknowledged
ACKNOWLEDGE_DAYS = 3
#: the outcomes that uphold the appeal
UPHELD = {'upheld_reassess', 'upheld_reverse'}
CHANNELS = [
    (None, ""),
    ('portal', "Portal"),
    ('email', "E-mail"),
    ('letter', "Letter"),
    ('in_person', "In Person"),
    ]
#: the states in which the appeal is still open
OPEN_STATES = {'draft', 'received', 'acknowledged', 'under_review'}
#: what the appellant filed, which changes no more once received
FILED_FIELDS = {
    'company', 'appellant', 'subject', 'process_explained',
    'discussed_with_assessor', 'other_person_involved', 'other_person',
    'reason', 'received_on', 'channel'}


def panel_size_valid(count):
    "Tell whether a panel of count members is an odd number of 3 or more"
    return count >= 3 and count % 2 == 1


class Appeal(
        DraftLockMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.appeal'
    __string__ = "Appeal"
    _rec_name = 'number'
    _number_sequence_field = 'appeal_sequence'
    _lock_message = 'lsp_sertifikasi.msg_appeal_locked'
    _delete_message = 'lsp_sertifikasi.msg_appeal_delete_draft'
    _lock_parameter = 'appeal'
    _open_states = OPEN_STATES

    _draft = {'readonly': Eval('state') != 'draft'}
    _review = {'readonly': ~Eval('state').in_(
            ['received', 'acknowledged', 'under_review'])}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_draft)
    number = fields.Char("Number", readonly=True)
    appellant = fields.Many2One(
        'party.party', "Appellant", required=True, ondelete='RESTRICT',
        context={'company': Eval('company', -1)}, depends={'company'},
        states=_draft,
        help="The candidate or holder who appeals.")
    subject = fields.Reference(
        "Appealed Decision", selection='get_subjects', required=True,
        states=_draft,
        domain={
            'lsp.application': [('state', '=', 'rejected')],
            'lsp.assessment': [('state', '=', 'submitted')],
            'lsp.certification.decision.line': [
                ('decision.state', '=', 'approved')],
            'lsp.certificate.status.decision': [
                ('state', 'in', ['approved', 'done'])],
            },
        help="The assessment, the certification decision, the rejection of "
        "the application or the status decision appealed against.")
    subject_date = fields.Function(
        fields.Date(
            "Decision Date",
            help="When the appealed decision was taken: the period to "
            "appeal runs from it."),
        'on_change_with_subject_date')
    scheme = fields.Function(
        fields.Many2One('lsp.scheme', "Scheme"), 'on_change_with_scheme')
    process_explained = fields.Boolean(
        "Appeal Process Explained", states=_draft,
        help="The appeal process was explained to the appellant "
        "(FR.AK.04).")
    discussed_with_assessor = fields.Boolean(
        "Discussed with the Assessor", states=_draft,
        help="The appellant discussed the appeal with the assessor "
        "(FR.AK.04).")
    other_person_involved = fields.Boolean(
        "Other Person Involved", states=_draft,
        help="The appellant wants another person involved in the appeal "
        "(FR.AK.04).")
    other_person = fields.Char(
        "Other Person",
        states={
            'readonly': Eval('state') != 'draft',
            'invisible': ~Eval('other_person_involved'),
            'required': Bool(Eval('other_person_involved')),
            })
    reason = fields.Text(
        "Reason", required=True, states=_draft,
        help="Why the appellant appeals, in their words (FR.AK.04).")
    received_on = fields.Date(
        "Received On", required=True, states=_draft)
    channel = fields.Selection(CHANNELS, "Channel", states=_draft)
    appeal_deadline = fields.Function(
        fields.Date(
            "Appeal Deadline",
            help="The last day to appeal: the appeal period of the scheme "
            "in working days after the decision."),
        'on_change_with_appeal_deadline')
    filed_in_time = fields.Function(
        fields.Boolean("Filed in Time"), 'on_change_with_filed_in_time')
    admitted_late_by = fields.Many2One(
        'res.user', "Late Appeal Admitted By", readonly=True,
        states={'invisible': ~Eval('admitted_late_by')})
    admitted_late_reason = fields.Text(
        "Reason for Admitting Late", readonly=True,
        states={'invisible': ~Eval('admitted_late_by')})
    acknowledge_deadline = fields.Function(
        fields.Date(
            "Acknowledge By",
            help="The appeal is acknowledged within 3 working days of its "
            "receipt."),
        'on_change_with_acknowledge_deadline')
    acknowledged_on = fields.Date("Acknowledged On", readonly=True)
    acknowledged_late = fields.Function(
        fields.Boolean("Acknowledged Late"), 'get_acknowledged_late')
    panel = fields.Many2Many(
        'lsp.appeal-company.employee', 'appeal', 'employee', "Panel",
        states=_review,
        help="An odd number of 3 or more people of whom none assessed the "
        "appellant, decided on the case or declared a conflict of interest "
        "with the appellant or their employer.")
    hearing_notes = fields.Text(
        "Hearing Notes", states=_review,
        help="What the panel heard from the parties and found.")
    outcome = fields.Selection([
            (None, ""),
            ('rejected', "Rejected: the Decision Stands"),
            ('upheld_reassess', "Upheld: Re-assessment"),
            ('upheld_reverse', "Upheld: Decision Reversed"),
            ], "Outcome", states=_review)
    reasoning = fields.Text(
        "Reasoning", states=_review,
        help="The reasons of the outcome, told to the appellant.")
    reassessment_event = fields.Many2One(
        'lsp.assessment.event', "Re-assessment Event", ondelete='RESTRICT',
        domain=[
            ('state', 'in', ['confirmed', 'held']),
            If(Bool(Eval('scheme')),
                ('scheme', '=', Eval('scheme', -1)), ()),
            ],
        states={
            'readonly': _review['readonly'],
            'invisible': Eval('outcome') != 'upheld_reassess',
            'required': ((Eval('outcome') == 'upheld_reassess')
                & (Eval('state') == 'under_review')),
            })
    reassessment_assessor = fields.Many2One(
        'lsp.assessor', "Re-assessment Assessor", ondelete='RESTRICT',
        states={
            'readonly': _review['readonly'],
            'invisible': Eval('outcome') != 'upheld_reassess',
            'required': ((Eval('outcome') == 'upheld_reassess')
                & (Eval('state') == 'under_review')),
            },
        help="An assessor of the event other than those who assessed the "
        "appellant.")
    decided_on = fields.Date("Decided On", readonly=True)
    decided_by = fields.Many2One('res.user', "Decided By", readonly=True)
    former_assessors = fields.Many2Many(
        'lsp.appeal-lsp.assessor', 'appeal', 'assessor',
        "Former Assessors", readonly=True,
        help="The assessors of the appellant when the appeal was upheld; "
        "none of them assesses the re-assessment.")
    reassessment = fields.Many2One(
        'lsp.assessment', "Re-assessment", readonly=True,
        ondelete='RESTRICT')
    new_decision_line = fields.Many2One(
        'lsp.certification.decision.line', "New Decision",
        readonly=True, ondelete='RESTRICT')
    decree = fields.Many2One(
        'lsp.document', "SK Banding", ondelete='RESTRICT',
        states={'readonly': Eval('state').in_(
                ['closed', 'withdrawn', 'inadmissible'])},
        help="The decree on the appeal in the document register.")
    letter = fields.Many2One(
        'lsp.letter', "Decision Letter", readonly=True, ondelete='RESTRICT')
    informed_on = fields.Date("Appellant Informed On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('received', "Received"),
            ('acknowledged', "Acknowledged"),
            ('under_review', "Under Review"),
            ('decided', "Decided"),
            ('closed', "Closed"),
            ('withdrawn', "Withdrawn"),
            ('inadmissible', "Inadmissible"),
            ], "State", required=True, readonly=True, sort=False)
    del _draft, _review

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('received_on', 'DESC'))
        cls._check_modify_exclude = {'decree'}
        cls._transitions |= {
            ('draft', 'received'),
            ('draft', 'inadmissible'),
            ('inadmissible', 'received'),
            ('received', 'acknowledged'),
            ('acknowledged', 'under_review'),
            ('under_review', 'decided'),
            ('decided', 'closed'),
            ('draft', 'withdrawn'),
            ('received', 'withdrawn'),
            ('acknowledged', 'withdrawn'),
            ('under_review', 'withdrawn'),
            }
        cls._buttons.update({
                'receive': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'admit_late': {
                    'invisible': Eval('state') != 'inadmissible',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'acknowledge': {
                    'invisible': Eval('state') != 'received',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'review': {
                    'invisible': Eval('state') != 'acknowledged',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'decide': {
                    'invisible': Eval('state') != 'under_review',
                    'readonly': ~Eval('outcome'),
                    'icon': 'tryton-ok',
                    'depends': ['state', 'outcome'],
                    },
                'inform': {
                    'invisible': Eval('state') != 'decided',
                    'icon': 'tryton-email',
                    'depends': ['state'],
                    },
                'withdraw': {
                    'invisible': ~Eval('state').in_(list(OPEN_STATES)),
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
    def default_received_on(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def _get_subjects(cls):
        "Return the models whose decisions may be appealed"
        return [
            'lsp.assessment',
            'lsp.certification.decision.line',
            'lsp.application',
            'lsp.certificate.status.decision',
            ]

    @classmethod
    def get_subjects(cls):
        return reference_selection(cls._get_subjects())


    def get_rec_name(self, name):
        return '%s - %s' % (
            self.number or '(%s)' % self.id, self.appellant.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'appellant.rec_name'])

    @fields.depends('subject', 'appellant')
    def on_change_subject(self):
        candidate = subject_candidate(self.subject)
        if candidate and not self.appellant:
            self.appellant = candidate

    @fields.depends('subject')
    def on_change_with_subject_date(self, name=None):
        return subject_date(self.subject)

    @fields.depends('subject')
    def on_change_with_scheme(self, name=None):
        return subject_scheme(self.subject)

    @fields.depends('subject', 'company')
    def on_change_with_appeal_deadline(self, name=None):
        Holiday = Pool().get('lsp.holiday')
        date, scheme = subject_date(self.subject), subject_scheme(
            self.subject)
        if not date or not scheme or not self.company:
            return None
        return Holiday.add_working_days(
            self.company, date, scheme.appeal_period_days or 0)

    @fields.depends('received_on', methods=['on_change_with_appeal_deadline'])
    def on_change_with_filed_in_time(self, name=None):
        deadline = self.on_change_with_appeal_deadline()
        if not deadline or not self.received_on:
            return None
        return self.received_on <= deadline

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
        if not deadline or self.state in {'draft', 'withdrawn',
                'inadmissible'}:
            return False
        return (self.acknowledged_on or Date.today()) > deadline

    @classmethod
    def check_modification(cls, mode, appeals, values=None, external=False):
        super().check_modification(
            mode, appeals, values=values, external=external)
        if mode == 'write' and values.keys() & FILED_FIELDS:
            for appeal in appeals:
                if appeal.state != 'draft':
                    raise AccessError(gettext(
                            'lsp_sertifikasi.msg_appeal_filed_locked',
                            appeal=appeal.rec_name))

    @classmethod
    def validate_fields(cls, appeals, field_names):
        super().validate_fields(appeals, field_names)
        if field_names & {'subject', 'appellant', 'state'}:
            cls.check_unique_subject(appeals)
        if field_names & {'panel', 'subject', 'appellant'}:
            for appeal in appeals:
                if appeal.panel and appeal.state in OPEN_STATES:
                    appeal.check_panel_members()

    @classmethod
    def check_unique_subject(cls, appeals):
        "Refuse a second appeal of an appellant on a subject, not withdrawn"
        for appeal in appeals:
            if appeal.state == 'withdrawn' or not appeal.subject:
                continue
            others = cls.search([
                    ('id', '!=', appeal.id),
                    ('subject', '=', str(appeal.subject)),
                    ('appellant', '=', appeal.appellant.id),
                    ('state', '!=', 'withdrawn'),
                    ], limit=1)
            if others:
                other, = others
                raise AppealError(gettext(
                        'lsp_sertifikasi.msg_appeal_unique',
                        appellant=appeal.appellant.rec_name,
                        subject=appeal.subject.rec_name,
                        other=other.rec_name))

    def _error(self, message, **values):
        return AppealError(gettext(
                'lsp_sertifikasi.' + message, appeal=self.rec_name, **values))

    def check_panel(self):
        "Check the panel may decide: its size and the independence"
        if not panel_size_valid(len(self.panel)):
            raise self._error(
                'msg_appeal_panel_size', count=len(self.panel))
        self.check_panel_members()

    def check_panel_members(self):
        '''Check no member assessed the appellant, decided on the case or
        declared a conflict with the appellant or their employer, as these
        stand now'''
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        Assessor = pool.get('lsp.assessor')
        members = [m.id for m in self.panel]
        candidate = subject_candidate(self.subject) or self.appellant
        candidates = {candidate.id, self.appellant.id}
        assessed = Assessment.assessed_pairs(candidates, members)
        deciders = subject_deciders(self.subject)
        parties = [self.appellant]
        employer = getattr(self.appellant, 'employer', None)
        if employer:
            parties.append(employer)
        assessors = Assessor.search([('employee', 'in', members)])
        for member in self.panel:
            if any((c, member.id) in assessed for c in candidates):
                raise self._error(
                    'msg_appeal_panel_assessed', member=member.rec_name,
                    appellant=self.appellant.rec_name)
            if member.id in deciders:
                raise self._error(
                    'msg_appeal_panel_decided', member=member.rec_name)
            for assessor in assessors:
                if assessor.employee != member:
                    continue
                for party in parties:
                    if assessor.has_conflict(party):
                        raise self._error(
                            'msg_appeal_panel_conflict',
                            member=member.rec_name, party=party.rec_name)

    @classmethod
    @ModelView.button
    def receive(cls, appeals):
        "Register the appeals; a late one is inadmissible"
        in_time = [a for a in appeals if a.filed_in_time is not False]
        late = [a for a in appeals if a.filed_in_time is False]
        if in_time:
            cls._receive(in_time)
        if late:
            cls._inadmissible(late)

    @classmethod
    @Workflow.transition('received')
    def _receive(cls, appeals):
        pass

    @classmethod
    @Workflow.transition('inadmissible')
    def _inadmissible(cls, appeals):
        pass

    @classmethod
    @ModelView.button_action('lsp_sertifikasi.wizard_appeal_admit_late')
    def admit_late(cls, appeals):
        pass

    @classmethod
    def admit_late_for(cls, appeals, reason):
        "Admit the late appeals for reason, by the Head"
        appeals = [a for a in appeals if a.state == 'inadmissible']
        if not appeals:
            return
        cls.write(appeals, {
                'admitted_late_by': Transaction().user,
                'admitted_late_reason': reason,
                })
        cls._receive(appeals)

    @classmethod
    @ModelView.button
    @Workflow.transition('acknowledged')
    def acknowledge(cls, appeals):
        Date = Pool().get('ir.date')
        cls.write(appeals, {'acknowledged_on': Date.today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('under_review')
    def review(cls, appeals):
        for appeal in appeals:
            if appeal.panel:
                appeal.check_panel_members()

    @classmethod
    @ModelView.button
    @Workflow.transition('decided')
    def decide(cls, appeals):
        "The Komite Teknik decides the appeals heard by an independent panel"
        pool = Pool()
        Date = pool.get('ir.date')
        for appeal in appeals:
            if not appeal.outcome:
                raise appeal._error('msg_appeal_no_outcome')
            appeal.check_panel()
        cls.write(appeals, {
                'decided_on': Date.today(),
                'decided_by': Transaction().user,
                })
        for appeal in appeals:
            if appeal.outcome == 'upheld_reassess':
                appeal.reassess()
            elif appeal.outcome == 'upheld_reverse':
                appeal.reverse()
            if appeal.outcome in UPHELD:
                appeal.open_nonconformity()

    def subject_assessment(self):
        "Return the assessment of the appealed decision, if any"
        subject = self.subject
        if subject.__name__ == 'lsp.assessment':
            return subject
        if subject.__name__ == 'lsp.certification.decision.line':
            return subject.assessment
        return None

    def reassess(self):
        "Create the re-assessment of the application by another assessor"
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        assessment = self.subject_assessment()
        if not assessment:
            raise self._error('msg_appeal_reassess_no_assessment')
        if not self.reassessment_event or not self.reassessment_assessor:
            raise self._error('msg_appeal_reassess_event')
        application = assessment.application
        former = {a.assessor for a in Assessment.search([
                    ('application', '=', application.id),
                    ])}
        if self.reassessment_assessor in former:
            # the named check of the assessments, before one exists
            raise AssessmentError(gettext(
                    'lsp_sertifikasi.msg_assessment_former_assessor',
                    assessor=self.reassessment_assessor.rec_name,
                    assessment=application.rec_name))
        self.__class__.write([self], {
                'former_assessors': [('add', [a.id for a in former])],
                })
        reassessment, = Assessment.create([{
                    'event': self.reassessment_event.id,
                    'application': application.id,
                    'candidate': application.candidate.id,
                    'assessor': self.reassessment_assessor.id,
                    }])
        reassessment.check_assessor()
        self.__class__.write([self], {'reassessment': reassessment.id})

    def reverse(self):
        '''Create the draft decision of the Komite Teknik reversing the
        appealed one'''
        pool = Pool()
        Decision = pool.get('lsp.certification.decision')
        assessment = self.subject_assessment()
        if not assessment or assessment.state != 'submitted':
            raise self._error('msg_appeal_reverse_no_assessment')
        previous = self.subject
        if previous.__name__ == 'lsp.certification.decision.line':
            result = 'bk' if previous.result == 'k' else 'k'
        else:
            result = 'k' if assessment.recommendation == 'bk' else 'bk'
        decision, = Decision.create([{
                    'event': assessment.event.id,
                    'pleno_date': Pool().get('ir.date').today(),
                    'notes': gettext(
                        'lsp_sertifikasi.msg_appeal_reverse_notes',
                        appeal=self.rec_name),
                    'lines': [('create', [{
                                    'assessment': assessment.id,
                                    'result': result,
                                    'notes': self.reasoning or self.reason,
                                    }])],
                    }])
        self.__class__.write([self], {
                'new_decision_line': decision.lines[0].id})

    def open_nonconformity(self):
        "Open a nonconformity of the quality system when it is installed"
        pool = Pool()
        try:
            Nonconformity = pool.get('lsp.mutu.nonconformity')
        except KeyError:
            return None
        values = {
            'origin': str(self),
            'description': self.reasoning or self.reason,
            'company': self.company.id,
            }
        values = {k: v for k, v in values.items()
            if k in Nonconformity._fields}
        nonconformity, = Nonconformity.create([values])
        return nonconformity

    @classmethod
    def reopened_counts(cls, application_ids):
        '''Return the number of upheld appeals per application: each one
        needs a new certification decision'''
        counts = {}
        appeals = cls.search([
                ('state', 'in', ['decided', 'closed']),
                ('outcome', 'in', list(UPHELD)),
                ])
        for appeal in appeals:
            assessment = appeal.subject_assessment()
            if assessment and assessment.application.id in application_ids:
                application = assessment.application.id
                counts[application] = counts.get(application, 0) + 1
        return counts

    @classmethod
    def former_assessors_of(cls, application):
        "Return the former assessors of the upheld appeals of application"
        appeals = cls.search([
                ('state', 'in', ['decided', 'closed']),
                ('outcome', '=', 'upheld_reassess'),
                ])
        former = set()
        for appeal in appeals:
            assessment = appeal.subject_assessment()
            if assessment and assessment.application == application:
                former.update(appeal.former_assessors)
        return former

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def inform(cls, appeals):
        "Send the numbered decision letter to the appellants"
        pool = Pool()
        Letter = pool.get('lsp.letter')
        Position = pool.get('lsp.position')
        Date = pool.get('ir.date')
        today = Date.today()
        units = Position.search([('code', '=', 'KEP')], limit=1)
        letters = Letter.create([{
                    'direction': 'outgoing',
                    'date': today,
                    'recipient': a.appellant.id,
                    'subject': gettext(
                        'lsp_sertifikasi.msg_appeal_letter_subject',
                        appeal=a.rec_name),
                    'summary': a.reasoning,
                    'issuing_unit': units[0].id if units else None,
                    } for a in appeals])
        Letter.register(letters)
        for appeal, letter in zip(appeals, letters):
            cls.write([appeal], {
                    'letter': letter.id,
                    'informed_on': today,
                    })

    @classmethod
    @ModelView.button
    @Workflow.transition('withdrawn')
    def withdraw(cls, appeals):
        pass


def subject_candidate(subject):
    "Return the candidate or holder concerned by the appealed decision"
    if not subject or subject.id is None or subject.id < 0:
        return None
    name = subject.__name__
    if name in {'lsp.assessment', 'lsp.application'}:
        return subject.candidate
    if name == 'lsp.certification.decision.line':
        return subject.assessment.candidate
    certificates = getattr(subject, 'certificates', None)
    if certificates:
        return certificates[0].holder
    return None


def subject_scheme(subject):
    "Return the scheme of the appealed decision"
    if not subject or subject.id is None or subject.id < 0:
        return None
    name = subject.__name__
    if name == 'lsp.assessment':
        return subject.event.scheme
    if name == 'lsp.application':
        return subject.scheme
    if name == 'lsp.certification.decision.line':
        return subject.assessment.event.scheme
    certificates = getattr(subject, 'certificates', None)
    if certificates:
        return certificates[0].scheme
    return None


def subject_date(subject):
    "Return the date of the appealed decision"
    if not subject or subject.id is None or subject.id < 0:
        return None
    name = subject.__name__
    if name == 'lsp.assessment':
        return subject.submitted_date or subject.event.end_date
    if name == 'lsp.application':
        return subject.decided_date
    if name == 'lsp.certification.decision.line':
        return subject.decision.pleno_date
    return getattr(subject, 'approved_on', None)


def subject_deciders(subject):
    "Return the ids of the employees who decided the appealed decision"
    if not subject or subject.id is None or subject.id < 0:
        return set()
    name = subject.__name__
    if name == 'lsp.certification.decision.line':
        return {m.id for m in subject.decision.decision_makers}
    users = []
    if name == 'lsp.application':
        users = [subject.decided_by]
    elif name != 'lsp.assessment':
        users = [getattr(subject, 'approved_by', None),
            getattr(subject, 'proposed_by', None)]
    return {e.id for u in users if u for e in u.employees}


class AppealEmployee(ParentLockMixin, ModelSQL):
    __name__ = 'lsp.appeal-company.employee'
    __string__ = "Appeal - Panel Member"
    _parent_field = 'appeal'

    appeal = fields.Many2One(
        'lsp.appeal', "Appeal", required=True, ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('appeal')


class AppealAssessor(ModelSQL):
    __name__ = 'lsp.appeal-lsp.assessor'
    __string__ = "Appeal - Former Assessor"

    appeal = fields.Many2One(
        'lsp.appeal', "Appeal", required=True, ondelete='CASCADE')
    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('appeal')


class AppealAdmitLateStart(ModelView):
    __name__ = 'lsp.appeal.admit_late.start'
    __string__ = "Admit Late Appeal"

    reason = fields.Text(
        "Reason", required=True,
        help="Why the appeal is heard although it was filed late; kept on "
        "the appeal.")


class AppealAdmitLate(Wizard):
    "The Head admits an appeal filed after the appeal period"
    __name__ = 'lsp.appeal.admit_late'
    __string__ = "Admit Late Appeal"

    start = StateView(
        'lsp.appeal.admit_late.start',
        'lsp_sertifikasi.appeal_admit_late_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Admit", 'admit', 'tryton-ok', default=True),
            ])
    admit = StateTransition()

    def transition_admit(self):
        Appeal = Pool().get('lsp.appeal')
        Appeal.admit_late_for(list(self.records), self.start.reason)
        return 'end'


class AppealReport(Report):
    "FR.AK.04 Banding Asesmen"
    __name__ = 'lsp.appeal'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = selection_string
        context['scheme_of'] = subject_scheme
        return context


class AppealLetterReport(AppealReport):
    "The letter of the decision on the appeal"
    __name__ = 'lsp.appeal.letter'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['kepala_name'] = position_holder_name('KEP')
        context['chair_name'] = committee_chair_name('KT')
        return context
