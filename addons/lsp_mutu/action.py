# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from lsp_base.model import LockErrorMixin, WorkflowMixin
from lsp_base.tools import employee_address, reference_selection, send_email

from .configuration import REMINDER_DAYS
from .exceptions import ActionError

#: the kinds of action (ISO/IEC 17024 10.2.7 and 10.2.8)
KINDS = [
    ('correction', "Correction"),
    ('corrective', "Corrective Action"),
    ('preventive', "Preventive Action"),
    ('improvement', "Improvement"),
    ]
#: the efficacy found when an action is verified (OCA's 0 / 50 / 100)
EFFICACIES = [
    (None, ""),
    ('0', "Not Effective (0 %)"),
    ('50', "Incomplete (50 %)"),
    ('100', "Effective (100 %)"),
    ]
#: the groups that manage every action
MANAGERS = ['group_direktur_mutu', 'group_lsp_admin']
#: the fields the owner of an open action writes
OWNER_FIELDS = {'result'}
#: the states of its origin in which an action is added to it
ORIGIN_OPEN_STATES = {
    'lsp.mutu.nonconformity': {
        'draft', 'analysis', 'action_plan', 'in_progress'},
    'lsp.mutu.impartiality.risk': {'open', 'mitigated', 'accepted'},
    }


def reminder_due(deadline, today, days, reminded_on):
    """Tell whether the owner of an open action is reminded today

    Once, from days before the deadline until the deadline.

    >>> import datetime as dt
    >>> d = dt.date(2026, 5, 20)
    >>> reminder_due(d, dt.date(2026, 5, 10), 10, None)
    True
    >>> reminder_due(d, dt.date(2026, 5, 9), 10, None)
    False
    >>> reminder_due(d, dt.date(2026, 5, 12), 10, dt.date(2026, 5, 10))
    False
    >>> reminder_due(d, dt.date(2026, 5, 21), 10, None)
    False"""
    if not deadline or reminded_on:
        return False
    return deadline - dt.timedelta(days=days) <= today <= deadline


def is_manager():
    "Tell whether the user manages every quality action"
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    User = pool.get('res.user')
    if not Transaction().user:
        return True
    groups = set(User.get_groups())
    return any(
        ModelData.get_id('lsp_base', g) in groups for g in MANAGERS)


