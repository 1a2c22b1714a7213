# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The quality indicators of the LSP and their values (ISO/IEC 17024 §10)

An indicator is computed from the data by a monthly job, or entered by
hand. Each value is the figure of one period, with the target of the
indicator at the time; some computed indicators give one value per scheme
or per assessor next to the one of the whole LSP."""
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sql import Literal, Null
from sql.aggregate import Count, Sum
from sql.conditionals import Case

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

try:
    from lsp_base.tools import working_days_between
except ImportError:
    # lsp_base without the holiday calendar (branch appeal): only Saturdays
    # and Sundays are not worked
    def working_days_between(start, end, holidays=()):
        "Return the number of working days after start up to end included"
        if end < start:
            return -working_days_between(end, start, holidays)
        holidays = set(holidays)
        count, date = 0, start
        while date < end:
            date += dt.timedelta(days=1)
            if date.weekday() < 5 and date not in holidays:
                count += 1
        return count

#: the areas of the LSP monitored and evaluated (the seed's duties)
AREAS = [
    ('sertifikasi', "Certification"),
    ('standardisasi', "Standardisation"),
    ('tuk', "TUK"),
    ('humas', "Public Relations"),
    ('ti', "IT"),
    ('keuangan', "Finance"),
    ('mutu', "Quality"),
    ]

#: the groups of the Direktur reading each area's indicators and monev
AREA_GROUPS = {
    'sertifikasi': 'group_direktur_sertifikasi',
    'standardisasi': 'group_direktur_standarisasi',
    'tuk': 'group_direktur_tuk',
    'humas': 'group_direktur_humas_ti',
    'ti': 'group_direktur_humas_ti',
    'keuangan': 'group_bendahara',
    'mutu': 'group_direktur_mutu',
    }

#: the working days within which the Komite Teknik decides after an event
DECISION_WORKING_DAYS = 5
#: the working days within which a complaint is acknowledged
COMPLAINT_ACK_WORKING_DAYS = 5

#: words of a negative FR.AK.03 feedback (the form is kept as text)
NEGATIVE_WORDS = (
    'tidak', 'kurang', 'belum', 'buruk', 'keberatan', 'kecewa',
    'not ', 'no ', 'poor', 'unfair')


def month_period(date):
    "Return the first and the last day of the month of date"
    start = date.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def previous_month(date):
    "Return the first and the last day of the month before the one of date"
    return month_period(date.replace(day=1) - dt.timedelta(days=1))


def is_negative_feedback(text):
    """Tell whether the FR.AK.03 feedback of a candidate is negative

    The feedback is free text: it is negative when it contains one of the
    negative words."""
    if not text or not text.strip():
        return False
    text = ' %s ' % text.lower()
    return any(w in text for w in NEGATIVE_WORDS)


def percent(part, whole):
    "Return part in percent of whole, rounded to 2 digits, None without whole"
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.01'))


def on_target(value, target, direction):
    "Tell whether value meets target in direction (higher or lower)"
    if value is None or target is None:
        return None
    if direction == 'lower':
        return value <= target
    return value >= target


#: the computations of the indicators: (key, label)
COMPUTED_KEYS = [
    (None, ""),
    ('days_application_decision',
        "Days from Application to Decision"),
    ('decision_within_wd',
        "Decisions within 5 Working Days of the Event"),
    ('k_rate_scheme', "K Rate per Scheme"),
    ('k_rate_assessor', "K Rate per Assessor"),
    ('feedback_negative', "Negative FR.AK.03 Feedback"),
    ('tuk_verification_passed', "TUK Verifications Passed"),
    ('appeals_per_100', "Appeals per 100 Assessments"),
    ('complaints_acknowledged', "Complaints Acknowledged in Time"),
    ('surveillance_on_time', "Surveillance on Time"),
    ('certificates_suspended_withdrawn',
        "Certificates Suspended or Withdrawn"),
    ('nonconformities_closed_on_time',
        "Non-Conformities Closed on Time"),
    ('documents_overdue', "Documents Overdue for Review"),
    ]


class Indicator(ModelSQL, ModelView):
    __name__ = 'lsp.mutu.indicator'
    __string__ = "Quality Indicator"

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True, translate=True)
    area = fields.Selection(AREAS, "Area", required=True)
    method = fields.Selection([
            ('computed', "Computed"),
            ('manual', "Manual"),
            ], "Method", required=True,
        help="Computed indicators are filled by the monthly job from the "
        "data, manual ones by the Direktur Manajemen Mutu.")
    computed_key = fields.Selection(
        COMPUTED_KEYS, "Computation",
        states={
            'required': Eval('method') == 'computed',
            'invisible': Eval('method') != 'computed',
            })
    unit = fields.Selection([
            ('percent', "%"),
            ('days', "Days"),
            ('count', "Count"),
            ('rate', "Per 100"),
            ], "Unit", required=True)
    target = fields.Numeric(
        "Target", digits=(16, 2),
        help="The figure the LSP aims at; each value keeps the target of "
        "its time.")
    direction = fields.Selection([
            ('higher', "Higher Is Better"),
            ('lower', "Lower Is Better"),
            ], "Direction", required=True)
    description = fields.Text("Description", translate=True)
    active = fields.Boolean("Active")
    values = fields.One2Many(
        'lsp.mutu.indicator.value', 'indicator', "Values", readonly=True)
    last_value = fields.Function(
        fields.Numeric("Last Value", digits=(16, 2)), 'get_last')
    last_period = fields.Function(
        fields.Date("Last Period"), 'get_last')
    last_on_target = fields.Function(
        fields.Boolean("Last on Target"), 'get_last')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'lsp_mutu.msg_indicator_code_unique'),
            ]
        cls._order.insert(0, ('area', 'ASC'))
        cls._order.insert(1, ('code', 'ASC'))
        cls._buttons.update({
                'compute_values': {
                    'invisible': Eval('method') != 'computed',
                    'icon': 'tryton-refresh',
                    'depends': ['method'],
                    },
                'open_chart': {
                    'icon': 'tryton-graph',
                    },
                })

    @classmethod
    def default_method(cls):
        return 'computed'

    @classmethod
    def default_unit(cls):
        return 'percent'

    @classmethod
    def default_direction(cls):
        return 'higher'

    @classmethod
    def default_active(cls):
        return True

    def get_rec_name(self, name):
        return '%s - %s' % (self.code, self.name)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith('!') else 'OR'
        return [bool_op,
            ('code', operator, operand, *extra),
            ('name', operator, operand, *extra),
            ]

    @classmethod
    def get_last(cls, indicators, names):
        pool = Pool()
        Value = pool.get('lsp.mutu.indicator.value')
        result = {n: {i.id: None for i in indicators} for n in names}
        for indicator in indicators:
            values = Value.search([
                    ('indicator', '=', indicator.id),
                    ('scheme', '=', None),
                    ('assessor', '=', None),
                    ], order=[('period_start', 'DESC')], limit=1)
            if values:
                value, = values
                for name, v in [
                        ('last_value', value.value),
                        ('last_period', value.period_start),
                        ('last_on_target', value.on_target)]:
                    if name in result:
                        result[name][indicator.id] = v
        return result

    @classmethod
    @ModelView.button_action('lsp_mutu.wizard_indicator_compute')
    def compute_values(cls, indicators):
        pass

    @classmethod
    @ModelView.button_action('lsp_mutu.act_indicator_value_chart')
    def open_chart(cls, indicators):
        pass

    @classmethod
    def compute_monthly(cls, date=None):
        "Compute the values of the month before date (today) (the cron)"
        Date = Pool().get('ir.date')
        if date is None:
            date = Date.today()
        start, end = previous_month(date)
        indicators = cls.search([('method', '=', 'computed')])
        cls.compute(indicators, start, end)

    @classmethod
    def compute(cls, indicators, start, end):
        # the values are written in the context that lets the computation
        # write them (records keep the context they are read in)
        with Transaction().set_context(_lsp_indicator_compute=True):
            return cls._compute(indicators, start, end)

    @classmethod
    def _compute(cls, indicators, start, end):
        """Write the values of the computed indicators for the period

        The values of the period are computed again: the ones of a
        dimension (scheme, assessor) that no longer has a figure are
        deleted."""
        pool = Pool()
        Value = pool.get('lsp.mutu.indicator.value')
        context = IndicatorContext(start, end)
        to_save, to_delete = [], []
        for indicator in indicators:
            if indicator.method != 'computed' or not indicator.computed_key:
                continue
            method = getattr(context, 'compute_%s' % indicator.computed_key)
            rows = method()
            existing = {
                (v.scheme.id if v.scheme else None,
                    v.assessor.id if v.assessor else None): v
                for v in Value.search([
                        ('indicator', '=', indicator.id),
                        ('period_start', '=', start),
                        ])}
            for value, scheme, assessor, note in rows:
                record = existing.pop((scheme, assessor), None)
                if record is None:
                    record = Value(
                        indicator=indicator, period_start=start,
                        scheme=scheme, assessor=assessor)
                record.period_end = end
                record.value = value
                record.target = indicator.target
                record.note = note
                record.computed = True
                to_save.append(record)
            to_delete.extend(existing.values())
        Value.delete(to_delete)
        Value.save(to_save)
        return to_save


class IndicatorContext:
    """The figures of the computed indicators over one period

    Each compute_<key> returns the rows (value, scheme id, assessor id,
    note) of the period, the LSP's own row having neither scheme nor
    assessor. The figures read the tables in SQL: the period may hold
    hundreds of thousands of rows."""

    def __init__(self, start, end):
        self.start = start
        self.end = end
        self._assessment_count = None
        self._feedbacks = None
        self._k_counts = None

    @staticmethod
    def cursor():
        return Transaction().connection.cursor()

    @staticmethod
    def model(name):
        pool = Pool()
        try:
            return pool.get(name)
        except KeyError:
            return None

    def holidays(self):
        Holiday = self.model('lsp.holiday')
        if Holiday is None:
            return ()
        return {h.date for h in Holiday.search([
                    ('date', '>=', self.start - dt.timedelta(days=60)),
                    ('date', '<=', self.end + dt.timedelta(days=60)),
                    ])}

    def _assessment_tables(self):
        "Return the tables of the assessments and their events, the where"
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        Event = pool.get('lsp.assessment.event')
        assessment = Assessment.__table__()
        event = Event.__table__()
        where = ((assessment.state == 'submitted')
            & (assessment.submitted_date >= self.start)
            & (assessment.submitted_date <= self.end))
        return assessment, event, where

    def units(self):
        """Return the query of the submitted assessments of the period with
        their units counted: id, assessor, scheme, total, k and bk

        An assessment is K when every unit is K, BK when every unit has a
        result and one is BK. The units are joined and grouped per
        assessment (not a grouped sub-query joined to the assessments:
        without statistics, after a bulk load, PostgreSQL loops over the
        whole aggregate for each assessment)."""
        Unit = Pool().get('lsp.assessment.unit')
        assessment, event, where = self._assessment_tables()
        unit = Unit.__table__()
        return (assessment
            .join(event, condition=assessment.event == event.id)
            .join(unit, 'LEFT', condition=unit.assessment == assessment.id)
            .select(
                assessment.id.as_('id'),
                assessment.assessor.as_('assessor'),
                event.scheme.as_('scheme'),
                Count(unit.id).as_('total'),
                Sum(Case((unit.result == 'k', 1), else_=0)).as_('k'),
                Sum(Case((unit.result == 'bk', 1), else_=0)).as_('bk'),
                where=where,
                group_by=[assessment.id, assessment.assessor,
                    event.scheme]))

    def assessment_count(self):
        "Return the number of submitted assessments of the period"
        if self._assessment_count is None:
            assessment, event, where = self._assessment_tables()
            cursor = self.cursor()
            cursor.execute(*assessment
                .join(event, condition=assessment.event == event.id)
                .select(Count(assessment.id), where=where))
            self._assessment_count, = cursor.fetchone()
        return self._assessment_count

    def feedbacks(self):
        """Return (id, feedback) of the submitted assessments of the period
        whose candidate gave a feedback (FR.AK.03, free text read in
        Python), by id"""
        if self._feedbacks is None:
            assessment, event, where = self._assessment_tables()
            cursor = self.cursor()
            cursor.execute(*assessment
                .join(event, condition=assessment.event == event.id)
                .select(assessment.id, assessment.feedback,
                    where=where & (assessment.feedback != Null),
                    order_by=[assessment.id.asc]))
            self._feedbacks = list(cursor)
        return self._feedbacks

    def decisions(self):
        "Return the approved decisions of the period: (id, event end, date)"
        pool = Pool()
        Decision = pool.get('lsp.certification.decision')
        Event = pool.get('lsp.assessment.event')
        decision = Decision.__table__()
        event = Event.__table__()
        cursor = self.cursor()
        cursor.execute(*decision
            .join(event, condition=decision.event == event.id)
            .select(decision.id, event.end_date, decision.pleno_date,
                where=(decision.state == 'approved')
                & (decision.pleno_date >= self.start)
                & (decision.pleno_date <= self.end)))
        return list(cursor)

    def compute_days_application_decision(self):
        pool = Pool()
        Decision = pool.get('lsp.certification.decision')
        Line = pool.get('lsp.certification.decision.line')
        Assessment = pool.get('lsp.assessment')
        Application = pool.get('lsp.application')
        decision = Decision.__table__()
        line = Line.__table__()
        assessment = Assessment.__table__()
        application = Application.__table__()
        cursor = self.cursor()
        cursor.execute(*line
            .join(decision, condition=line.decision == decision.id)
            .join(assessment, condition=line.assessment == assessment.id)
            .join(application,
                condition=assessment.application == application.id)
            .select(application.date, decision.pleno_date,
                where=(decision.state == 'approved')
                & (decision.pleno_date >= self.start)
                & (decision.pleno_date <= self.end)))
        days = [(to_date(d) - to_date(a)).days for a, d in cursor]
        if not days:
            return []
        value = (Decimal(sum(days)) / len(days)).quantize(Decimal('0.01'))
        return [(value, None, None, str(len(days)))]

    def compute_decision_within_wd(self):
        holidays = self.holidays()
        decisions = self.decisions()
        within = sum(
            1 for _, end, date in decisions
            if working_days_between(to_date(end), to_date(date), holidays)
            <= DECISION_WORKING_DAYS)
        value = percent(within, len(decisions))
        if value is None:
            return []
        return [(value, None, None, '%s/%s' % (within, len(decisions)))]

    def k_counts(self):
        """Return the decided assessments of the period and the K ones per
        scheme and assessor: {(scheme, assessor): (decided, k)}, counted
        in SQL once for both K rates"""
        if self._k_counts is None:
            units = self.units()
            cursor = self.cursor()
            cursor.execute(*units.select(
                    units.scheme, units.assessor, Count(units.id),
                    Sum(Case((units.k == units.total, 1), else_=0)),
                    where=(units.total > 0)
                    & (units.k + units.bk == units.total),
                    group_by=[units.scheme, units.assessor]))
            self._k_counts = {
                (scheme, assessor): (decided, k)
                for scheme, assessor, decided, k in cursor}
        return self._k_counts

    def _k_rate(self, name):
        "Return the K rate of the LSP and per scheme or assessor (name)"
        counts = defaultdict(lambda: [0, 0])
        for (scheme, assessor), (decided, k) in self.k_counts().items():
            key = scheme if name == 'scheme' else assessor
            for dimension in [None] if key is None else [None, key]:
                counts[dimension][0] += decided
                counts[dimension][1] += k
        rows = []
        for key in sorted(counts, key=lambda k: (k is not None, k or 0)):
            total, k = counts[key]
            scheme, assessor = (key, None) if name == 'scheme' else (
                None, key)
            rows.append(
                (percent(k, total), scheme, assessor, '%s/%s' % (k, total)))
        return rows

    def compute_k_rate_scheme(self):
        return self._k_rate('scheme')

    def compute_k_rate_assessor(self):
        return self._k_rate('assessor')

    def compute_feedback_negative(self):
        assessments = self.assessment_count()
        negative = sum(1 for _, feedback in self.feedbacks()
            if is_negative_feedback(feedback))
        value = percent(negative, assessments)
        if value is None:
            return []
        return [(value, None, None, '%s/%s' % (negative, assessments))]

    def compute_tuk_verification_passed(self):
        Verification = self.model('lsp.tuk.verification')
        Line = self.model('lsp.tuk.verification.line')
        if Verification is None:
            return []
        verification = Verification.__table__()
        line = Line.__table__()
        failed = line.select(line.verification,
            where=(line.mandatory == Literal(True))
            & ((line.fulfilled != 'yes') | (line.fulfilled == None)))  # noqa: E711
        cursor = self.cursor()
        cursor.execute(*verification.select(
                verification.id,
                where=verification.state.in_(['done', 'validated', 'expired'])
                & (verification.date >= self.start)
                & (verification.date <= self.end)))
        ids = [i for i, in cursor]
        if not ids:
            return []
        cursor.execute(*failed)
        failing = {i for i, in cursor}
        passed = sum(1 for i in ids if i not in failing)
        return [(percent(passed, len(ids)), None, None,
                '%s/%s' % (passed, len(ids)))]

    def compute_appeals_per_100(self):
        Appeal = self.model('lsp.appeal')
        if Appeal is None:
            return []
        date_field = first_field(Appeal, ['received_on', 'date'])
        if not date_field:
            return []
        appeals = Appeal.search_count([
                (date_field, '>=', self.start),
                (date_field, '<=', self.end),
                ])
        assessments = self.assessment_count()
        if not assessments:
            return []
        value = (Decimal(appeals) * 100 / assessments).quantize(
            Decimal('0.01'))
        return [(value, None, None, '%s/%s' % (appeals, assessments))]

    def compute_complaints_acknowledged(self):
        Complaint = self.model('lsp.complaint')
        if Complaint is None:
            return []
        received = first_field(Complaint, ['received_on', 'date'])
        acknowledged = first_field(Complaint, ['acknowledged_on'])
        if not received or not acknowledged:
            return []
        complaints = Complaint.search([
                (received, '>=', self.start),
                (received, '<=', self.end),
                ])
        if not complaints:
            return []
        holidays = self.holidays()
        in_time = 0
        for complaint in complaints:
            start = to_date(getattr(complaint, received))
            ack = getattr(complaint, acknowledged)
            if ack and working_days_between(
                    start, to_date(ack), holidays
                    ) <= COMPLAINT_ACK_WORKING_DAYS:
                in_time += 1
        return [(percent(in_time, len(complaints)), None, None,
                '%s/%s' % (in_time, len(complaints)))]

    def compute_surveillance_on_time(self):
        Surveillance = self.model('lsp.surveillance')
        if Surveillance is None:
            return []
        surveillances = Surveillance.search([
                ('due_date', '>=', self.start),
                ('due_date', '<=', self.end),
                ('state', '!=', 'cancelled'),
                ])
        if not surveillances:
            return []
        on_time = sum(1 for s in surveillances
            if s.submitted_on and s.submitted_on <= s.due_date)
        return [(percent(on_time, len(surveillances)), None, None,
                '%s/%s' % (on_time, len(surveillances)))]

    def compute_certificates_suspended_withdrawn(self):
        pool = Pool()
        Event = pool.get('lsp.certificate.event')
        count = Event.search_count([
                ('kind', 'in', ['suspended', 'withdrawn']),
                ('date', '>=', self.start),
                ('date', '<=', self.end),
                ])
        return [(Decimal(count), None, None, None)]

    def compute_nonconformities_closed_on_time(self):
        Nonconformity = self.model('lsp.mutu.nonconformity')
        if Nonconformity is None:
            return []
        closed = first_field(
            Nonconformity, ['closed_date', 'closing_date', 'closed_on'])
        due = first_field(Nonconformity, ['due_date', 'deadline'])
        if not closed or not due:
            return []
        records = Nonconformity.search([
                (closed, '>=', self.start),
                (closed, '<=', self.end),
                ])
        if not records:
            return []
        on_time = sum(1 for r in records
            if getattr(r, due) is None
            or to_date(getattr(r, closed)) <= getattr(r, due))
        return [(percent(on_time, len(records)), None, None,
                '%s/%s' % (on_time, len(records)))]

    def compute_documents_overdue(self):
        pool = Pool()
        Document = pool.get('lsp.document')
        if 'next_review_date' not in Document._fields:
            return []
        domain = [
            ('next_review_date', '<', self.end),
            ('state', '=', 'in_force'),
            ]
        if 'controlled' in Document._fields:
            domain.append(('controlled', '=', True))
        count = Document.search_count(domain)
        return [(Decimal(count), None, None, None)]


def first_field(Model, names):
    "Return the first of names that is a field of Model"
    for name in names:
        if name in Model._fields:
            return name


def to_date(value):
    "Return value as a date (SQLite gives strings, timestamps are cut)"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return value


class IndicatorValue(ModelSQL, ModelView):
    __name__ = 'lsp.mutu.indicator.value'
    __string__ = "Indicator Value"

    _states = {'readonly': Eval('computed', False)}

    indicator = fields.Many2One(
        'lsp.mutu.indicator', "Indicator", required=True, ondelete='CASCADE',
        states=_states)
    area = fields.Function(
        fields.Selection(AREAS, "Area"), 'on_change_with_area',
        searcher='search_area')
    period_start = fields.Date(
        "Period Start", required=True, states=_states)
    period_end = fields.Date(
        "Period End", required=True, states=_states,
        domain=[('period_end', '>=', Eval('period_start'))])
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", ondelete='CASCADE', states=_states)
    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", ondelete='CASCADE', states=_states)
    value = fields.Numeric(
        "Value", digits=(16, 2), required=True, states=_states)
    target = fields.Numeric("Target", digits=(16, 2), states=_states)
    note = fields.Char(
        "Source", states=_states,
        help="The count behind the value (part/whole) or where a manual "
        "value comes from.")
    computed = fields.Boolean(
        "Computed", readonly=True,
        help="Written by the monthly job from the data.")
    on_target = fields.Function(
        fields.Boolean("On Target"), 'get_on_target')
    on_target_count = fields.Function(
        fields.Integer("On Target"), 'get_on_target')
    off_target_count = fields.Function(
        fields.Integer("Off Target"), 'get_on_target')
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('period_start', 'DESC'),
            ('indicator', 'ASC'),
            ('id', 'DESC'),
            ]

    @classmethod
    def default_computed(cls):
        return False

    @fields.depends('indicator', 'target', '_parent_indicator.target')
    def on_change_indicator(self):
        if self.indicator and self.target is None:
            self.target = self.indicator.target

    @fields.depends('indicator', '_parent_indicator.area')
    def on_change_with_area(self, name=None):
        return self.indicator.area if self.indicator else None

    @classmethod
    def search_area(cls, name, clause):
        return [('indicator.area',) + tuple(clause[1:])]

    @classmethod
    def get_on_target(cls, values, names):
        result = {n: {} for n in names}
        for value in values:
            met = on_target(
                value.value, value.target, value.indicator.direction)
            if 'on_target' in result:
                result['on_target'][value.id] = met
            if 'on_target_count' in result:
                result['on_target_count'][value.id] = int(met is True)
            if 'off_target_count' in result:
                result['off_target_count'][value.id] = int(met is False)
        return result

    def get_rec_name(self, name):
        return '%s %s' % (self.indicator.code, self.period_start)

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if Transaction().context.get('_lsp_indicator_compute'):
            return
        if mode == 'create' and external:
            for indicator in {r.indicator for r in records}:
                if indicator.method == 'computed':
                    raise AccessError(gettext(
                            'lsp_mutu.msg_indicator_value_computed',
                            indicator=indicator.rec_name))
        elif mode in {'write', 'delete'}:
            for record in records:
                if record.computed or (
                        external and record.indicator.method == 'computed'):
                    raise AccessError(gettext(
                            'lsp_mutu.msg_indicator_value_computed',
                            indicator=record.indicator.rec_name))


class IndicatorComputeStart(ModelView):
    __name__ = 'lsp.mutu.indicator.compute.start'
    __string__ = "Compute Indicators"

    period_start = fields.Date("Period Start", required=True)
    period_end = fields.Date(
        "Period End", required=True,
        domain=[('period_end', '>=', Eval('period_start'))])

    @classmethod
    def default_period_start(cls):
        return previous_month(Pool().get('ir.date').today())[0]

    @classmethod
    def default_period_end(cls):
        return previous_month(Pool().get('ir.date').today())[1]


class IndicatorCompute(Wizard):
    "Compute again the values of the selected indicators for a period"
    __name__ = 'lsp.mutu.indicator.compute'

    start = StateView(
        'lsp.mutu.indicator.compute.start',
        'lsp_mutu.indicator_compute_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Compute", 'compute', 'tryton-ok', default=True),
            ])
    compute = StateTransition()

    def transition_compute(self):
        pool = Pool()
        Indicator = pool.get('lsp.mutu.indicator')
        indicators = list(self.records) or Indicator.search([
                ('method', '=', 'computed'),
                ])
        Indicator.compute(
            indicators, self.start.period_start, self.start.period_end)
        return 'end'


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('lsp.mutu.indicator|compute_monthly',
                "Compute the Quality Indicators"))
