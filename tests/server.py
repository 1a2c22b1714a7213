# This file is part of the LSP Perkoperasian Indonesia ERP.
"""A real trytond server on a copy of the demo database, for the tests

The demo database is made once per test process with the README's commands
(``./lsp.sh init-db`` and ``./lsp.sh load-demo``) on the database server of
the test run (TRYTOND_DATABASE_URI); each test class gets a copy of it
served by ``./lsp.sh serve`` on a free port and talks JSON-RPC to it as the
demo users do.

    python -m tests.server registry DATABASE

prints, as JSON, what the registry of DATABASE says of the workflows and
the line locks of the LSP modules (run in a process of its own so that the
configuration of the test process does not change).
"""
import atexit
import base64
import datetime as dt
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal

from .tools import ROOT, postgresql_admin_connection

sys.path.insert(0, ROOT)
from demo.base import USERS  # noqa: E402
from demo.tools import DEMO_PASSWORD  # noqa: E402

#: the logins of the demo users, one per role (README, "Demo logins")
DEMO_LOGINS = [login for login, *_ in USERS]

LSP_SH = os.path.join(ROOT, 'lsp.sh')

_demo = {}


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def backend_uri():
    return os.environ.get('TRYTOND_DATABASE_URI', 'sqlite://')


def is_postgresql(uri=None):
    return (uri or backend_uri()).startswith('postgresql')


def environ(path, database, port=None):
    "Return the environment of lsp.sh for database in path"
    env = {k: v for k, v in os.environ.items()
        if not k.startswith('TRYTOND_') and k not in {'DB_NAME', 'DB_CACHE'}}
    env.update({
            'TRYTOND_DATABASE__URI': backend_uri(),
            'TRYTOND_DATABASE__PATH': path,
            'LSP_DB': database,
            })
    if port:
        env['TRYTOND_WEB__LISTEN'] = '127.0.0.1:%s' % port
    return env


def demo_database():
    """Return the folder and the name of the demo database of this process,
    made on the first call with the README's commands"""
    if not _demo:
        path = tempfile.mkdtemp(prefix='lsp-demo-')
        name = 'test_demo_%s' % uuid.uuid4().hex[:8]
        env = environ(path, name)
        for command in ['init-db', 'load-demo']:
            subprocess.run(
                [LSP_SH, command], env=env, check=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _demo.update(path=path, name=name)
        atexit.register(drop_database, path, name)
    return _demo['path'], _demo['name']


def copy_database(path, name):
    "Return the name of a new copy of the database name in path"
    copy = 'test_copy_%s' % uuid.uuid4().hex[:8]
    if is_postgresql():
        with postgresql_admin_connection(backend_uri()) as conn:
            conn.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (copy, name))
    else:
        shutil.copyfile(
            os.path.join(path, name + '.sqlite'),
            os.path.join(path, copy + '.sqlite'))
    filestore = os.path.join(path, name)
    if os.path.isdir(filestore):
        shutil.copytree(filestore, os.path.join(path, copy))
    return copy


def drop_database(path, name):
    if is_postgresql():
        with postgresql_admin_connection(backend_uri()) as conn:
            conn.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
    else:
        for filename in [name + '.sqlite', name]:
            target = os.path.join(path, filename)
            if os.path.isdir(target):
                shutil.rmtree(target, ignore_errors=True)
            elif os.path.exists(target):
                os.unlink(target)


def http_request(port, method, path, body=None, headers=None, timeout=120):
    """Send one request to the server of port, body as JSON; return the
    response and its content"""
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)
    try:
        headers = dict(headers or {})
        if body is not None:
            body = json.dumps(body)
            headers['Content-Type'] = 'application/json'
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


class RPCError(Exception):
    "An error answered by the server: its kind and its message"

    def __init__(self, error):
        super().__init__(error)
        self.kind = error[0] if isinstance(error, list) else str(error)
        args = error[1] if isinstance(error, list) and len(error) > 1 else []
        self.message = args[0] if args else str(error)


