# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.report import Report
from trytond.transaction import Transaction

from lsp_base.model import LockErrorMixin, WorkflowMixin
from lsp_base.report import selection_string
from lsp_base.tools import rec_name_domain

from .exceptions import AuditError, AuditIndependenceError

#: the areas of the LSP an internal audit covers
AREAS = [
    ('sertifikasi', "Certification"),
    ('standardisasi', "Standardisation"),
    ('tuk', "TUK Development"),
    ('humas', "Public Relations"),
    ('ti', "Information Technology"),
    ('keuangan', "Finance"),
    ('sekretariat', "Secretariat"),
    ('mutu', "Quality Management"),
    ]
#: the codes of the positions (lsp_base position data) that hold each area
AREA_POSITIONS = {
    'sertifikasi': ['DSR'],
    'standardisasi': ['DST'],
    'tuk': ['DTUK'],
    'humas': ['DHTI'],
    'ti': ['DHTI'],
    'keuangan': ['BEN'],
    'sekretariat': ['SEK', 'WS1', 'WS2', 'KASEK'],
    'mutu': ['DMM'],
    }
#: the results of a checklist line or a finding
RESULTS = [
    (None, ""),
    ('conform', "Conform"),
    ('observation', "Observation"),
    ('minor', "Minor Non-conformity"),
    ('major', "Major Non-conformity"),
    ('na', "Not Applicable"),
    ]
#: the decisions on an observation
OBSERVATION_DECISIONS = [
    (None, ""),
    ('noted', "Noted"),
    ('nonconformity', "Open a Non-conformity"),
    ]


def conflicting_holdings(holdings, auditors, positions, start, end):
    """Return the (employee, position) of holdings that make an auditor
    audit their own area

    holdings are (employee, position, date_from, date_to) tuples; a holding
    conflicts when its employee audits, its position is audited and its
    period meets the audit's [start, end].

    >>> import datetime as dt
    >>> d = dt.date
    >>> h = [(1, 10, d(2025, 1, 1), None), (2, 10, d(2020, 1, 1),
    ...     d(2024, 12, 31)), (1, 11, d(2025, 1, 1), None)]
    >>> conflicting_holdings(h, {1, 2}, {10}, d(2026, 3, 1), d(2026, 3, 2))
    [(1, 10)]"""
    result = []
    for employee, position, date_from, date_to in holdings:
        if employee not in auditors or position not in positions:
            continue
        if end and date_from and date_from > end:
            continue
        if start and date_to and date_to < start:
            continue
        result.append((employee, position))
    return sorted(set(result))


def line_decided(result, decision, has_nonconformity):
    """Tell whether a finding is decided: conform and not applicable lines
    are, a non-conformity has its NC, an observation its decision

    >>> line_decided('conform', None, False)
    True
    >>> line_decided('major', None, False)
    False
    >>> line_decided('observation', 'noted', False)
    True
    >>> line_decided(None, None, False)
    False"""
    if result in {'conform', 'na'}:
        return True
    if result in {'minor', 'major'}:
        return has_nonconformity
    if result == 'observation':
        return bool(decision) and (
            decision != 'nonconformity' or has_nonconformity)
    return False


