# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The monitoring and evaluation (monev) of an area over a period

The Direktur Manajemen Mutu evaluates each area with its indicator values
of the period; on *report* the findings become non-conformities or quality
actions. Each Direktur reads the monev of their area."""
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from lsp_base.model import DraftLockMixin, ParentLockMixin, WorkflowMixin

from .exceptions import MonevError
from .indicator import AREAS


class Monev(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.monev'
    __string__ = "Monitoring and Evaluation"
    _lock_message = 'lsp_mutu.msg_monev_locked'
    _delete_message = 'lsp_mutu.msg_monev_delete_draft'
    _lock_parameter = 'monev'

    _states = {'readonly': Eval('state') != 'draft'}

    company = fields.Many2One(
        'company.company', "Company", required=True,
        states={'readonly': True})
    area = fields.Selection(AREAS, "Area", required=True, states=_states)
    period_start = fields.Date(
        "Period Start", required=True, states=_states)
    period_end = fields.Date(
        "Period End", required=True, states=_states,
        domain=[('period_end', '>=', Eval('period_start'))])
    evaluator = fields.Many2One(
        'company.employee', "Evaluator", ondelete='RESTRICT',
        states=_states)
    values = fields.Function(
        fields.Many2Many(
            'lsp.mutu.indicator.value', None, None, "Indicator Values",
            help="The values of the indicators of the area in the period."),
        'on_change_with_values')
    below_target = fields.Function(
        fields.Integer("Below Target"), 'on_change_with_below_target')
    summary = fields.Text("Evaluation", states=_states)
    findings = fields.One2Many(
        'lsp.mutu.monev.finding', 'monev', "Findings", states=_states)
    recommendations = fields.Text("Recommendations", states=_states)
    reported_by = fields.Many2One('res.user', "Reported By", readonly=True)
    reported_date = fields.Date("Reported On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('reported', "Reported"),
            ], "State", required=True, readonly=True, sort=False)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('period_end', 'DESC'))
        cls._transitions |= {('draft', 'reported')}
        cls._buttons.update({
                'report': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    def get_rec_name(self, name):
        area = dict(self.fields_get(['area'])['area']['selection']).get(
            self.area, self.area)
        return '%s %s - %s' % (area, self.period_start, self.period_end)

    @fields.depends('area', 'period_start', 'period_end')
    def on_change_with_values(self, name=None):
        Value = Pool().get('lsp.mutu.indicator.value')
        if not (self.area and self.period_start and self.period_end):
            return []
        return [v.id for v in Value.search([
                    ('indicator.area', '=', self.area),
                    ('period_start', '>=', self.period_start),
                    ('period_start', '<=', self.period_end),
                    ])]

    @fields.depends(methods=['on_change_with_values'])
    def on_change_with_below_target(self, name=None):
        Value = Pool().get('lsp.mutu.indicator.value')
        values = Value.browse(self.on_change_with_values())
        return sum(1 for v in values if v.on_target is False)

    @classmethod
    @ModelView.button
    @Workflow.transition('reported')
    def report(cls, monevs):
        pool = Pool()
        Date = pool.get('ir.date')
        Finding = pool.get('lsp.mutu.monev.finding')
        findings = []
        for monev in monevs:
            monev.reported_by = Transaction().user
            monev.reported_date = Date.today()
            for finding in monev.findings:
                finding.raise_record()
                findings.append(finding)
        with Transaction().set_context(_lsp_monev_report=True):
            Finding.save(findings)
        cls.save(monevs)


class MonevFinding(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.monev.finding'
    __string__ = "Monitoring and Evaluation Finding"
    _parent_field = 'monev'

    monev = fields.Many2One(
        'lsp.mutu.monev', "Monev", required=True, ondelete='CASCADE')
    description = fields.Text("Finding", required=True)
    follow_up = fields.Selection([
            ('nonconformity', "Non-Conformity"),
            ('action', "Action"),
            ('none', "None"),
            ], "Follow-Up", required=True,
        help="What the finding becomes when the monev is reported.")
    severity = fields.Selection([
            (None, ""),
            ('major', "Major"),
            ('minor', "Minor"),
            ('observation', "Observation"),
            ], "Severity",
        states={
            'required': Eval('follow_up') == 'nonconformity',
            'invisible': Eval('follow_up') != 'nonconformity',
            })
    owner = fields.Many2One(
        'company.employee', "Owner", ondelete='RESTRICT',
        states={
            'required': Eval('follow_up') == 'action',
            'invisible': Eval('follow_up') != 'action',
            })
    deadline = fields.Date(
        "Deadline",
        states={
            'required': Eval('follow_up') == 'action',
            'invisible': Eval('follow_up') != 'action',
            })
    nonconformity = fields.Many2One(
        'lsp.mutu.nonconformity', "Non-Conformity", readonly=True,
        ondelete='RESTRICT')
    action = fields.Many2One(
        'lsp.mutu.action', "Action", readonly=True, ondelete='RESTRICT')

    @classmethod
    def default_follow_up(cls):
        return 'nonconformity'

    @classmethod
    def default_severity(cls):
        return 'minor'

    def get_rec_name(self, name):
        return (self.description or '').splitlines()[0][:80] if (
            self.description) else str(self.id)

    @classmethod
    def check_modification(cls, mode, findings, values=None, external=False):
        if Transaction().context.get('_lsp_monev_report'):
            return
        super().check_modification(
            mode, findings, values=values, external=external)
        if external and mode == 'write' and values.keys() & {
                'nonconformity', 'action'}:
            raise MonevError(gettext('lsp_mutu.msg_monev_finding_record'))

    def raise_record(self):
        "Open the non-conformity or the action of the finding"
        pool = Pool()
        Nonconformity = pool.get('lsp.mutu.nonconformity')
        Action = pool.get('lsp.mutu.action')
        if self.follow_up == 'nonconformity' and not self.nonconformity:
            self.nonconformity = Nonconformity.open_from(
                self, self.description, severity=self.severity or 'minor')
        elif self.follow_up == 'action' and not self.action:
            self.action, = Action.create([{
                        'name': self.rec_name,
                        'kind': 'improvement',
                        'origin': str(self),
                        'description': self.description,
                        'owner': self.owner.id,
                        'deadline': self.deadline,
                        }])