def encode(value):
    """Encode the dates, decimals and bytes of value as trytond's JSON-RPC
    does"""
    if isinstance(value, dt.datetime):
        return {'__class__': 'datetime', 'year': value.year,
            'month': value.month, 'day': value.day, 'hour': value.hour,
            'minute': value.minute, 'second': value.second,
            'microsecond': value.microsecond}
    if isinstance(value, dt.date):
        return {'__class__': 'date', 'year': value.year,
            'month': value.month, 'day': value.day}
    if isinstance(value, Decimal):
        return {'__class__': 'Decimal', 'decimal': str(value)}
    if isinstance(value, bytes):
        return {'__class__': 'bytes',
            'base64': base64.b64encode(value).decode()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


class Server:
    """trytond serving a copy of the demo database

    Use as a context manager or call start() and stop()."""

    def __init__(self):
        self.path, template = demo_database()
        self.database = copy_database(self.path, template)
        self.port = free_port()
        self.process = None

    def start(self):
        env = environ(self.path, self.database, self.port)
        self.log = open(os.path.join(self.path, self.database + '.log'), 'w')
        self.process = subprocess.Popen(
            [LSP_SH, 'serve'], env=env, stdout=subprocess.DEVNULL,
            stderr=self.log)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    "trytond exited with %s" % self.process.poll())
            try:
                socket.create_connection(('127.0.0.1', self.port), 1).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("trytond did not listen on %s" % self.port)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.log.close()
            self.process = None
        drop_database(self.path, self.database)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def request(self, method, path, body=None, headers=None):
        return http_request(self.port, method, path, body, headers)

    def login(self, login, password=DEMO_PASSWORD):
        "Return the Session of the demo user login"
        response, content = self.request(
            'POST', '/%s/session/login' % self.database,
            {'method': 'common.db.login',
                'params': [login, {'password': password}, 'id']})
        if response.status != 200:
            raise RPCError(['LoginError', [content.decode()]])
        cookie = response.getheader('Set-Cookie').split(';', 1)[0]
        return Session(self, login, cookie)

    def registry(self):
        "Return what the registry says of the workflows and line locks"
        env = environ(self.path, self.database)
        env['TRYTOND_CONFIG'] = os.path.join(ROOT, 'trytond.conf')
        output = subprocess.run(
            [sys.executable, '-m', 'tests.server', 'registry',
                self.database],
            env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout
        return json.loads(output)


class Session:
    "The JSON-RPC calls of a logged-in user"

    def __init__(self, server, login, cookie):
        self.server = server
        self.login = login
        self.cookie = cookie
        self.context = self.rpc(
            'model.res.user.get_preferences', [True, {}])

    def rpc(self, method, params):
        response, content = self.server.request(
            'POST', '/%s/rpc/' % self.server.database,
            {'id': 1, 'method': method, 'params': encode(params)},
            {'Cookie': self.cookie})
        if response.status != 200:
            raise RPCError(['HTTP %s' % response.status, [content.decode()]])
        result = json.loads(content)
        if 'error' in result:
            raise RPCError(result['error'])
        return result['result']

    def call(self, model, method, *args):
        "Call method of model with args and the user's context"
        return self.rpc(
            'model.%s.%s' % (model, method), [*args, self.context])


def registry_info(database):
    """Return the workflows and line locks of the LSP models of database

    For each model of an LSP module with _transitions: its workflow fields
    and their type. For each line model with a parent lock: its parent
    field, the parent's open states and the fields each other state
    keeps."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    from lsp_base.model import ParentLockMixin, WorkflowFieldsMixin

    pool = Pool(database)
    pool.init()
    workflows, lines, unprotected = {}, {}, []
    with Transaction().start(database, 0, readonly=True):
        Model = pool.get('ir.model')
        modules = {m.name: m.module for m in Model.search([])}
        for name, klass in pool.iterobject():
            if not modules.get(name, '').startswith('lsp_'):
                continue
            if getattr(klass, '_transitions', None):
                if not issubclass(klass, WorkflowFieldsMixin):
                    unprotected.append(name)
                    continue
                workflows[name] = {
                    'fields': {f: klass._fields[f]._type
                        for f in sorted(klass._workflow_fields)},
                    'state': klass._transition_state,
                    }
            if issubclass(klass, ParentLockMixin):
                lines[name] = {
                    'parent_field': klass._parent_field,
                    'parent': klass.parent_model().__name__,
                    'open_states': sorted(klass.parent_open_states()),
                    'state_fields': {k: sorted(v) for k, v in
                        klass._parent_state_fields.items()},
                    }
        rules = rule_info(pool, modules)
    return {
        'workflows': workflows, 'lines': lines, 'unprotected': unprotected,
        'rules': rules}


def rule_info(pool, modules):
    """Return, for each model of the record rules of the LSP modules, its
    rules (name and groups), the rec_name of every record, the fields of
    the LSP models that point to it, its reports and its wizards"""
    from trytond.model.fields import Function
    RuleGroup = pool.get('ir.rule.group')
    ModelData = pool.get('ir.model.data')
    Report = pool.get('ir.action.report')
    Wizard = pool.get('ir.action.wizard')
    own = {d.db_id for d in ModelData.search([
                ('model', '=', 'ir.rule.group'),
                ('module', 'like', 'lsp_%'),
                ])}
    rules = {}
    for group in RuleGroup.browse(sorted(own)):
        info = rules.setdefault(group.model, {
                'rules': [], 'records': {}, 'references': [],
                'reports': [], 'wizards': []})
        info['rules'].append({
                'name': group.name,
                'groups': [g.name for g in group.groups],
                'global': group.global_p})
    for model, info in rules.items():
        Model = pool.get(model)
        info['records'] = {
            r.id: r.rec_name for r in Model.search([], order=[('id', 'ASC')])}
        for name, klass in pool.iterobject():
            if not modules.get(name, '').startswith('lsp_'):
                continue
            for fname, field in klass._fields.items():
                if (getattr(field, 'model_name', None) == model
                        and field._type in {
                            'many2one', 'one2many', 'many2many'}
                        and not isinstance(field, Function)):
                    info['references'].append((name, fname))
        info['reports'] = [r.report_name
            for r in Report.search([('model', '=', model)])]
        info['wizards'] = [w.wiz_name
            for w in Wizard.search([('model', '=', model)])]
    return rules


if __name__ == '__main__':
    if sys.argv[1] == 'registry':
        json.dump(registry_info(sys.argv[2]), sys.stdout)
