# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
import unittest
from decimal import Decimal

from trytond.modules.company.tests import CompanyTestMixin
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

from lsp_base.tests.tools import WorkQueueTestMixin

from lsp_keuangan.budget import (
    EXPENSE, REVENUE, complete_ratios, kind_sign, line_kind,
    realisation_rate, signed)
from lsp_keuangan.fiscalyear import split_closing
from lsp_keuangan.application import payment_state
from lsp_keuangan.funding import funding_amounts
from lsp_keuangan import statement
from lsp_keuangan.assessor import has_npwp
from lsp_keuangan.honorarium import event_days, terbilang
from lsp_keuangan.tariff import (
    ANY, most_specific, tariff_matches, tariff_specificity)
from lsp_keuangan.tax import pasal17, pph_withholding
from lsp_keuangan.tuk_fee import tuk_fee_quantity

JT = Decimal(1_000_000)
M = 1000 * JT


class Pasal17TestCase(unittest.TestCase):
    "Test the PPh 21 computation of PMK 168/2023"

    def test_pasal17_zero(self):
        "Nothing is owed on nothing"
        self.assertEqual(pasal17(Decimal(0)), Decimal(0))
        self.assertEqual(pasal17(Decimal(-1)), Decimal(0))

    def test_pasal17_first_bracket(self):
        "5 % up to 60 jt"
        self.assertEqual(pasal17(Decimal(625_000)), Decimal(31_250))
        self.assertEqual(pasal17(60 * JT), 3 * JT)

    def test_pasal17_above_60(self):
        "The rupiah above 60 jt pays 15 %"
        self.assertEqual(
            pasal17(60 * JT + 1), 3 * JT + Decimal('0.15'))

    def test_pasal17_250(self):
        "60 jt × 5 % + 190 jt × 15 %"
        self.assertEqual(pasal17(250 * JT), Decimal(31_500_000))
        self.assertEqual(
            pasal17(250 * JT + 1), Decimal(31_500_000) + Decimal('0.25'))

    def test_pasal17_500(self):
        "+ 250 jt × 25 %"
        self.assertEqual(pasal17(500 * JT), Decimal(94_000_000))
        self.assertEqual(
            pasal17(500 * JT + 1), Decimal(94_000_000) + Decimal('0.30'))

    def test_pasal17_5_miliar(self):
        "+ 4.5 M × 30 %"
        self.assertEqual(pasal17(5 * M), Decimal(1_444_000_000))

    def test_pasal17_above_5_miliar(self):
        "35 % above 5 M"
        self.assertEqual(
            pasal17(5 * M + 1), Decimal(1_444_000_000) + Decimal('0.35'))
        self.assertEqual(
            pasal17(6 * M), Decimal(1_444_000_000) + 350 * JT)

    def test_pasal17_not_rounded(self):
        "The tax is not rounded"
        self.assertEqual(pasal17(Decimal('333.33')), Decimal('16.6665'))

    def test_withholding_bukan_pegawai(self):
        "Bukan Pegawai: DPP 50 % of the gross"
        self.assertEqual(
            pph_withholding(Decimal(1_250_000), Decimal('0.5')),
            Decimal(31_250))
        # 2.5 % of the gross up to 120 jt
        self.assertEqual(
            pph_withholding(120 * JT, Decimal('0.5')), 3 * JT)
        # DPP 75 jt: 60 jt × 5 % + 15 jt × 15 %
        self.assertEqual(
            pph_withholding(150 * JT, Decimal('0.5')), Decimal(5_250_000))

    def test_withholding_peserta_kegiatan(self):
        "Peserta Kegiatan: DPP 100 % of the gross"
        self.assertEqual(
            pph_withholding(Decimal(1_250_000), Decimal(1)), Decimal(62_500))
        self.assertEqual(
            pph_withholding(150 * JT, Decimal(1)), Decimal(16_500_000))

    def test_withholding_without_npwp(self):
        "Without NPWP the tax is 20 % higher"
        self.assertEqual(
            pph_withholding(
                Decimal(1_250_000), Decimal('0.5'), Decimal('1.2')),
            Decimal(37_500))
        self.assertEqual(
            pph_withholding(150 * JT, Decimal('0.5'), Decimal('1.2')),
            Decimal(6_300_000))
        self.assertEqual(
            pph_withholding(
                Decimal(1_250_000), Decimal(1), Decimal('1.2')),
            Decimal(75_000))

    def test_withholding_credit_note(self):
        "A negative gross gives back the tax"
        self.assertEqual(
            pph_withholding(-150 * JT, Decimal('0.5')), -Decimal(5_250_000))

    def test_withholding_defaults(self):
        "Without ratio nor surcharge the whole gross is taxed once"
        self.assertEqual(pph_withholding(Decimal(1_000_000)), 50_000)
        self.assertEqual(
            pph_withholding(Decimal(1_000_000), None, None), 50_000)


