# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The WSGI middleware of the LSP server

trytond installs it from its configuration (``trytond.conf`` and
``production.conf``)::

    [wsgi middleware]
    lsp = lsp_base.wsgi.LSPMiddleware

so that the plain ``trytond`` server and ``trytond.application:app`` under
gunicorn (``./lsp.sh serve --production``, or ``lsp_base.wsgi:app``, the
same application) both have it. It:

- answers ``GET /health`` for the reverse proxy: 200 when every database the
  server serves answers ``SELECT 1``, 503 otherwise (no database name in the
  answer);
- answers a request to the JSON-RPC, session, bus or REST routes of a
  database that does not exist as an existing database answers a request
  without valid credentials (401), where trytond answers 404: the database
  names do not leak even with ``[database] list = False``; the public pages
  of the LSP modules answer their own 404 as for an unknown token;
- turns the 404 that trytond answers to a login when the database server
  does not answer (``trytond/protocols/dispatcher.py``, ``login``) into a
  503 with a clear message and ``Retry-After``;
- makes waiting for a database connection fail after ``[database]
  pool_timeout`` seconds (5 by default) instead of psycopg_pool's 30 s when
  the database server does not answer, so that during an outage logins and
  calls fail within seconds (a pool that is only busy still lets a request
  wait 30 s).
