# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
import math
from collections import Counter

from trytond import backend
from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

from lsp_base.tests.tools import ListViewTestMixin, WorkQueueTestMixin
from lsp_sertifikasi.certificate import (
    TOKEN_LENGTH, expiry_date, is_token, mask_nik, new_token, public_state,
    renewal_reminder_stage)
from lsp_sertifikasi.surveillance import (
    is_overdue, request_date, surveillance_dates)
from lsp_sertifikasi.blanko import (
    parse_code_map, read_answer_rows, serial_range)
from lsp_sertifikasi.bnsp_report import period_range, periods_ended
from lsp_sertifikasi.status_decision import (
    suggested_suspension_end, suspension_limit, units_left)
from lsp_sertifikasi.application import (
    in_recertification_window, recertification_window, renewable_state,
    renews_same_holder, renews_same_scheme)


def create_scheme(code='SSK.01', validity_years=3):
    "Create an active scheme with two units"
    pool = Pool()
    Sector = pool.get('lsp.sector')
    Standard = pool.get('lsp.standard')
    Scheme = pool.get('lsp.scheme')
    sector, = Sector.search([('code', '=', 'KSP')])
    standard, = Standard.create([{
                'reference': "Standar %s" % code,
                'title': "Standar %s" % code,
                'sector': sector.id,
                'units': [('create', [
                            {'code': '%s.U1' % code, 'title': "Unit 1"},
                            {'code': '%s.U2' % code, 'title': "Unit 2"},
                            ])],
                }])
    scheme, = Scheme.create([{
                'code': code,
                'name': "Skema %s" % code,
                'sector': sector.id,
                'validity_years': validity_years,
                'units': [('create', [
                            {'unit': u.id} for u in standard.units])],
                }])
    Scheme.write([scheme], {'state': 'active'})
    return scheme


def create_holder(name="Budi Santoso"):
    Party = Pool().get('party.party')
    party, = Party.create([{'name': name}])
    return party


#: a man born on 15 August 1990 and a woman born on 3 February 2001
NIK_MAN = '3201011508900001'
NIK_WOMAN = '3271044302010002'


