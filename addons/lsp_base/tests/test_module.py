# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
import unittest

from trytond.model.exceptions import ValidationError
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, create_employee, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

from lsp_base.tests.tools import ListViewTestMixin, WorkQueueTestMixin
from lsp_base.tools import (
    add_working_days, periods_overlap, working_days_between)


class ToolsTestCase(unittest.TestCase):
    "Test the helpers of lsp_base"

    def test_periods_overlap(self):
        "Periods overlap when they share a day; no end is open"
        d = dt.date
        self.assertTrue(periods_overlap(
                d(2026, 1, 1), d(2026, 6, 30), d(2026, 6, 30), None))
        self.assertFalse(periods_overlap(
                d(2026, 1, 1), d(2026, 6, 30), d(2026, 7, 1), None))
        self.assertTrue(periods_overlap(
                d(2026, 1, 1), None, d(2025, 1, 1), None))
        self.assertFalse(periods_overlap(
                d(2026, 1, 1), None, d(2025, 1, 1), d(2025, 12, 31)))
        self.assertTrue(periods_overlap(
                d(2025, 1, 1), d(2027, 1, 1), d(2026, 1, 1), d(2026, 2, 1)))


class WorkingDaysTestCase(unittest.TestCase):
    "Test the working-day arithmetic of the time limits"

    def test_add_working_days_over_holiday(self):
        "A holiday inside the span is skipped with the weekend"
        d = dt.date
        # Thursday 12 March 2026, Nyepi on Thursday 19 March
        holidays = {d(2026, 3, 19)}
        self.assertEqual(
            add_working_days(d(2026, 3, 12), 5, holidays), d(2026, 3, 20))
        self.assertEqual(
            add_working_days(d(2026, 3, 12), 5), d(2026, 3, 19))
        self.assertEqual(
            working_days_between(d(2026, 3, 12), d(2026, 3, 20), holidays),
            5)

    def test_add_working_days_from_friday(self):
        "From a Friday, the next working day is the Monday"
        d = dt.date
        self.assertEqual(add_working_days(d(2026, 3, 6), 1), d(2026, 3, 9))
        self.assertEqual(add_working_days(d(2026, 3, 6), 3), d(2026, 3, 11))
        self.assertEqual(
            working_days_between(d(2026, 3, 6), d(2026, 3, 9)), 1)
        self.assertEqual(
            working_days_between(d(2026, 3, 6), d(2026, 3, 8)), 0)

    def test_add_zero_working_days(self):
        "n = 0 is the day itself, or the next working day"
        d = dt.date
        self.assertEqual(add_working_days(d(2026, 3, 6), 0), d(2026, 3, 6))
        self.assertEqual(add_working_days(d(2026, 3, 7), 0), d(2026, 3, 9))
        self.assertEqual(
            add_working_days(d(2026, 3, 7), 0, {d(2026, 3, 9)}),
            d(2026, 3, 10))
        self.assertEqual(
            working_days_between(d(2026, 3, 6), d(2026, 3, 6)), 0)
        self.assertEqual(
            working_days_between(d(2026, 3, 9), d(2026, 3, 6)), -1)


