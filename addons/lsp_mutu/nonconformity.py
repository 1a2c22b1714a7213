# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from lsp_base.model import LockErrorMixin, NumberedMixin, WorkflowMixin
from lsp_base.tools import rec_name_domain, reference_selection

from .exceptions import NonconformityError

#: the severities of a non-conformity (ISO/IEC 17024 10.2.7)
SEVERITIES = [
    ('major', "Major"),
    ('minor', "Minor"),
    ('observation', "Observation"),
    ]
#: the categories of root causes (the seed data of OCA's
#: mgmtsystem_nonconformity)
ROOT_CAUSES = [
    (None, ""),
    ('procedure_not_respected', "Procedure Not Respected"),
    ('procedure_not_defined', "Procedure Not Defined"),
    ('communication', "Poor Communication"),
    ('training', "Insufficient Training"),
    ('resources', "Insufficient Resources"),
    ('human_error', "Human Error"),
    ('equipment', "Equipment or Infrastructure"),
    ('supplier', "External Provider"),
    ('requirement_unclear', "Unclear Requirement"),
    ('other', "Other"),
    ]
#: the states of an action in which it is finished
ACTION_FINISHED = {'done', 'verified', 'cancelled'}
#: every field that the user may change in each state of a
#: non-conformity (None: all of them)
WRITABLE = {
    'draft': None,
    'analysis': {
        'clause', 'severity', 'responsible_position', 'responsible',
        'due_date', 'correction', 'root_cause_category', 'root_cause',
        'actions'},
    'action_plan': {
        'responsible_position', 'responsible', 'due_date', 'correction',
        'action_plan', 'actions'},
    'in_progress': {'actions'},
    'verification': {'effectiveness_comment'},
    'closed': set(),
    'cancelled': set(),
    }


def owners_checking(checker_employees, owners):
    """Return the owners of actions among the employees of the checker

    >>> owners_checking({1, 2}, [2, 3])
    [2]
    >>> owners_checking(set(), [2])
    []"""
    return sorted(set(checker_employees) & set(owners))


