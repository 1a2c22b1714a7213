# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of the holiday calendar, the appeals and the complaints:
the Kepala Sekretariat keeps the national holidays, the Komite Teknik
reviews an appeal against a rejected application with an independent panel
and closes a complaint within its time limit."""
import datetime as dt

from proteus import Model

from .tools import as_user

#: the national holidays and collective leave days (approximate for the
#: Islamic and lunar dates, to be checked against the SKB of the ministers)
HOLIDAYS = [
    (dt.date(2026, 1, 1), "Tahun Baru 2026 Masehi"),
    (dt.date(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW"),
    (dt.date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili"),
    (dt.date(2026, 3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948"),
    (dt.date(2026, 3, 20), "Idul Fitri 1447 Hijriah"),
    (dt.date(2026, 3, 21), "Idul Fitri 1447 Hijriah"),
    (dt.date(2026, 4, 3), "Wafat Yesus Kristus"),
    (dt.date(2026, 5, 1), "Hari Buruh Internasional"),
    (dt.date(2026, 5, 14), "Kenaikan Yesus Kristus"),
    (dt.date(2026, 5, 27), "Idul Adha 1447 Hijriah"),
    (dt.date(2026, 5, 31), "Hari Raya Waisak 2570 BE"),
    (dt.date(2026, 6, 1), "Hari Lahir Pancasila"),
    (dt.date(2026, 6, 16), "Tahun Baru Islam 1448 Hijriah"),
    (dt.date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
    (dt.date(2026, 8, 25), "Maulid Nabi Muhammad SAW"),
    (dt.date(2026, 12, 25), "Hari Raya Natal"),
    (dt.date(2027, 1, 1), "Tahun Baru 2027 Masehi"),
    (dt.date(2027, 1, 5), "Isra Mikraj Nabi Muhammad SAW"),
    (dt.date(2027, 2, 6), "Tahun Baru Imlek 2578 Kongzili"),
    (dt.date(2027, 3, 9), "Idul Fitri 1448 Hijriah"),
    (dt.date(2027, 3, 10), "Idul Fitri 1448 Hijriah"),
    (dt.date(2027, 3, 26), "Wafat Yesus Kristus"),
    (dt.date(2027, 4, 8), "Hari Suci Nyepi Tahun Baru Saka 1949"),
    (dt.date(2027, 5, 1), "Hari Buruh Internasional"),
    (dt.date(2027, 5, 6), "Kenaikan Yesus Kristus"),
    (dt.date(2027, 5, 16), "Idul Adha 1448 Hijriah"),
    (dt.date(2027, 5, 20), "Hari Raya Waisak 2571 BE"),
    (dt.date(2027, 6, 1), "Hari Lahir Pancasila"),
    (dt.date(2027, 6, 6), "Tahun Baru Islam 1449 Hijriah"),
    (dt.date(2027, 8, 14), "Maulid Nabi Muhammad SAW"),
    (dt.date(2027, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
    (dt.date(2027, 12, 25), "Hari Raya Natal"),
    ]
#: the employees of the panel: none assessed, decided or declared a conflict
PANEL = ['wakil_kepala3', 'direktur_standarisasi', 'direktur_humas_ti']


def load_holidays(shared):
    "The Kepala Sekretariat enters the national holidays of 2026 and 2027"
    former = as_user('kepala_sekretariat')
    try:
        Holiday = Model.get('lsp.holiday')
        known = {h.date for h in Holiday.find([])}
        for date, name in HOLIDAYS:
            if date not in known:
                Holiday(date=date, name=name).save()
                known.add(date)
    finally:
        as_user(former)


def employee(login):
    User = Model.get('res.user')
    Employee = Model.get('company.employee')
    user, = User.find([('login', '=', login)])
    return Employee(user.employee.id)


def load_appeal(shared):
    """The candidate of the rejected application appeals; the Komite Teknik
    receives and acknowledges the appeal and hears it with a panel of three
    independent employees"""
    former = as_user('komite_teknik')
    try:
        Appeal = Model.get('lsp.appeal')
        Application = Model.get('lsp.application')
        if Appeal.find([]):
            return
        rejected = Application.find([('state', '=', 'rejected')], limit=1)
        if not rejected:
            return
        application, = rejected
        appeal = Appeal(subject=application)
        appeal.appellant = application.candidate
        appeal.process_explained = True
        appeal.discussed_with_assessor = False
        appeal.other_person_involved = True
        appeal.other_person = "Pendamping dari Dinas Koperasi"
        appeal.reason = (
            "Ijazah dan sertifikat pelatihan sudah diserahkan ke admin TUK "
            "sebelum batas waktu, tetapi tidak diperiksa.")
        appeal.channel = 'letter'
        appeal.save()
        appeal.click('receive')
        appeal.click('acknowledge')
        appeal.click('review')
        for login in PANEL:
            appeal.panel.append(employee(login))
        appeal.hearing_notes = (
            "Panel mendengar keterangan pemohon banding dan admin TUK "
            "secara terpisah.")
        appeal.save()
    finally:
        as_user(former)


def load_complaint(shared):
    """A cooperative complains by e-mail about the schedule of an event; the
    Komite Teknik acknowledges it the same day, the Direktur Manajemen Mutu
    investigates, and the complaint is resolved and closed. A complaint
    about a TUK from the public form waits for its acknowledgement."""
    former = as_user('komite_teknik')
    try:
        Complaint = Model.get('lsp.complaint')
        if Complaint.find([]):
            return
        complaint = Complaint(channel='email', subject_kind='lsp_process')
        complaint.complainant_name = "Koperasi Sejahtera Bersama"
        complaint.complainant_email = 'pengurus@kopsejahtera.example'
        complaint.description = (
            "Jadwal uji kompetensi diubah tanpa pemberitahuan kepada asesi.")
        complaint.save()
        complaint.click('acknowledge')
        complaint.validity = 'valid'
        complaint.investigator = employee('direktur_mutu')
        complaint.click('investigate')
        complaint.findings = (
            "Perubahan jadwal hanya diumumkan di papan TUK, tidak lewat "
            "surel kepada asesi.")
        complaint.resolution = (
            "Perubahan jadwal wajib diberitahukan kepada setiap asesi "
            "paling lambat 3 hari kerja sebelumnya.")
        complaint.upheld = False
        complaint.publish_outcome = True
        complaint.click('resolve')
        complaint.complainant_informed_on = dt.date.today()
        complaint.click('close')
        # a complaint from the public form waits for its acknowledgement
        waiting = Complaint(channel='public_form', subject_kind='tuk')
        waiting.complainant_name = "Hendra Gunawan"
        waiting.complainant_phone = '0812-0000-1234'
        waiting.related = Model.get('lsp.tuk').find([], limit=1)[0]
        waiting.description = "Ruang uji TUK panas dan tidak ada kipas."
        waiting.save()
    finally:
        as_user(former)


STEPS = [
    load_holidays,
    load_appeal,
    load_complaint,
    ]