class LspBaseTestCase(
        ListViewTestMixin, WorkQueueTestMixin, CompanyTestMixin,
        ModuleTestCase):
    "Test LSP Base module"
    module = 'lsp_base'

    @with_transaction()
    def test_holiday_add_working_days(self):
        "The company calendar skips its holidays, not those of another"
        pool = Pool()
        Holiday = pool.get('lsp.holiday')
        company = create_company()
        other = create_company(name="Other")
        Holiday.create([
                {'company': company.id, 'date': dt.date(2026, 3, 19),
                    'name': "Nyepi"},
                {'company': other.id, 'date': dt.date(2026, 3, 13),
                    'name': "Other"},
                ])
        self.assertEqual(
            Holiday.add_working_days(company, dt.date(2026, 3, 12), 5),
            dt.date(2026, 3, 20))
        self.assertEqual(
            Holiday.working_days_between(
                company, dt.date(2026, 3, 12), dt.date(2026, 3, 20)), 5)

    @with_transaction()
    def test_configuration_default_validity(self):
        "The default certificate validity is 3 years"
        Configuration = Pool().get('lsp.configuration')
        self.assertEqual(Configuration(1).certificate_validity_years, 3)

    @with_transaction()
    def test_position_tree(self):
        "The Head reports to the Steering Board, the committees stand apart"
        Position = Pool().get('lsp.position')
        root, = Position.search(
            [('parent', '=', None), ('kind', '=', 'board')])
        self.assertEqual(root.code, 'DP')
        kepala, = root.children
        self.assertEqual(kepala.code, 'KEP')
        self.assertEqual(
            len(Position.search([('parent', 'child_of', [root.id])])), 16)

    @with_transaction()
    def test_holder_current(self):
        "Only holders in office are current"
        pool = Pool()
        Position = pool.get('lsp.position')
        Holder = pool.get('lsp.position.holder')
        company = create_company()
        with set_company(company):
            employee = create_employee(company)
            former = create_employee(company, name="Former")
            bendahara, = Position.search([('code', '=', 'BEN')])
            Holder.create([{
                        'position': bendahara.id,
                        'employee': former.id,
                        'date_from': dt.date(2020, 1, 1),
                        'date_to': dt.date(2021, 12, 31),
                        }, {
                        'position': bendahara.id,
                        'employee': employee.id,
                        'date_from': dt.date(2022, 1, 1),
                        }])
            self.assertEqual(bendahara.current_holders, (employee,))

    @with_transaction()
    def test_holder_period(self):
        "An appointment cannot end before it starts"
        pool = Pool()
        Position = pool.get('lsp.position')
        Holder = pool.get('lsp.position.holder')
        company = create_company()
        with set_company(company):
            employee = create_employee(company)
            kepala, = Position.search([('code', '=', 'KEP')])
            with self.assertRaisesRegex(ValidationError, "cannot end before"):
                Holder.create([{
                            'position': kepala.id,
                            'employee': employee.id,
                            'date_from': dt.date(2026, 1, 1),
                            'date_to': dt.date(2025, 12, 31),
                            }])

    def test_import_cell_text(self):
        "Cells read as people typed them"
        from lsp_base.standard_import import cell_text
        self.assertEqual(cell_text(None), '')
        self.assertEqual(cell_text(2.0), '2')
        self.assertEqual(cell_text(1.1), '1.1')
        self.assertEqual(cell_text('  M.70PEN00.021.1 '), 'M.70PEN00.021.1')

    @with_transaction()
    def test_import_parse_skips_blank_rows(self):
        "Blank rows between criteria are ignored, numbers become text"
        import io

        import xlsxwriter

        from lsp_base.standard_import import COLUMNS, parse
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {'in_memory': True})
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, [c.upper() for c in COLUMNS])
        sheet.write_row(1, 0, ['Std', 'U.1', "Unit", 1, "Elemen", 1.1, "A."])
        sheet.write_row(3, 0, ['Std', 'U.1', "Unit", 1, "Elemen", 1.2, "B."])
        workbook.close()
        rows = parse(output.getvalue())
        self.assertEqual(
            [(r.number, r.element_number, r.criterion_number) for r in rows],
            [(2, '1', '1.1'), (4, '1', '1.2')])

    @with_transaction()
    def test_position_recursion(self):
        "A position cannot report to its own subordinate"
        Position = Pool().get('lsp.position')
        kepala, = Position.search([('code', '=', 'KEP')])
        sekretaris, = Position.search([('code', '=', 'SEK')])
        with self.assertRaises(ValidationError):
            Position.write([kepala], {'parent': sekretaris.id})


del ModuleTestCase
