# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt

from trytond.model.exceptions import ValidationError
from lsp_base.tests.tools import ListViewTestMixin

from trytond.modules.company.tests import CompanyTestMixin
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

#: a man born on 15 August 1990 and a woman born on 3 February 2001
NIK_MAN = '3201011508900001'
NIK_WOMAN = '3271044302010002'


class LspSertifikasiTestCase(
        ListViewTestMixin, CompanyTestMixin, ModuleTestCase):
    "Test LSP Sertifikasi module"
    module = 'lsp_sertifikasi'

    def test_nik_valid(self):
        "Well-formed NIKs agreeing with birth date and gender are accepted"
        from lsp_sertifikasi.party import nik_error
        self.assertIsNone(nik_error(NIK_MAN))
        self.assertIsNone(nik_error(NIK_MAN, dt.date(1990, 8, 15), 'male'))
        self.assertIsNone(
            nik_error(NIK_WOMAN, dt.date(2001, 2, 3), 'female'))

    def test_nik_length(self):
        "A NIK has exactly 16 digits"
        from lsp_sertifikasi.party import nik_error
        for nik in [NIK_MAN[:15], NIK_MAN + '1', '']:
            self.assertEqual(
                nik_error(nik), 'lsp_sertifikasi.msg_nik_length', nik)

    def test_nik_digits(self):
        "A NIK has only digits"
        from lsp_sertifikasi.party import nik_error
        for nik in ['320101150890000A', '3201-11508900001', '３201011508900001']:
            self.assertEqual(
                nik_error(nik), 'lsp_sertifikasi.msg_nik_digits', nik)

    def test_nik_date(self):
        "Digits 7-12 of a NIK are a date, the day plus 40 for women"
        from lsp_sertifikasi.party import nik_error
        for nik in [
                '3201013208900001',  # day 32
                '3201017208900001',  # day 72 (32 for a woman)
                '3201010008900001',  # day 0
                '3201011513900001',  # month 13
                '3201013102900001',  # 31 February
                '3201012902010001',  # 29 February 1901 or 2001
                ]:
            self.assertEqual(
                nik_error(nik), 'lsp_sertifikasi.msg_nik_date', nik)
        # 29 February 2000
        self.assertIsNone(nik_error('3201012902000001'))

    def test_nik_birth_date(self):
        "The birth date in a NIK agrees with the birth date of the party"
        from lsp_sertifikasi.party import nik_error
        for birth_date in [
                dt.date(1990, 8, 16), dt.date(1990, 9, 15),
                dt.date(1991, 8, 15)]:
            self.assertEqual(
                nik_error(NIK_MAN, birth_date),
                'lsp_sertifikasi.msg_nik_birth_date', birth_date)
        self.assertIsNone(nik_error(NIK_MAN, dt.date(1890, 8, 15)))

    def test_nik_gender(self):
        "The day of a woman's NIK has 40 added, a man's has not"
        from lsp_sertifikasi.party import nik_error
        self.assertEqual(
            nik_error(NIK_MAN, gender='female'),
            'lsp_sertifikasi.msg_nik_gender')
        self.assertEqual(
            nik_error(NIK_WOMAN, gender='male'),
            'lsp_sertifikasi.msg_nik_gender')
        # the birth date of a woman is compared without the 40
        self.assertEqual(
            nik_error(NIK_WOMAN, dt.date(2001, 2, 3), 'male'),
            'lsp_sertifikasi.msg_nik_gender')

    def test_recommendation(self):
        "K only if every unit is K, none while a unit has no result"
        from lsp_sertifikasi.assessment import recommendation
        self.assertEqual(recommendation(['k', 'k', 'k']), 'k')
        self.assertEqual(recommendation(['k', 'bk', 'k']), 'bk')
        self.assertEqual(recommendation(['bk']), 'bk')
        self.assertIsNone(recommendation(['k', None]))
        self.assertIsNone(recommendation(['bk', None]))
        self.assertIsNone(recommendation([]))

    @with_transaction()
    def test_party_nik_validated(self):
        "A party is saved only with a valid NIK"
        Party = Pool().get('party.party')
        with self.assertRaisesRegex(ValidationError, 'exactly 16 digits'):
            Party.create([{'name': "Budi", 'nik': '123'}])
        party, = Party.create([{
                    'name': "Siti", 'nik': NIK_WOMAN, 'gender': 'female',
                    'birth_date': dt.date(2001, 2, 3)}])
        with self.assertRaisesRegex(ValidationError, 'birth date'):
            Party.write([party], {'birth_date': dt.date(2001, 2, 4)})

    @with_transaction()
    def test_party_nik_gender_validated(self):
        "A party is saved only with a NIK matching the gender"
        Party = Pool().get('party.party')
        with self.assertRaisesRegex(ValidationError, 'gender'):
            Party.create([{
                        'name': "Budi", 'nik': NIK_WOMAN,
                        'gender': 'male'}])

    @with_transaction()
    def test_party_nik_unique(self):
        "A NIK belongs to one party"
        Party = Pool().get('party.party')
        budi, = Party.create([{'name': "Budi", 'nik': NIK_MAN}])
        # parties without NIK are not candidates and are not concerned
        Party.create([{'name': "Koperasi A"}, {'name': "Koperasi B"}])
        copy, = Party.copy([budi])
        self.assertIsNone(copy.nik)
        with self.assertRaisesRegex(
                ValidationError, 'already registered for candidate "Budi"'):
            Party.create([{'name': "Budi Santoso", 'nik': NIK_MAN}])


del ModuleTestCase
