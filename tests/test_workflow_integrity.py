# This file is part of the LSP Perkoperasian Indonesia ERP.
"""No client call moves a record past its workflow.

Through JSON-RPC, as the demo users, on a copy of the demo database: for
every LSP model with a workflow (from the registry, so that a new model is
covered without editing this test), every role that may write or create the
model tries to set the state and each field the workflow stamps, and is
refused with the Indonesian message; nothing changes; the buttons still
work for the roles they belong to. For every line model with a parent
lock, creating, changing and deleting a line of a locked parent is
refused."""
import datetime as dt
import unittest
from decimal import Decimal

from .server import DEMO_LOGINS, RPCError, Server

#: the demo users, one per role
LOGINS = DEMO_LOGINS
#: what the refusals of the workflow fields say, and those of a field
#: nobody may write (field access)
WORKFLOW_WORDS = 'alur kerja'
FIELD_ACCESS_WORDS = 'tidak diizinkan'


class WorkflowIntegrityTestCase(unittest.TestCase):
    "Test that only the workflow writes the state and the stamps"

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.registry = cls.server.registry()
        cls.sessions = {l: cls.server.login(l) for l in LOGINS}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def access(self, session, model):
        return session.call('ir.model.access', 'get_access', [model])[model]

    def other_value(self, session, model, name, type_, current):
        "Return a value of the field name differing from current"
        if type_ in {'selection', 'multiselection'}:
            field = session.call(model, 'fields_get', [name])[name]
            keys = [k for k, _ in field['selection'] if k]
            others = [k for k in keys if k != current]
            return [others[0]] if type_ == 'multiselection' else others[0]
        if type_ == 'many2one':
            field = session.call(model, 'fields_get', [name])[name]
            ids = [r['id'] for r in session.call(
                    field['relation'], 'search_read', [], 0, 5, None, ['id'])]
            others = [i for i in ids if i != current]
            return others[0] if others else 1
        if type_ in {'one2many', 'many2many'}:
            return [['create', [{}]]]
        if type_ == 'date':
            return dt.date(2001, 2, 3)
        if type_ in {'datetime', 'timestamp'}:
            return dt.datetime(2001, 2, 3, 4, 5, 6)
        if type_ in {'integer', 'biginteger'}:
            return (current or 0) + 7
        if type_ in {'numeric', 'float'}:
            return Decimal('7')
        if type_ == 'boolean':
            return not current
        if type_ == 'binary':
            return b'Diubah lewat RPC'
        return 'Diubah lewat RPC'

    def assert_refused(self, call, *labels):
        """Assert the call is refused by the workflow, or by the field
        access, naming the fields labels"""
        with self.assertRaises(RPCError) as cm:
            call()
        message = cm.exception.message
        self.assertTrue(
            WORKFLOW_WORDS in message or FIELD_ACCESS_WORDS in message,
            message)
        for label in labels:
            self.assertIn(label, message)
        return message

    def test_every_workflow_is_protected(self):
        "Every LSP model with a workflow uses the integrity mechanism"
        self.assertFalse(self.registry['unprotected'])
        self.assertGreaterEqual(len(self.registry['workflows']), 16)

    def test_workflow_fields_refused_from_clients(self):
        "No role writes or creates the state or the stamps of a workflow"
        checked = set()
        for model, info in sorted(self.registry['workflows'].items()):
            for login, session in self.sessions.items():
                access = self.access(session, model)
                if access['write']:
                    if self.check_write(session, model, info):
                        checked.add(model)
                if access['create']:
                    self.check_create(session, model, info)
        # every workflow model has a demo record a role may write
        self.assertEqual(
            set(self.registry['workflows']) - checked, set())

    def check_write(self, session, model, info):
        "Try to write each workflow field of a record of model as session"
        names = sorted(info['fields'])
        records = session.call(
            model, 'search_read', [], 0, 1, None, names + ['rec_name'])
        if not records:
            return False
        record = records[0]
        labels = session.call(model, 'fields_get', names)
        for name in names:
            type_ = info['fields'][name]
            current = record[name]
            value = self.other_value(session, model, name, type_, current)
            with self.subTest(model=model, login=session.login, field=name):
                self.assert_refused(
                    lambda: session.call(
                        model, 'write', [record['id']], {name: value}),
                    labels[name]['string'])
                after, = session.call(
                    model, 'read', [record['id']], [name])
                self.assertEqual(after[name], current)
        return True

    def check_create(self, session, model, info):
        "Try to create a record of model with a workflow field set"
        names = sorted(info['fields'])
        labels = session.call(model, 'fields_get', names)
        defaults = session.call(model, 'default_get', names, False)
        count = session.call(model, 'search_count', [])
        for name in names:
            value = self.other_value(
                session, model, name, info['fields'][name],
                defaults.get(name))
            with self.subTest(
                    model=model, login=session.login, field=name,
                    mode='create'):
                self.assert_refused(
                    lambda: session.call(model, 'create', [{name: value}]),
                    labels[name]['string'])
        self.assertEqual(session.call(model, 'search_count', []), count)

    def test_buttons_still_work(self):
        "For every workflow, a button clicked by its role still works"
        worked = set()
        for model in sorted(self.registry['workflows']):
            buttons = self.sessions['lsp_admin'].call(
                'ir.model.button', 'search_read',
                [('model', '=', model)], 0, None, None,
                ['name', 'groups'])
            for button in buttons:
                if model in worked:
                    break
                for login, session in self.sessions.items():
                    groups = set(session.context.get('groups', []))
                    if button['groups'] and not groups & set(
                            button['groups']):
                        continue
                    if self.click_one(session, model, button):
                        worked.add(model)
                        break
        self.assertEqual(set(self.registry['workflows']) - worked, set())

    def click_one(self, session, model, button):
        """Click button on a record of model as session; tell whether one
        click succeeded"""
        try:
            records = session.call(
                model, 'search', [], 0, 10, [('id', 'DESC')])
        except RPCError:
            return False
        for record in records:
            try:
                session.call(model, button['name'], [record])
            except RPCError:
                continue
            return True
        return False

    def test_lines_of_locked_parents_refused(self):
        "No line of a locked parent is created, changed or deleted"
        session = self.sessions['lsp_admin']
        checked = set()
        for model, info in sorted(self.registry['lines'].items()):
            parent_field = info['parent_field']
            domain = [(parent_field + '.state', 'not in', info['open_states'])]
            try:
                lines = session.call(
                    model, 'search_read', domain, 0, 1, None, [parent_field])
            except RPCError as error:
                # a relation table without view is not reachable by the
                # clients, only through its parent's field
                self.assertEqual(error.kind, 'HTTP 403')
                continue
            if not lines:
                continue
            line = lines[0]
            parent_id = line[parent_field]
            parent, = session.call(
                info['parent'], 'read', [parent_id], ['state'])
            kept = set(info['state_fields'].get(parent['state'], []))
            fields = session.call(model, 'fields_get', [])
            with self.subTest(model=model, mode='delete'):
                with self.assertRaises(RPCError):
                    session.call(model, 'delete', [line['id']])
                self.assertEqual(
                    session.call(model, 'search_count',
                        [('id', '=', line['id'])]), 1)
            changed = self.changeable_field(fields, parent_field, kept)
            if changed:
                name, type_ = changed
                current, = session.call(model, 'read', [line['id']], [name])
                value = self.other_value(
                    session, model, name, type_, current[name])
                with self.subTest(model=model, mode='write', field=name):
                    with self.assertRaises(RPCError):
                        session.call(
                            model, 'write', [line['id']], {name: value})
            count = session.call(
                model, 'search_count', [(parent_field, '=', parent_id)])
            values = self.line_values(
                session, model, fields, parent_field, parent_id, line['id'])
            with self.subTest(model=model, mode='create'):
                with self.assertRaises(RPCError):
                    session.call(model, 'create', [values])
            self.assertEqual(session.call(
                    model, 'search_count', [(parent_field, '=', parent_id)]),
                count)
            checked.add(model)
        # the demo has a locked parent for most line models
        self.assertGreaterEqual(len(checked), 10, sorted(checked))

    def changeable_field(self, fields, parent_field, kept):
        "Return a stored field of a line that a locked parent keeps"
        for name, field in sorted(fields.items()):
            if (name in kept or name == parent_field
                    or name in {'id', 'rec_name'}
                    or field.get('readonly') and field['type'] != 'many2one'
                    or field.get('searchable') is False
                    or name.startswith(('create_', 'write_'))
                    or field['type'] in {
                        'one2many', 'many2many', 'binary', 'dict'}):
                continue
            if field.get('function'):
                continue
            return name, field['type']

    def line_values(
            self, session, model, fields, parent_field, parent_id, line_id):
        "Return the values of a new line like line_id under parent_id"
        names = [n for n, f in fields.items()
            if not f.get('readonly') and n not in {'id', 'rec_name'}
            and not n.startswith(('create_', 'write_'))
            and f['type'] not in {'one2many', 'many2many', 'binary'}
            and not f.get('function')]
        line, = session.call(model, 'read', [line_id], names)
        values = {n: line[n] for n in names if line[n] is not None}
        values[parent_field] = parent_id
        # another target for the other relations, against the unique
        # constraints
        siblings = session.call(
            model, 'search_read', [(parent_field, '=', parent_id)],
            0, None, None, names)
        for name in names:
            field = fields[name]
            if field['type'] != 'many2one' or name == parent_field:
                continue
            used = {s[name] for s in siblings}
            ids = session.call(
                field['relation'], 'search', [], 0, 50, None)
            free = [i for i in ids if i not in used]
            if free:
                values[name] = free[0]
        values.pop('id', None)
        return values
