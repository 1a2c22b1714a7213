# This file is part of the LSP Perkoperasian Indonesia ERP.
"""No call reads what the record rules hide.

Through JSON-RPC on a copy of the demo database, as an assessor, the
Bendahara and a Wakil Kepala: for every record rule of the LSP modules (from
the registry), the records the rule hides from the role stay hidden through
every record-level entry point: read, search, search_count, search_read,
export_data (also along the paths of other models), export_data_domain,
copy, resources, the CSV data route, the reports and the wizards of the
model."""
import json
import unittest
from urllib.parse import urlencode

from .server import RPCError, Server

LOGINS = ['asesor1', 'asesor2', 'bendahara', 'wakil_kepala1']


class RecordRuleTestCase(unittest.TestCase):
    "Test that the record rules hold on every entry point"

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.rules = cls.server.registry()['rules']
        cls.sessions = {l: cls.server.login(l) for l in LOGINS}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def hidden(self, session, model, info):
        "Return the ids of the records of model the rules hide from session"
        try:
            visible = set(session.call(model, 'search', [], 0, None, None))
        except RPCError:
            # no read access to the model at all
            return set()
        return {int(i) for i in info['records']} - visible

    def test_rules_cover_the_demo(self):
        "The demo has records each role is refused by a rule"
        hidden = {(l, m) for l, s in self.sessions.items()
            for m, info in self.rules.items() if self.hidden(s, m, info)}
        models = {m for _, m in hidden}
        for model in ['lsp.assessment', 'lsp.assessor.contract',
                'lsp.tuk.verification', 'lsp.letter']:
            self.assertIn(model, models)
        self.assertGreaterEqual(len(self.rules), 10)

    def test_entry_points(self):
        "The hidden records stay hidden through every call"
        checked = 0
        for login, session in self.sessions.items():
            for model, info in sorted(self.rules.items()):
                hidden = sorted(self.hidden(session, model, info))[:2]
                for record in hidden:
                    with self.subTest(login=login, model=model, id=record):
                        self.check_record(session, model, info, record)
                        checked += 1
        self.assertGreater(checked, 0)

    def assert_refused(self, call):
        with self.assertRaises(RPCError) as cm:
            call()
        self.assertNotIn('Traceback', cm.exception.message)

    def check_record(self, session, model, info, record):
        name = info['records'][str(record)]
        self.assert_refused(
            lambda: session.call(model, 'read', [record], ['rec_name']))
        self.assertEqual(session.call(
                model, 'search', [('id', '=', record)], 0, None, None), [])
        self.assertEqual(session.call(
                model, 'search_count', [('id', '=', record)]), 0)
        self.assertEqual(session.call(
                model, 'search_read', [('id', '=', record)], 0, None, None,
                ['rec_name']), [])
        self.assert_refused(
            lambda: session.call(model, 'export_data', [record],
                ['rec_name']))
        self.assertEqual(session.call(
                model, 'export_data_domain', [('id', '=', record)],
                ['rec_name']), [])
        self.assert_refused(
            lambda: session.call(model, 'copy', [record], {}))
        self.assert_refused(
            lambda: session.call(model, 'resources', [record]))
        self.check_data_route(session, model, record, name)
        for report in info['reports']:
            self.assert_refused(lambda: session.rpc(
                    'report.%s.execute' % report,
                    [[record], {'model': model, 'id': record,
                            'ids': [record]}, session.context]))
        for wizard in info['wizards']:
            self.check_wizard(session, model, wizard, record)
        for other, field in info['references']:
            self.check_path(session, other, field, name)

    def check_data_route(self, session, model, record, name):
        "The CSV route gives nothing of the record"
        query = urlencode({'d': json.dumps([record]), 'f': 'rec_name'})
        response, content = self.server.request(
            'GET', '/%s/data/%s?%s' % (self.server.database, model, query),
            headers={'Cookie': session.cookie})
        self.assertNotEqual(response.status, 200, content)
        self.assertNotIn(name.encode('utf-8'), content)

    def check_wizard(self, session, model, wizard, record):
        "A wizard of the model does not start on the record"
        try:
            session_id, _, _ = session.rpc(
                'wizard.%s.create' % wizard, [session.context])
        except RPCError:
            return
        context = dict(session.context, active_model=model,
            active_id=record, active_ids=[record])
        self.assert_refused(lambda: session.rpc(
                'wizard.%s.execute' % wizard,
                [session_id, {}, 'start', context]))

    def check_path(self, session, model, field, name):
        """Exporting the visible records of model along field gives nothing
        of the hidden record"""
        try:
            ids = session.call(model, 'search', [], 0, 50, None)
        except RPCError:
            return
        if not ids:
            return
        try:
            rows = session.call(
                model, 'export_data', ids, [field + '/rec_name'])
        except RPCError:
            return
        self.assertNotIn(name, {str(v) for row in rows for v in row})
