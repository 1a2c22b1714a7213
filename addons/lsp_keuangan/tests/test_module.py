# This file is part of the LSP Perkoperasian Indonesia ERP.
import unittest
from decimal import Decimal

from trytond.modules.company.tests import CompanyTestMixin
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

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


class LSPKeuanganTestCase(CompanyTestMixin, ModuleTestCase):
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