"""
import json
import logging
import time

from trytond import backend, config
from trytond.pool import Pool
from trytond.transaction import Transaction

__all__ = ['LSPMiddleware']

logger = logging.getLogger(__name__)

#: the answers given without a database, where no translation can be read
UNAVAILABLE = {
    'id': ("Basis data sedang tidak dapat dihubungi. "
        "Coba lagi dalam beberapa saat."),
    'en': "The database cannot be reached. Try again in a moment.",
    }
RETRY_AFTER = '5'
#: the endpoints of trytond whose unknown database answers 401
_PROTECTED_MODULES = (
    'trytond.protocols.dispatcher', 'trytond.protocols.rest', 'trytond.bus')
_LOGIN_ENDPOINTS = {'rpc', 'login_w_cookies'}


def _fail_fast_pool():
    """Make the connection pools of the PostgreSQL backend give up waiting
    for a connection after [database] pool_timeout seconds when the
    database server does not answer

    While the pool is only busy (its connections in use, new ones being
    opened), a request waits as psycopg_pool lets it, 30 s; once the last
    attempt of the pool to connect failed, it waits pool_timeout seconds
    at most."""
    try:
        from psycopg_pool import PoolTimeout

        from trytond.backend.postgresql import database
    except ImportError:
        return
    if getattr(database.ConnectionPool, '_lsp_fail_fast', False):
        return
    fail_after = config.getfloat('database', 'pool_timeout', default=5)

    def fail_fast(Pool):
        class FailFastPool(Pool):
            _lsp_fail_fast = True
            #: when the last connection attempt failed, None if it succeeded
            _lsp_failed = None

            def _connect(self, *args, **kwargs):
                try:
                    connection = super()._connect(*args, **kwargs)
                except Exception:
                    self._lsp_failed = time.monotonic()
                    raise
                self._lsp_failed = None
                return connection

            def getconn(self, timeout=None):
                if timeout is not None:
                    return super().getconn(timeout)
                deadline = time.monotonic() + self.timeout
                while True:
                    remaining = max(deadline - time.monotonic(), 0.01)
                    try:
                        return super().getconn(min(fail_after, remaining))
                    except PoolTimeout:
                        if (self._lsp_failed is not None
                                or time.monotonic() >= deadline):
                            raise
        FailFastPool.__name__ = Pool.__name__
        return FailFastPool

    database.ConnectionPool = fail_fast(database.ConnectionPool)
    database.NullConnectionPool = fail_fast(database.NullConnectionPool)


_fail_fast_pool()


def _language(environ):
    accept = environ.get('HTTP_ACCEPT_LANGUAGE', '')
    return 'en' if accept.lower().startswith('en') else 'id'


def _respond(start_response, status, body, headers=()):
    body = json.dumps(body, ensure_ascii=False).encode('utf-8')
    start_response(status, [
            ('Content-Type', 'application/json; charset=utf-8'),
            ('Content-Length', str(len(body))),
            ('Cache-Control', 'no-store'),
            *headers])
    return [body]


def unavailable(environ, start_response):
    "Answer 503: the database server does not answer"
    return _respond(start_response, '503 Service Unavailable', {
            'status': 503,
            'error': 'database_unavailable',
            'message': UNAVAILABLE[_language(environ)],
            }, [('Retry-After', RETRY_AFTER)])


def unauthorized(environ, start_response, login):
    """Answer as trytond answers a request without valid credentials:
    a refused login, else a request for authentication"""
    from trytond.protocols.wrappers import Response
    from trytond.wsgi import _do_basic_auth
    from werkzeug.exceptions import HTTPException, Unauthorized

    if login:
        return Unauthorized()(environ, start_response)
    from trytond.protocols.wrappers import Request
    try:
        _do_basic_auth(Request(environ))
    except HTTPException as exception:
        response = exception.get_response(environ)
    else:
        response = Response(status=401)
    return response(environ, start_response)


def database_exists(name, environ):
    """Tell whether the database name exists, as trytond's with_pool finds
    it; raise DatabaseOperationalError when the database server does not
    answer"""
    if name in Pool.database_list():
        return True
    hostname = config.get_hostname(environ.get('HTTP_HOST', ''))
    with Transaction().start(
            None, 0, readonly=True, close=True) as transaction:
        return name in transaction.database.list(hostname=hostname)


def database_names():
    "Return the names of the databases this server serves"
    names = set(Pool.database_list())
    if not names:
        import csv
        import os
        from io import StringIO
        value = os.environ.get('TRYTOND_DATABASE_NAMES')
        if value:
            names.update(next(csv.reader(StringIO(value))))
    return sorted(names)


def health(environ, start_response):
    "Answer 200 when every database served answers, 503 otherwise"
    names = database_names()
    ok = bool(names)
    for name in names:
        try:
            database = backend.Database(name).connect()
            connection = database.get_connection(readonly=True)
            try:
                cursor = connection.cursor()
                cursor.execute('SELECT 1')
                cursor.fetchone()
            finally:
                connection.rollback()
                database.put_connection(connection)
        except Exception:
            logger.warning("health: database does not answer", exc_info=True)
            ok = False
    if ok:
        return _respond(start_response, '200 OK', {'status': 'ok'})
    return unavailable(environ, start_response)


class LSPMiddleware:
    "The middleware of the LSP server (see the module's documentation)"

    def __init__(self, app):
        self.app = app

    def match(self, environ):
        "Return the endpoint and the database of the request or None"
        from trytond.wsgi import app
        from werkzeug.exceptions import HTTPException
        try:
            adapter = app.url_map.bind_to_environ(environ)
            endpoint, args = adapter.match()
        except HTTPException:
            return None, None
        return endpoint, args.get('database_name')

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '')
        if path == '/health' and environ.get('REQUEST_METHOD') in {
                'GET', 'HEAD'}:
            return health(environ, start_response)
        endpoint, database = self.match(environ)
        module = getattr(endpoint, '__module__', '')
        if not database or not module.startswith(_PROTECTED_MODULES):
            return self.app(environ, start_response)
        login = getattr(endpoint, '__name__', '') in _LOGIN_ENDPOINTS
        try:
            exists = database_exists(database, environ)
        except backend.DatabaseOperationalError:
            logger.warning("database list failed", exc_info=True)
            return unavailable(environ, start_response)
        if not exists:
            return unauthorized(
                environ, start_response,
                login and self.is_login(environ, endpoint))
        if login:
            return self.guard_login(environ, start_response)
        return self.app(environ, start_response)

    def is_login(self, environ, endpoint):
        "Tell whether the request is a login"
        if endpoint.__name__ == 'login_w_cookies':
            return True
        import io
        try:
            length = int(environ.get('CONTENT_LENGTH') or 0)
        except ValueError:
            return False
        if not 0 < length <= 64 * 1024:
            return False
        body = environ['wsgi.input'].read(length)
        environ['wsgi.input'] = io.BytesIO(body)
        try:
            return json.loads(body).get('method') == 'common.db.login'
        except (ValueError, AttributeError):
            return False

    def guard_login(self, environ, start_response):
        """Call the application; a 404 to a login of an existing database
        means that its server does not answer"""
        captured = {}

        def capture(status, headers, exc_info=None):
            captured['status'], captured['headers'] = status, headers
            return lambda data: captured.setdefault('written', []).append(
                data)

        result = self.app(environ, capture)
        try:
            body = captured.get('written', []) + list(result)
        finally:
            if hasattr(result, 'close'):
                result.close()
        if captured['status'].startswith('404'):
            return unavailable(environ, start_response)
        start_response(captured['status'], captured['headers'])
        return body


def __getattr__(name):
    # lsp_base.wsgi:app is trytond.application:app, imported when asked for
    # only: trytond imports this module while it builds its own app.
    if name == 'app':
        from trytond.application import app
        return app
    raise AttributeError(name)
