# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
from collections import defaultdict
from email.utils import formataddr
from zoneinfo import ZoneInfo

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Workflow, fields, sequence_ordered)
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.report import Report
from trytond.transaction import Transaction

from .exceptions import (
    MeetingApprovalError, MeetingScheduleWarning, PeriodError)
from .model import (
    LockErrorMixin, NumberedMixin, ParentLockMixin, WorkflowMixin)
from .report import letterhead, selection_string
from .tools import (
    company_language, employee_address, rec_name_domain, send_email)

#: the Wakil Sekretaris group that may approve the minutes of meetings
#: organised by each position, besides the Sekretaris
DEPUTY_SECRETARY_GROUPS = {
    'WK1': 'group_wakil_sekretaris_1',
    'WK2': 'group_wakil_sekretaris_1',
    'WK3': 'group_wakil_sekretaris_2',
    }


class Meeting(
        LockErrorMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.meeting'
    __string__ = "Meeting"
    _number_sequence_field = 'meeting_sequence'
    _rec_name = 'number'
    _lock_message = 'lsp_base.msg_meeting_approved_locked'
    _delete_message = 'lsp_base.msg_meeting_delete'
    _lock_parameter = 'meeting'
    _deletable_states = {'draft', 'cancelled'}

    _states = {'readonly': ~Eval('state').in_(['draft', 'scheduled'])}
    _minutes_states = {'readonly': Eval('state') != 'held'}

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_states)
    title = fields.Char("Title", required=True, states=_states)
    kind = fields.Selection([
            ('leadership', "Leadership Meeting"),
            ('plenary', "Plenary Meeting"),
            ('committee', "Committee Meeting"),
            ('management_review', "Management Review"),
            ('other', "Other"),
            ], "Kind", required=True, states=_states)
    organiser = fields.Many2One(
        'lsp.position', "Organiser", required=True, ondelete='RESTRICT',
        states=_states,
        help="The position that calls the meeting.")
    start = fields.DateTime("Start", required=True, states=_states)
    end = fields.DateTime(
        "End", states=_states,
        domain=[If(Bool(Eval('end')) & Bool(Eval('start')),
                ('end', '>=', Eval('start')), ())])
    place = fields.Char("Place", states=_states)
    online_link = fields.Char("Online Link", states=_states)
    chair = fields.Many2One(
        'company.employee', "Chair", ondelete='RESTRICT',
        states={'readonly': Eval('state').in_(['approved', 'cancelled'])})
    minute_taker = fields.Many2One(
        'company.employee', "Minute Taker", ondelete='RESTRICT',
        states={'readonly': Eval('state').in_(['approved', 'cancelled'])})
    attendees = fields.One2Many(
        'lsp.meeting.attendee', 'meeting', "Attendees",
        states={'readonly': Eval('state').in_(['approved', 'cancelled'])})
    agenda = fields.One2Many(
        'lsp.meeting.agenda', 'meeting', "Agenda", states=_states)
    minutes = fields.Text(
        "Minutes", states=_minutes_states,
        help="The record of the discussion (risalah).")
    decisions = fields.One2Many(
        'lsp.meeting.decision', 'meeting', "Decisions",
        states=_minutes_states)
    actions = fields.One2Many(
        'lsp.meeting.action', 'meeting', "Action Items",
        states=_minutes_states)
    state = fields.Selection([
            ('draft', "Draft"),
            ('scheduled', "Scheduled"),
            ('held', "Held"),
            ('approved', "Approved"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    approved_by = fields.Many2One('res.user', "Approved By", readonly=True)
    approved_date = fields.Date("Approved On", readonly=True)
    del _states, _minutes_states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('start', 'DESC'))
        cls._check_modify_exclude = set()
        # the fields of the minutes, written while the meeting is held
        cls._minutes_fields = {'minutes', 'decisions', 'actions'}
        cls._transitions |= {
            ('draft', 'scheduled'),
            ('scheduled', 'held'),
            ('held', 'approved'),
            ('draft', 'cancelled'),
            ('scheduled', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'schedule': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'hold': {
                    'invisible': Eval('state') != 'scheduled',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'held',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'scheduled']),
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
    def default_kind(cls):
        return 'leadership'

    def get_rec_name(self, name):
        number = self.number or '(%s)' % self.id
        return '%s - %s' % (number, self.title)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'title'])

    @classmethod
    def copy(cls, meetings, default=None):
        default = default.copy() if default is not None else {}
        for name in cls._minutes_fields:
            default.setdefault(name)
        return super().copy(meetings, default=default)

    def minutes_lock_error(self):
        "Return the error refusing to change the minutes of the meeting"
        if self.state == 'approved':
            return self.lock_error(self)
        return AccessError(gettext(
                'lsp_base.msg_meeting_minutes_not_held',
                meeting=self.rec_name))

    @classmethod
    def check_modification(cls, mode, meetings, values=None, external=False):
        super().check_modification(
            mode, meetings, values=values, external=external)
        if mode == 'delete':
            for meeting in meetings:
                if meeting.state not in cls._deletable_states:
                    raise cls.delete_error(meeting)
        elif mode == 'write':
            fields = (values.keys() - cls._check_modify_exclude
                - cls._workflow_fields)
            for meeting in meetings:
                if fields and meeting.state == 'approved':
                    raise cls.lock_error(meeting)
                if fields & cls._minutes_fields and meeting.state != 'held':
                    raise meeting.minutes_lock_error()
        elif mode == 'create':
            for meeting in meetings:
                if meeting.state != 'held' and any(
                        getattr(meeting, f) for f in cls._minutes_fields):
                    raise meeting.minutes_lock_error()

    @classmethod
    def validate_fields(cls, meetings, field_names):
        super().validate_fields(meetings, field_names)
        if field_names & {'start', 'end'}:
            for meeting in meetings:
                if meeting.end and meeting.end < meeting.start:
                    raise PeriodError(gettext(
                            'lsp_base.msg_meeting_period',
                            meeting=meeting.rec_name))

    def check_approval_rights(self):
        "Check that the user may approve the minutes"
        pool = Pool()
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        transaction = Transaction()
        if transaction.user == 0:
            return
        groups = set(User.get_groups())
        allowed = {ModelData.get_id('lsp_base', 'group_sekretaris')}
        deputy = DEPUTY_SECRETARY_GROUPS.get(self.organiser.code)
        if deputy:
            allowed.add(ModelData.get_id('lsp_base', deputy))
        if not groups & allowed:
            raise MeetingApprovalError(gettext(
                    'lsp_base.msg_meeting_approval_rights',
                    meeting=self.rec_name,
                    organiser=self.organiser.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, meetings):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('scheduled')
    def schedule(cls, meetings):
        cls.check_schedule(meetings)
        cls.send_invitations(meetings)

    @classmethod
    def check_schedule(cls, meetings):
        """Ask the user to confirm the scheduling of meetings that start in
        the past or whose attendees without an e-mail address would not
        receive the invitation"""
        pool = Pool()
        Warning = pool.get('res.user.warning')
        Lang = pool.get('ir.lang')
        lang = Lang.get()
        now = dt.datetime.now()
        for meeting in meetings:
            missing = [a.rec_name for a in meeting.attendees
                if not a.email_address]
            if missing:
                key = Warning.format('lsp_meeting_no_email', [meeting])
                if Warning.check(key):
                    raise MeetingScheduleWarning(key, gettext(
                            'lsp_base.msg_meeting_attendees_no_email',
                            meeting=meeting.rec_name,
                            attendees=', '.join(missing)))
            if meeting.start < now:
                key = Warning.format('lsp_meeting_start_past', [meeting])
                if Warning.check(key):
                    raise MeetingScheduleWarning(key, gettext(
                            'lsp_base.msg_meeting_start_past',
                            meeting=meeting.rec_name,
                            start=lang.strftime(
                                meeting.local_start, '%d/%m/%Y %H:%M')))

    @classmethod
    @ModelView.button
    @Workflow.transition('held')
    def hold(cls, meetings):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, meetings):
        for meeting in meetings:
            meeting.check_approval_rights()
        cls.write(meetings, {
                'approved_by': Transaction().user,
                'approved_date': Pool().get('ir.date').today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, meetings):
        pass

    @classmethod
    def send_invitations(cls, meetings):
        "Send the invitation with the agenda to the attendees"
        for meeting in meetings:
            to_addrs = []
            for attendee in meeting.attendees:
                address = attendee.email_address
                if address and address not in to_addrs:
                    to_addrs.append(address)
            if not to_addrs:
                continue
            with Transaction().set_context(
                    language=company_language(meeting.company)):
                send_email(to_addrs, *cls(meeting.id)._invitation())

    def _local(self, value):
        "Return the date and time value in the timezone of the company"
        timezone = self.company.timezone if self.company else None
        if not timezone or not value:
            return value
        return value.replace(tzinfo=dt.timezone.utc).astimezone(
            ZoneInfo(timezone)).replace(tzinfo=None)

    @property
    def local_start(self):
        "The start in the timezone of the company"
        return self._local(self.start)

    @property
    def local_end(self):
        "The end in the timezone of the company"
        return self._local(self.end)

    def _invitation(self):
        "Return the subject and the text of the invitation"
        pool = Pool()
        Lang = pool.get('ir.lang')
        lang = Lang.get()
        kind = dict(self.fields_get(['kind'])['kind']['selection'])[self.kind]
        lines = [gettext(
                'lsp_base.msg_meeting_invitation_body',
                kind=kind,
                title=self.title,
                start=lang.strftime(self.local_start, '%d/%m/%Y %H:%M'),
                place=', '.join(filter(None, [self.place, self.online_link])),
                organiser=self.organiser.rec_name)]
        lines.append('')
        lines.append(gettext('lsp_base.msg_meeting_invitation_agenda'))
        for i, item in enumerate(self.agenda, 1):
            line = '%s. %s' % (i, item.topic)
            if item.presenter:
                line += ' (%s)' % item.presenter.rec_name
            lines.append(line)
        subject = gettext(
            'lsp_base.msg_meeting_invitation_subject', meeting=self.rec_name)
        return subject, '\n'.join(lines)


class MeetingAttendee(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.meeting.attendee'
    __string__ = "Meeting Attendee"
    _parent_field = 'meeting'
    _parent_open_states = {'draft', 'scheduled', 'held', 'cancelled'}

    meeting = fields.Many2One(
        'lsp.meeting', "Meeting", required=True, ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", ondelete='RESTRICT',
        states={'required': ~Eval('party')})
    party = fields.Many2One(
        'party.party', "Party", ondelete='RESTRICT',
        states={
            'required': ~Eval('employee'),
            'invisible': Bool(Eval('employee')),
            },
        help="A guest who is not an employee of the LSP.")
    email = fields.Function(
        fields.Char("E-mail"), 'get_email')
    attendance = fields.Selection([
            (None, ""),
            ('present', "Present"),
            ('absent', "Absent"),
            ('excused', "Excused"),
            ], "Attendance", sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('meeting')

    def get_rec_name(self, name):
        if self.employee:
            return self.employee.rec_name
        return self.party.rec_name if self.party else ''

    @property
    def email_address(self):
        if self.employee:
            return employee_address(self.employee)
        if self.party and self.party.email:
            return formataddr((self.party.name, self.party.email))

    def get_email(self, name):
        if self.employee:
            return self.employee.party.email
        return self.party.email if self.party else None


class MeetingAgenda(
        ParentLockMixin, sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.meeting.agenda'
    __string__ = "Meeting Agenda Item"
    _parent_field = 'meeting'
    _parent_open_states = {'draft', 'scheduled', 'held', 'cancelled'}

    meeting = fields.Many2One(
        'lsp.meeting', "Meeting", required=True, ondelete='CASCADE')
    topic = fields.Char("Topic", required=True)
    presenter = fields.Many2One(
        'company.employee', "Presenter", ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('meeting')

    def get_rec_name(self, name):
        return self.topic


class MeetingDecision(
        ParentLockMixin, sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.meeting.decision'
    __string__ = "Meeting Decision"
    _parent_field = 'meeting'
    _parent_open_states = {'held'}

    meeting = fields.Many2One(
        'lsp.meeting', "Meeting", required=True, ondelete='CASCADE')
    description = fields.Text("Decision", required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('meeting')

    def get_rec_name(self, name):
        return (self.description or '').splitlines()[0][:80]

    @classmethod
    def parent_lock_error(cls, meeting):
        return meeting.minutes_lock_error()


class MeetingAction(ParentLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.meeting.action'
    __string__ = "Meeting Action Item"
    _parent_field = 'meeting'
    _parent_open_states = {'held'}

    _states = {'readonly': Eval('state') != 'open'}

    meeting = fields.Many2One(
        'lsp.meeting', "Meeting", required=True, ondelete='CASCADE',
        states=_states)
    description = fields.Text("Description", required=True, states=_states)
    owner = fields.Many2One(
        'company.employee', "Owner", required=True, ondelete='RESTRICT',
        states=_states)
    due_date = fields.Date("Due Date", required=True, states=_states)
    state = fields.Selection([
            ('open', "Open"),
            ('done', "Done"),
            ], "State", required=True, readonly=True)
    done_date = fields.Date("Done On", readonly=True)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('meeting')
        cls._order.insert(0, ('due_date', 'ASC'))
        # the owners close their action items after the approval
        cls._parent_state_fields['approved'] = {'state', 'done_date'}
        cls._transitions |= {
            ('open', 'done'),
            ('done', 'open'),
            }
        cls._buttons.update({
                'do': {
                    'invisible': Eval('state') != 'open',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reopen': {
                    'invisible': Eval('state') != 'done',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'open'

    def get_rec_name(self, name):
        return (self.description or '').splitlines()[0][:80]

    @classmethod
    def parent_lock_error(cls, meeting):
        return meeting.minutes_lock_error()

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def do(cls, actions):
        cls.write(actions, {'done_date': Pool().get('ir.date').today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('open')
    def reopen(cls, actions):
        cls.write(actions, {'done_date': None})

    @classmethod
    def send_overdue_reminders(cls):
        "Tell the owners of the open action items past their due date"
        today = Pool().get('ir.date').today()
        actions = cls.search([
                ('state', '=', 'open'),
                ('due_date', '<', today),
                ('meeting.state', 'in', ['held', 'approved']),
                ], order=[('owner', 'ASC'), ('due_date', 'ASC')])
        by_owner = defaultdict(list)
        for action in actions:
            by_owner[action.owner].append(action)
        for owner, owner_actions in by_owner.items():
            address = employee_address(owner)
            if not address:
                continue
            with Transaction().set_context(
                    language=company_language(owner.company)):
                send_email([address], *cls._overdue_reminder(
                        owner, cls.browse(owner_actions)))

    @classmethod
    def _overdue_reminder(cls, owner, actions):
        "Return the subject and the text of the reminder to owner"
        Lang = Pool().get('ir.lang')
        lang = Lang.get()
        lines = [gettext(
                'lsp_base.msg_meeting_action_overdue_body',
                owner=owner.rec_name), '']
        for action in actions:
            lines.append(gettext(
                    'lsp_base.msg_meeting_action_overdue_line',
                    due_date=lang.strftime(action.due_date),
                    description=action.description,
                    meeting=action.meeting.rec_name))
        subject = gettext(
            'lsp_base.msg_meeting_action_overdue_subject', count=len(actions))
        return subject, '\n'.join(lines)


class MeetingReport(Report):
    "The minutes of the meeting"
    __name__ = 'lsp.meeting'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = selection_string
        return context


class MeetingInvitationReport(MeetingReport):
    "The invitation to the meeting, with its agenda"
    __name__ = 'lsp.meeting.invitation'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['letterhead'] = letterhead
        return context
