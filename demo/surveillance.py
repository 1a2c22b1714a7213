# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of the surveillance of the holders: the daily job plans and
requests the surveillance of the certificates, one of this month waits for
its evidence, those past their grace are overdue (a suspension proposed for
an active certificate), and the Direktur Sertifikasi recorded the logbook of
one holder, reviewed by asesor2."""
import calendar
import datetime as dt

from dateutil.relativedelta import relativedelta
from proteus import Model

from .sertifikasi import DEMO_CERTIFICATE_SCHEME
from .tools import as_user, get_or_create

# holder, days from today to the due date of the first surveillance (None:
# in the middle of what remains of this month), reviewed
DEMO_SURVEILLANCE = [
    ("Dewi Anggraini", None, False),
    ("Rina Kusuma", -10, True),
    ]
DEMO_EVIDENCE = (
    "Logbook pendampingan UMKM Desember 2025 - November 2026: 18 kegiatan, "
    "disahkan oleh Ketua Koperasi Produsen Mitra Usaha.")


def due_date(today, days):
    "Return the due date of a demo surveillance"
    if days is not None:
        return today + dt.timedelta(days=days)
    last = calendar.monthrange(today.year, today.month)[1]
    return today + dt.timedelta(days=(last - today.day) // 2)


def load_surveillance(shared):
    """Issue the certificates of the demo surveillance, run the daily job
    and record the evidence and the review of one of them"""
    Surveillance = Model.get('lsp.surveillance')
    Certificate = Model.get('lsp.certificate')
    Party = Model.get('party.party')
    Scheme = Model.get('lsp.scheme')
    today = dt.date.today()
    if Surveillance.find([('holder.name', '=', DEMO_SURVEILLANCE[0][0])]):
        return
    scheme, = Scheme.find([
            ('code', '=', DEMO_CERTIFICATE_SCHEME), ('state', '=', 'active')])
    months = scheme.surveillance_months
    former = as_user('direktur_sertifikasi')
    try:
        for name, days, _ in DEMO_SURVEILLANCE:
            holder = get_or_create(
                'party.party', [('name', '=', name)], name=name)
            certificate = Certificate(
                holder=Party(holder.id), scheme=Scheme(scheme.id),
                issue_date=(
                    due_date(today, days) - relativedelta(months=months)))
            certificate.save()
    finally:
        as_user(former)
    Cron = Model.get('ir.cron')
    for method in ['lsp.surveillance|run', 'lsp.certificate|remind_renewal']:
        cron, = Cron.find([('method', '=', method)])
        cron.click('run_once')

    Employee = Model.get('company.employee')
    reviewer = shared['users']['asesor2'].employee
    former = as_user('direktur_sertifikasi')
    try:
        for name, _, reviewed in DEMO_SURVEILLANCE:
            if not reviewed:
                continue
            surveillance, = Surveillance.find([
                    ('holder.name', '=', name),
                    ('sequence', '=', 1),
                    ])
            surveillance.evidence = DEMO_EVIDENCE
            surveillance.declaration = True
            surveillance.save()
            surveillance.click('submit')
            surveillance.reviewer = Employee(reviewer.id)
            surveillance.result = 'continuing'
            surveillance.note = (
                "Bukti memadai; pemegang tetap berpraktik sesuai skema.")
            surveillance.click('review')
    finally:
        as_user(former)


STEPS = [
    load_surveillance,
    ]
