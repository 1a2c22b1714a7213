# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
from collections import defaultdict
from email.message import EmailMessage
from email.utils import formataddr
from zoneinfo import ZoneInfo

from trytond import config
from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Workflow, fields, sequence_ordered)
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.report import Report
from trytond.sendmail import send_message_transactional
from trytond.transaction import Transaction

from .exceptions import MeetingApprovalError, PeriodError
from .tools import NumberedMixin, ParentLockMixin

#: the Wakil Sekretaris group that may approve the minutes of meetings
#: organised by each position, besides the Sekretaris
DEPUTY_SECRETARY_GROUPS = {
    'WK1': 'group_wakil_sekretaris_1',
    'WK2': 'group_wakil_sekretaris_1',
    'WK3': 'group_wakil_sekretaris_2',
    }


def _employee_address(employee):
    "The e-mail address of employee from the party, else from the user"
    User = Pool().get('res.user')
    party = employee.party
    if party.email:
        return formataddr((party.name, party.email))
    users = User.search([
            ('employees', '=', employee.id),
            ('email', '!=', None),
            ], limit=1)
    if users:
        user, = users
        return formataddr((user.name or '', user.email))


def _company_language(company):
    "The code of the language of company"
    language = company.party.lang if company else None
    return language.code if language else None


class Meeting(NumberedMixin, Workflow, ModelSQL, ModelView):
    __name__ = 'lsp.meeting'
    __string__ = "Meeting"
    _number_sequence_field = 'meeting_sequence'
    _rec_name = 'number'

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
        cls._check_modify_exclude = {'state', 'approved_by', 'approved_date'}
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
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('number', operator, operand, *extra),
            ('title', operator, operand, *extra),
            ]

    @classmethod
    def copy(cls, meetings, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('number')
        default.setdefault('minutes')
        default.setdefault('decisions')
        default.setdefault('actions')
        default.setdefault('approved_by')
        default.setdefault('approved_date')
        return super().copy(meetings, default=default)

    @classmethod
    def check_modification(cls, mode, meetings, values=None, external=False):
        super().check_modification(
            mode, meetings, values=values, external=external)
        if mode == 'delete':
            for meeting in meetings:
                if meeting.state not in {'draft', 'cancelled'}:
                    raise AccessError(gettext(
                            'lsp_base.msg_meeting_delete',
                            meeting=meeting.rec_name))
        elif mode == 'write':
            fields = values.keys() - cls._check_modify_exclude
            for meeting in meetings:
                if fields and meeting.state == 'approved':
                    raise AccessError(gettext(
                            'lsp_base.msg_meeting_approved_locked',
                            meeting=meeting.rec_name))
                if (fields & {'minutes', 'decisions', 'actions'}
                        and meeting.state != 'held'):
                    raise AccessError(gettext(
                            'lsp_base.msg_meeting_minutes_not_held',
                            meeting=meeting.rec_name))
        elif mode == 'create':
            for meeting in meetings:
                if meeting.state != 'held' and (
                        meeting.minutes or meeting.decisions
                        or meeting.actions):
                    raise AccessError(gettext(
                            'lsp_base.msg_meeting_minutes_not_held',
                            meeting=meeting.rec_name))

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
        cls.send_invitations(meetings)

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
                    language=_company_language(meeting.company)):
                msg = cls(meeting.id)._invitation_message(to_addrs)
            send_message_transactional(msg)

    @property
    def local_start(self):
        "The start in the timezone of the company"
        timezone = self.company.timezone if self.company else None
        if not timezone:
            return self.start
        return self.start.replace(tzinfo=dt.timezone.utc).astimezone(
            ZoneInfo(timezone)).replace(tzinfo=None)

    def _invitation_message(self, to_addrs):
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
        msg = EmailMessage()
        msg['From'] = config.get('email', 'from')
        msg['To'] = ', '.join(to_addrs)
        msg['Subject'] = gettext(
            'lsp_base.msg_meeting_invitation_subject',
            meeting=self.rec_name)
        msg.set_content('\n'.join(lines))
        return msg


class MeetingAttendee(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.meeting.attendee'
    __string__ = "Meeting Attendee"
    _parent_lock = (
        'meeting', 'lsp_base.msg_meeting_approved_locked', 'meeting')
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
            return _employee_address(self.employee)
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
    _parent_lock = (
        'meeting', 'lsp_base.msg_meeting_approved_locked', 'meeting')
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


class MeetingDecision(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.meeting.decision'
    __string__ = "Meeting Decision"

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
    def check_modification(cls, mode, decisions, values=None, external=False):
        super().check_modification(
            mode, decisions, values=values, external=external)
        check_meeting_held(mode, decisions, values)


class MeetingAction(ModelSQL, ModelView):
    __name__ = 'lsp.meeting.action'
    __string__ = "Meeting Action Item"

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
    def check_modification(cls, mode, actions, values=None, external=False):
        super().check_modification(
            mode, actions, values=values, external=external)
        if mode == 'write' and not (
                values.keys() - {'state', 'done_date'}):
            # the owners close their action items after the approval
            return
        check_meeting_held(mode, actions, values)

    @classmethod
    @ModelView.button
    def do(cls, actions):
        cls.write(actions, {
                'state': 'done',
                'done_date': Pool().get('ir.date').today(),
                })

    @classmethod
    @ModelView.button
    def reopen(cls, actions):
        cls.write(actions, {'state': 'open', 'done_date': None})

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
            address = _employee_address(owner)
            if not address:
                continue
            with Transaction().set_context(
                    language=_company_language(owner.company)):
                msg = cls._overdue_message(
                    owner, cls.browse(owner_actions), address)
            send_message_transactional(msg)

    @classmethod
    def _overdue_message(cls, owner, actions, address):
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
        msg = EmailMessage()
        msg['From'] = config.get('email', 'from')
        msg['To'] = address
        msg['Subject'] = gettext(
            'lsp_base.msg_meeting_action_overdue_subject',
            count=len(actions))
        msg.set_content('\n'.join(lines))
        return msg


def check_meeting_held(mode, lines, values):
    "Allow the minutes lines only on held meetings"
    pool = Pool()
    Meeting = pool.get('lsp.meeting')
    meetings = {l.meeting for l in lines}
    if values and values.get('meeting'):
        meetings.add(Meeting(values['meeting']))
    for meeting in meetings:
        if meeting.state == 'approved':
            raise AccessError(gettext(
                    'lsp_base.msg_meeting_approved_locked',
                    meeting=meeting.rec_name))
        if meeting.state != 'held':
            raise AccessError(gettext(
                    'lsp_base.msg_meeting_minutes_not_held',
                    meeting=meeting.rec_name))


class MeetingReport(Report):
    __name__ = 'lsp.meeting'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = _selection_string
        return context


def _selection_string(record, field_name):
    "Return the label of the selection value of record"
    selection = dict(record.__class__.fields_get(
            [field_name])[field_name]['selection'])
    return selection.get(getattr(record, field_name), '') or ''