class TariffRankingTestCase(unittest.TestCase):
    "Test the choice of the most specific tariff"

    #: the tariffs (scheme, purpose, funding) of every combination
    TARIFFS = [
        (scheme, purpose, funding)
        for scheme in [None, 1]
        for purpose in [ANY, 'sertifikasi']
        for funding in [ANY, 'mandiri']]

    def test_matches(self):
        "A tariff applies to its own keys and to those it leaves open"
        self.assertTrue(tariff_matches(
                (None, ANY, ANY), 1, 'sertifikasi', 'mandiri'))
        self.assertTrue(tariff_matches(
                (1, 'sertifikasi', 'mandiri'), 1, 'sertifikasi', 'mandiri'))
        self.assertFalse(tariff_matches(
                (2, ANY, ANY), 1, 'sertifikasi', 'mandiri'))
        self.assertFalse(tariff_matches(
                (None, 'rpl', ANY), 1, 'sertifikasi', 'mandiri'))
        self.assertFalse(tariff_matches(
                (None, ANY, 'sponsor'), 1, 'sertifikasi', 'mandiri'))
        self.assertFalse(tariff_matches(
                (1, ANY, ANY), None, 'sertifikasi', 'mandiri'))

    def test_specificity_order(self):
        "The scheme counts most, then the purpose, then the funding"
        ranked = sorted(self.TARIFFS, key=tariff_specificity)
        self.assertEqual(ranked, [
                (None, ANY, ANY),
                (None, ANY, 'mandiri'),
                (None, 'sertifikasi', ANY),
                (None, 'sertifikasi', 'mandiri'),
                (1, ANY, ANY),
                (1, ANY, 'mandiri'),
                (1, 'sertifikasi', ANY),
                (1, 'sertifikasi', 'mandiri'),
                ])

    def test_most_specific_exact(self):
        "The tariff of the scheme, purpose and funding wins"
        self.assertEqual(
            most_specific(self.TARIFFS, 1, 'sertifikasi', 'mandiri'),
            (1, 'sertifikasi', 'mandiri'))

    def test_most_specific_scheme_beats_purpose(self):
        "A tariff of the scheme beats one of every scheme for the purpose"
        tariffs = [(None, 'sertifikasi', 'mandiri'), (1, ANY, ANY)]
        self.assertEqual(
            most_specific(tariffs, 1, 'sertifikasi', 'mandiri'),
            (1, ANY, ANY))

    def test_most_specific_purpose_beats_funding(self):
        "A given purpose beats a given funding"
        tariffs = [(None, ANY, 'mandiri'), (None, 'sertifikasi', ANY)]
        self.assertEqual(
            most_specific(tariffs, 1, 'sertifikasi', 'mandiri'),
            (None, 'sertifikasi', ANY))

    def test_most_specific_other_values(self):
        "Other purposes, fundings and schemes fall back to the open tariffs"
        self.assertEqual(
            most_specific(self.TARIFFS, 1, 'rpl', 'sponsor'), (1, ANY, ANY))
        self.assertEqual(
            most_specific(self.TARIFFS, 2, 'sertifikasi', 'sponsor'),
            (None, 'sertifikasi', ANY))
        self.assertEqual(
            most_specific(self.TARIFFS, None, 'rpl', 'mandiri'),
            (None, ANY, 'mandiri'))

    def test_most_specific_none(self):
        "Nothing matches: None"
        self.assertIsNone(most_specific([], 1, 'sertifikasi', 'mandiri'))
        self.assertIsNone(most_specific(
                [(2, ANY, ANY), (None, 'rpl', ANY)],
                1, 'sertifikasi', 'mandiri'))

    def test_most_specific_key(self):
        "key gives the keys of the candidates; the first of equals wins"
        candidates = [
            {'name': 'a', 'key': (None, ANY, ANY)},
            {'name': 'b', 'key': (1, ANY, ANY)},
            {'name': 'c', 'key': (1, ANY, ANY)},
            ]
        self.assertEqual(most_specific(
                candidates, 1, 'rpl', 'sponsor',
                key=lambda c: c['key'])['name'], 'b')


