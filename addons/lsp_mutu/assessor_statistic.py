# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The statistics of the assessors (ISO/IEC 17024 §6.2)

Per assessor, scheme and year of submission: the assessments submitted, K,
BK and the K rate, read from the assessments in SQL; the appeals against
them and the negative FR.AK.03 feedback; the assessor is an outlier when
the K rate is more than two standard deviations from the mean of the
assessors of the scheme that year."""
import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal

from sql import Cast, Literal
from sql.aggregate import Count, Min, Sum
from sql.conditionals import Case
from sql.functions import CurrentTimestamp, Extract

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool

from .indicator import is_negative_feedback

#: the outcomes of an appeal that uphold it
UPHELD_OUTCOMES = {'upheld_reassess', 'upheld_reverse', 'partially_upheld'}
#: how many standard deviations from the scheme's mean make an outlier
OUTLIER_SIGMAS = 2


def mean_deviation(rates):
    "Return the mean and the population standard deviation of rates"
    rates = [float(r) for r in rates if r is not None]
    if not rates:
        return None, None
    mean = sum(rates) / len(rates)
    variance = sum((r - mean) ** 2 for r in rates) / len(rates)
    return mean, math.sqrt(variance)


def is_outlier(rate, mean, deviation, sigmas=OUTLIER_SIGMAS):
    "Tell whether rate is more than sigmas deviations from mean"
    if rate is None or mean is None or not deviation:
        return False
    return abs(float(rate) - mean) > sigmas * deviation


class AssessorStatistic(ModelSQL, ModelView):
    __name__ = 'lsp.mutu.assessor.statistic'
    __string__ = "Assessor Statistic"

    assessor = fields.Many2One('lsp.assessor', "Assessor", readonly=True)
    scheme = fields.Many2One('lsp.scheme', "Scheme", readonly=True)
    year = fields.Integer("Year", readonly=True)
    assessments = fields.Integer(
        "Assessments", readonly=True,
        help="The assessments the assessor submitted in the year.")
    k = fields.Integer("K", readonly=True)
    bk = fields.Integer("BK", readonly=True)
    k_rate = fields.Function(
        fields.Numeric("K %", digits=(16, 2)), 'get_k_rate')
    appeals = fields.Function(
        fields.Integer(
            "Appeals",
            help="The appeals against the assessments (with the appeals "
            "module)."),
        'get_appeals')
    appeals_upheld = fields.Function(
        fields.Integer("Appeals Upheld"), 'get_appeals')
    feedback_negative = fields.Function(
        fields.Integer(
            "Negative FR.AK.03",
            help="The assessments whose candidate's feedback is negative."),
        'get_feedback_negative')
    scheme_mean = fields.Function(
        fields.Numeric("Scheme Mean K %", digits=(16, 2)), 'get_outlier')
    outlier = fields.Function(
        fields.Boolean(
            "Outlier",
            help="The K rate is more than two standard deviations from the "
            "mean of the assessors of the scheme in the year."),
        'get_outlier')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('year', 'DESC'),
            ('scheme', 'ASC'),
            ('assessor', 'ASC'),
            ('id', 'ASC'),
            ]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        Unit = pool.get('lsp.assessment.unit')
        Event = pool.get('lsp.assessment.event')
        assessment = Assessment.__table__()
        unit = Unit.__table__()
        event = Event.__table__()
        # the units joined and grouped per assessment, then the
        # assessments grouped (a grouped sub-query of the units joined to
        # the assessments makes PostgreSQL loop over the whole aggregate
        # for each assessment when the statistics are not up to date)
        units = (assessment
            .join(event, condition=assessment.event == event.id)
            .join(unit, condition=unit.assessment == assessment.id)
            .select(
                assessment.id.as_('id'),
                assessment.assessor.as_('assessor'),
                event.scheme.as_('scheme'),
                Cast(Extract('YEAR', assessment.submitted_date),
                    'INTEGER').as_('year'),
                Count(unit.id).as_('total'),
                Sum(Case((unit.result == 'k', 1), else_=0)).as_('k'),
                Sum(Case((unit.result == 'bk', 1), else_=0)).as_('bk'),
                where=(assessment.state == 'submitted')
                & (assessment.submitted_date != None),  # noqa: E711
                group_by=[assessment.id, assessment.assessor, event.scheme,
                    assessment.submitted_date]))
        results = units.select(
            units.id, units.assessor, units.scheme, units.year,
            Case((units.k == units.total, 1), else_=0).as_('is_k'),
            Case(((units.k < units.total)
                    & (units.k + units.bk == units.total), 1),
                else_=0).as_('is_bk'))
        return results.select(
            Min(results.id).as_('id'),
            Literal(0).as_('create_uid'),
            CurrentTimestamp().as_('create_date'),
            Cast(Literal(None), 'INTEGER').as_('write_uid'),
            Cast(Literal(None), 'TIMESTAMP').as_('write_date'),
            results.assessor,
            results.scheme,
            results.year,
            Count(results.id).as_('assessments'),
            Sum(results.is_k).as_('k'),
            Sum(results.is_bk).as_('bk'),
            group_by=[results.assessor, results.scheme, results.year])

    def get_k_rate(self, name):
        decided = (self.k or 0) + (self.bk or 0)
        if not decided:
            return None
        return (Decimal(self.k or 0) * 100 / decided).quantize(
            Decimal('0.01'))

    def get_assessment_ids(self):
        "Return the ids of the assessments counted in the row"
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        return [a.id for a in Assessment.search([
                    ('assessor', '=', self.assessor.id),
                    ('event.scheme', '=', self.scheme.id),
                    ('state', '=', 'submitted'),
                    ('submitted_date', '>=', dt.date(self.year, 1, 1)),
                    ('submitted_date', '<=', dt.date(self.year, 12, 31)),
                    ])]

    @classmethod
    def get_appeals(cls, statistics, names):
        pool = Pool()
        result = {n: {s.id: 0 for s in statistics} for n in names}
        try:
            Appeal = pool.get('lsp.appeal')
        except KeyError:
            return result
        if 'subject' not in Appeal._fields:
            return result
        for statistic in statistics:
            subjects = ['lsp.assessment,%s' % i
                for i in statistic.get_assessment_ids()]
            if not subjects:
                continue
            appeals = Appeal.search([('subject', 'in', subjects)])
            if 'appeals' in result:
                result['appeals'][statistic.id] = len(appeals)
            if 'appeals_upheld' in result:
                result['appeals_upheld'][statistic.id] = sum(
                    1 for a in appeals
                    if getattr(a, 'outcome', None) in UPHELD_OUTCOMES)
        return result

    @classmethod
    def get_feedback_negative(cls, statistics, name):
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        result = {}
        for statistic in statistics:
            assessments = Assessment.browse(statistic.get_assessment_ids())
            result[statistic.id] = sum(
                1 for a in assessments if is_negative_feedback(a.feedback))
        return result

    @classmethod
    def get_outlier(cls, statistics, names):
        groups = defaultdict(list)
        for statistic in statistics:
            groups[(statistic.scheme.id, statistic.year)].append(statistic)
        result = {n: {} for n in names}
        for (scheme, year), members in groups.items():
            rates = [s.k_rate for s in cls.search([
                        ('scheme', '=', scheme),
                        ('year', '=', year),
                        ])]
            mean, deviation = mean_deviation(rates)
            for statistic in members:
                if 'scheme_mean' in result:
                    result['scheme_mean'][statistic.id] = (
                        Decimal(str(round(mean, 2)))
                        if mean is not None else None)
                if 'outlier' in result:
                    result['outlier'][statistic.id] = is_outlier(
                        statistic.k_rate, mean, deviation)
        return result

    @classmethod
    def outliers(cls, start, end):
        "Return the statistics flagged as outliers of the years start to end"
        statistics = cls.search([
                ('year', '>=', start.year),
                ('year', '<=', end.year),
                ])
        return [s for s in statistics if s.outlier]