class Action(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.action'
    __string__ = "Quality Action"
    _lock_message = 'lsp_mutu.msg_action_locked'
    _delete_message = 'lsp_mutu.msg_action_delete'
    _lock_parameter = 'action'

    _open = {'readonly': Eval('state') != 'open'}

    name = fields.Char("Action", required=True, states=_open)
    kind = fields.Selection(
        KINDS, "Kind", required=True, sort=False, states=_open)
    origin = fields.Reference(
        "Origin", selection='get_origins', states=_open,
        help="What the action answers: a non-conformity, an impartiality "
        "risk, a review output.")
    description = fields.Text("Description", states=_open)
    owner = fields.Many2One(
        'company.employee', "Owner", required=True, ondelete='RESTRICT',
        states=_open, help="The person who carries the action out.")
    deadline = fields.Date("Deadline", required=True, states=_open)
    result = fields.Text(
        "Result", states={
            'readonly': Eval('state') != 'open',
            },
        help="What was done; required to mark the action done.")
    done_date = fields.Date("Done On", readonly=True)
    efficacy = fields.Selection(
        EFFICACIES, "Efficacy", sort=False,
        states={'readonly': Eval('state') != 'done'},
        help="How effective the action was, set when it is verified.")
    verified_by = fields.Many2One('res.user', "Verified By", readonly=True)
    verified_date = fields.Date("Verified On", readonly=True)
    reminded_on = fields.Date(
        "Reminded On", readonly=True,
        help="When the owner was reminded of the deadline.")
    overdue = fields.Boolean(
        "Overdue", readonly=True,
        help="Open after its deadline (set every day by the cron).")
    state = fields.Selection([
            ('open', "Open"),
            ('done', "Done"),
            ('verified', "Verified"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    del _open

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('deadline', 'ASC'))
        cls._transitions |= {
            ('open', 'done'),
            ('done', 'open'),
            ('done', 'verified'),
            ('open', 'cancelled'),
            ('done', 'cancelled'),
            }
        cls._buttons.update({
                'do': {
                    'invisible': Eval('state') != 'open',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reopen': {
                    'invisible': Eval('state') != 'done',
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                'verify': {
                    'invisible': Eval('state') != 'done',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['open', 'done']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'open'

    @classmethod
    def default_kind(cls):
        return 'corrective'

    @classmethod
    def default_overdue(cls):
        return False

    @classmethod
    def _get_origins(cls):
        "Return the models an action may answer"
        return [
            'lsp.mutu.nonconformity', 'lsp.mutu.impartiality.risk',
            'lsp.mutu.monev.finding', 'lsp.mutu.review.output']

    @classmethod
    def get_origins(cls):
        return reference_selection(cls._get_origins())


    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/tree', 'visual', If(Eval('overdue', False), 'danger', '')),
            ]

    @classmethod
    def check_modification(cls, mode, actions, values=None, external=False):
        super().check_modification(
            mode, actions, values=values, external=external)
        if mode == 'create':
            for action in actions:
                action.check_origin_open()
        elif mode == 'delete':
            for action in actions:
                if action.state != 'open' or action.done_date:
                    raise cls.delete_error(action)
                action.check_origin_open()
        elif mode == 'write':
            names = values.keys() - cls._workflow_fields
            if not names:
                return
            writable = None
            if external and not is_manager():
                writable = OWNER_FIELDS
                if names - writable:
                    raise AccessError(gettext(
                            'lsp_mutu.msg_action_owner_fields',
                            action=actions[0].rec_name if actions else ''))
            for action in actions:
                if action.state == 'open':
                    continue
                if action.state == 'done' and names <= {'efficacy'}:
                    continue
                raise cls.lock_error(action)
            if 'origin' in names:
                for action in actions:
                    action.check_origin_open()

    def check_origin_open(self):
        "Check that the origin takes new actions in its state"
        origin = self.origin
        if not origin or origin.id is None or origin.id < 0:
            return
        states = ORIGIN_OPEN_STATES.get(origin.__name__)
        if states is not None and origin.state not in states:
            raise ActionError(gettext(
                    'lsp_mutu.msg_action_origin_closed',
                    action=self.rec_name, origin=origin.rec_name))

    def check_doer(self, user):
        "Check that user is the owner or manages the actions"
        if is_manager():
            return
        if self.owner not in user.employees:
            raise AccessError(gettext(
                    'lsp_mutu.msg_action_not_owner',
                    action=self.rec_name, owner=self.owner.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def do(cls, actions):
        pool = Pool()
        User = pool.get('res.user')
        Date = pool.get('ir.date')
        user = User(Transaction().user)
        for action in actions:
            action.check_doer(user)
            if not action.result:
                raise ActionError(gettext(
                        'lsp_mutu.msg_action_no_result',
                        action=action.rec_name))
        cls.write(actions, {'done_date': Date.today(), 'overdue': False})

    @classmethod
    @ModelView.button
    @Workflow.transition('open')
    def reopen(cls, actions):
        cls.write(actions, {'done_date': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('verified')
    def verify(cls, actions):
        pool = Pool()
        User = pool.get('res.user')
        Date = pool.get('ir.date')
        user = User(Transaction().user)
        for action in actions:
            if not action.efficacy:
                raise ActionError(gettext(
                        'lsp_mutu.msg_action_no_efficacy',
                        action=action.rec_name))
            if action.owner in user.employees:
                raise AccessError(gettext(
                        'lsp_mutu.msg_action_verify_own',
                        action=action.rec_name))
        cls.write(actions, {
                'verified_by': user.id,
                'verified_date': Date.today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, actions):
        pass

    @classmethod
    def send_reminders(cls, date=None):
        """Remind the owners of the actions whose deadline is near and flag
        the open actions past their deadline (cron)"""
        pool = Pool()
        Configuration = pool.get('lsp.configuration')
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        days = Configuration(1).action_reminder_days
        if days is None:
            days = REMINDER_DAYS
        actions = cls.search([('state', '=', 'open')])
        reminded, overdue, on_time = [], [], []
        for action in actions:
            if reminder_due(
                    action.deadline, date, days, action.reminded_on):
                reminded.append(action)
            late = action.deadline < date
            if late and not action.overdue:
                overdue.append(action)
            elif not late and action.overdue:
                on_time.append(action)
        for action in reminded:
            address = employee_address(action.owner)
            if address:
                send_email(
                    [address],
                    gettext('lsp_mutu.msg_action_reminder_subject',
                        action=action.rec_name),
                    gettext('lsp_mutu.msg_action_reminder_body',
                        action=action.rec_name,
                        origin=action.origin.rec_name
                        if action.origin else '-',
                        deadline=action.deadline.isoformat()))
        if reminded:
            cls.write(reminded, {'reminded_on': date})
        if overdue:
            cls.write(overdue, {'overdue': True})
        if on_time:
            cls.write(on_time, {'overdue': False})
        return reminded, overdue