class BudgetAmountTestCase(unittest.TestCase):
    "Test the positive amounts of the budget lines and their realisation"

    def test_line_kind(self):
        "An account type is revenue or expense by its flags, else mixed"
        self.assertEqual(line_kind(True, False), REVENUE)
        self.assertEqual(line_kind(False, True), EXPENSE)
        self.assertIsNone(line_kind(False, False))
        self.assertIsNone(line_kind(True, True))

    def test_signed(self):
        "Expenses are stored negative (credit - debit) and read positive"
        self.assertEqual(kind_sign(EXPENSE), -1)
        self.assertEqual(kind_sign(REVENUE), 1)
        self.assertEqual(kind_sign(None), 1)
        self.assertEqual(signed(Decimal(50), EXPENSE), Decimal(-50))
        self.assertEqual(signed(Decimal(-50), EXPENSE), Decimal(50))
        self.assertEqual(signed(Decimal(150), REVENUE), Decimal(150))
        self.assertEqual(signed(Decimal(-10), None), Decimal(-10))
        self.assertIsNone(signed(None, EXPENSE))

    def test_realisation_rate(self):
        "actual / planned to 4 places, as account_budget's percentage"
        self.assertEqual(
            realisation_rate(Decimal(60), Decimal(50)), Decimal('1.2000'))
        self.assertEqual(
            realisation_rate(Decimal(130), Decimal(150)), Decimal('0.8667'))
        self.assertEqual(
            realisation_rate(Decimal(0), Decimal(150)), Decimal('0.0000'))
        self.assertIsNone(realisation_rate(Decimal(10), Decimal(0)))
        self.assertIsNone(realisation_rate(Decimal(10), None))
        # the same with the stored (negative) expense amounts
        self.assertEqual(
            realisation_rate(Decimal(-60), Decimal(-50)), Decimal('1.2000'))

    def test_complete_ratios_evenly(self):
        "The last of 12 even ratios takes what rounding down left"
        ratios = complete_ratios([Decimal('0.0833')] * 12)
        self.assertEqual(ratios[:11], [Decimal('0.0833')] * 11)
        self.assertEqual(ratios[-1], Decimal('0.0837'))
        self.assertEqual(sum(ratios), 1)
        ratios = complete_ratios([Decimal('0.3333')] * 3)
        self.assertEqual(ratios[-1], Decimal('0.3334'))

    def test_complete_ratios_unchanged(self):
        "Whole, partial, empty or incomplete distributions are kept"
        for ratios in [
                [Decimal('0.5'), Decimal('0.5')],
                [Decimal('0.25'), Decimal('0.25')],
                [], [Decimal('0.5'), None],
                [Decimal('0.6'), Decimal('0.6')]]:
            self.assertEqual(complete_ratios(ratios), ratios)