class LspSertifikasiTestCase(
        ListViewTestMixin, WorkQueueTestMixin, CompanyTestMixin,
        ModuleTestCase):
    "Test LSP Sertifikasi module"
    module = 'lsp_sertifikasi'

    def test_recertification_window(self):
        "The window opens the given months before the expiry and ends on it"
        expiry = dt.date(2027, 8, 31)
        self.assertEqual(
            recertification_window(expiry, 6),
            (dt.date(2027, 2, 28), expiry))
        for today, inside in [
                (dt.date(2027, 2, 27), False),
                (dt.date(2027, 2, 28), True),
                (dt.date(2027, 6, 1), True),
                (expiry, True),
                (dt.date(2027, 9, 1), False),
                ]:
            with self.subTest(today=today):
                self.assertEqual(
                    in_recertification_window(today, expiry, 6), inside)

    def test_surveillance_dates(self):
        "The surveillance falls every interval after the issue, before expiry"
        issue, expiry = dt.date(2026, 1, 15), dt.date(2029, 1, 15)
        self.assertEqual(
            surveillance_dates(issue, expiry, 12),
            [dt.date(2027, 1, 15), dt.date(2028, 1, 15)])
        self.assertEqual(len(surveillance_dates(issue, expiry, 6)), 5)
        self.assertEqual(surveillance_dates(issue, expiry, 36), [])
        self.assertEqual(surveillance_dates(issue, expiry, 0), [])
        # the end of a month stays the end of the month
        self.assertEqual(
            surveillance_dates(
                dt.date(2026, 8, 31), dt.date(2027, 8, 31), 6),
            [dt.date(2027, 2, 28)])

    def test_surveillance_request_and_overdue(self):
        "A surveillance is requested 30 days before, overdue past the grace"
        due = dt.date(2027, 1, 15)
        self.assertEqual(request_date(due), dt.date(2026, 12, 16))
        self.assertFalse(is_overdue(due, 30, dt.date(2027, 2, 14)))
        self.assertTrue(is_overdue(due, 30, dt.date(2027, 2, 15)))
        self.assertFalse(is_overdue(due, 0, due))
        self.assertTrue(is_overdue(due, None, dt.date(2027, 1, 16)))

    def test_renewal_reminder_stage(self):
        "The holder is reminded at the window, then one month before expiry"
        expiry = dt.date(2029, 1, 15)
        for today, sent, stage in [
                (dt.date(2028, 7, 14), 'none', None),
                (dt.date(2028, 7, 15), 'none', 'window'),
                (dt.date(2028, 7, 16), 'window', None),
                (dt.date(2028, 12, 15), 'window', 'month'),
                (dt.date(2028, 12, 15), 'none', 'month'),
                (dt.date(2028, 12, 20), 'month', None),
                (dt.date(2029, 1, 16), 'window', None),
                ]:
            with self.subTest(today=today, sent=sent):
                self.assertEqual(
                    renewal_reminder_stage(expiry, 6, today, sent), stage)
        # a window of one month or less sends the last reminder only
        self.assertEqual(
            renewal_reminder_stage(expiry, 1, dt.date(2028, 12, 15), 'none'),
            'month')

    def test_renews_same_holder(self):
        "A recertification renews a certificate of its own candidate"
        self.assertTrue(renews_same_holder(7, 7))
        self.assertFalse(renews_same_holder(7, 8))

    def test_renews_same_scheme(self):
        "A recertification is for the scheme or one of its later versions"
        self.assertTrue(renews_same_scheme(1, 1, []))
        self.assertTrue(renews_same_scheme(3, 1, [2, 3]))
        self.assertFalse(renews_same_scheme(4, 1, [2, 3]))
        # an earlier version is not a successor
        self.assertFalse(renews_same_scheme(1, 2, [3]))

    def test_renewable_state(self):
        "Only an active or suspended certificate is renewed"
        self.assertEqual(
            {s for s in ['active', 'suspended', 'withdrawn', 'expired',
                    'renewed'] if renewable_state(s)},
            {'active', 'suspended'})

    def test_token_length_and_charset(self):
        "A token is 32 URL-safe characters carrying 192 random bits"
        tokens = [new_token() for _ in range(2000)]
        self.assertTrue(all(len(t) == TOKEN_LENGTH for t in tokens))
        self.assertTrue(all(is_token(t) for t in tokens))
        self.assertEqual(len(set(tokens)), len(tokens))
        # 6 bits per character: 32 characters hold 192 bits >= 128
        self.assertGreaterEqual(TOKEN_LENGTH * 6, 128)

    def test_token_entropy(self):
        "Every token character is used about equally often"
        counts = Counter(''.join(new_token() for _ in range(2000)))
        total = sum(counts.values())
        entropy = -sum(
            c / total * math.log2(c / total) for c in counts.values())
        self.assertEqual(len(counts), 64)
        self.assertGreater(entropy, 5.95)

    def test_is_token_refuses_malformed(self):
        "Tokens of the wrong length or characters are refused"
        for value in [
                None, '', 'a' * 31, 'a' * 33, 'a' * 31 + '/',
                'a' * 31 + '.', "a' OR 1=1 --" + 'a' * 20, 'é' * 32]:
            with self.subTest(value=value):
                self.assertFalse(is_token(value))
        self.assertTrue(is_token('Az09_-' + 'x' * 26))

    def test_expiry_date(self):
        "The expiry date is the issue date plus the validity in years"
        self.assertEqual(
            expiry_date(dt.date(2026, 3, 15), 3), dt.date(2029, 3, 15))
        self.assertEqual(
            expiry_date(dt.date(2024, 2, 29), 3), dt.date(2027, 2, 28))
        self.assertEqual(
            expiry_date(dt.date(2024, 2, 29), 4), dt.date(2028, 2, 29))

    def test_suspension_limit(self):
        "A suspension lasts the months of the scheme at most, or no limit"
        start = dt.date(2026, 1, 31)
        self.assertEqual(suspension_limit(start, 6), dt.date(2026, 7, 31))
        self.assertEqual(suspension_limit(start, 1), dt.date(2026, 2, 28))
        self.assertIsNone(suspension_limit(start, None))
        self.assertIsNone(suspension_limit(None, 6))

    def test_suggested_suspension_end(self):
        "A suggested suspension lasts 3 months, less when the scheme says so"
        start = dt.date(2026, 1, 31)
        self.assertEqual(
            suggested_suspension_end(start, None), dt.date(2026, 4, 30))
        self.assertEqual(
            suggested_suspension_end(start, 12), dt.date(2026, 4, 30))
        self.assertEqual(
            suggested_suspension_end(start, 1), dt.date(2026, 2, 28))

    def test_units_left(self):
        "A scope reduction removes some units of the certificate, not all"
        self.assertEqual(units_left([1, 2, 3], [3]), {1, 2})
        self.assertIsNone(units_left([1, 2, 3], []))
        self.assertIsNone(units_left([1, 2, 3], [1, 2, 3]))
        self.assertIsNone(units_left([1, 2], [3]))

    def test_mask_nik(self):
        "Only the last 4 digits of the NIK are shown"
        self.assertEqual(mask_nik('3276014506900002'), '************0002')
        self.assertEqual(mask_nik('3276 0145 0690 0002'), '************0002')
        self.assertEqual(mask_nik('123'), '123')
        self.assertEqual(mask_nik(None), '')
        self.assertEqual(mask_nik(''), '')

    def test_public_state(self):
        "A certificate past its expiry date is shown expired"
        today = dt.date(2026, 6, 1)
        self.assertEqual(
            public_state('active', dt.date(2026, 6, 1), today), 'active')
        self.assertEqual(
            public_state('active', dt.date(2026, 5, 31), today), 'expired')
        self.assertEqual(
            public_state('suspended', dt.date(2026, 5, 31), today),
            'expired')
        self.assertEqual(
            public_state('withdrawn', dt.date(2026, 5, 31), today),
            'withdrawn')

    @with_transaction()
    def test_issue_numbers(self):
        "Issued certificates are numbered in order without gaps"
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        company = create_company()
        with set_company(company):
            scheme = create_scheme('SSK.07')
            holders = [create_holder("Asesi %s" % i) for i in range(3)]
            first, second = Certificate.issue([
                    {'holder': holders[0], 'scheme': scheme,
                        'issue_date': dt.date(2026, 3, 1)},
                    {'holder': holders[1].id, 'scheme': scheme.id,
                        'issue_date': dt.date(2026, 3, 1)},
                    ])
            third, = Certificate.issue([{
                        'holder': holders[2], 'scheme': scheme,
                        'issue_date': dt.date(2027, 1, 4),
                        'units': [scheme.units[0].unit],
                        }])
        self.assertEqual(
            [first.number, second.number, third.number],
            ['LSPPI/SSK.07/2026/00001', 'LSPPI/SSK.07/2026/00002',
                'LSPPI/SSK.07/2027/00003'])
        self.assertEqual(first.expiry_date, dt.date(2029, 3, 1))
        self.assertEqual(first.scheme_version, 1)
        self.assertEqual(len(first.units), 2)
        self.assertEqual(len(third.units), 1)
        self.assertEqual(first.state, 'active')
        self.assertTrue(is_token(first.verification_token))
        self.assertNotEqual(
            first.verification_token, second.verification_token)
        self.assertNotIn(first.number, first.verification_token)

    def check_unique(self, field):
        "Check that the database refuses a repeated value of field"
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        company = create_company()
        with set_company(company):
            scheme = create_scheme()
            first, second = Certificate.issue([
                    {'holder': create_holder(), 'scheme': scheme},
                    {'holder': create_holder("Sari"), 'scheme': scheme},
                    ])
        table = Certificate.__table__()
        cursor = Transaction().connection.cursor()
        with self.assertRaises(backend.DatabaseIntegrityError):
            cursor.execute(*table.update(
                    [getattr(table, field)], [getattr(first, field)],
                    where=table.id == second.id))

    @with_transaction()
    def test_number_unique(self):
        "The database refuses a repeated number"
        self.check_unique('number')

    @with_transaction()
    def test_token_unique(self):
        "The database refuses a repeated verification token"
        self.check_unique('verification_token')

    @with_transaction()
    def test_issue_needs_active_scheme(self):
        "No certificate is issued for a scheme that is not active"
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        Scheme = pool.get('lsp.scheme')
        company = create_company()
        with set_company(company):
            scheme = create_scheme()
            Scheme.write([scheme], {'state': 'retired'})
            with self.assertRaisesRegex(UserError, 'not active'):
                Certificate.issue([
                        {'holder': create_holder(), 'scheme': scheme}])

    @with_transaction()
    def test_issued_certificate_locked(self):
        "Holder, scheme and dates cannot change; BNSP numbers only if active"
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        company = create_company()
        with set_company(company):
            scheme = create_scheme()
            certificate, = Certificate.issue([
                    {'holder': create_holder(), 'scheme': scheme}])
            for values in [
                    {'holder': create_holder("Lain").id},
                    {'issue_date': dt.date(2020, 1, 1)},
                    {'number': 'X'},
                    {'verification_token': new_token()}]:
                with self.subTest(values=values):
                    with self.assertRaisesRegex(AccessError, 'is issued'):
                        Certificate.write([certificate], values)
            Certificate.write([certificate], {
                    'bnsp_registration_number': 'REG-1',
                    'blanko_number': 'B-1',
                    })
            Certificate.withdraw_for([certificate], "Pemalsuan dokumen")
            with self.assertRaisesRegex(AccessError, 'only be changed'):
                Certificate.write([certificate], {'blanko_number': 'B-2'})
            with self.assertRaisesRegex(AccessError, 'cannot be deleted'):
                Certificate.delete([certificate])

    @with_transaction()
    def test_expire(self):
        "The cron expires the certificates past their expiry date"
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        company = create_company()
        with set_company(company):
            scheme = create_scheme(validity_years=1)
            old, suspended, recent = Certificate.issue([
                    {'holder': create_holder(), 'scheme': scheme,
                        'issue_date': dt.date(2020, 1, 1)},
                    {'holder': create_holder(), 'scheme': scheme,
                        'issue_date': dt.date(2020, 1, 1)},
                    {'holder': create_holder(), 'scheme': scheme},
                    ])
            Certificate.suspend_for([suspended], "Surveilans")
            expired = Certificate.expire()
        self.assertEqual(set(expired), {old, suspended})
        self.assertEqual(
            [c.state for c in [old, suspended, recent]],
            ['expired', 'expired', 'active'])

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
        for nik in [
                '320101150890000A', '3201-11508900001', '３201011508900001']:
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

    def test_parse_code_map(self):
        "The code table of a template column is one value=code a line"
        self.assertEqual(
            parse_code_map("male = L\nfemale=P\n\nno code\nx=a=b"),
            {'male': 'L', 'female': 'P', 'x': 'a=b'})
        self.assertEqual(parse_code_map(None), {})

    def test_serial_range(self):
        "A range of blanko serials keeps the prefix and the width"
        self.assertEqual(
            serial_range('BNSP0098', 'BNSP0101'),
            ['BNSP0098', 'BNSP0099', 'BNSP0100', 'BNSP0101'])
        self.assertEqual(serial_range('7', '7'), ['7'])
        self.assertIsNone(serial_range('A001', 'B003'))
        self.assertIsNone(serial_range('A003', 'A001'))
        self.assertIsNone(serial_range('ABC', 'ABD'))
        self.assertIsNone(serial_range(None, 'A1'))

    def test_read_answer_rows(self):
        "BNSP's answer rows are read by NIK or line number, cells checked"
        rows = read_answer_rows([
                (1, NIK_MAN, 'REG-1', 'B001'),
                (None, None, None, None),
                (2.0, None, ' REG-2 ', 'B002'),
                ])
        self.assertEqual([(r['row'], r['line'], r['nik'], r['registration'],
                    r['blanko']) for r in rows], [
                (2, 1, NIK_MAN, 'REG-1', 'B001'),
                (4, 2, None, 'REG-2', 'B002')])
        for row, error in [
                (('x', NIK_MAN, 'R', 'B'), (2, 'A', 'line')),
                ((1, '123', 'R', 'B'), (2, 'B', 'nik')),
                ((None, None, 'R', 'B'), (2, 'A', 'identity')),
                ((1, None, None, 'B'), (2, 'C', 'empty')),
                ((1, None, 'R'), (2, 'D', 'empty')),
                ]:
            with self.subTest(row=row):
                with self.assertRaises(ValueError) as context:
                    read_answer_rows([row])
                self.assertEqual(context.exception.args, error)

    def test_period_range(self):
        "A BNSP report covers a month, a quarter or a year"
        date = dt.date(2026, 8, 15)
        self.assertEqual(period_range('month', date),
            (dt.date(2026, 8, 1), dt.date(2026, 8, 31)))
        self.assertEqual(period_range('month', dt.date(2028, 2, 3)),
            (dt.date(2028, 2, 1), dt.date(2028, 2, 29)))
        self.assertEqual(period_range('quarter', date),
            (dt.date(2026, 7, 1), dt.date(2026, 9, 30)))
        self.assertEqual(period_range('year', date),
            (dt.date(2026, 1, 1), dt.date(2026, 12, 31)))

    def test_periods_ended(self):
        "The cron generates the periods that ended the day before"
        self.assertEqual(periods_ended(dt.date(2026, 5, 2)), [])
        self.assertEqual(periods_ended(dt.date(2026, 5, 1)),
            [('month', dt.date(2026, 4, 30))])
        self.assertEqual(periods_ended(dt.date(2026, 7, 1)), [
                ('month', dt.date(2026, 6, 30)),
                ('quarter', dt.date(2026, 6, 30))])
        self.assertEqual(periods_ended(dt.date(2027, 1, 1)), [
                ('month', dt.date(2026, 12, 31)),
                ('quarter', dt.date(2026, 12, 31)),
                ('year', dt.date(2026, 12, 31))])

    @with_transaction()
    def test_bnsp_report_cron(self):
        "The cron generates each ended period once and e-mails it"
        from unittest.mock import patch
        pool = Pool()
        BnspReport = pool.get('lsp.bnsp.report')
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        company = create_company()
        with set_company(company):
            kepala, = User.create([{
                        'login': 'kepala', 'name': "Kepala",
                        'email': 'kepala@lsp.example',
                        'groups': [('add', [ModelData.get_id(
                                        'lsp_base', 'group_kepala')])],
                        }])
            with patch('lsp_base.tools.send_message_transactional') as send:
                self.assertEqual(
                    BnspReport.generate_periodic(dt.date(2026, 7, 2)), [])
                reports = BnspReport.generate_periodic(dt.date(2026, 7, 1))
                self.assertEqual(
                    sorted((r.period_kind, r.start_date, r.end_date, r.state)
                        for r in reports), [
                        ('month', dt.date(2026, 6, 1), dt.date(2026, 6, 30),
                            'generated'),
                        ('quarter', dt.date(2026, 4, 1),
                            dt.date(2026, 6, 30), 'generated')])
                self.assertEqual(send.call_count, 2)
                message = send.call_args[0][0]
                self.assertIn('kepala@lsp.example', message['To'])
                attachment, = list(message.iter_attachments())
                self.assertTrue(
                    attachment.get_filename().endswith('.xlsx'))
                self.assertEqual(
                    BnspReport.generate_periodic(dt.date(2026, 7, 1)), [])
                self.assertEqual(send.call_count, 2)


del ModuleTestCase
