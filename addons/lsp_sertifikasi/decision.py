# This file is part of the LSP Perkoperasian Indonesia ERP.
from collections import defaultdict

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.report import Report
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

from lsp_base.model import (
    DraftLockMixin, NumberedMixin, ParentLockMixin, WorkflowFieldsMixin,
    WorkflowMixin)
from lsp_base.report import (
    committee_chair_name, position_holder_name, selection_string)
from lsp_base.tools import rec_name_domain

from .assessment import RESULTS
from .exceptions import DecisionError

#: the code of the committee that takes the certification decisions
COMMITTEE_CODE = 'KT'


class Decision(
        DraftLockMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.certification.decision'
    __string__ = "Certification Decision"
    _rec_name = 'number'
    _number_sequence_field = 'certification_decision_sequence'
    _lock_message = 'lsp_sertifikasi.msg_decision_locked'
    _delete_message = 'lsp_sertifikasi.msg_decision_delete_draft'
    _lock_parameter = 'decision'

    _states = {'readonly': Eval('state') != 'draft'}

    number = fields.Char(
        "SK Number", readonly=True,
        help="The number of the decree (surat keputusan) of the decision.")
    pleno_date = fields.Date(
        "Plenary Date", required=True, states=_states,
        help="The day the Komite Teknik decided; the certificates are "
        "issued on it.")
    event = fields.Many2One(
        'lsp.assessment.event', "Assessment Event", ondelete='RESTRICT',
        states=_states,
        domain=[('state', 'in', ['confirmed', 'held', 'closed'])],
        help="The event whose submitted assessments are decided.")
    decision_makers = fields.Many2Many(
        'lsp.certification.decision-company.employee', 'decision',
        'employee', "Decision Makers", states=_states,
        domain=[('id', 'in', Eval('eligible_makers', []))],
        help="The members of the Komite Teknik who take the decision: none "
        "of them may have assessed a candidate or declared a conflict of "
        "interest with one.")
    eligible_makers = fields.Function(
        fields.Many2Many('company.employee', None, None, "Eligible Makers"),
        'on_change_with_eligible_makers')
    lines = fields.One2Many(
        'lsp.certification.decision.line', 'decision', "Decisions",
        states=_states)
    notes = fields.Text("Notes")
    state = fields.Selection([
            ('draft', "Draft"),
            ('approved', "Approved"),
            ], "State", required=True, readonly=True, sort=False)
    approved_by = fields.Many2One('res.user', "Approved By", readonly=True)
    to_issue = fields.Function(
        fields.Boolean("Certificates to Issue"), 'get_to_issue')
    certificate_count = fields.Function(
        fields.Integer("Certificates Issued"), 'get_certificate_count')
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('pleno_date', 'DESC'))
        cls._check_modify_exclude = {'notes'}
        cls._transitions |= {
            ('draft', 'approved'),
            }
        cls._buttons.update({
                'fill_lines': {
                    'invisible': Eval('state') != 'draft',
                    'readonly': ~Eval('event'),
                    'icon': 'tryton-refresh',
                    'depends': ['state', 'event'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'issue_certificates': {
                    'invisible': ((Eval('state') != 'approved')
                        | ~Eval('to_issue', False)),
                    'icon': 'tryton-launch',
                    'depends': ['state', 'to_issue'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_pleno_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_eligible_makers(cls):
        return cls.committee_members(cls.default_pleno_date())

    @fields.depends('pleno_date')
    def on_change_with_eligible_makers(self, name=None):
        return self.committee_members(self.pleno_date)

    @classmethod
    def committee_members(cls, date):
        "Return the ids of the employees in the Komite Teknik on date"
        pool = Pool()
        Member = pool.get('lsp.committee.member')
        if not date:
            return []
        members = Member.search([
                ('committee.code', '=', COMMITTEE_CODE),
                ('start_date', '<=', date),
                ['OR',
                    ('end_date', '=', None),
                    ('end_date', '>=', date),
                    ],
                ])
        return list({m.employee.id for m in members if m.employee})

    def get_certificate_count(self, name):
        return len([l for l in self.lines if l.certificate])

    def get_to_issue(self, name):
        return any(l.result == 'k' and not l.certificate
            for l in self.lines)

    def get_rec_name(self, name):
        return self.number or '(%s)' % self.id

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'event.rec_name'])

    @classmethod
    def copy(cls, decisions, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('lines')
        return super().copy(decisions, default=default)

    @classmethod
    def validate_fields(cls, decisions, field_names):
        super().validate_fields(decisions, field_names)
        if field_names & {'decision_makers', 'lines', 'pleno_date'}:
            for decision in decisions:
                if decision.state == 'draft' and decision.decision_makers:
                    decision.check_makers()

    @classmethod
    @ModelView.button
    def fill_lines(cls, decisions):
        "Add the submitted assessments of the event not yet decided"
        pool = Pool()
        Line = pool.get('lsp.certification.decision.line')
        to_create = []
        for decision in decisions:
            if not decision.event:
                continue
            present = {l.assessment for l in decision.lines}
            assessments = [a for a in decision.event.assessments
                if a.state == 'submitted' and a not in present]
            decided = Line.decided_applications(
                [a.application for a in assessments])
            for assessment in assessments:
                if assessment.application.id in decided:
                    continue
                to_create.append({
                        'decision': decision.id,
                        'assessment': assessment.id,
                        'result': assessment.recommendation,
                        })
        if to_create:
            Line.create(to_create)

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, decisions):
        pool = Pool()
        Configuration = pool.get('lsp.configuration')
        Certificate = pool.get('lsp.certificate')
        issue = Configuration(1).issue_certificates_on_decision
        if issue and any(d.to_issue for d in decisions):
            Certificate.lock_sequence()
        for decision in decisions:
            decision.check_approval()
        cls.write(decisions, {'approved_by': Transaction().user})
        if issue:
            cls.issue(decisions)

    def check_approval(self):
        "Check the decision may be approved, in the order a pleno does"
        Line = Pool().get('lsp.certification.decision.line')
        if not self.decision_makers:
            raise self._error('msg_decision_no_maker')
        if not self.lines:
            raise self._error('msg_decision_no_line')
        self.check_makers()
        decided = Line.decided_applications(
            [l.assessment.application for l in self.lines])
        applications = set()
        for line in self.lines:
            line.check_approval(decided)
            if line.assessment.application in applications:
                raise self._error('msg_decision_application_twice',
                    candidate=line.assessment.candidate.rec_name)
            applications.add(line.assessment.application)

    def check_makers(self):
        '''Check the makers are members of the Komite Teknik on the plenary
        date who neither assessed a candidate of the lines nor declared a
        conflict with one, as these stand now'''
        eligible = set(self.committee_members(self.pleno_date))
        for maker in self.decision_makers:
            if maker.id not in eligible:
                raise self._error('msg_decision_maker_not_member',
                    maker=maker.rec_name)
        assessed, assessors = self.makers_involvement()
        for line in self.lines:
            for maker in self.decision_makers:
                line.check_maker(maker, assessed, assessors[maker.id])

    def makers_involvement(self):
        """Return what the checks of the makers need, read once

        The set of the (candidate id, employee id) of the makers who
        assessed a candidate of the lines, and the assessors of each maker
        by employee id."""
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        Assessor = pool.get('lsp.assessor')
        makers = [m.id for m in self.decision_makers]
        candidates = {l.assessment.candidate.id for l in self.lines}
        assessed = Assessment.assessed_pairs(candidates, makers)
        assessors = {m: [] for m in makers}
        for assessor in Assessor.search([('employee', 'in', makers)]):
            assessors[assessor.employee.id].append(assessor)
        return assessed, assessors

    def _error(self, message, **values):
        "Return the error of message about the decision"
        return DecisionError(gettext(
                'lsp_sertifikasi.' + message, decision=self.rec_name,
                **values))

    @classmethod
    @ModelView.button
    def issue_certificates(cls, decisions):
        "Issue the certificates of the K decisions that have none"
        for decision in decisions:
            if decision.state != 'approved':
                raise DecisionError(gettext(
                        'lsp_sertifikasi.msg_decision_issue_draft',
                        decision=decision.rec_name))
        cls.issue(decisions)

    @classmethod
    def issue(cls, decisions):
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        Line = pool.get('lsp.certification.decision.line')
        lines = [l for d in decisions for l in d.lines
            if l.result == 'k' and not l.certificate]
        certificates = Certificate.issue([l.certificate_values()
                for l in lines])
        to_write = []
        for line, certificate in zip(lines, certificates):
            to_write.extend(([line], {'certificate': certificate.id}))
        if to_write:
            Line.write(*to_write)
        return certificates


class DecisionEmployee(ParentLockMixin, ModelSQL):
    __name__ = 'lsp.certification.decision-company.employee'
    __string__ = "Certification Decision - Decision Maker"
    _parent_field = 'decision'

    decision = fields.Many2One(
        'lsp.certification.decision', "Decision", required=True,
        ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('decision')


class DecisionLine(
        ParentLockMixin, WorkflowFieldsMixin, ModelSQL, ModelView):
    __name__ = 'lsp.certification.decision.line'
    __string__ = "Certification Decision Line"
    _parent_field = 'decision'

    _states = {'readonly': Eval('decision_state') != 'draft'}

    decision = fields.Many2One(
        'lsp.certification.decision', "Decision", required=True,
        ondelete='CASCADE', states=_states)
    assessment = fields.Many2One(
        'lsp.assessment', "Assessment", required=True, ondelete='RESTRICT',
        states=_states,
        domain=[
            ('state', '=', 'submitted'),
            If(Bool(Eval('decision_event')),
                ('event', '=', Eval('decision_event', -1)),
                ()),
            ])
    decision_event = fields.Function(
        fields.Many2One('lsp.assessment.event', "Decision Event"),
        'on_change_with_decision_event')
    candidate = fields.Function(
        fields.Many2One('party.party', "Candidate"),
        'on_change_with_candidate', searcher='search_candidate')
    recommendation = fields.Function(
        fields.Selection(RESULTS, "Assessor's Recommendation"),
        'on_change_with_recommendation')
    result = fields.Selection(
        [r for r in RESULTS if r[0]], "Decision", required=True,
        states=_states)
    notes = fields.Text(
        "Notes", states={
            'readonly': Eval('decision_state') != 'draft',
            'required': (Bool(Eval('recommendation'))
                & (Eval('result') != Eval('recommendation'))),
            },
        help="Required when the decision differs from the recommendation.")
    certificate = fields.Many2One(
        'lsp.certificate', "Certificate", readonly=True, ondelete='RESTRICT')
    decision_state = fields.Function(
        fields.Selection('get_decision_states', "Decision State"),
        'on_change_with_decision_state')
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('decision')
        cls._order.insert(0, ('decision', 'DESC'))
        cls._order.insert(1, ('id', 'ASC'))
        # the certificates are issued from the approved decision
        cls._parent_state_fields['approved'] = {'certificate'}

    @fields.depends('decision', '_parent_decision.event')
    def on_change_with_decision_event(self, name=None):
        return self.decision.event if self.decision else None

    @fields.depends('assessment', '_parent_assessment.candidate')
    def on_change_with_candidate(self, name=None):
        return self.assessment.candidate if self.assessment else None

    @classmethod
    def search_candidate(cls, name, clause):
        return [('assessment.candidate' + clause[0][len(name):],)
            + tuple(clause[1:])]

    @fields.depends('assessment')
    def on_change_with_recommendation(self, name=None):
        return self.assessment.recommendation if self.assessment else None

    @fields.depends('assessment', 'result')
    def on_change_assessment(self):
        if self.assessment and not self.result:
            self.result = self.assessment.recommendation

    @classmethod
    def get_decision_states(cls):
        pool = Pool()
        Decision = pool.get('lsp.certification.decision')
        return Decision.fields_get(['state'])['state']['selection']

    @fields.depends('decision', '_parent_decision.state')
    def on_change_with_decision_state(self, name=None):
        return self.decision.state if self.decision else None

    def get_rec_name(self, name):
        return '%s - %s' % (
            self.decision.rec_name, self.assessment.candidate.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['decision.rec_name', 'assessment.candidate.rec_name'])

    @classmethod
    def decided_applications(cls, applications):
        "Return the ids of the applications decided by an approved decision"
        Appeal = Pool().get('lsp.appeal')
        ids = list({a.id for a in applications})
        counts = defaultdict(int)
        for sub_ids in grouped_slice(ids):
            for line in cls.search([
                        ('assessment.application', 'in', list(sub_ids)),
                        ('decision.state', '=', 'approved'),
                        ]):
                counts[line.assessment.application.id] += 1
        # an upheld appeal asks for one more decision
        reopened = Appeal.reopened_counts(set(counts))
        return {a for a, n in counts.items() if n > reopened.get(a, 0)}

    def check_approval(self, decided):
        """Check the line may be approved

        decided is the set of the ids of the applications already decided
        by an approved decision."""
        assessment = self.assessment
        candidate = assessment.candidate.rec_name
        if assessment.state != 'submitted':
            raise self.decision._error(
                'msg_decision_assessment_not_submitted', candidate=candidate)
        if assessment.application.id in decided:
            raise self.decision._error(
                'msg_decision_already_decided', candidate=candidate)

    def check_maker(self, maker, assessed, assessors):
        """Check maker neither assessed the candidate nor has a conflict

        assessed is the set of the (candidate id, employee id) of the
        assessments by the makers, assessors those of maker."""
        candidate = self.assessment.candidate
        if (candidate.id, maker.id) in assessed:
            raise self.decision._error('msg_decision_maker_assessed',
                maker=maker.rec_name, candidate=candidate.rec_name)
        parties = [candidate]
        employer = getattr(candidate, 'employer', None)
        if employer:
            parties.append(employer)
        for assessor in assessors:
            for party in parties:
                if assessor.has_conflict(party):
                    raise self.decision._error(
                        'msg_decision_maker_conflict', maker=maker.rec_name,
                        candidate=candidate.rec_name, party=party.rec_name)

    def certificate_values(self):
        "Return the values of the certificate issued by the line"
        assessment = self.assessment
        return {
            'holder': assessment.candidate.id,
            'scheme': assessment.event.scheme.id,
            'issue_date': self.decision.pleno_date,
            'decision_line': self.id,
            'previous_certificate': (
                assessment.application.renews_certificate.id
                if assessment.application
                and assessment.application.renews_certificate else None),
            }


class DecisionReport(Report):
    "Decree (SK) of the certification decision"
    __name__ = 'lsp.certification.decision'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = selection_string
        context['kepala_name'] = position_holder_name('KEP')
        context['chair_name'] = committee_chair_name(COMMITTEE_CODE)
        return context
