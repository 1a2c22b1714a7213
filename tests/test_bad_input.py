# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Malformed calls get a clear Indonesian answer and write nothing.

Through JSON-RPC on a copy of the demo database, as the Direktur
Sertifikasi: values of the wrong type, out of the range of the column,
with NUL characters or lone surrogates, text that is not a date, malformed
domains and orders. Each answer is a UserError naming what is wrong (not
an unexpected exception, which sao shows as "Application Error"), the same
on SQLite and PostgreSQL, and nothing is written."""
import datetime as dt
import unittest
from decimal import Decimal

from .server import RPCError, Server

NAN = float('nan')


class BadInputTestCase(unittest.TestCase):
    "Test the answers to malformed calls"

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.session = cls.server.login('direktur_sertifikasi')
        session = cls.session
        scheme, = session.call(
            'lsp.scheme', 'search', [('state', '=', 'active')], 0, 1, None)
        tuk, = session.call(
            'lsp.tuk', 'search', [('state', '=', 'active')], 0, 1, None)
        assessor, = session.call('lsp.assessor', 'search', [], 0, 1, None)
        today = dt.date.today()
        cls.event = {
            'scheme': scheme, 'tuk': tuk, 'quota': 10, 'funding': 'mandiri',
            'start_date': today + dt.timedelta(days=40),
            'end_date': today + dt.timedelta(days=41),
            }
        cls.contract = {
            'assessor': assessor, 'start_date': today,
            'end_date': today + dt.timedelta(days=30),
            'rate_day': Decimal(500000), 'rate_candidate': Decimal(25000),
            'rate_tuk_verification': Decimal(0),
            }
        cls.party = {'name': "Asesi Uji Masukan"}
        cls.candidate, = session.call(
            'party.party', 'search', [('nik', '!=', None)], 0, 1, None)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def assert_refused(self, call, *words):
        "Assert call answers a UserError containing words"
        with self.assertRaises(RPCError) as cm:
            call()
        error = cm.exception
        self.assertEqual(error.kind, 'UserError', error)
        for word in words:
            self.assertIn(word, error.message)
        return error.message

    def assert_create_refused(self, model, values, field, value, *words):
        count = self.session.call(model, 'search_count', [])
        self.assert_refused(
            lambda: self.session.call(
                model, 'create', [{**values, field: value}]),
            *words)
        self.assertEqual(self.session.call(model, 'search_count', []), count)

    def label(self, model, field):
        return self.session.call(
            model, 'fields_get', [field])[field]['string']

    def test_wrong_types(self):
        "Values of the wrong type are refused naming the field"
        cases = [
            ('lsp.assessment.event', self.event, 'quota', 'sepuluh'),
            ('lsp.assessment.event', self.event, 'quota', NAN),
            ('lsp.assessment.event', self.event, 'quota', 1.5),
            ('lsp.assessment.event', self.event, 'start_date', 'besok'),
            ('lsp.assessment.event', self.event, 'start_date', 20260101),
            ('lsp.assessment.event', self.event, 'tuk', 'satu'),
            ('lsp.assessment.event', self.event, 'notes', ['teks']),
            ('lsp.assessor.contract', self.contract, 'rate_day', 'mahal'),
            ('lsp.assessor.contract', self.contract, 'rate_day', NAN),
            ('party.party', self.party, 'nik', 3201011508900099),
            ('party.party', self.party, 'birth_date', '15-08-1990'),
            ('party.party', self.party, 'name', 42),
            ]
        for model, values, field, value in cases:
            with self.subTest(model=model, field=field, value=value):
                self.assert_create_refused(
                    model, values, field, value, self.label(model, field))

    def test_out_of_range(self):
        "Integers beyond the column (int4) are refused on both databases"
        for model, values, field, value in [
                ('lsp.assessment.event', self.event, 'quota', 2 ** 31),
                ('lsp.assessment.event', self.event, 'quota', -2 ** 31 - 1),
                ('lsp.assessment.event', self.event, 'tuk', 2 ** 40),
                ]:
            with self.subTest(field=field, value=value):
                self.assert_create_refused(
                    model, values, field, value, self.label(model, field))

    def test_bad_characters(self):
        "NUL characters and lone surrogates are refused in text"
        for value in ['Asesi\x00Uji', 'Asesi \ud800 Uji']:
            with self.subTest(value=repr(value)):
                self.assert_create_refused(
                    'party.party', {}, 'name', value,
                    self.label('party.party', 'name'))
        name, = self.session.call(
            'party.party', 'read', [self.candidate], ['name'])
        with self.subTest(mode='write'):
            self.assert_refused(lambda: self.session.call(
                    'party.party', 'write', [self.candidate],
                    {'name': 'Nama\x00Baru'}))
            self.assertEqual(self.session.call(
                    'party.party', 'read', [self.candidate], ['name']),
                [name])

    def test_unknown_field(self):
        "Values of a field that does not exist are refused"
        self.assert_create_refused(
            'party.party', self.party, 'no_such_field', 1, 'no_such_field')

    def test_malformed_domains(self):
        "Malformed domains answer a clear error"
        for domain in [
                [('no_such_field', '=', 1)],
                [('employer.no_such_field', '=', 1)],
                [('name', '~~', 'x')],
                [('name',)],
                [('name', 'in', 'x')],
                'not a domain',
                [42],
                ]:
            with self.subTest(domain=domain):
                self.assert_refused(lambda: self.session.call(
                        'party.party', 'search_read', domain, 0, 10, None,
                        ['name']))
                self.assert_refused(lambda: self.session.call(
                        'party.party', 'search_count', domain))

    def test_malformed_orders(self):
        "Malformed orders answer a clear error"
        for order in [
                [('no_such_field', 'ASC')],
                [('name', 'SIDEWAYS')],
                'name',
                [42],
                ]:
            with self.subTest(order=order):
                self.assert_refused(lambda: self.session.call(
                        'party.party', 'search', [], 0, 10, order))

    def test_malformed_limits(self):
        "Offsets and limits that are not whole numbers are refused"
        for offset, limit in [('nol', 10), (0, 'sepuluh'), (-1, 10)]:
            with self.subTest(offset=offset, limit=limit):
                self.assert_refused(lambda: self.session.call(
                        'party.party', 'search', [], offset, limit, None))
