# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The public verification page of the certificates

``GET /<database>/lsp/verify/<token>`` answers without login with the little
a verifier needs: holder, number, scheme, dates and state. The page is in
Indonesian (``?lang=en`` for English); ``Accept: application/json`` gives
the same as JSON. Only the random token of a certificate finds it.
"""
import html
import json
from functools import wraps

from sql import Literal
from werkzeug.exceptions import InternalServerError

from trytond import backend
from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.protocols.wrappers import (
    HTTPStatus, Response, with_pool, with_transaction)
from trytond.transaction import Transaction
from trytond.wsgi import app

LANGUAGES = {'id', 'en'}
HEADERS = {
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': (
        "default-src 'none'; style-src 'unsafe-inline'; "
        "frame-ancestors 'none'"),
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Robots-Tag': 'noindex, nofollow',
    }
PAGE = '''<!DOCTYPE html>
<html lang="%(language)s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>%(title)s</title>
<style>
body{margin:0;background:#eef2f5;color:#1d2b36;
font:16px/1.5 "Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:34em;margin:2em auto;background:#fff;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15);overflow:hidden}
header{background:#0d4f8b;color:#fff;padding:1em 1.5em}
header p{margin:0;font-size:.9em;opacity:.85}
h1{margin:.1em 0 0;font-size:1.3em}
section{padding:1.2em 1.5em}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);
gap:.4em 1em;margin:0}
dt{color:#5b6b78}dd{margin:0;min-width:0;font-weight:600}
dd,h1,header p,footer{overflow-wrap:anywhere;word-break:break-word}
@media (max-width:30em){main{margin:0;border-radius:0}
dl{grid-template-columns:minmax(0,1fr);gap:0}dd{margin-bottom:.6em}}
.state{display:inline-block;padding:.1em .7em;border-radius:1em;color:#fff}
.active{background:#1e8e3e}.suspended{background:#d08700}
.withdrawn{background:#c5221f}.expired{background:#6b7780}
.missing{font-size:1.2em;font-weight:600;color:#c5221f}
footer{padding:.8em 1.5em;font-size:.8em;color:#5b6b78;background:#f6f8fa}
</style>
</head>
<body>
<main>
<header><p>%(lsp)s</p><h1>%(title)s</h1></header>
<section>%(body)s</section>
<footer>%(footer)s</footer>
</main>
</body>
</html>
'''


def database_unavailable(func):
    """Answer the page of an unavailable service when the database is down
    (with_pool turns the error into a 500 that keeps it)"""
    @wraps(func)
    def wrapper(request, *args, **kwargs):
        try:
            return func(request, *args, **kwargs)
        except backend.DatabaseOperationalError:
            return unavailable_response(request)
        except InternalServerError as exception:
            if isinstance(getattr(exception, 'description', None),
                    backend.DatabaseOperationalError):
                return unavailable_response(request)
            raise
    return wrapper


@app.route('/<database_name>/lsp/verify/<token>', methods=['GET'])
@database_unavailable
@with_pool
@with_transaction(readonly=True)
def verify_certificate(request, pool, token):
    language = request.args.get('lang')
    if language not in LANGUAGES:
        language = 'id'
    with Transaction().set_context(language=language):
        data = certificate_data(pool, token)
        lsp = data['lsp'] if data else lsp_name(pool)
        if wants_json(request):
            return json_response(data, language)
        return html_response(data, lsp, language)


def certificate_data(pool, token):
    "Return the public data of the certificate with token or None"
    Date = pool.get('ir.date')
    try:
        Certificate = pool.get('lsp.certificate')
    except KeyError:
        # lsp_sertifikasi is not activated in this database
        return None
    return Certificate.verification_data(token, Date.today())


def lsp_name(pool):
    "Return the name of the LSP: the party of the first company"
    try:
        Company = pool.get('company.company')
        Party = pool.get('party.party')
    except KeyError:
        return ''
    company = Company.__table__()
    party = Party.__table__()
    cursor = Transaction().connection.cursor()
    cursor.execute(*company
        .join(party, condition=company.party == party.id)
        .select(party.name, where=Literal(True),
            order_by=company.id.asc, limit=1))
    row = cursor.fetchone()
    return row[0] if row else ''


def wants_json(request):
    best = request.accept_mimetypes.best_match(
        ['text/html', 'application/json'], default='text/html')
    return best == 'application/json'


def state_label(state):
    return gettext('lsp_sertifikasi.msg_verify_state_%s' % state)


def format_date(date, language):
    "Return date as day, month name and year in language"
    Month = Pool().get('ir.calendar.month')
    return '%d %s %d' % (
        date.day, Month.locale(language)[date.month], date.year)


def json_response(data, language):
    if data is None:
        content = {
            'error': 'not_found',
            'message': gettext('lsp_sertifikasi.msg_verify_not_found'),
            }
        status = HTTPStatus.NOT_FOUND
    else:
        content = {
            'number': data['number'],
            'holder': data['holder'],
            'scheme': {
                'code': data['scheme_code'],
                'name': data['scheme'],
                'version': data['scheme_version'],
                },
            'issue_date': data['issue_date'].isoformat(),
            'expiry_date': data['expiry_date'].isoformat(),
            'state': data['state'],
            'state_label': state_label(data['state']),
            'lsp': data['lsp'],
            }
        if data.get('successor_token'):
            content['successor'] = {
                'number': data['successor_number'],
                'token': data['successor_token'],
                }
        status = HTTPStatus.OK
    return Response(
        json.dumps(content, ensure_ascii=False), status=status,
        content_type='application/json; charset=utf-8', headers=HEADERS)


def html_response(data, lsp, language):
    escape = html.escape
    if data is None:
        body = '<p class="missing">%s</p><p>%s</p>' % (
            escape(gettext('lsp_sertifikasi.msg_verify_not_found')),
            escape(gettext('lsp_sertifikasi.msg_verify_not_found_help')))
        status = HTTPStatus.NOT_FOUND
    else:
        rows = [
            ('msg_verify_holder', escape(data['holder'] or gettext(
                        'lsp_sertifikasi.msg_verify_holder_erased'))),
            ('msg_verify_number', escape(data['number'])),
            ('msg_verify_scheme', '%s<br>%s' % (
                    escape(data['scheme']), escape(data['scheme_code']))),
            ('msg_verify_issue_date',
                escape(format_date(data['issue_date'], language))),
            ('msg_verify_expiry_date',
                escape(format_date(data['expiry_date'], language))),
            ('msg_verify_state', '<span class="state %s">%s</span>' % (
                    data['state'], escape(state_label(data['state'])))),
            ]
        if data.get('successor_token'):
            # the page of the successor is beside this one
            rows.append(('msg_verify_successor', '<a href="%s">%s</a>' % (
                        escape(data['successor_token']),
                        escape(data['successor_number']))))
        body = '<dl>%s</dl>' % ''.join(
            '<dt>%s</dt><dd>%s</dd>' % (
                escape(gettext('lsp_sertifikasi.%s' % label)), value)
            for label, value in rows)
        status = HTTPStatus.OK
    page = PAGE % {
        'language': language,
        'lsp': escape(lsp or ''),
        'title': escape(gettext('lsp_sertifikasi.msg_verify_title')),
        'body': body,
        'footer': escape(gettext(
                'lsp_sertifikasi.msg_verify_footer', lsp=lsp or '')),
        }
    return Response(
        page, status=status, content_type='text/html; charset=utf-8',
        headers=HEADERS)


#: the page of an outage, without a database to read the translations from
UNAVAILABLE = {
    'id': {
        'title': "Verifikasi Sertifikat",
        'message': "Layanan verifikasi sedang tidak tersedia.",
        'help': "Coba lagi dalam beberapa menit.",
        },
    'en': {
        'title': "Certificate Verification",
        'message': "The verification service is unavailable.",
        'help': "Try again in a few minutes.",
        },
    }


def unavailable_response(request):
    "Return the 503 page of an outage of the database"
    language = request.args.get('lang')
    if language not in LANGUAGES:
        language = 'id'
    texts = UNAVAILABLE[language]
    headers = {**HEADERS, 'Retry-After': '60'}
    if wants_json(request):
        return Response(
            json.dumps({'error': 'unavailable', 'message': texts['message']},
                ensure_ascii=False),
            status=HTTPStatus.SERVICE_UNAVAILABLE,
            content_type='application/json; charset=utf-8', headers=headers)
    escape = html.escape
    page = PAGE % {
        'language': language,
        'lsp': '',
        'title': escape(texts['title']),
        'body': '<p class="missing">%s</p><p>%s</p>' % (
            escape(texts['message']), escape(texts['help'])),
        'footer': '',
        }
    return Response(
        page, status=HTTPStatus.SERVICE_UNAVAILABLE,
        content_type='text/html; charset=utf-8', headers=headers)
