# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
import unittest

from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase

from lsp_base.tests.tools import WorkQueueTestMixin

from lsp_mutu.action import reminder_due
from lsp_mutu.clause import clause_key
from lsp_mutu.nonconformity import owners_checking


class ClauseTestCase(unittest.TestCase):
    "Test the order of the clause codes"

    def test_clause_key(self):
        "10.2 comes after 9.9, 10.2.10 after 10.2.9"
        self.assertEqual(
            sorted(['10.2', '9.9', '4.3', '10.2.10', '10.2.9', '10'],
                key=clause_key),
            ['4.3', '9.9', '10', '10.2', '10.2.9', '10.2.10'])


class ActionRulesTestCase(unittest.TestCase):
    "Test the rules of the quality actions"

    def test_owners_checking(self):
        "The checker may own none of the actions"
        self.assertEqual(owners_checking({1, 2}, [2, 3]), [2])
        self.assertEqual(owners_checking({1}, [2, 3]), [])
        self.assertEqual(owners_checking(set(), [2]), [])

    def test_reminder_due(self):
        "Once, from N days before the deadline up to it"
        deadline = dt.date(2026, 5, 20)
        self.assertTrue(reminder_due(deadline, dt.date(2026, 5, 10), 10, None))
        self.assertTrue(reminder_due(deadline, deadline, 10, None))
        self.assertFalse(
            reminder_due(deadline, dt.date(2026, 5, 9), 10, None))
        self.assertFalse(
            reminder_due(deadline, dt.date(2026, 5, 21), 10, None))
        self.assertFalse(reminder_due(
                deadline, dt.date(2026, 5, 12), 10, dt.date(2026, 5, 10)))
        self.assertFalse(reminder_due(None, deadline, 10, None))
        self.assertTrue(reminder_due(deadline, deadline, 0, None))


class LSPMutuTestCase(
        WorkQueueTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test the LSP quality management module"
    module = 'lsp_mutu'


del ModuleTestCase


# --- lsp_mutu part 2: indicators, assessor statistics, evidence pack

class IndicatorFunctionsTestCase(unittest.TestCase):
    "Test the pure functions of the indicators"

    def test_month_period(self):
        "The first and last day of a month, of the month before"
        from lsp_mutu.indicator import month_period, previous_month
        self.assertEqual(month_period(dt.date(2024, 2, 10)),
            (dt.date(2024, 2, 1), dt.date(2024, 2, 29)))
        self.assertEqual(previous_month(dt.date(2026, 1, 15)),
            (dt.date(2025, 12, 1), dt.date(2025, 12, 31)))

    def test_working_days_between(self):
        "Saturdays, Sundays and holidays are not counted"
        from lsp_mutu.indicator import working_days_between
        friday = dt.date(2026, 5, 1)
        self.assertEqual(
            working_days_between(friday, dt.date(2026, 5, 4)), 1)
        self.assertEqual(working_days_between(
                friday, dt.date(2026, 5, 8), {dt.date(2026, 5, 5)}), 4)
        self.assertEqual(working_days_between(friday, friday), 0)

    def test_negative_feedback(self):
        "A feedback with a negative word is negative"
        from lsp_mutu.indicator import is_negative_feedback
        self.assertTrue(is_negative_feedback("Asesor TIDAK ramah"))
        self.assertTrue(is_negative_feedback("Waktu kurang."))
        self.assertFalse(is_negative_feedback("Sangat baik, jelas."))
        self.assertFalse(is_negative_feedback(None))
        self.assertFalse(is_negative_feedback("  "))

    def test_percent_on_target(self):
        "Percentages and targets in both directions"
        from decimal import Decimal

        from lsp_mutu.indicator import on_target, percent
        self.assertEqual(percent(3, 4), Decimal('75.00'))
        self.assertIsNone(percent(1, 0))
        self.assertTrue(on_target(Decimal(90), Decimal(90), 'higher'))
        self.assertFalse(on_target(Decimal(89), Decimal(90), 'higher'))
        self.assertTrue(on_target(Decimal(2), Decimal(5), 'lower'))
        self.assertIsNone(on_target(None, Decimal(5), 'lower'))


class AssessorStatisticFunctionsTestCase(unittest.TestCase):
    "Test the outliers of the assessor statistics"

    def test_mean_deviation(self):
        from lsp_mutu.assessor_statistic import mean_deviation
        self.assertEqual(mean_deviation([2, 4, 4, 4, 5, 5, 7, 9]), (5, 2))
        self.assertEqual(mean_deviation([]), (None, None))

    def test_outlier(self):
        "Beyond two standard deviations from the mean"
        from lsp_mutu.assessor_statistic import is_outlier, mean_deviation
        rates = [80, 82, 78, 81, 79, 80, 83, 77, 80, 20]
        mean, deviation = mean_deviation(rates)
        self.assertTrue(is_outlier(20, mean, deviation))
        self.assertFalse(is_outlier(83, mean, deviation))
        self.assertFalse(is_outlier(50, 50.0, 0.0))


class EvidenceFunctionsTestCase(unittest.TestCase):
    "Test the clause mapping and the sample of the evidence pack"

    def test_clause_kinds(self):
        "The longest prefix of the clause code gives the records"
        from lsp_mutu.evidence import RECORD_KINDS, clause_kinds
        self.assertEqual(clause_kinds('9.8'), ['appeal'])
        self.assertEqual(clause_kinds('9.8.2'), ['appeal'])
        self.assertEqual(clause_kinds('6.2'), ['assessor', 'assessment'])
        self.assertEqual(clause_kinds('10.2'), RECORD_KINDS)
        self.assertEqual(clause_kinds('9.10'), RECORD_KINDS)

    def test_sample(self):
        "A sample keeps the order and the size"
        from lsp_mutu.evidence import sample
        items = list(range(20))
        chosen = sample(items, 5, seed=1)
        self.assertEqual(len(chosen), 5)
        self.assertEqual(chosen, sorted(chosen))
        self.assertEqual(sample(items[:3], 5), [0, 1, 2])
