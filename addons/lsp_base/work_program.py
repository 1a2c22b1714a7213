# This file is part of the LSP Perkoperasian Indonesia ERP.
import io

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Unique, Workflow, fields, sequence_ordered)
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction

from .exceptions import WorkProgramError
from .model import DraftLockMixin, ParentLockMixin, WorkflowMixin

MONTHS = [
    ('01', "January"),
    ('02', "February"),
    ('03', "March"),
    ('04', "April"),
    ('05', "May"),
    ('06', "June"),
    ('07', "July"),
    ('08', "August"),
    ('09', "September"),
    ('10', "October"),
    ('11', "November"),
    ('12', "December"),
    ]


class WorkProgram(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.work.program'
    __string__ = "Work Programme"
    _lock_message = 'lsp_base.msg_work_program_locked'
    _delete_message = 'lsp_base.msg_work_program_delete'
    _lock_parameter = 'program'

    _states = {'readonly': Eval('state') != 'draft'}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_states)
    year = fields.Integer(
        "Year", required=True, states=_states,
        domain=[('year', '>=', 2000)])
    description = fields.Text("Description", states=_states)
    lines = fields.One2Many(
        'lsp.work.program.line', 'program', "Lines", states=_states)
    state = fields.Selection([
            ('draft', "Draft"),
            ('approved', "Approved"),
            ], "State", required=True, readonly=True, sort=False)
    approved_by = fields.Many2One('res.user', "Approved By", readonly=True)
    approved_date = fields.Date("Approved On", readonly=True)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('year_unique', Unique(t, t.company, t.year),
                'lsp_base.msg_work_program_year_unique'),
            ]
        cls._order.insert(0, ('year', 'DESC'))
        cls._transitions |= {
            ('draft', 'approved'),
            ('approved', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'approve': {
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

    @classmethod
    def default_year(cls):
        return Pool().get('ir.date').today().year

    def get_rec_name(self, name):
        return str(self.year)

    @classmethod
    def search_rec_name(cls, name, clause):
        try:
            year = int(clause[2].strip('%'))
        except (ValueError, AttributeError):
            return [('id', '=', -1)]
        return [('year', '=', year)]

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, programs):
        cls.write(programs, {'approved_by': None, 'approved_date': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, programs):
        cls.write(programs, {
                'approved_by': Transaction().user,
                'approved_date': Pool().get('ir.date').today(),
                })


class WorkProgramLine(
        ParentLockMixin, sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.work.program.line'
    __string__ = "Work Programme Line"
    _parent_field = 'program'

    _states = {'readonly': Eval('program_state') != 'draft'}

    program = fields.Many2One(
        'lsp.work.program', "Work Programme", required=True,
        ondelete='CASCADE', states=_states)
    program_state = fields.Function(
        fields.Selection('get_program_states', "Programme State"),
        'on_change_with_program_state')
    year = fields.Function(fields.Integer("Year"), 'get_year')
    activity = fields.Char("Activity", required=True, states=_states)
    position = fields.Many2One(
        'lsp.position', "Owner Position", required=True,
        ondelete='RESTRICT', states=_states,
        help="The position in charge of the activity; "
        "its holders enter the realisation.")
    sector = fields.Many2One(
        'lsp.sector', "Sector", ondelete='RESTRICT', states=_states)
    target = fields.Char("Target", states=_states)
    months = fields.MultiSelection(
        MONTHS, "Planned Months", sort=False, states=_states)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'get_currency')
    estimated_cost = Monetary(
        "Estimated Cost", currency='currency', digits='currency',
        states=_states, domain=['OR',
            ('estimated_cost', '=', None),
            ('estimated_cost', '>=', 0),
            ])
    realisations = fields.One2Many(
        'lsp.work.program.realisation', 'line', "Realisation",
        states={'readonly': Eval('program_state') != 'approved'})
    latest_percent = fields.Function(
        fields.Integer("Latest % Done"), 'get_latest')
    latest_month = fields.Function(
        fields.Selection([(None, "")] + MONTHS, "Latest Month", sort=False),
        'get_latest')
    planned_elapsed = fields.Function(
        fields.Integer(
            "Planned Months Elapsed",
            help="The planned months of the activity up to today."),
        'get_planned_elapsed')
    planned_total = fields.Function(
        fields.Integer("Planned Months"), 'get_planned_elapsed')
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('program')
        # the holders of the positions enter the realisation of approved
        # programmes
        cls._parent_state_fields['approved'] = {'realisations'}

    @classmethod
    def get_program_states(cls):
        return Pool().get('lsp.work.program').fields_get(
            ['state'])['state']['selection']

    @fields.depends('program', '_parent_program.state')
    def on_change_with_program_state(self, name=None):
        return self.program.state if self.program else 'draft'

    def get_year(self, name):
        return self.program.year

    def get_currency(self, name):
        return self.program.company.currency.id

    def get_rec_name(self, name):
        return '%s: %s' % (self.program.rec_name, self.activity)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('activity',) + tuple(clause[1:])]

    def latest_realisation(self):
        realisations = sorted(self.realisations, key=lambda r: r.month)
        return realisations[-1] if realisations else None

    @classmethod
    def get_latest(cls, lines, names):
        result = {n: {} for n in names}
        for line in lines:
            latest = line.latest_realisation()
            if 'latest_percent' in names:
                result['latest_percent'][line.id] = (
                    latest.percent if latest else 0)
            if 'latest_month' in names:
                result['latest_month'][line.id] = (
                    latest.month if latest else None)
        return result

    def planned_until(self, date):
        "The number of planned months up to date"
        if date.year > self.program.year:
            return len(self.months or [])
        if date.year < self.program.year:
            return 0
        return len([m for m in self.months or [] if int(m) <= date.month])

    @classmethod
    def get_planned_elapsed(cls, lines, names):
        today = Pool().get('ir.date').today()
        result = {n: {} for n in names}
        for line in lines:
            if 'planned_elapsed' in names:
                result['planned_elapsed'][line.id] = line.planned_until(today)
            if 'planned_total' in names:
                result['planned_total'][line.id] = len(line.months or [])
        return result


class WorkProgramRealisation(ModelSQL, ModelView):
    __name__ = 'lsp.work.program.realisation'
    __string__ = "Work Programme Realisation"

    line = fields.Many2One(
        'lsp.work.program.line', "Work Programme Line", required=True,
        ondelete='CASCADE')
    position = fields.Function(
        fields.Many2One('lsp.position', "Owner Position"),
        'get_line_field', searcher='search_line_field')
    sector = fields.Function(
        fields.Many2One('lsp.sector', "Sector"),
        'get_line_field', searcher='search_line_field')
    month = fields.Selection(MONTHS, "Month", required=True, sort=False)
    percent = fields.Integer(
        "% Done", required=True,
        domain=[('percent', '>=', 0), ('percent', '<=', 100)])
    notes = fields.Text("Notes")
    evidence = fields.Binary(
        "Evidence", filename='evidence_name', file_id='evidence_id')
    evidence_name = fields.Char("Evidence Name")
    evidence_id = fields.Char("Evidence ID", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('month', 'DESC'))

    @classmethod
    def default_month(cls):
        return '%02d' % Pool().get('ir.date').today().month

    @classmethod
    def default_percent(cls):
        return 0

    def get_line_field(self, name):
        value = getattr(self.line, name)
        return value.id if value else None

    @classmethod
    def search_line_field(cls, name, clause):
        return [('line.' + clause[0],) + tuple(clause[1:])]

    def get_rec_name(self, name):
        month = dict(MONTHS)[self.month]
        return '%s (%s %s%%)' % (self.line.rec_name, month, self.percent)

    @classmethod
    def validate_fields(cls, realisations, field_names):
        super().validate_fields(realisations, field_names)
        if field_names & {'percent', 'line'}:
            for realisation in realisations:
                if not 0 <= realisation.percent <= 100:
                    raise WorkProgramError(gettext(
                            'lsp_base.msg_work_program_realisation_percent',
                            line=realisation.line.rec_name))
                if realisation.line.program.state != 'approved':
                    raise WorkProgramError(gettext(
                            'lsp_base.msg_work_program_realisation_draft',
                            line=realisation.line.rec_name))


class WorkProgramReport(Report):
    "Plan versus realisation of a work programme as an Excel workbook"
    __name__ = 'lsp.work.program.xlsx'

    @classmethod
    def _execute(cls, records, header, data, action):
        import xlsxwriter
        pool = Pool()
        Line = pool.get('lsp.work.program.line')
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {'constant_memory': True})
        bold = book.add_format({'bold': True})
        columns = ['year', 'sector', 'position', 'activity', 'target',
            'months', 'planned_total', 'planned_elapsed', 'latest_percent',
            'estimated_cost']
        strings = Line.fields_get(columns)
        months = dict(strings['months']['selection'])
        sheet = book.add_worksheet(
            gettext('lsp_base.msg_work_program_report'))
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 3, 30)
        sheet.set_column(4, 5, 24)
        sheet.set_column(6, 9, 14)
        sheet.write_row(0, 0, [strings[c]['string'] for c in columns], bold)
        row = 0
        for program in records:
            lines = sorted(program.lines, key=lambda l: (
                    l.sector.rec_name if l.sector else '',
                    l.position.rec_name, l.sequence or 0, l.id))
            for line in lines:
                row += 1
                sheet.write_number(row, 0, program.year)
                sheet.write_string(
                    row, 1, line.sector.rec_name if line.sector else '')
                sheet.write_string(row, 2, line.position.rec_name)
                sheet.write_string(row, 3, line.activity)
                sheet.write_string(row, 4, line.target or '')
                sheet.write_string(
                    row, 5, ', '.join(months[m] for m in line.months or []))
                sheet.write_number(row, 6, line.planned_total)
                sheet.write_number(row, 7, line.planned_elapsed)
                sheet.write_number(row, 8, line.latest_percent)
                if line.estimated_cost is not None:
                    sheet.write_number(row, 9, float(line.estimated_cost))
        book.close()
        return 'xlsx', out.getvalue()