class AuditProgramme(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.audit.programme'
    __string__ = "Internal Audit Programme"
    _lock_message = 'lsp_mutu.msg_audit_programme_locked'
    _lock_parameter = 'programme'

    _draft = {'readonly': Eval('state') != 'draft'}

    name = fields.Char("Name", required=True, states=_draft)
    year = fields.Integer("Year", required=True, states=_draft)
    objectives = fields.Text("Objectives", states=_draft)
    audits = fields.One2Many(
        'lsp.mutu.audit', 'programme', "Audits",
        states={'readonly': Eval('state') == 'closed'})
    approved_by = fields.Many2One('res.user', "Approved By", readonly=True)
    approved_date = fields.Date("Approved On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('approved', "Approved"),
            ('closed', "Closed"),
            ], "State", required=True, readonly=True, sort=False)
    del _draft

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('year', 'DESC'))
        cls._transitions |= {
            ('draft', 'approved'),
            ('approved', 'closed'),
            }
        cls._buttons.update({
                'approve': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-close',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_year(cls):
        return Pool().get('ir.date').today().year

    @classmethod
    def check_modification(cls, mode, programmes, values=None,
            external=False):
        super().check_modification(
            mode, programmes, values=values, external=external)
        if mode == 'delete':
            for programme in programmes:
                if programme.state != 'draft':
                    raise cls.lock_error(programme)
        elif mode == 'write':
            names = values.keys() - cls._workflow_fields
            for programme in programmes:
                if programme.state == 'closed' and names:
                    raise cls.lock_error(programme)
                if programme.state == 'approved' and names - {'audits'}:
                    raise cls.lock_error(programme)

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, programmes):
        cls.write(programmes, {
                'approved_by': Transaction().user,
                'approved_date': Pool().get('ir.date').today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, programmes):
        for programme in programmes:
            for audit in programme.audits:
                if audit.state not in {'closed', 'cancelled'}:
                    raise AuditError(gettext(
                            'lsp_mutu.msg_audit_programme_open_audit',
                            programme=programme.rec_name,
                            audit=audit.rec_name))


class FindingMixin:
    "A checklist line or a finding whose minor and major results open NCs"
    __slots__ = ()

    clause = fields.Many2One(
        'lsp.mutu.clause', "Clause", ondelete='RESTRICT')
    question = fields.Text("Question or Finding", required=True)
    evidence = fields.Text("Evidence")
    result = fields.Selection(RESULTS, "Result", sort=False)
    comment = fields.Text("Comment")
    observation_decision = fields.Selection(
        OBSERVATION_DECISIONS, "Observation Decision", sort=False,
        states={'invisible': Eval('result') != 'observation'},
        help="What becomes of the observation when the audit is closed.")
    nonconformities = fields.One2Many(
        'lsp.mutu.nonconformity', 'origin', "Non-conformities",
        readonly=True)
    decided = fields.Function(fields.Boolean("Decided"), 'get_decided')

    def get_rec_name(self, name):
        text = (self.question or '').splitlines()
        return '%s: %s' % (
            self.parent.rec_name if self.parent else '',
            text[0][:60] if text else '')

    @property
    def parent(self):
        raise NotImplementedError

    def get_decided(self, name):
        return line_decided(
            self.result, self.observation_decision,
            bool([n for n in self.nonconformities
                    if n.state != 'cancelled']))

    def open_nonconformity(self):
        "Open the non-conformity of a minor or major finding"
        Nonconformity = Pool().get('lsp.mutu.nonconformity')
        severity = self.result
        if severity not in {'minor', 'major'}:
            if (self.result != 'observation'
                    or self.observation_decision != 'nonconformity'):
                return None
            severity = 'observation'
        description = self.question
        if self.comment:
            description += '\n' + self.comment
        return Nonconformity.open_from(
            self, description, severity=severity, clause=self.clause)


class Audit(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.audit'
    __string__ = "Internal Audit"
    _lock_message = 'lsp_mutu.msg_audit_locked'
    _lock_parameter = 'audit'

    _plan = {'readonly': ~Eval('state').in_(['draft', 'planned'])}

    programme = fields.Many2One(
        'lsp.mutu.audit.programme', "Programme", required=True,
        ondelete='RESTRICT', states=_plan)
    name = fields.Char("Name", required=True, states=_plan)
    area = fields.Selection(AREAS, "Area", required=True, states=_plan)
    clauses = fields.Many2Many(
        'lsp.mutu.audit-lsp.mutu.clause', 'audit', 'clause', "Clauses",
        states=_plan)
    lead_auditor = fields.Many2One(
        'company.employee', "Lead Auditor", required=True,
        ondelete='RESTRICT', states=_plan)
    auditors = fields.Many2Many(
        'lsp.mutu.audit-company.employee', 'audit', 'employee', "Auditors",
        states=_plan)
    auditee_positions = fields.Many2Many(
        'lsp.mutu.audit-lsp.position', 'audit', 'position',
        "Auditee Positions", states=_plan,
        help="The positions whose work is audited; no auditor may hold "
        "one of them during the audit.")
    start_date = fields.Date("Start Date", required=True, states=_plan)
    end_date = fields.Date(
        "End Date", required=True, states=_plan,
        domain=[If(Bool(Eval('start_date')) & Bool(Eval('end_date')),
                ('end_date', '>=', Eval('start_date')), ())])
    scope = fields.Text("Scope", states=_plan)
    lines = fields.One2Many(
        'lsp.mutu.audit.line', 'audit', "Checklist",
        states={'readonly': ~Eval('state').in_(
                ['draft', 'planned', 'in_progress', 'reported'])})
    strong_points = fields.Text(
        "Strong Points",
        states={'readonly': Eval('state') != 'in_progress'})
    improvement_points = fields.Text(
        "Points to Improve",
        states={'readonly': Eval('state') != 'in_progress'})
    report_date = fields.Date("Reported On", readonly=True)
    closed_date = fields.Date("Closed On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('planned', "Planned"),
            ('in_progress', "In Progress"),
            ('reported', "Reported"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    del _plan

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('start_date', 'DESC'))
        cls._transitions |= {
            ('draft', 'planned'),
            ('planned', 'in_progress'),
            ('in_progress', 'reported'),
            ('reported', 'closed'),
            ('draft', 'cancelled'),
            ('planned', 'cancelled'),
            ('planned', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'planned',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'plan': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'start': {
                    'invisible': Eval('state') != 'planned',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'report': {
                    'invisible': Eval('state') != 'in_progress',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'reported',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'planned']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @fields.depends('area', 'auditee_positions')
    def on_change_area(self):
        Position = Pool().get('lsp.position')
        if self.area:
            self.auditee_positions = Position.search([
                    ('code', 'in', AREA_POSITIONS.get(self.area, [])),
                    ])

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['name', 'programme.name'])

    @classmethod
    def check_modification(cls, mode, audits, values=None, external=False):
        super().check_modification(
            mode, audits, values=values, external=external)
        if mode == 'delete':
            for audit in audits:
                if audit.state not in {'draft', 'cancelled'}:
                    raise cls.lock_error(audit)
        elif mode == 'write':
            names = values.keys() - cls._workflow_fields
            for audit in audits:
                if audit.state in {'draft', 'planned'}:
                    continue
                allowed = set()
                if audit.state == 'in_progress':
                    allowed = {'strong_points', 'improvement_points', 'lines'}
                elif audit.state == 'reported':
                    allowed = {'lines'}
                if names - allowed:
                    raise cls.lock_error(audit)

    @classmethod
    def validate_fields(cls, audits, field_names):
        super().validate_fields(audits, field_names)
        if field_names & {
                'lead_auditor', 'auditors', 'auditee_positions',
                'start_date', 'end_date'}:
            cls.check_independence(audits)

    @classmethod
    def check_independence(cls, audits):
        """Check that no auditor holds an audited position during the audit
        (ISO/IEC 17024 10.2.6: the auditors do not audit their own work)"""
        Holder = Pool().get('lsp.position.holder')
        for audit in audits:
            if audit.state not in {'draft', 'planned'}:
                continue
            auditors = audit.auditor_employees()
            positions = {p.id for p in audit.auditee_positions}
            if not auditors or not positions:
                continue
            holders = Holder.search([
                    ('employee', 'in', [e.id for e in auditors]),
                    ('position', 'in', list(positions)),
                    ])
            conflicts = conflicting_holdings(
                [(h.employee.id, h.position.id, h.date_from, h.date_to)
                    for h in holders],
                {e.id for e in auditors}, positions,
                audit.start_date, audit.end_date)
            if conflicts:
                Employee = Pool().get('company.employee')
                Position = Pool().get('lsp.position')
                employee, position = conflicts[0]
                raise AuditIndependenceError(gettext(
                        'lsp_mutu.msg_audit_auditor_independence',
                        audit=audit.rec_name,
                        auditor=Employee(employee).rec_name,
                        position=Position(position).rec_name))

    def auditor_employees(self):
        "Return the lead auditor and the auditors"
        employees = list(self.auditors or [])
        if self.lead_auditor:
            employees.append(self.lead_auditor)
        return employees

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, audits):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('planned')
    def plan(cls, audits):
        for audit in audits:
            if audit.programme.state != 'approved':
                raise AuditError(gettext(
                        'lsp_mutu.msg_audit_programme_not_approved',
                        audit=audit.rec_name,
                        programme=audit.programme.rec_name))
        cls.check_independence(audits)

    @classmethod
    @ModelView.button
    @Workflow.transition('in_progress')
    def start(cls, audits):
        cls.check_independence(audits)

    @classmethod
    @ModelView.button
    @Workflow.transition('reported')
    def report(cls, audits):
        for audit in audits:
            for line in audit.lines:
                if not line.result:
                    raise AuditError(gettext(
                            'lsp_mutu.msg_audit_line_no_result',
                            audit=audit.rec_name, line=line.rec_name))
        for audit in audits:
            for line in audit.lines:
                line.open_nonconformity()
        cls.write(audits, {'report_date': Pool().get('ir.date').today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, audits):
        for audit in audits:
            for line in audit.lines:
                line.open_nonconformity()
                if not line.decided:
                    raise AuditError(gettext(
                            'lsp_mutu.msg_audit_line_undecided',
                            audit=audit.rec_name, line=line.rec_name))
        cls.write(audits, {'closed_date': Pool().get('ir.date').today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, audits):
        pass



class AuditReport(Report):
    """The report of an internal audit (Laporan Audit Internal): its team,
    scope, checklist with the findings and the non-conformities they
    opened, and the counts per result"""
    __name__ = 'lsp.mutu.audit.report'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = lambda r, n: selection_string(r, n) or ''
        context['count'] = lambda audit, result: sum(
            1 for line in audit.lines if line.result == result)
        return context

class AuditClause(ModelSQL):
    __name__ = 'lsp.mutu.audit-lsp.mutu.clause'
    __string__ = "Internal Audit - Clause"
    audit = fields.Many2One(
        'lsp.mutu.audit', "Audit", required=True, ondelete='CASCADE')
    clause = fields.Many2One(
        'lsp.mutu.clause', "Clause", required=True, ondelete='RESTRICT')


class AuditEmployee(ModelSQL):
    __name__ = 'lsp.mutu.audit-company.employee'
    __string__ = "Internal Audit - Auditor"
    audit = fields.Many2One(
        'lsp.mutu.audit', "Audit", required=True, ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Auditor", required=True, ondelete='RESTRICT')


class AuditPosition(ModelSQL):
    __name__ = 'lsp.mutu.audit-lsp.position'
    __string__ = "Internal Audit - Auditee Position"
    audit = fields.Many2One(
        'lsp.mutu.audit', "Audit", required=True, ondelete='CASCADE')
    position = fields.Many2One(
        'lsp.position', "Position", required=True, ondelete='RESTRICT')


class AuditLine(FindingMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.audit.line'
    __string__ = "Internal Audit Checklist Line"

    audit = fields.Many2One(
        'lsp.mutu.audit', "Audit", required=True, ondelete='CASCADE')
    audit_state = fields.Function(
        fields.Selection('get_audit_states', "Audit State"),
        'on_change_with_audit_state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        writable = ~Eval('audit_state').in_(
            ['draft', 'planned', 'in_progress'])
        for name in ['clause', 'question', 'evidence', 'result', 'comment']:
            field = getattr(cls, name)
            field.states = field.states.copy()
            field.states['readonly'] = writable
            field.depends = set(field.depends) | {'audit_state'}
        cls.observation_decision.states = {
            'invisible': Eval('result') != 'observation',
            'readonly': ~Eval('audit_state').in_(
                ['in_progress', 'reported']),
            }
        cls.observation_decision.depends = {'result', 'audit_state'}

    @property
    def parent(self):
        return self.audit

    @classmethod
    def get_audit_states(cls):
        return Pool().get('lsp.mutu.audit').fields_get(
            ['state'])['state']['selection']

    @fields.depends('audit', '_parent_audit.state')
    def on_change_with_audit_state(self, name=None):
        return self.audit.state if self.audit else None

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        Audit = Pool().get('lsp.mutu.audit')
        if mode == 'write':
            names = set(values.keys())
            if names <= {'observation_decision'}:
                states = {'in_progress', 'reported'}
            else:
                states = {'draft', 'planned', 'in_progress'}
            audits = {l.audit for l in lines}
            if 'audit' in values and values['audit']:
                audits.add(Audit(values['audit']))
        else:
            states = {'draft', 'planned', 'in_progress'}
            audits = {l.audit for l in lines}
        for audit in audits:
            if audit.state not in states:
                raise Audit.lock_error(audit)


class ExternalAudit(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.external.audit'
    __string__ = "External Audit"
    _lock_message = 'lsp_mutu.msg_external_audit_locked'
    _lock_parameter = 'audit'

    _draft = {'readonly': Eval('state') != 'draft'}

    body = fields.Selection([
            ('bnsp', "BNSP"),
            ('kan', "KAN"),
            ('other', "Other"),
            ], "Body", required=True, states=_draft)
    kind = fields.Selection([
            ('licence', "Licence Assessment"),
            ('surveillance', "Surveillance"),
            ('witness', "Witness"),
            ('visit', "Visit"),
            ], "Kind", required=True, states=_draft)
    date = fields.Date("Date", required=True, states=_draft)
    team = fields.Text("Team", states=_draft)
    licence_from = fields.Date("Licence From", states=_draft)
    licence_until = fields.Date("Licence Until", states=_draft)
    summary = fields.Text("Summary", states=_draft)
    lines = fields.One2Many(
        'lsp.mutu.external.audit.line', 'audit', "Findings",
        states={'readonly': Eval('state') == 'closed'})
    state = fields.Selection([
            ('draft', "Draft"),
            ('reported', "Reported"),
            ('closed', "Closed"),
            ], "State", required=True, readonly=True, sort=False)
    del _draft

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))
        cls._transitions |= {
            ('draft', 'reported'),
            ('reported', 'closed'),
            }
        cls._buttons.update({
                'report': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'reported',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_body(cls):
        return 'bnsp'

    @classmethod
    def default_kind(cls):
        return 'surveillance'

    def get_rec_name(self, name):
        return '%s %s %s' % (
            self.body.upper() if self.body else '',
            self.kind or '', self.date.isoformat() if self.date else '')

    @classmethod
    def check_modification(cls, mode, audits, values=None, external=False):
        super().check_modification(
            mode, audits, values=values, external=external)
        if mode == 'delete':
            for audit in audits:
                if audit.state != 'draft':
                    raise cls.lock_error(audit)
        elif mode == 'write':
            names = values.keys() - cls._workflow_fields
            for audit in audits:
                if audit.state == 'draft':
                    continue
                if audit.state == 'closed' or names - {'lines'}:
                    raise cls.lock_error(audit)

    @classmethod
    @ModelView.button
    @Workflow.transition('reported')
    def report(cls, audits):
        for audit in audits:
            for line in audit.lines:
                if not line.result:
                    raise AuditError(gettext(
                            'lsp_mutu.msg_audit_line_no_result',
                            audit=audit.rec_name, line=line.rec_name))
                line.open_nonconformity()

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, audits):
        for audit in audits:
            for line in audit.lines:
                line.open_nonconformity()
                if not line.decided:
                    raise AuditError(gettext(
                            'lsp_mutu.msg_audit_line_undecided',
                            audit=audit.rec_name, line=line.rec_name))


class ExternalAuditLine(FindingMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.external.audit.line'
    __string__ = "External Audit Finding"

    audit = fields.Many2One(
        'lsp.mutu.external.audit', "External Audit", required=True,
        ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()

    @property
    def parent(self):
        return self.audit

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        Audit = Pool().get('lsp.mutu.external.audit')
        for line in lines:
            if line.audit.state == 'closed':
                raise Audit.lock_error(line.audit)
            if (line.audit.state == 'reported' and mode != 'write'
                    or (mode == 'write'
                        and line.audit.state == 'reported'
                        and set(values) - {'observation_decision'})):
                raise Audit.lock_error(line.audit)
