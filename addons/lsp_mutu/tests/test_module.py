# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
import unittest

from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase

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


class LSPMutuTestCase(CompanyTestMixin, ModuleTestCase):
    "Test the LSP quality management module"
    module = 'lsp_mutu'


del ModuleTestCase