class ClosingSplitTestCase(unittest.TestCase):
    "Test the split of the closing between the classes of net assets"

    def test_split(self):
        "The balances of the restricted accounts are summed apart"
        balances = {
            '4101': Decimal(-100), '5101': Decimal(40),
            '4501': Decimal(-50), '4591': Decimal(10),
            '4401': Decimal(-10)}
        self.assertEqual(
            split_closing(balances, {'4501', '4591'}),
            (Decimal(-70), Decimal(-40)))

    def test_split_nothing_restricted(self):
        "Without restricted accounts everything is unrestricted"
        self.assertEqual(
            split_closing({'4101': Decimal(-100)}, set()),
            (Decimal(-100), 0))
        self.assertEqual(split_closing({}, set()), (0, 0))


class PaymentStateTestCase(unittest.TestCase):
    "Test the payment state of an application"

    def test_unbilled(self):
        "Without invoice an application is unbilled"
        self.assertEqual(payment_state(False, [], 'budi'), 'unbilled')

    def test_invoiced(self):
        "An own invoice not yet paid"
        self.assertEqual(
            payment_state(False, [('budi', 'posted')], 'budi'), 'invoiced')
        self.assertEqual(
            payment_state(False, [('budi', 'draft')], 'budi'), 'invoiced')

    def test_paid(self):
        "Every own invoice paid"
        self.assertEqual(
            payment_state(False, [('budi', 'paid')], 'budi'), 'paid')
        self.assertEqual(
            payment_state(
                False, [('budi', 'paid'), ('budi', 'posted')], 'budi'),
            'invoiced')

    def test_sponsored(self):
        "An invoice to another party is the one of the payer"
        self.assertEqual(
            payment_state(False, [('koperasi', 'posted')], 'budi'),
            'sponsored')
        self.assertEqual(
            payment_state(False, [('koperasi', 'paid')], 'budi'),
            'sponsored')

    def test_waived(self):
        "A waived payment wins"
        self.assertEqual(payment_state(True, [], 'budi'), 'waived')


class FundingAmountsTestCase(unittest.TestCase):
    "Test the amounts received and used of a funding source"

    def test_empty(self):
        "Nothing received nor used without analytic line"
        self.assertEqual(funding_amounts([]), (Decimal(0), Decimal(0)))

    def test_revenue_and_expense(self):
        "Credit less debit on revenue, debit less credit on expense"
        lines = [
            (Decimal(0), Decimal(1000), True, False),
            (Decimal(100), Decimal(0), True, False),
            (Decimal(300), Decimal(0), False, True),
            (Decimal(0), Decimal(50), False, True),
            ]
        self.assertEqual(
            funding_amounts(lines), (Decimal(900), Decimal(250)))

    def test_other_accounts(self):
        "The lines of balance accounts count for nothing"
        lines = [(Decimal(500), Decimal(0), False, False)]
        self.assertEqual(funding_amounts(lines), (Decimal(0), Decimal(0)))