class Nonconformity(
        LockErrorMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.nonconformity'
    __string__ = "Non-conformity"
    _number_sequence_field = 'nonconformity_sequence'
    _rec_name = 'number'
    _lock_message = 'lsp_mutu.msg_nonconformity_locked'
    _delete_message = 'lsp_mutu.msg_nonconformity_delete'
    _lock_parameter = 'nonconformity'

    _draft = {'readonly': Eval('state') != 'draft'}

    number = fields.Char("Number", readonly=True)
    origin = fields.Reference(
        "Origin", selection='get_origins', states=_draft,
        help="The record where the non-conformity was found: an audit "
        "finding, a complaint, an appeal, a TUK verification, an "
        "assessment, a surveillance, a review output.")
    clause = fields.Many2One(
        'lsp.mutu.clause', "Clause", ondelete='RESTRICT',
        states={'readonly': ~Eval('state').in_(['draft', 'analysis'])},
        help="The requirement that is not met.")
    severity = fields.Selection(
        SEVERITIES, "Severity", required=True, sort=False,
        states={'readonly': ~Eval('state').in_(['draft', 'analysis'])})
    detected_on = fields.Date("Detected On", required=True, states=_draft)
    description = fields.Text("Description", required=True, states=_draft)
    responsible_position = fields.Many2One(
        'lsp.position', "Responsible Position", ondelete='RESTRICT',
        states={'readonly': ~Eval('state').in_(
                ['draft', 'analysis', 'action_plan'])})
    responsible = fields.Many2One(
        'company.employee', "Responsible", ondelete='RESTRICT',
        states={'readonly': ~Eval('state').in_(
                ['draft', 'analysis', 'action_plan'])})
    due_date = fields.Date(
        "Due Date",
        states={'readonly': ~Eval('state').in_(
                ['draft', 'analysis', 'action_plan'])},
        help="When the non-conformity must be closed.")
    correction = fields.Text(
        "Correction",
        states={'readonly': ~Eval('state').in_(
                ['draft', 'analysis', 'action_plan'])},
        help="What was done at once to contain the non-conformity.")
    root_cause_category = fields.Selection(
        ROOT_CAUSES, "Root Cause Category", sort=False,
        states={
            'readonly': ~Eval('state').in_(['draft', 'analysis']),
            })
    root_cause = fields.Text(
        "Root Cause",
        states={
            'readonly': ~Eval('state').in_(['draft', 'analysis']),
            })
    action_plan = fields.Text(
        "Action Plan",
        states={
            'readonly': ~Eval('state').in_(['draft', 'action_plan']),
            })
    actions = fields.One2Many(
        'lsp.mutu.action', 'origin', "Actions",
        states={'readonly': ~Eval('state').in_(
                ['draft', 'analysis', 'action_plan', 'in_progress'])})
    effectiveness_result = fields.Selection([
            (None, ""),
            ('effective', "Effective"),
            ('not_effective', "Not Effective"),
            ], "Effectiveness", readonly=True, sort=False)
    effectiveness_date = fields.Date("Effectiveness Checked On", readonly=True)
    effectiveness_by = fields.Many2One(
        'res.user', "Effectiveness Checked By", readonly=True)
    effectiveness_comment = fields.Text(
        "Effectiveness Comment",
        states={
            'readonly': Eval('state') != 'verification',
            },
        help="What the check of the effectiveness of the actions found.")
    reopened = fields.Integer(
        "Reopened", readonly=True,
        help="How many times a check found the actions not effective.")
    closed_date = fields.Date("Closed On", readonly=True)
    closed_by = fields.Many2One('res.user', "Closed By", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('analysis', "Analysis"),
            ('action_plan', "Action Plan"),
            ('in_progress', "In Progress"),
            ('verification', "Verification"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    del _draft

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('detected_on', 'DESC'))
        cls._order.insert(1, ('id', 'DESC'))
        cls._transitions |= {
            ('draft', 'analysis'),
            ('analysis', 'action_plan'),
            ('action_plan', 'in_progress'),
            ('in_progress', 'verification'),
            ('verification', 'closed'),
            ('verification', 'action_plan'),
            ('draft', 'cancelled'),
            ('analysis', 'cancelled'),
            ('action_plan', 'cancelled'),
            }
        cls._buttons.update({
                'analyse': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'plan': {
                    'invisible': Eval('state') != 'analysis',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'start': {
                    'invisible': Eval('state') != 'action_plan',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'submit_verification': {
                    'invisible': Eval('state') != 'in_progress',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'effective': {
                    'invisible': ((Eval('state') != 'verification')
                        | (Eval('effectiveness_result') == 'effective')),
                    'icon': 'tryton-ok',
                    'depends': ['state', 'effectiveness_result'],
                    },
                'not_effective': {
                    'invisible': Eval('state') != 'verification',
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'verification',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(
                        ['draft', 'analysis', 'action_plan']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_severity(cls):
        return 'minor'

    @classmethod
    def default_detected_on(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_reopened(cls):
        return 0

    @classmethod
    def _get_origins(cls):
        """Return the models a non-conformity may come from

        The models of the modules that are not activated are left out by
        get_origins."""
        return [
            'lsp.tuk.verification', 'lsp.assessment', 'lsp.surveillance',
            'lsp.appeal', 'lsp.complaint',
            'lsp.mutu.audit.line', 'lsp.mutu.external.audit.line',
            'lsp.mutu.monev.finding', 'lsp.mutu.review.output',
            ]

    @classmethod
    def get_origins(cls):
        return reference_selection(cls._get_origins())


    def get_rec_name(self, name):
        return self.number or '(%s)' % self.id

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'description'])

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/tree', 'visual',
                If(Eval('severity') == 'major', 'danger',
                    If(Eval('severity') == 'minor', 'warning', ''))),
            ]

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'delete':
            for record in records:
                if record.state != 'draft':
                    raise cls.delete_error(record)
        elif mode == 'write':
            names = values.keys() - cls._workflow_fields
            for record in records:
                writable = WRITABLE.get(record.state, set())
                if writable is not None and names - writable:
                    raise cls.lock_error(record)

    @classmethod
    def open_from(cls, origin, description, severity='minor', clause=None):
        """Return the non-conformity opened from origin (a record)

        A non-conformity of origin that is not cancelled is returned as it
        is, so that an origin opens one at most; else a draft one is created
        for the Direktur Manajemen Mutu. Modules call it from their
        workflows (an upheld appeal or complaint, an audit finding)."""
        origin_ref = str(origin)
        existing = cls.search([
                ('origin', '=', origin_ref),
                ('state', '!=', 'cancelled'),
                ], limit=1)
        if existing:
            return existing[0]
        nonconformity, = cls.create([{
                    'origin': origin_ref,
                    'description': description,
                    'severity': severity,
                    'clause': getattr(clause, 'id', clause),
                    }])
        return nonconformity

    @classmethod
    def copy(cls, nonconformities, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('number', None)
        default.setdefault('actions', None)
        default.setdefault('detected_on', cls.default_detected_on())
        return super().copy(nonconformities, default=default)

    def _error(self, message, **kwargs):
        return NonconformityError(gettext(
                message, nonconformity=self.rec_name, **kwargs))

    def check_analysis(self):
        "Check that the root cause is found"
        if not self.root_cause_category or not self.root_cause:
            raise self._error('lsp_mutu.msg_nonconformity_no_root_cause')

    def check_action_plan(self):
        "Check that an action plan has at least one action"
        if not self.action_plan:
            raise self._error('lsp_mutu.msg_nonconformity_no_action_plan')
        if not [a for a in self.actions if a.state != 'cancelled']:
            raise self._error('lsp_mutu.msg_nonconformity_no_action')

    def check_actions_finished(self):
        "Check that every action is done or cancelled"
        for action in self.actions:
            if action.state not in ACTION_FINISHED:
                raise self._error(
                    'lsp_mutu.msg_nonconformity_open_action',
                    action=action.rec_name)

    def check_checker(self, user):
        "Check that user owns none of the actions whose effect is checked"
        owners = [a.owner.id for a in self.actions
            if a.state != 'cancelled' and a.owner]
        common = owners_checking([e.id for e in user.employees], owners)
        if common:
            Employee = Pool().get('company.employee')
            raise AccessError(gettext(
                    'lsp_mutu.msg_nonconformity_checker_owner',
                    nonconformity=self.rec_name,
                    owner=Employee(common[0]).rec_name))

    def check_effectiveness(self):
        "Check that someone other than an owner found the actions effective"
        if self.effectiveness_result != 'effective':
            raise self._error('lsp_mutu.msg_nonconformity_not_effective')
        self.check_checker(self.effectiveness_by)

    def check_comment(self):
        if not self.effectiveness_comment:
            raise self._error('lsp_mutu.msg_nonconformity_no_comment')

    @classmethod
    @ModelView.button
    @Workflow.transition('analysis')
    def analyse(cls, nonconformities):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('action_plan')
    def plan(cls, nonconformities):
        for nonconformity in nonconformities:
            nonconformity.check_analysis()

    @classmethod
    @ModelView.button
    @Workflow.transition('in_progress')
    def start(cls, nonconformities):
        for nonconformity in nonconformities:
            nonconformity.check_action_plan()

    @classmethod
    @ModelView.button
    @Workflow.transition('verification')
    def submit_verification(cls, nonconformities):
        cls.write(nonconformities, {
                'effectiveness_result': None,
                'effectiveness_date': None,
                'effectiveness_by': None,
                })

    @classmethod
    @ModelView.button
    def effective(cls, nonconformities):
        pool = Pool()
        User = pool.get('res.user')
        Date = pool.get('ir.date')
        user = User(Transaction().user)
        for nonconformity in nonconformities:
            nonconformity.check_comment()
            nonconformity.check_actions_finished()
            nonconformity.check_checker(user)
        cls.write(nonconformities, {
                'effectiveness_result': 'effective',
                'effectiveness_date': Date.today(),
                'effectiveness_by': user.id,
                })

    @classmethod
    @ModelView.button
    def not_effective(cls, nonconformities):
        pool = Pool()
        User = pool.get('res.user')
        Date = pool.get('ir.date')
        user = User(Transaction().user)
        for nonconformity in nonconformities:
            nonconformity.check_comment()
            nonconformity.check_checker(user)
            cls.write([nonconformity], {
                    'effectiveness_result': 'not_effective',
                    'effectiveness_date': Date.today(),
                    'effectiveness_by': user.id,
                    'reopened': (nonconformity.reopened or 0) + 1,
                    })
        cls.reopen(nonconformities)

    @classmethod
    @Workflow.transition('action_plan')
    def reopen(cls, nonconformities):
        "Return to the action plan: the actions were not effective"
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, nonconformities):
        pool = Pool()
        Date = pool.get('ir.date')
        for nonconformity in nonconformities:
            nonconformity.check_actions_finished()
            nonconformity.check_effectiveness()
        cls.write(nonconformities, {
                'closed_date': Date.today(),
                'closed_by': Transaction().user,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, nonconformities):
        pass
