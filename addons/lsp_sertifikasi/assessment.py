# This file is part of the LSP Perkoperasian Indonesia ERP.
import io

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval
from trytond.report import Report
from trytond.tools import grouped_slice

from lsp_base.model import LockErrorMixin, ParentLockMixin, WorkflowMixin
from lsp_base.report import selection_string
from lsp_base.scheme import ASSESSMENT_METHODS
from lsp_base.tools import rec_name_domain

from .exceptions import AssessmentError
from .party import readable_nik

RESULTS = [
    (None, ""),
    ('k', "Competent (K)"),
    ('bk', "Not Yet Competent (BK)"),
    ]


def recommendation(results):
    """Return the recommendation from the results of the units

    K only if every unit is K, BK once every unit has a result and one is
    BK, None while a unit has no result."""
    results = list(results)
    if not results or not all(results):
        return None
    return 'k' if all(r == 'k' for r in results) else 'bk'


class Assessment(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.assessment'
    __string__ = "Assessment"
    _lock_message = 'lsp_sertifikasi.msg_assessment_submitted'
    _delete_message = 'lsp_sertifikasi.msg_assessment_delete_draft'
    _lock_parameter = 'assessment'
    _open_states = {'draft', 'in_progress'}

    _states = {'readonly': Eval('state') == 'submitted'}

    event = fields.Many2One(
        'lsp.assessment.event', "Event", required=True, readonly=True,
        ondelete='RESTRICT')
    application = fields.Many2One(
        'lsp.application', "Application", required=True, readonly=True,
        ondelete='RESTRICT')
    candidate = fields.Many2One(
        'party.party', "Candidate", required=True, readonly=True,
        ondelete='RESTRICT')
    scheme = fields.Function(
        fields.Many2One('lsp.scheme', "Scheme"), 'on_change_with_scheme',
        searcher='search_scheme')
    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='RESTRICT',
        domain=[('id', 'in', Eval('event_assessors', []))],
        states={'readonly': Eval('state') != 'draft'},
        help="The assessor assigned to the candidate; the Direktur "
        "Sertifikasi may change it while the assessment is a draft.")
    event_assessors = fields.Function(
        fields.Many2Many('lsp.assessor', None, None, "Event Assessors"),
        'on_change_with_event_assessors')
    candidate_category = fields.Selection([
            (None, ""),
            ('training', "Result of Training or Education"),
            ('experienced', "Experienced Worker"),
            ('self_taught', "Self-Taught"),
            ], "Candidate Category", states=_states,
        help="The approach of the assessment (FR.MAPA.01).")
    assessment_context = fields.Selection([
            (None, ""),
            ('workplace', "Real Workplace"),
            ('simulated', "Simulated Workplace"),
            ], "Assessment Context", states=_states)
    plan = fields.Text(
        "Plan", states=_states,
        help="The assessment plan: evidence to gather, instruments, "
        "adjustments to the candidate (FR.MAPA.01).")
    consent = fields.Boolean(
        "Consent and Confidentiality Agreed", states=_states,
        help="The candidate agreed to the assessment plan and both agreed "
        "to keep it confidential (FR.AK.01).")
    consent_date = fields.Date(
        "Consent Date",
        states={
            'readonly': Eval('state') == 'submitted',
            'required': Bool(Eval('consent')),
            'invisible': ~Eval('consent'),
            })
    units = fields.One2Many(
        'lsp.assessment.unit', 'assessment', "Units", states=_states,
        help="The result per competency unit (FR.AK.02).")
    recommendation = fields.Function(
        fields.Selection(
            RESULTS, "Recommendation",
            help="K only if every unit is K."),
        'on_change_with_recommendation')
    feedback = fields.Text(
        "Candidate Feedback", states=_states,
        help="The candidate's feedback on the assessment (FR.AK.03).")
    report_notes = fields.Text(
        "Assessor's Report", states=_states,
        help="The notes of the assessor to the LSP: positive and negative "
        "aspects, objections, suggestions (FR.AK.05).")
    submitted_date = fields.Date("Submitted On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('in_progress', "In Progress"),
            ('submitted', "Submitted"),
            ], "State", required=True, readonly=True, sort=False)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('event_application_unique', Unique(t, t.event, t.application),
                'lsp_sertifikasi.msg_assessment_unique'),
            ]
        cls._order.insert(0, ('event', 'DESC'))
        # what may change once the assessment is submitted
        cls._check_modify_exclude = set()
        cls._transitions |= {
            ('draft', 'in_progress'),
            ('in_progress', 'submitted'),
            }
        cls._buttons.update({
                'start': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'in_progress',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @fields.depends('event', '_parent_event.scheme')
    def on_change_with_scheme(self, name=None):
        return self.event.scheme if self.event else None

    @classmethod
    def search_scheme(cls, name, clause):
        return [('event.scheme' + clause[0][len(name):],)
            + tuple(clause[1:])]

    @fields.depends('event', '_parent_event.assessors')
    def on_change_with_event_assessors(self, name=None):
        if not self.event:
            return []
        return [l.assessor.id for l in self.event.assessors]

    @fields.depends('units')
    def on_change_with_recommendation(self, name=None):
        return recommendation(u.result for u in self.units or [])

    @fields.depends('consent', 'consent_date')
    def on_change_consent(self):
        if self.consent and not self.consent_date:
            self.consent_date = Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return '%s - %s' % (self.event.number, self.candidate.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['candidate.rec_name', 'event.number'])

    @classmethod
    def validate_fields(cls, assessments, field_names):
        super().validate_fields(assessments, field_names)
        if field_names & {'assessor', 'event'}:
            for assessment in assessments:
                assessment.check_event_assessor()
                if assessment.state != 'submitted':
                    assessment.check_not_former_assessor()

    @classmethod
    def assessed_pairs(cls, candidates, employees):
        """Return the (candidate id, employee id) of the assessments of
        candidates by the assessors who are employees

        candidates and employees are ids; the impartiality checks of the
        people put on a case read it once."""
        employees = list(employees)
        assessed = set()
        if not employees:
            return assessed
        for sub_ids in grouped_slice(list(candidates)):
            assessed.update(
                (a.candidate.id, a.assessor.employee.id)
                for a in cls.search([
                        ('candidate', 'in', list(sub_ids)),
                        ('assessor.employee', 'in', employees),
                        ]))
        return assessed

    def check_not_former_assessor(self, assessor=None):
        """Check the assessor (default the assigned one) is not a former
        assessor of the application whose appeal was upheld"""
        Appeal = Pool().get('lsp.appeal')
        assessor = assessor or self.assessor
        if assessor in Appeal.former_assessors_of(self.application):
            raise AssessmentError(gettext(
                    'lsp_sertifikasi.msg_assessment_former_assessor',
                    assessor=assessor.rec_name, assessment=self.rec_name))

    def check_event_assessor(self, assessor=None):
        "Check the assessor (default the assigned one) is one of the event"
        assessor = assessor or self.assessor
        if assessor not in {l.assessor for l in self.event.assessors}:
            raise AssessmentError(gettext(
                    'lsp_sertifikasi.msg_assessment_assessor_event',
                    assessor=assessor.rec_name, assessment=self.rec_name))

    @classmethod
    def check_modification(
            cls, mode, assessments, values=None, external=False):
        pool = Pool()
        Assessor = pool.get('lsp.assessor')
        super().check_modification(
            mode, assessments, values=values, external=external)
        if mode == 'write' and (values.keys() - cls._workflow_fields
                - cls._check_modify_exclude):
            for assessment in assessments:
                if assessment.state not in cls._open_states:
                    raise cls.lock_error(assessment)
        if mode == 'write' and 'assessor' in values:
            for assessment in assessments:
                if assessment.state != 'draft':
                    raise AccessError(gettext(
                            'lsp_sertifikasi.msg_assessment_assessor_locked',
                            assessment=assessment.rec_name))
            # the assessor taking the cases over must be impartial now
            if values['assessor']:
                assessor = Assessor(values['assessor'])
                for assessment in assessments:
                    assessment.check_event_assessor(assessor)
                    assessment.check_assessor(assessor)
        elif mode == 'delete':
            for assessment in assessments:
                if assessment.state != 'draft':
                    raise cls.delete_error(assessment)

    def check_assessor(self, assessor=None):
        '''Check the assessor (default the assigned one) may assess the
        candidate in the event, as the licence, scope and declared conflicts
        stand now'''
        self.event.check_assessor(
            assessor or self.assessor, [self.application], busy=False)
        self.check_not_former_assessor(assessor)

    @classmethod
    def on_modification(cls, mode, assessments, field_names=None):
        super().on_modification(mode, assessments, field_names=field_names)
        if mode == 'create':
            cls.create_units(assessments)

    @classmethod
    def create_units(cls, assessments):
        "Give the assessments without units one per unit of the scheme"
        Unit = Pool().get('lsp.assessment.unit')
        Unit.create([{
                    'assessment': a.id,
                    'unit': su.unit.id,
                    'sequence': i,
                    'planned_methods': list(
                        a.event.scheme.assessment_methods or []),
                    }
                for a in assessments if not a.units
                for i, su in enumerate(a.event.scheme.units, 1)])

    def check_submit(self):
        '''Check that the assessor may still assess the candidate, that the
        candidate agreed and every unit has a result'''
        self.check_assessor()
        if not self.consent:
            raise AssessmentError(gettext(
                    'lsp_sertifikasi.msg_assessment_consent',
                    assessment=self.rec_name))
        for unit in self.units:
            if not unit.result:
                raise AssessmentError(gettext(
                        'lsp_sertifikasi.msg_assessment_unit_result',
                        assessment=self.rec_name, unit=unit.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('in_progress')
    def start(cls, assessments):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, assessments):
        for assessment in assessments:
            assessment.check_submit()
        cls.write(assessments, {
                'submitted_date': Pool().get('ir.date').today(),
                })


class AssessmentUnit(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.assessment.unit'
    __string__ = "Assessment Unit"
    _parent_field = 'assessment'

    _states = {'readonly': Eval('assessment_state') == 'submitted'}

    assessment = fields.Many2One(
        'lsp.assessment', "Assessment", required=True, ondelete='CASCADE',
        states={'readonly': True})
    sequence = fields.Integer("Sequence", states={'readonly': True})
    unit = fields.Many2One(
        'lsp.competency.unit', "Unit", required=True, ondelete='RESTRICT',
        states={'readonly': True})
    planned_methods = fields.MultiSelection(
        ASSESSMENT_METHODS, "Planned Methods", states=_states,
        help="The methods planned for the unit (FR.MAPA.01), from the "
        "scheme.")
    methods = fields.MultiSelection(
        ASSESSMENT_METHODS, "Methods Used", states=_states)
    evidence_direct = fields.Boolean(
        "Direct Evidence (L)", states=_states,
        help="Evidence gathered directly, such as by observation.")
    evidence_indirect = fields.Boolean(
        "Indirect Evidence (TL)", states=_states,
        help="Evidence such as a portfolio or products.")
    evidence_supplementary = fields.Boolean(
        "Supplementary Evidence (T)", states=_states,
        help="Evidence such as written or oral answers, interviews or "
        "third-party reports.")
    result = fields.Selection(RESULTS, "Result", states=_states)
    notes = fields.Text("Notes", states=_states)
    assessment_state = fields.Function(
        fields.Selection('get_assessment_states', "Assessment State"),
        'on_change_with_assessment_state')
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('assessment')
        cls._order.insert(0, ('sequence', 'ASC'))

    @classmethod
    def get_assessment_states(cls):
        Assessment = Pool().get('lsp.assessment')
        return Assessment.fields_get(['state'])['state']['selection']

    @fields.depends('assessment', '_parent_assessment.state')
    def on_change_with_assessment_state(self, name=None):
        return self.assessment.state if self.assessment else 'draft'

    def get_rec_name(self, name):
        return self.unit.rec_name

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('unit.rec_name',) + tuple(clause[1:])]

    @property
    def evidence_kinds(self):
        "The codes of the kinds of evidence gathered, such as 'L, TL'"
        return ', '.join(code for code, gathered in [
                    ('L', self.evidence_direct),
                    ('TL', self.evidence_indirect),
                    ('T', self.evidence_supplementary)] if gathered)


class AssessmentReport(Report):
    "FR.AK.02 record of the competency assessment"
    __name__ = 'lsp.assessment'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = selection_string
        context['methods'] = methods_string
        return context


class EventReport(AssessmentReport):
    "FR.AK.05 assessment report of an event"
    __name__ = 'lsp.assessment.event.report'


def methods_string(unit, field_name):
    "Return the labels of the methods of field_name of unit"
    labels = dict(ASSESSMENT_METHODS)
    return ', '.join(labels[m] for m in getattr(unit, field_name) or [])


class EventResults(Report):
    "Results of the assessments of events as an Excel workbook"
    __name__ = 'lsp.assessment.event.results_xlsx'

    @classmethod
    def _execute(cls, records, header, data, action):
        import xlsxwriter
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        Unit = pool.get('lsp.assessment.unit')
        Disclosure = pool.get('lsp.pdp.disclosure')
        results = dict(RESULTS)
        states = dict(Assessment.fields_get(['state'])['state']['selection'])
        strings = Assessment.fields_get(
            ['event', 'candidate', 'assessor', 'recommendation', 'state'])
        unit_string = Unit.fields_get(['unit'])['unit']['string']
        nik_string = pool.get('party.party').__names__(field='nik')['field']
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {'constant_memory': True})
        bold = book.add_format({'bold': True})
        sheet = book.add_worksheet(gettext(
                'lsp_sertifikasi.msg_event_results_sheet'))
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, 2, 18)
        sheet.set_column(3, 3, 30)
        sheet.set_column(4, 6, 18)
        sheet.write_row(0, 0, [
                strings['event']['string'], strings['candidate']['string'],
                nik_string, strings['assessor']['string'], unit_string,
                strings['recommendation']['string'],
                strings['state']['string']], bold)
        row = 1
        exported = []
        for event in records:
            for assessment in event.assessments:
                nik = readable_nik(assessment.candidate)
                if nik and '*' not in nik:
                    exported.append(assessment.candidate)
                units = '; '.join('%s: %s' % (
                        u.unit.code, results.get(u.result) or '-')
                    for u in assessment.units)
                sheet.write_row(row, 0, [
                        event.number,
                        assessment.candidate.name,
                        nik,
                        assessment.assessor.employee.party.name,
                        units,
                        results.get(assessment.recommendation) or '',
                        states[assessment.state]])
                row += 1
        book.close()
        if exported:
            Disclosure.record(
                exported, 'report', source='export',
                document=action.name if action else cls.__name__)
        return 'xlsx', out.getvalue()
