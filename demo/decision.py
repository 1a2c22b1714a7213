# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of the certificate status decisions: the Direktur
Sertifikasi drafts them from the certificates and proposes them, the Kepala
approves them with their decree (SK)."""
import datetime as dt

from dateutil.relativedelta import relativedelta
from proteus import Model

from .tools import as_user

# holder, kind, reason category, reason, months of suspension
DEMO_STATUS_DECISIONS = [
    ("Yoga Pratama", 'suspend', 'surveillance_failed',
        "Pemegang tidak memenuhi surveilans tahunan.", 3),
    ("Mega Puspita", 'withdraw', 'misuse_of_certificate',
        "Sertifikat digunakan di luar ruang lingkup.", None),
    ]
DEMO_DECREE = 'SK-021/PENGURUS/LSPPI/2026'
# holder and reason of the restoration proposed to the Kepala
DEMO_RESTORE = (
    "Yoga Pratama",
    "Pemegang telah menyerahkan logbook surveilans yang memenuhi syarat.")


def decree():
    "Return the decree in force of the status decisions, created once"
    Document = Model.get('lsp.document')
    documents = Document.find([('number', '=', DEMO_DECREE)])
    if documents:
        return documents[0]
    document = Document(
        kind='sk_pengurus', number=DEMO_DECREE,
        title="Keputusan Status Sertifikat Kompetensi",
        date_signed=dt.date.today(), effective_date=dt.date.today())
    document.save()
    document.click('put_in_force')
    return document


def load_status_decisions(shared):
    """Suspend Yoga Pratama's certificate and withdraw Mega Puspita's by
    decisions proposed by the Direktur Sertifikasi and approved by the
    Kepala; the restoration of Yoga's certificate is proposed and waits for
    the Kepala"""
    Decision = Model.get('lsp.certificate.status.decision')
    if Decision.find([]):
        return
    sk = decree()
    former = as_user('direktur_sertifikasi')
    proposed = []
    try:
        Certificate = Model.get('lsp.certificate')
        for name, kind, category, reason, months in DEMO_STATUS_DECISIONS:
            certificate, = Certificate.find([
                    ('holder.name', '=', name),
                    ('state', '=', 'active'),
                    ])
            wizard = certificate.click(kind)
            wizard.form.reason_category = category
            wizard.form.reason = reason
            if months:
                wizard.form.suspension_end = (
                    wizard.form.effective_date + relativedelta(months=months))
            wizard.execute('confirm')
            Decision = Model.get('lsp.certificate.status.decision')
            decision, = Decision.find([
                    ('state', '=', 'draft'),
                    ('certificates', '=', certificate.id),
                    ])
            decision.click('propose')
            proposed.append(decision.id)
        as_user('kepala')
        Decision = Model.get('lsp.certificate.status.decision')
        Document = Model.get('lsp.document')
        for decision_id in proposed:
            decision = Decision(decision_id)
            decision.decree = Document(sk.id)
            decision.save()
            decision.click('approve')
        # the restoration of Yoga Pratama waits for the Kepala
        as_user('direktur_sertifikasi')
        Certificate = Model.get('lsp.certificate')
        certificate, = Certificate.find([
                ('holder.name', '=', DEMO_RESTORE[0]),
                ('state', '=', 'suspended'),
                ])
        wizard = certificate.click('restore')
        wizard.form.reason_category = 'surveillance_failed'
        wizard.form.reason = DEMO_RESTORE[1]
        wizard.execute('confirm')
        Decision = Model.get('lsp.certificate.status.decision')
        decision, = Decision.find([
                ('state', '=', 'draft'),
                ('certificates', '=', certificate.id),
                ])
        decision.click('propose')
    finally:
        as_user(former)


STEPS = [
    load_status_decisions,
    ]
