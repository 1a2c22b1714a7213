# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of the BNSP pack of lsp_sertifikasi: the blanko request of
the demo decision with BNSP's answer imported and its blanko received, and
the BNSP report of last month."""
import datetime as dt
import io

from dateutil.relativedelta import relativedelta
from proteus import Model, Wizard

from .tools import as_user, get_or_create

BNSP_NAME = "Badan Nasional Sertifikasi Profesi"
DEMO_EVENT_CODE = 'JDW-DEMO-2026-001'


def answer_workbook(rows):
    "Return BNSP's answer workbook: No., NIK, registration, blanko number"
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(['No.', 'NIK', 'No. Registrasi', 'No. Blanko'])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def load_blanko_request(shared):
    """The Direktur Sertifikasi requests the blanko of the demo decision
    from BNSP, prepares the request and imports BNSP's answer"""
    Decision = Model.get('lsp.certification.decision')
    decisions = Decision.find([
            ('event.bnsp_code', '=', DEMO_EVENT_CODE),
            ('state', '=', 'approved'),
            ], order=[('pleno_date', 'ASC'), ('id', 'ASC')], limit=1)
    if not decisions:
        return
    decision, = decisions
    former = as_user('direktur_sertifikasi')
    try:
        Request = Model.get('lsp.bnsp.blanko.request')
        if Request.find([('decisions', '=', decision.id)]):
            return
        bnsp = get_or_create('party.party', [('name', '=', BNSP_NAME)],
            name=BNSP_NAME)
        Party = Model.get('party.party')
        request = Request(recipient=Party(bnsp.id))
        request.decisions.append(Decision(decision.id))
        request.notes = "Permohonan blanko untuk pleno Komite Teknik."
        request.save()
        request.click('prepare')
        year = dt.date.today().year
        rows = []
        for line in request.lines:
            if line.result != 'k' or not line.certificate:
                continue
            nik = Party(line.candidate.id).nik
            rows.append((line.sequence, nik,
                    'REG-BNSP-%s-%05d' % (year, len(rows) + 1),
                    'BNSP%s%05d' % (year, len(rows) + 1)))
        if not rows:
            return
        wizard = Wizard('lsp.bnsp.blanko.request.import', [request])
        wizard.form.file = answer_workbook(rows)
        wizard.form.filename = 'jawaban-bnsp.xlsx'
        wizard.execute('import_')
        # BNSP sends the blanko of the answer and one spare; the first is
        # printed with its certificate
        request.reload()
        request.click('submit')
        request.received_count = len(rows) + 1
        request.serial_first = rows[0][3]
        request.serial_last = 'BNSP%s%05d' % (year, len(rows) + 1)
        request.click('receive')
        request.reload()
        printed = [b for b in request.blankos if b.certificate]
        if printed:
            printed[0].click('print_certificate')
    finally:
        as_user(former)


def load_bnsp_report(shared):
    "The Direktur Sertifikasi generates the BNSP report of last month"
    former = as_user('direktur_sertifikasi')
    try:
        BnspReport = Model.get('lsp.bnsp.report')
        last_month = dt.date.today().replace(day=1) - relativedelta(months=1)
        reports = BnspReport.find([('period_kind', '=', 'month')])
        if any(r.start_date == last_month for r in reports):
            return
        report = BnspReport(period_kind='month', date=last_month)
        report.save()
        report.click('generate')
    finally:
        as_user(former)


STEPS = [
    load_blanko_request,
    load_bnsp_report,
    ]
