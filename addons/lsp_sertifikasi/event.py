# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.report import Report
from trytond.transaction import Transaction

from lsp_base.model import (
    DraftLockMixin, NumberedMixin, ParentLockMixin, WorkflowMixin)
from lsp_base.report import selection_string
from lsp_base.tools import rec_name_domain

from .exceptions import EventConfirmError, EventError

#: who pays the assessment of the candidates of an event
FUNDINGS = [
    ('mandiri', "Self-Funded (Mandiri)"),
    ('sponsor', "Sponsor"),
    ('apbn_apbd', "Government Budget (APBN/APBD)"),
    ('lainnya', "Other"),
    ]


class Event(
        DraftLockMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.assessment.event'
    __string__ = "Assessment Event"
    _number_sequence_field = 'event_sequence'
    _rec_name = 'number'
    _lock_message = 'lsp_sertifikasi.msg_event_locked'
    _delete_message = 'lsp_sertifikasi.msg_event_delete_draft'
    _lock_parameter = 'event'
    _deletable_states = {'draft', 'cancelled'}

    _states = {'readonly': Eval('state') != 'draft'}

    number = fields.Char("Number", readonly=True)
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", required=True, ondelete='RESTRICT',
        domain=[If(Eval('state') == 'draft', ('state', '=', 'active'), ())],
        states=_states)
    tuk = fields.Many2One(
        'lsp.tuk', "TUK", required=True, ondelete='RESTRICT',
        domain=[If(Eval('state') == 'draft',
                [('state', '=', 'active'),
                    ('schemes', '=', Eval('scheme', -1))],
                [])],
        states=_states,
        help="The competency test site (tempat uji kompetensi).")
    start_date = fields.Date("Start Date", required=True, states=_states)
    end_date = fields.Date(
        "End Date", required=True, states=_states,
        domain=[If(Bool(Eval('start_date')) & Bool(Eval('end_date')),
                ('end_date', '>=', Eval('start_date')), ())])
    quota = fields.Integer(
        "Quota", required=True, states=_states,
        domain=[('quota', '>', 0)],
        help="The maximum number of candidates of the event.")
    funding = fields.Selection(
        FUNDINGS, "Funding Source", required=True, states=_states)
    payer = fields.Many2One(
        'party.party', "Paying Party", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('funding').in_(['sponsor', 'apbn_apbd']),
            'invisible': Eval('funding') == 'mandiri',
            },
        help="Who pays the assessment when the candidates do not pay "
        "themselves.")
    bnsp_code = fields.Char(
        "BNSP Schedule Code", strip=True,
        states={'readonly': Eval('state').in_(['closed', 'cancelled'])},
        help="The code of the schedule registered at BNSP.")
    assessors = fields.One2Many(
        'lsp.assessment.event.assessor', 'event', "Assessors",
        states=_states)
    participants = fields.Many2Many(
        'lsp.assessment.event.participant', 'event', 'application',
        "Participants", states=_states,
        domain=[
            ('state', '=', 'accepted'),
            ('scheme', '=', Eval('scheme', -1)),
            ],
        help="The accepted applications of the scheme assessed in the "
        "event.")
    participant_count = fields.Function(
        fields.Integer("Number of Participants"),
        'on_change_with_participant_count')
    assessments = fields.One2Many(
        'lsp.assessment', 'event', "Assessments", readonly=True)
    notes = fields.Text("Notes")
    state = fields.Selection([
            ('draft', "Draft"),
            ('confirmed', "Confirmed"),
            ('held', "Held"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    confirmed_by = fields.Many2One('res.user', "Confirmed By", readonly=True)
    confirmed_date = fields.Date("Confirmed On", readonly=True)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('start_date', 'DESC'))
        cls._order.insert(1, ('number', 'DESC'))
        cls._check_modify_exclude = {'bnsp_code', 'notes'}
        cls._transitions |= {
            ('draft', 'confirmed'),
            ('confirmed', 'held'),
            ('held', 'closed'),
            ('draft', 'cancelled'),
            ('confirmed', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'confirm': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'hold': {
                    'invisible': Eval('state') != 'confirmed',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'held',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'confirmed']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_funding(cls):
        return 'mandiri'

    def get_rec_name(self, name):
        number = self.number or '(%s)' % self.id
        return '%s - %s' % (number, self.scheme.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['number', 'bnsp_code', 'scheme.rec_name'])

    @fields.depends('participants')
    def on_change_with_participant_count(self, name=None):
        return len(self.participants or [])

    @classmethod
    def copy(cls, events, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('participants')
        default.setdefault('bnsp_code')
        return super().copy(events, default=default)

    @classmethod
    def validate_fields(cls, events, field_names):
        super().validate_fields(events, field_names)
        if field_names & {'start_date', 'end_date'}:
            for event in events:
                if event.end_date < event.start_date:
                    raise EventError(gettext(
                            'lsp_sertifikasi.msg_event_period',
                            event=event.rec_name))

    @property
    def lead_assessor(self):
        leads = [l.assessor for l in self.assessors if l.role == 'lead']
        return leads[0] if len(leads) == 1 else None

    def check_confirm(self):
        "Check that the event may take place as planned"
        self.check_lead()
        self.check_participants()
        self.check_tuk()
        for line in self.assessors:
            self.check_assessor(line.assessor)

    def _error(self, message, **values):
        "Return the error of message about the event"
        return EventConfirmError(gettext(
                'lsp_sertifikasi.%s' % message, event=self.rec_name,
                **values))

    def check_lead(self):
        if len([l for l in self.assessors if l.role == 'lead']) != 1:
            raise self._error('msg_event_one_lead')

    def check_participants(self):
        if not self.participants:
            raise self._error('msg_event_no_participant')
        count = len(self.participants)
        if count > self.quota:
            raise self._error(
                'msg_event_quota', count=count, quota=self.quota)
        if count > self.tuk.capacity:
            raise self._error(
                'msg_event_capacity', count=count, tuk=self.tuk.rec_name,
                capacity=self.tuk.capacity)

    def check_tuk(self):
        Lang = Pool().get('ir.lang')
        lang = Lang.get()
        if not self.tuk.is_verified(
                self.scheme, self.start_date, self.end_date):
            raise self._error(
                'msg_event_tuk_not_verified', tuk=self.tuk.rec_name,
                scheme=self.scheme.rec_name,
                start=lang.strftime(self.start_date),
                end=lang.strftime(self.end_date))

    def check_assessor(self, assessor, applications=None, busy=True):
        '''Check assessor may assess the applications (default the
        participants) in the event, as things stand now: a licence valid on
        the dates, the scheme in scope, no conflict declared with a
        candidate or their employer and, with busy, no other event on the
        same dates'''
        Lang = Pool().get('ir.lang')
        lang = Lang.get()
        if applications is None:
            applications = self.participants
        for date in [self.start_date, self.end_date]:
            if not assessor.is_licence_valid(date):
                raise self._error(
                    'msg_event_assessor_licence',
                    assessor=assessor.rec_name, date=lang.strftime(date))
        if not assessor.covers_scheme(self.scheme):
            raise self._error(
                'msg_event_assessor_scope', assessor=assessor.rec_name,
                scheme=self.scheme.rec_name)
        for application in applications:
            candidate = application.candidate
            for party in filter(None, [candidate, candidate.employer]):
                if assessor.has_conflict(party):
                    raise self._error(
                        'msg_event_assessor_conflict',
                        assessor=assessor.rec_name,
                        candidate=candidate.rec_name, party=party.rec_name)
        other = self.overlapping_event(assessor) if busy else None
        if other:
            raise self._error(
                'msg_event_assessor_busy', assessor=assessor.rec_name,
                other=other.rec_name)

    def overlapping_event(self, assessor):
        "Return another confirmed or held event of assessor on our dates"
        events = self.search([
                ('id', '!=', self.id),
                ('state', 'in', ['confirmed', 'held']),
                ('assessors.assessor', '=', assessor.id),
                ('start_date', '<=', self.end_date),
                ('end_date', '>=', self.start_date),
                ], limit=1)
        return events[0] if events else None

    def assessment_values(self):
        "Values of one assessment per participant, spread over assessors"
        assessors = sorted(
            self.assessors, key=lambda l: (l.role != 'lead', l.id))
        values = []
        for i, application in enumerate(
                sorted(self.participants, key=lambda a: a.id)):
            values.append({
                    'event': self.id,
                    'application': application.id,
                    'candidate': application.candidate.id,
                    'assessor': assessors[i % len(assessors)].assessor.id,
                    })
        return values

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, events):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('confirmed')
    def confirm(cls, events):
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        Date = pool.get('ir.date')
        for event in events:
            event.check_confirm()
        Assessment.create(
            [v for e in events for v in e.assessment_values()])
        cls.write(events, {
                'confirmed_by': Transaction().user,
                'confirmed_date': Date.today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('held')
    def hold(cls, events):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, events):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, events):
        Assessment = Pool().get('lsp.assessment')
        assessments = [a for e in events for a in e.assessments]
        for assessment in assessments:
            if assessment.state != 'draft':
                raise EventError(gettext(
                        'lsp_sertifikasi.msg_event_cancel_started',
                        event=assessment.event.rec_name,
                        assessment=assessment.rec_name))
        Assessment.delete(assessments)


class EventAssessor(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.assessment.event.assessor'
    __string__ = "Assessment Event Assessor"
    _parent_field = 'event'

    event = fields.Many2One(
        'lsp.assessment.event', "Event", required=True, ondelete='CASCADE')
    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='RESTRICT')
    role = fields.Selection([
            ('lead', "Lead Assessor"),
            ('member', "Member"),
            ], "Role", required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls.__access__.add('event')
        cls._sql_constraints += [
            ('event_assessor_unique', Unique(t, t.event, t.assessor),
                'lsp_sertifikasi.msg_event_assessor_unique'),
            ]

    @classmethod
    def default_role(cls):
        return 'member'

    def get_rec_name(self, name):
        return self.assessor.rec_name

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('assessor.rec_name',) + tuple(clause[1:])]


class EventParticipant(ParentLockMixin, ModelSQL):
    __name__ = 'lsp.assessment.event.participant'
    __string__ = "Assessment Event Participant"
    _parent_field = 'event'

    event = fields.Many2One(
        'lsp.assessment.event', "Event", required=True, ondelete='CASCADE')
    application = fields.Many2One(
        'lsp.application', "Application", required=True,
        ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls.__access__.add('event')
        cls._sql_constraints += [
            ('event_application_unique', Unique(t, t.event, t.application),
                'lsp_sertifikasi.msg_event_participant_unique'),
            ]

    @classmethod
    def validate_fields(cls, participants, field_names):
        super().validate_fields(participants, field_names)
        for participant in participants:
            participant.check_single_event()

    def check_single_event(self):
        "Check that the application is in no other event that takes place"
        others = self.search([
                ('id', '!=', self.id),
                ('application', '=', self.application.id),
                ('event.state', '!=', 'cancelled'),
                ], limit=1)
        if others:
            other, = others
            raise EventError(gettext(
                    'lsp_sertifikasi.msg_event_participant_other_event',
                    application=self.application.rec_name,
                    event=other.event.rec_name))


class AssignmentLetter(Report):
    "Assignment letter (surat tugas), one per assessor of the event"
    __name__ = 'lsp.assessment.event.assignment_letter'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = selection_string
        context['assigned'] = assigned_assessments
        return context


def assigned_assessments(event, assessor):
    "Return the assessments of event assigned to assessor"
    return [a for a in event.assessments if a.assessor == assessor]

