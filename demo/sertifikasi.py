# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of lsp_sertifikasi: the certificates, the candidates
(asesi), their applications, the assessment event, the assessments, the
certification decision and the handling of personal data."""
import datetime as dt

from proteus import Model

from .tools import as_user, get_or_create

# Certificates
# holder, issue date, state the daily job or a status decision of
# demo/decision.py brings it to
DEMO_CERTIFICATES = [
    ("Ahmad Fauzan", dt.date(2025, 6, 16), 'active'),
    ("Lestari Widodo", dt.date(2025, 6, 16), 'active'),
    ("Yoga Pratama", dt.date(2025, 9, 22), 'suspended'),
    ("Mega Puspita", dt.date(2025, 9, 22), 'withdrawn'),
    ("Hari Setiawan", dt.date(2022, 3, 14), 'expired'),
    ]
DEMO_CERTIFICATE_SCHEME = 'SSK.01.01/LSPPI/PEN/IV/2018'


def load_certificates(shared):
    "Issue the demo certificates as the Direktur Sertifikasi"
    Certificate = Model.get('lsp.certificate')
    if Certificate.find([]):
        return
    Party = Model.get('party.party')
    Scheme = Model.get('lsp.scheme')
    scheme, = Scheme.find([
            ('code', '=', DEMO_CERTIFICATE_SCHEME), ('state', '=', 'active')])
    former = as_user('direktur_sertifikasi')
    try:
        Certificate = Model.get('lsp.certificate')
        certificates = []
        for name, issue_date, state in DEMO_CERTIFICATES:
            holder = get_or_create(
                'party.party', [('name', '=', name)], name=name)
            certificate = Certificate(
                holder=Party(holder.id), scheme=Scheme(scheme.id),
                issue_date=issue_date)
            if state == 'active':
                certificate.bnsp_registration_number = (
                    "89012 2345 %07d 2025" % (len(certificates) + 1))
                certificate.blanko_number = (
                    "B-%07d" % (len(certificates) + 1))
            certificate.save()
            certificates.append((certificate, state))
    finally:
        as_user(former)
    Cron = Model.get('ir.cron')
    cron, = Cron.find([('method', '=', 'lsp.certificate|expire')])
    cron.click('run_once')


# Certification: candidates (asesi)
# name, NIK, gender, birth place, birth date, education, occupation, employer
CANDIDATES = [
    ("Ahmad Subagja", '3201011508900001', 'male', "Bogor",
        dt.date(1990, 8, 15), 'd3', "Manajer KSP",
        "Koperasi Simpan Pinjam Sejahtera"),
    ("Sri Mulyani Hartati", '3271044302010002', 'female', "Bogor",
        dt.date(2001, 2, 3), 'sma', "Kasir Toko Koperasi",
        "Koperasi Konsumen Karya Bersama"),
    ("Rahmat Hidayat", '3578012011850003', 'male', "Surabaya",
        dt.date(1985, 11, 20), 'd4_s1', "Pendamping UMKM",
        "Koperasi Produsen Mitra Usaha"),
    ("Nurul Fitriani", '3174055107950004', 'female', "Jakarta",
        dt.date(1995, 7, 11), 'd4_s1', "Pendamping UMKM",
        "Koperasi Produsen Mitra Usaha"),
    ]


def load_candidates(shared):
    "Register the demo candidates, as the Direktur Sertifikasi"
    Country = Model.get('country.country')
    indonesia, = Country.find([('code', '=', 'ID')])
    former = as_user('direktur_sertifikasi')
    try:
        # the fields as the Direktur sees them: with the account modules
        # the tax rules of a party are read-only for him, and proteus sends
        # only the fields he may write
        Party = Model.get('party.party')
        candidates = []
        for (name, nik, gender, place, birth_date, education, occupation,
                employer) in CANDIDATES:
            found = Party.find([('nik', '=', nik)])
            if found:
                candidates.append(found[0])
                continue
            party = Party(name=name, nik=nik, gender=gender)
            party.birth_place = place
            party.birth_date = birth_date
            party.nationality = Country(indonesia.id)
            party.education_level = education
            party.occupation = occupation
            party.employer = get_or_create(
                'party.party', [('name', '=', employer)], name=employer)
            party.save()
            candidates.append(party)
        return candidates
    finally:
        as_user(former)


# NIK of the candidate, state reached, rejection reason
APPLICATIONS = [
    ('3201011508900001', 'accepted', None),
    ('3578012011850003', 'accepted', None),
    ('3174055107950004', 'accepted', None),
    ('3271044302010002', 'rejected',
        "Pengalaman mendampingi UMKM belum mencapai 2 tahun."),
    ]
DEMO_SCHEME = 'SSK.01.01/LSPPI/PEN/IV/2018'


def load_applications(shared):
    "File the demo applications, decided by the Direktur Sertifikasi"
    Application = Model.get('lsp.application')
    Scheme = Model.get('lsp.scheme')
    former = as_user('direktur_sertifikasi')
    try:
        scheme, = Scheme.find([
                ('code', '=', DEMO_SCHEME), ('state', '=', 'active')])
        for nik, state, reason in APPLICATIONS:
            if Application.find([
                        ('candidate.nik', '=', nik),
                        ('scheme', '=', scheme.id)]):
                continue
            application = Application()
            application.nik = nik
            application.scheme = scheme
            application.date = dt.date(2026, 3, 2)
            for line in application.self_assessments:
                line.answer = 'k'
                line.evidence = "Laporan kegiatan pendampingan UMKM"
            application.save()
            application.click('submit')
            for line in application.requirements:
                line.check = 'memenuhi'
            application.admin_recommendation = (
                'accept' if state == 'accepted' else 'reject')
            application.save()
            if state == 'accepted':
                application.assessor_recommendation = 'continue'
                application.save()
                application.click('accept')
            elif state == 'rejected':
                reject = application.click('reject')
                reject.form.reason = reason
                reject.execute('reject')
        # one more application waits for the decision
        if not Application.find([('state', '=', 'submitted')]):
            candidate, = Model.get('party.party').find([
                    ('nik', '=', '3271044302010002')])
            application = Application(candidate=candidate, scheme=scheme)
            for line in application.self_assessments:
                line.answer = 'k'
            application.save()
            application.click('submit')
    finally:
        as_user(former)


def load_event(shared):
    """Confirm an assessment event of the accepted applications at a TUK
    mandiri, as the Direktur Sertifikasi"""
    Event = Model.get('lsp.assessment.event')
    Application = Model.get('lsp.application')
    Assessor = Model.get('lsp.assessor')
    Scheme = Model.get('lsp.scheme')
    Tuk = Model.get('lsp.tuk')
    former = as_user('direktur_sertifikasi')
    try:
        if Event.find([('bnsp_code', '=', 'JDW-DEMO-2026-001')]):
            return
        scheme, = Scheme.find([
                ('code', '=', DEMO_SCHEME), ('state', '=', 'active')])
        tuk, = Tuk.find([('code', '=', 'TUK-JKT-01')])
        assessors = []
        for met_number in ['MET.000.001668.2012', 'MET.000.002021.2019']:
            assessor, = Assessor.find([('met_number', '=', met_number)])
            if scheme not in assessor.schemes:
                assessor.schemes.append(Scheme(scheme.id))
                assessor.save()
            assessors.append(assessor)
        start = dt.date.today() - dt.timedelta(days=7)
        event = Event(scheme=scheme, tuk=tuk)
        event.start_date = start
        event.end_date = start + dt.timedelta(days=1)
        event.quota = 20
        event.funding = 'sponsor'
        event.payer = get_or_create(
            'party.party',
            [('name', '=', "Dinas Koperasi dan UKM Kota Bogor")],
            name="Dinas Koperasi dan UKM Kota Bogor")
        event.bnsp_code = 'JDW-DEMO-2026-001'
        event.assessors.new(assessor=assessors[0], role='lead')
        event.assessors.new(assessor=assessors[1], role='member')
        event.participants.extend(Application.find([
                    ('state', '=', 'accepted'),
                    ('scheme', '=', scheme.id)]))
        event.save()
        event.click('confirm')
        event.click('hold')
    finally:
        as_user(former)


def load_assessments_and_decision(shared):
    """Asesor1 assesses his candidates competent; the Komite Teknik decides
    on them and the certificates are issued; asesor2's assessments wait for
    the draft decision of the next plenary"""
    Event = Model.get('lsp.assessment.event')
    events = Event.find([('bnsp_code', '=', 'JDW-DEMO-2026-001')])
    if not events:
        return
    event, = events
    former = as_user('asesor1')
    try:
        Assessment = Model.get('lsp.assessment')
        for assessment in Assessment.find([
                    ('event', '=', event.id), ('state', '=', 'draft')]):
            assessment.plan = "Portofolio dan wawancara."
            assessment.save()
            assessment.click('start')
            assessment.consent = True
            for unit in assessment.units:
                unit.result = 'k'
                unit.notes = "Bukti valid, asli, terkini dan memadai."
            assessment.feedback = "Asesmen berjalan lancar."
            assessment.report_notes = "Asesi kompeten pada semua unit."
            assessment.save()
            assessment.click('submit')
    finally:
        as_user(former)
    former = as_user('komite_teknik')
    try:
        Decision = Model.get('lsp.certification.decision')
        Employee = Model.get('company.employee')
        User = Model.get('res.user')
        if Decision.find([('event', '=', event.id)]):
            return
        decision = Decision(event=Event(event.id))
        user, = User.find([('login', '=', 'komite_teknik')])
        decision.decision_makers.append(Employee(user.employee.id))
        decision.save()
        decision.click('fill_lines')
        decision.click('approve')
        # the plenary of next week will decide on asesor2's candidate once
        # her assessment is submitted
        next_pleno = Decision(event=Event(event.id))
        next_pleno.pleno_date = decision.pleno_date + dt.timedelta(days=7)
        next_pleno.decision_makers.append(Employee(user.employee.id))
        next_pleno.notes = "Menunggu asesmen yang belum diserahkan."
        next_pleno.save()
    finally:
        as_user(former)


def load_personal_data(shared):
    """The Direktur Manajemen Mutu handles the personal data: a candidate
    asked yesterday for a copy of his data, the Kepala saw a NIK for an
    audit, a breach of last month was notified and closed and one found
    this morning waits for its notices"""
    Request = Model.get('lsp.pdp.request')
    Incident = Model.get('lsp.pdp.incident')
    Party = Model.get('party.party')
    now = dt.datetime.now().replace(microsecond=0)
    budi, = Party.find([('nik', '=', '3201011508900001')])
    former = as_user('direktur_mutu')
    try:
        if not Request.find([]):
            request = Request(requester=budi.name, kind='access')
            request.party = Party(budi.id)
            request.contact = 'budi.santoso@example.com'
            request.description = (
                "Meminta salinan seluruh data pribadinya yang disimpan LSP.")
            request.received_at = now - dt.timedelta(days=1)
            request.save()
        if not Incident.find([]):
            incident = Incident(
                title="Surel berisi daftar asesi salah kirim")
            incident.detected_at = now - dt.timedelta(days=30)
            incident.categories = ['identity', 'contact']
            incident.description = (
                "Daftar hadir uji kompetensi terkirim ke alamat e-mail "
                "yang keliru.")
            incident.measures = (
                "Penerima diminta menghapus surel; pengiriman daftar kini "
                "hanya melalui sistem.")
            incident.parties.append(Party(budi.id))
            incident.save()
            incident.click('notify_subjects')
            incident.click('notify_agency')
            incident.click('close')
            # and one detected this morning, still to be notified
            incident = Incident(
                title="Map berkas APL-01 tertinggal di TUK")
            incident.detected_at = now - dt.timedelta(hours=3)
            incident.categories = ['identity']
            incident.description = (
                "Map berisi salinan KTP dan APL-01 tertinggal di ruang uji "
                "setelah uji kompetensi; ditemukan oleh petugas TUK.")
            incident.parties.append(Party(budi.id))
            incident.save()
    finally:
        as_user(former)
    Disclosure = Model.get('lsp.pdp.disclosure')
    former = as_user('kepala')
    try:
        if not Disclosure.find([('source', '=', 'show_nik')]):
            show = Party(budi.id).click('show_nik')
            show.form.purpose = 'audit'
            show.form.note = "Pemeriksaan berkas sertifikasi."
            show.execute('disclose')
            show.execute('end')
    finally:
        as_user(former)


#: the demo steps of lsp_sertifikasi, in order (see demo/load.py)
# Recertification: the holder of a demo certificate renews it; her NIK and
# birth date (a woman born on 12 March 1992)
RENEWAL_HOLDER = (
    "Lestari Widodo", '3201015203920006', dt.date(1992, 3, 12))


def load_renewal(shared):
    """Lestari Widodo renews her certificate: the Kepala allows the
    recertification before its window opens, the Direktur Sertifikasi
    accepts it into an event, asesor1 assesses him competent and the
    decision of the Komite Teknik issues the new certificate, which renews
    the old one"""
    Application = Model.get('lsp.application')
    if Application.find([('purpose', '=', 'sertifikasi_ulang')]):
        return
    name, nik, birth_date = RENEWAL_HOLDER
    former = as_user('direktur_sertifikasi')
    try:
        Application = Model.get('lsp.application')
        Certificate = Model.get('lsp.certificate')
        Party = Model.get('party.party')
        Scheme = Model.get('lsp.scheme')
        certificates = Certificate.find([
                ('holder.name', '=', name), ('state', '=', 'active')])
        if not certificates:
            return
        certificate, = certificates
        holder = Party(certificate.holder.id)
        holder.gender = 'female'
        holder.nik = nik
        holder.birth_date = birth_date
        holder.save()
        application = Application(
            candidate=holder, purpose='sertifikasi_ulang')
        application.scheme = Scheme(certificate.scheme.id)
        application.renews_certificate = Certificate(certificate.id)
        for line in application.self_assessments:
            line.answer = 'k'
            line.evidence = "Logbook pendampingan koperasi tiga tahun terakhir"
        application.save()
    finally:
        as_user(former)
    former = as_user('kepala')
    try:
        Application = Model.get('lsp.application')
        override = Application(application.id).click('override_window')
        override.form.reason = (
            "Pemegang akan bertugas ke luar negeri saat jangka sertifikasi "
            "ulang dibuka.")
        override.execute('allow')
    finally:
        as_user(former)
    former = as_user('direktur_sertifikasi')
    try:
        Application = Model.get('lsp.application')
        Assessor = Model.get('lsp.assessor')
        Event = Model.get('lsp.assessment.event')
        Scheme = Model.get('lsp.scheme')
        Tuk = Model.get('lsp.tuk')
        application = Application(application.id)
        application.click('submit')
        for line in application.requirements:
            line.check = 'memenuhi'
        application.admin_recommendation = 'accept'
        application.assessor_recommendation = 'continue'
        application.save()
        application.click('accept')
        assessor, = Assessor.find([('met_number', '=', 'MET.000.001668.2012')])
        start = dt.date.today() - dt.timedelta(days=3)
        event = Event(scheme=Scheme(application.scheme.id))
        event.tuk, = Tuk.find([('code', '=', 'TUK-JKT-01')])
        event.start_date = event.end_date = start
        event.quota = 5
        event.funding = 'sponsor'
        event.payer = get_or_create(
            'party.party',
            [('name', '=', "Dinas Koperasi dan UKM Kota Bogor")],
            name="Dinas Koperasi dan UKM Kota Bogor")
        event.bnsp_code = 'JDW-DEMO-2026-002'
        event.assessors.new(assessor=assessor, role='lead')
        event.participants.append(Application(application.id))
        event.save()
        event.click('confirm')
        event.click('hold')
    finally:
        as_user(former)
    former = as_user('asesor1')
    try:
        Assessment = Model.get('lsp.assessment')
        assessment, = Assessment.find([('event', '=', event.id)])
        assessment.plan = "Portofolio dan wawancara."
        assessment.save()
        assessment.click('start')
        assessment.consent = True
        for unit in assessment.units:
            unit.result = 'k'
            unit.notes = "Logbook valid, asli, terkini dan memadai."
        assessment.feedback = "Asesmen sertifikasi ulang berjalan lancar."
        assessment.report_notes = "Asesi tetap kompeten pada semua unit."
        assessment.save()
        assessment.click('submit')
    finally:
        as_user(former)
    former = as_user('komite_teknik')
    try:
        Decision = Model.get('lsp.certification.decision')
        Employee = Model.get('company.employee')
        Event = Model.get('lsp.assessment.event')
        User = Model.get('res.user')
        user, = User.find([('login', '=', 'komite_teknik')])
        decision = Decision(event=Event(event.id))
        decision.decision_makers.append(Employee(user.employee.id))
        decision.save()
        decision.click('fill_lines')
        decision.click('approve')
    finally:
        as_user(former)


STEPS = [
    load_certificates,
    load_candidates,
    load_applications,
    load_event,
    load_assessments_and_decision,
    load_personal_data,
    load_renewal,
    ]