class StatementTestCase(unittest.TestCase):
    "Test the rows of the financial statements"

    def test_aging_bucket(self):
        "0-30, 31-60, 61-90 and over 90 days; not yet due in the first"
        self.assertEqual(
            [statement.aging_bucket(d)
                for d in [-5, 0, 30, 31, 60, 61, 90, 91, 400]],
            [0, 0, 0, 1, 1, 2, 2, 3, 3])

    def test_aged_rows(self):
        "The open amounts of a party in the bucket of their due date"
        date = dt.date(2026, 3, 31)
        rows = statement.aged_rows([
                ('Budi', dt.date(2026, 2, 10), Decimal(750000)),
                ('Budi', dt.date(2026, 3, 25), Decimal(100000)),
                ('Ani', dt.date(2025, 11, 30), Decimal(50000)),
                ('Ani', None, Decimal(1000)),
                ('Citra', dt.date(2026, 1, 1), Decimal(0)),
                ], date)
        self.assertEqual(rows, [
                ('Ani', [Decimal(1000), 0, 0, Decimal(50000)],
                    Decimal(51000)),
                ('Budi', [Decimal(100000), Decimal(750000), 0, 0],
                    Decimal(850000)),
                ])
        self.assertEqual(
            statement.column_totals(rows, 1),
            [Decimal(101000), Decimal(750000), 0, Decimal(50000)])

    def test_tree_rows(self):
        "Depth first in the order of the siblings, kept and expanded"
        nodes = [(1, None), (2, 1), (3, 2), (4, 1), (5, None), (6, 5)]
        self.assertEqual(
            statement.tree_rows(nodes, [1, 5]),
            [(0, 1), (1, 2), (2, 3), (1, 4), (0, 5), (1, 6)])
        self.assertEqual(
            statement.tree_rows(
                nodes, [1], keep=lambda i: i != 4,
                expand=lambda i: i != 2),
            [(0, 1), (1, 2)])

    def test_balance_check(self):
        "Aset - (Liabilitas + Aset Neto) is zero when it balances"
        self.assertEqual(
            statement.balance_check(
                Decimal(12_500_000),
                [Decimal(1_250_000), Decimal(11_250_000)]),
            0)
        self.assertEqual(
            statement.balance_check(Decimal(10), [Decimal(4)]), 6)

    def test_net_asset_row(self):
        "The other changes are what the surplus does not explain"
        self.assertEqual(
            statement.net_asset_row(
                Decimal(100), Decimal(30), Decimal(150)),
            (Decimal(100), Decimal(30), Decimal(20), Decimal(150)))

    def test_cash_flow_sections(self):
        "The three activities always, the unclassified only with rows"
        sections = statement.cash_flow_sections([
                ('operating', '4101', Decimal(500)),
                ('operating', '5203', Decimal(-200)),
                ('financing', '2401', Decimal(1000)),
                ])
        self.assertEqual(sections, [
                ('operating',
                    [('4101', Decimal(500)), ('5203', Decimal(-200))],
                    Decimal(300)),
                ('investing', [], 0),
                ('financing', [('2401', Decimal(1000))], Decimal(1000)),
                ])
        sections = statement.cash_flow_sections([
                (None, '3101', Decimal(7)), ('other', 'x', Decimal(1))])
        self.assertEqual(
            sections[-1], (None, [('3101', Decimal(7)), ('x', Decimal(1))],
                Decimal(8)))

    def test_monthly_totals(self):
        "The base and tax per key and month"
        self.assertEqual(
            statement.monthly_totals([
                    (2, dt.date(2026, 3, 15), Decimal(100), Decimal(5)),
                    (1, dt.date(2026, 3, 1), Decimal(10), Decimal(1)),
                    (2, dt.date(2026, 3, 31), Decimal(50), None),
                    (2, dt.date(2026, 2, 28), Decimal(7), Decimal(0)),
                    ]),
            [(1, dt.date(2026, 3, 1), Decimal(10), Decimal(1)),
                (2, dt.date(2026, 2, 1), Decimal(7), Decimal(0)),
                (2, dt.date(2026, 3, 1), Decimal(150), Decimal(5))])

    def test_previous_month(self):
        "The month before, across the year"
        self.assertEqual(
            statement.previous_month(dt.date(2026, 4, 5)),
            (dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
        self.assertEqual(
            statement.previous_month(dt.date(2026, 1, 31)),
            (dt.date(2025, 12, 1), dt.date(2025, 12, 31)))
class TerbilangTestCase(unittest.TestCase):
    "Test the amounts in Indonesian words of the kwitansi"

    def test_units(self):
        "The units and the teens"
        self.assertEqual(terbilang(0), "nol")
        self.assertEqual(terbilang(1), "satu")
        self.assertEqual(terbilang(10), "sepuluh")
        self.assertEqual(terbilang(11), "sebelas")
        self.assertEqual(terbilang(12), "dua belas")
        self.assertEqual(terbilang(19), "sembilan belas")

    def test_tens_and_hundreds(self):
        "Tens, seratus and the hundreds"
        self.assertEqual(terbilang(20), "dua puluh")
        self.assertEqual(terbilang(45), "empat puluh lima")
        self.assertEqual(terbilang(100), "seratus")
        self.assertEqual(terbilang(111), "seratus sebelas")
        self.assertEqual(terbilang(250), "dua ratus lima puluh")

    def test_thousands(self):
        "Seribu, then the thousands"
        self.assertEqual(terbilang(1000), "seribu")
        self.assertEqual(terbilang(1001), "seribu satu")
        self.assertEqual(terbilang(2500), "dua ribu lima ratus")
        self.assertEqual(terbilang(100_000), "seratus ribu")
        self.assertEqual(
            terbilang(111_000), "seratus sebelas ribu")

    def test_millions(self):
        "The net of a honorarium, juta, miliar and triliun"
        self.assertEqual(
            terbilang(Decimal(1_218_750)),
            "satu juta dua ratus delapan belas ribu tujuh ratus lima puluh")
        self.assertEqual(terbilang(1_000_000), "satu juta")
        self.assertEqual(
            terbilang(2_000_001_000), "dua miliar seribu")
        self.assertEqual(terbilang(10 ** 12), "satu triliun")

    def test_fraction_and_negative(self):
        "The cents are dropped; a negative amount is minus"
        self.assertEqual(terbilang(Decimal('15.75')), "lima belas")
        self.assertEqual(terbilang(-31_250), "minus tiga puluh satu ribu "
            "dua ratus lima puluh")


class HonorariumRulesTestCase(unittest.TestCase):
    "Test the rules of the honoraria and TUK fees"

    def test_event_days(self):
        "An event of one day lasts one day"
        import datetime as dt
        day = dt.date(2026, 3, 2)
        self.assertEqual(event_days(day, day), 1)
        self.assertEqual(event_days(day, day + dt.timedelta(days=1)), 2)
        self.assertEqual(event_days(None, day), 0)

    def test_tuk_fee_quantity(self):
        "Per session one, per candidate the candidates, else nothing"
        self.assertEqual(tuk_fee_quantity('session', 12), 1)
        self.assertEqual(tuk_fee_quantity('candidate', 12), 12)
        self.assertEqual(tuk_fee_quantity('candidate', None), 0)
        self.assertIsNone(tuk_fee_quantity('none', 12))

    def test_has_npwp(self):
        "An NPWP among the identifiers"
        self.assertTrue(has_npwp(['id_nik', 'id_vat']))
        self.assertTrue(has_npwp(['id_npwp']))
        self.assertFalse(has_npwp(['id_nik']))
        self.assertFalse(has_npwp([]))


class LSPKeuanganTestCase(
        WorkQueueTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test the LSP finance module"
    module = 'lsp_keuangan'

    @with_transaction()
    def test_tax_template_pph_values(self):
        "The PPh fields of a tax template are copied to its tax"
        pool = Pool()
        TaxTemplate = pool.get('account.tax.template')
        Tax = pool.get('account.tax')
        common = {
            'name': "PPh 21 Bukan Pegawai",
            'description': "PPh 21 Bukan Pegawai",
            'sequence': None, 'amount': None, 'rate': Decimal('-0.025'),
            'type': 'percentage', 'start_date': None, 'end_date': None,
            'update_unit_price': False, 'legal_notice': None,
            'active': True, 'group': None,
            'lsp_pph_method': 'pasal17',
            'lsp_pph_dpp_ratio': Decimal('0.5'),
            'lsp_pph_surcharge': Decimal(1),
            }
        template = TaxTemplate(id=1, **common)

        value = template._get_tax_value()
        self.assertEqual(value['lsp_pph_method'], 'pasal17')
        self.assertEqual(value['lsp_pph_dpp_ratio'], Decimal('0.5'))
        self.assertEqual(value['lsp_pph_surcharge'], Decimal(1))

        tax = Tax(template=template, **common)
        self.assertEqual(template._get_tax_value(tax=tax), {})

        tax.lsp_pph_surcharge = Decimal('1.2')
        self.assertEqual(
            template._get_tax_value(tax=tax),
            {'lsp_pph_surcharge': Decimal(1)})


del ModuleTestCase
