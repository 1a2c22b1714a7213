# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of lsp_base: the organisation, the users and committees,
the standards and schemes, the assessors and their contracts, the
secretariat, the meetings and the work programme."""
import datetime as dt
import os
from decimal import Decimal

from proteus import Model, Wizard
from proteus import config as proteus_config

from .tools import (
    COMPANY_NAME, DEMO_PASSWORD, START, as_user, copy, get_or_create, group,
    indonesian, xlsx)

# login, name, position code, role groups
USERS = [
    ('kepala', "Dr. Hendra Wijaya", 'KEP', ['kepala']),
    ('wakil_kepala1', "Siti Rahmawati", 'WK1', ['wakil_kepala_1']),
    ('wakil_kepala2', "Bambang Sutrisno", 'WK2', ['wakil_kepala_2']),
    ('wakil_kepala3', "Dewi Lestari", 'WK3', ['wakil_kepala_3']),
    ('sekretaris', "Agus Prasetyo", 'SEK', ['sekretaris']),
    ('wakil_sekretaris1', "Rina Marlina", 'WS1', ['wakil_sekretaris_1']),
    ('wakil_sekretaris2', "Yusuf Hidayat", 'WS2', ['wakil_sekretaris_2']),
    ('kepala_sekretariat', "Sri Wahyuni", 'KASEK', ['kepala_sekretariat']),
    ('bendahara', "Andi Saputra", 'BEN', ['bendahara']),
    ('direktur_sertifikasi', "Ratna Sari", 'DSR', ['direktur_sertifikasi']),
    ('direktur_standarisasi', "Joko Santoso", 'DST',
        ['direktur_standarisasi']),
    ('direktur_tuk', "Fitri Handayani", 'DTUK', ['direktur_tuk']),
    ('direktur_mutu', "Budi Hartono", 'DMM', ['direktur_mutu']),
    ('direktur_humas_ti', "Maya Anggraini", 'DHTI', ['direktur_humas_ti']),
    ('komite_skema', "Prof. Eko Nugroho", 'KSK', ['komite_skema']),
    ('komite_teknik', "Indah Permatasari", 'KTK', ['komite_teknik']),
    ('dewan_pengarah', "H. Ahmad Fauzi", 'DP', ['dewan_pengarah']),
    ('asesor1', "Teguh Santosa", None, ['asesor']),
    ('asesor2', "Nur Aini", None, ['asesor']),
    ('lsp_admin', "Rudi Kurniawan", None, ['lsp_admin']),
    ]

# committee code, login, role
COMMITTEE_MEMBERS = [
    ('KS', 'komite_skema', 'chair'),
    ('KS', 'wakil_kepala1', 'member'),
    ('KS', 'direktur_standarisasi', 'secretary'),
    ('KT', 'komite_teknik', 'chair'),
    ('KT', 'direktur_mutu', 'member'),
    ('KK', 'dewan_pengarah', 'chair'),
    ]


# sector code, standard reference, units: code, title, elements: title, KUK
DEMO_STANDARDS = [
    ('EKS', "Standar Khusus LSPPI Ekspor KUMKM (demo)", [
            ('DEMO.EKS.001', "Menyiapkan Dokumen Ekspor (demo)", [
                    ("Mengidentifikasi dokumen ekspor", [
                            "Jenis dokumen ekspor diidentifikasi.",
                            "Persyaratan negara tujuan diidentifikasi."]),
                    ("Menyusun dokumen ekspor", [
                            "Invoice dan packing list disusun.",
                            "Dokumen diperiksa kelengkapannya."]),
                    ]),
            ('DEMO.EKS.002',
                "Melakukan Negosiasi dengan Pembeli Luar Negeri (demo)", [
                    ("Menyiapkan negosiasi", [
                            "Profil pembeli dianalisis.",
                            "Harga penawaran dihitung."]),
                    ]),
            ]),
    ('RIT', "Standar Khusus LSPPI Ritel Koperasi (demo)", [
            ('DEMO.RIT.001',
                "Mengelola Persediaan Barang Toko Koperasi (demo)", [
                    ("Merencanakan persediaan", [
                            "Kebutuhan barang diperkirakan.",
                            "Pemesanan barang dijadwalkan."]),
                    ("Mencatat persediaan", [
                            "Barang masuk dan keluar dicatat.",
                            "Stok opname dilakukan."]),
                    ]),
            ('DEMO.RIT.002',
                "Melayani Anggota di Gerai Ritel Koperasi (demo)", [
                    ("Melayani transaksi", [
                            "Anggota disapa dengan ramah.",
                            "Transaksi dicatat dengan benar."]),
                    ]),
            ]),
    ('KSP', "Standar Khusus LSPPI KSP/USP Koperasi (demo)", [
            ('DEMO.KSP.001',
                "Menganalisis Kelayakan Pinjaman Anggota (demo)", [
                    ("Menilai permohonan pinjaman", [
                            "Data permohonan diverifikasi.",
                            "Kemampuan bayar dianalisis dengan prinsip 5C."]),
                    ]),
            ('DEMO.KSP.002', "Mengelola Simpanan Anggota (demo)", [
                    ("Mencatat simpanan", [
                            "Setoran simpanan dicatat.",
                            "Saldo simpanan direkonsiliasi."]),
                    ]),
            ]),
    ('KSPPS', "Standar Khusus LSPPI KSPPS/USPPS Koperasi (demo)", [
            ('DEMO.KSPPS.001', "Menerapkan Akad Murabahah (demo)", [
                    ("Menyiapkan akad", [
                            "Objek akad diidentifikasi.",
                            "Margin disepakati sesuai prinsip syariah."]),
                    ]),
            ('DEMO.KSPPS.002',
                "Mengelola Dana Zakat, Infak dan Sedekah (demo)", [
                    ("Menghimpun dana ZIS", [
                            "Penerimaan dana ZIS dicatat.",
                            "Penyaluran dana ZIS dilaporkan."]),
                    ]),
            ]),
    ]

# code, name, sector, kind, level, unit codes, requirements, methods, state
DEMO_SCHEMES = [
    ('SSK.01.01/LSPPI/PEN/IV/2018', "Konsultan Pendamping UMKM Junior",
        'PEN', 'okupasi', None, ['M.70PEN00.021.1'],
        ["Pendidikan minimal D3 atau sederajat",
            "Pengalaman mendampingi UMKM minimal 2 tahun",
            "Pas foto dan fotokopi KTP"],
        ['portfolio', 'oral', 'observation'], 'active'),
    ('SSK.02.01/LSPPI/RIT/XI/2026', "Pengelola Toko Koperasi (demo)",
        'RIT', 'klaster', None, ['DEMO.RIT.001', 'DEMO.RIT.002'],
        ["Pendidikan minimal SMA atau sederajat",
            "Bekerja di unit ritel koperasi minimal 1 tahun"],
        ['observation', 'written'], 'submitted'),
    ('SSK.03.01/LSPPI/KSP/XI/2026', "Manajer KSP/USP (demo)",
        'KSP', 'kkni', 6, ['DEMO.KSP.001', 'DEMO.KSP.002'],
        ["Pendidikan minimal S1",
            "Pengalaman sebagai manajer KSP/USP minimal 2 tahun"],
        ['portfolio', 'written', 'oral'], 'draft'),
    ]

def load_company(lang):
    country = get_or_create(
        'country.country', [('code', '=', 'ID')],
        name="Indonesia", code='ID', code3='IDN', code_numeric='360')
    currency = get_or_create(
        'currency.currency', [('code', '=', 'IDR')],
        name="Rupiah Indonesia", code='IDR', symbol='Rp', numeric_code='360',
        digits=0, rounding=Decimal('1'))
    Company = Model.get('company.company')
    companies = Company.find([('party.name', '=', COMPANY_NAME)])
    if companies:
        return companies[0]
    Party = Model.get('party.party')
    party = Party(name=COMPANY_NAME, lang=lang)
    address, = party.addresses
    address.street = (
        "Jl. Garuda No. 28, Perum Lembah Hijau, Mekarsari")
    address.city = "Depok"
    address.postal_code = '16452'
    address.country = country
    party.save()
    company = Company(party=party, currency=currency,
        timezone='Asia/Jakarta')
    company.save()
    return company


def load_configuration():
    Configuration = Model.get('lsp.configuration')
    configuration = Configuration(1)
    if not configuration.bnsp_licence_number:
        configuration.bnsp_licence_number = "BNSP-LSP-0000-ID (demo)"
        configuration.bnsp_licence_valid_until = dt.date(2028, 12, 31)
        configuration.save()


def load_admin(company, lang):
    User = Model.get('res.user')
    admin, = User.find([('login', '=', 'admin')])
    if admin.company != company:
        admin.companies.append(copy(company))
        admin.company = company
        admin.language = lang
        admin.save()


def load_user(company, lang, login, name, groups):
    User = Model.get('res.user')
    users = User.find([('login', '=', login)])
    if users:
        return users[0]
    party = get_or_create(
        'party.party', [('name', '=', name)], name=name, lang=lang)
    employee = get_or_create(
        'company.employee',
        [('party', '=', party.id), ('company', '=', company.id)],
        party=party, company=company, start_date=START)
    user = User(login=login, name=name, password=DEMO_PASSWORD,
        language=lang)
    user.groups.extend(group(g) for g in groups)
    user.companies.append(copy(company))
    user.company = company
    user.employees.append(copy(employee))
    user.employee = employee
    user.save()
    return user


def load_holder(user, position_code):
    Position = Model.get('lsp.position')
    position, = Position.find([('code', '=', position_code)])
    get_or_create(
        'lsp.position.holder',
        [('position', '=', position.id),
            ('employee', '=', user.employee.id)],
        position=position, employee=user.employee, date_from=START,
        decree_number="SK.%03d/LSPPI/I/2024 (demo)" % position.id)


def load_committee_member(users, committee_code, login, role):
    Committee = Model.get('lsp.committee')
    committee, = Committee.find([('code', '=', committee_code)])
    employee = users[login].employee
    get_or_create(
        'lsp.committee.member',
        [('committee', '=', committee.id),
            ('party', '=', employee.party.id)],
        committee=committee, employee=employee, party=employee.party,
        role=role, start_date=START, end_date=dt.date(2028, 12, 31))


def import_standard(data, sector_code, kind):
    "Import an XLSX file of standards with the wizard people use"
    Sector = Model.get('lsp.sector')
    sector, = Sector.find([('code', '=', sector_code)])
    wizard = Wizard('lsp.standard.import')
    wizard.form.file = data
    wizard.form.file_name = 'standar.xlsx'
    wizard.form.kind = kind
    wizard.form.sector = sector
    wizard.execute('import_')
    wizard.execute('end')


def load_standards(shared):
    import lsp_base
    path = os.path.join(os.path.dirname(lsp_base.__file__), 'tests',
        'skkni_M.70PEN00.021.1.xlsx')
    with open(path, 'rb') as fp:
        import_standard(fp.read(), 'PEN', 'skkni')
    for sector_code, reference, units in DEMO_STANDARDS:
        rows = []
        for code, title, elements in units:
            for e, (element, criteria) in enumerate(elements, 1):
                for c, criterion in enumerate(criteria, 1):
                    rows.append([reference, code, title, str(e), element,
                            '%s.%s' % (e, c), criterion])
        import_standard(xlsx(rows), sector_code, 'khusus')


def load_schemes(shared):
    Scheme = Model.get('lsp.scheme')
    Sector = Model.get('lsp.sector')
    Unit = Model.get('lsp.competency.unit')
    for (code, name, sector_code, kind, level, unit_codes, requirements,
            methods, state) in DEMO_SCHEMES:
        if Scheme.find([('code', '=', code)]):
            continue
        sector, = Sector.find([('code', '=', sector_code)])
        scheme = Scheme(code=code, name=name, sector=sector, kind=kind,
            kkni_level=level, assessment_methods=methods)
        for unit_code in unit_codes:
            unit, = Unit.find([('code', '=', unit_code)])
            scheme.units.new(unit=unit)
        for description in requirements:
            scheme.requirements.new(kind='basic', description=description)
        scheme.save()
        buttons = ['submit', 'validate_scheme', 'approve', 'activate']
        target = {'draft': 0, 'submitted': 1, 'active': 4}[state]
        for button in buttons[:target]:
            scheme.click(button)


def load_organisation(shared):
    """The company, the admin, the configuration, the users with their
    positions and the committee members; puts the language, the company and
    the users by login in shared for the steps after it"""
    lang = indonesian()
    company = load_company(lang)
    load_admin(company, lang)
    load_configuration()
    users = {}
    for login, name, position_code, groups in USERS:
        users[login] = load_user(company, lang, login, name, groups)
        if position_code:
            load_holder(users[login], position_code)
    for committee_code, login, role in COMMITTEE_MEMBERS:
        load_committee_member(users, committee_code, login, role)
    shared.update(lang=lang, company=company, users=users)


# Assessors and their contracts
# login or None, name, MET number, licence issued, licence expires,
# sector codes, conflict party or None
ASSESSORS = [
    ('asesor1', "Teguh Santosa", 'MET.000.001668.2012',
        dt.date(2025, 3, 1), dt.date(2028, 2, 28), ['KSP'], None),
    ('asesor2', "Nur Aini", 'MET.000.002021.2019',
        dt.date(2024, 7, 1), dt.date(2027, 6, 30), ['RIT'], None),
    (None, "Hendro Gunawan", 'MET.000.003145.2016',
        dt.date(2021, 1, 15), dt.date(2024, 1, 14), ['EKS'], None),
    (None, "Lina Marlina", 'MET.000.004412.2020',
        dt.date(2025, 2, 1), dt.date(2028, 1, 31), ['KSP', 'KSPPS'],
        "Koperasi Simpan Pinjam Sejahtera"),
    (None, "Wahyu Hidayat", 'MET.000.005530.2021',
        dt.date(2025, 9, 1), dt.date(2028, 8, 31), ['EKS', 'RIT'], None),
    ]


def load_assessor_employee(company, lang, users, login, name):
    if login:
        return users[login].employee
    party = get_or_create(
        'party.party', [('name', '=', name)], name=name, lang=lang)
    return get_or_create(
        'company.employee',
        [('party', '=', party.id), ('company', '=', company.id)],
        party=party, company=company, start_date=START)


def load_assessors(shared):
    company, lang, users = (
        shared['company'], shared['lang'], shared['users'])
    Assessor = Model.get('lsp.assessor')
    Contract = Model.get('lsp.assessor.contract')
    Sector = Model.get('lsp.sector')
    Scheme = Model.get('lsp.scheme')
    Party = Model.get('party.party')
    schemes = Scheme.find([('state', '=', 'active')])
    assessors = []
    for (login, name, met_number, issued, expires, sector_codes,
            conflict_name) in ASSESSORS:
        employee = load_assessor_employee(company, lang, users, login, name)
        found = Assessor.find([('employee', '=', employee.id)], limit=1)
        if found:
            assessor, = found
        else:
            assessor = Assessor(employee=employee, met_number=met_number,
                licence_issue_date=issued, licence_expiry_date=expires)
            assessor.sectors.extend(
                Sector.find([('code', 'in', sector_codes)]))
            for scheme in schemes:
                if scheme.sector.code in sector_codes:
                    assessor.schemes.append(copy(scheme))
            rcc = assessor.competences.new(kind='rcc', date=issued)
            rcc.valid_until = min(
                expires, issued + dt.timedelta(days=365))
            rcc.description = "RCC (demo)"
            if conflict_name:
                party = get_or_create(
                    'party.party', [('name', '=', conflict_name)],
                    name=conflict_name, lang=lang)
                assessor.conflicts.new(
                    party=Party(party.id), date=issued,
                    reason="Pernah menjadi pengurus koperasi ini.")
            assessor.save()
        assessors.append(assessor)
        if not Contract.find([('assessor', '=', assessor.id)], limit=1):
            contract = Contract(assessor=assessor, company=company)
            contract.start_date = max(issued, dt.date(2026, 1, 1))
            contract.end_date = contract.start_date + dt.timedelta(days=364)
            if expires < contract.start_date:
                # an expired licence: a past contract, closed
                contract.start_date = issued
                contract.end_date = expires
            contract.rate_day = Decimal('750000')
            contract.rate_candidate = Decimal('150000')
            contract.rate_tuk_verification = Decimal('500000')
            contract.save()
            contract.click('activate')
            if assessor.state == 'expired':
                contract.click('close')
    return assessors


# Letters, documents, partnerships and promotion
# direction, date, party, reference, subject, issuing unit, classification,
# disposition positions
LETTERS = [
    ('incoming', dt.date(2026, 3, 2), "Kementerian Koperasi dan UKM",
        'B-214/DEP.2/III/2026', "Undangan rapat koordinasi LSP", None,
        'penting', ['KEP']),
    ('incoming', dt.date(2026, 3, 9), "Koperasi Simpan Pinjam Sejahtera",
        '07/KSPS/III/2026', "Pengaduan hasil uji kompetensi", None,
        'rahasia', ['WK1']),
    ('outgoing', dt.date(2026, 3, 16), "Badan Nasional Sertifikasi Profesi",
        None, "Laporan kegiatan sertifikasi triwulan I", 'SEK', 'biasa', []),
    ('outgoing', dt.date(2026, 4, 6), "Dewan Koperasi Indonesia",
        None, "Permohonan kerja sama sosialisasi", 'KEP', 'biasa', []),
    ]

# partner, stakeholder category codes, MoU number, start, end
PARTNERSHIPS = [
    ("Dewan Koperasi Indonesia", ['ASO'], 'MOU/001/LSPPI/I/2025',
        dt.date(2025, 1, 15), None),
    ("Universitas Koperasi Indonesia", ['MPL', 'TUK'],
        'MOU/002/LSPPI/II/2025', dt.date(2025, 2, 1), None),
    ]


def load_secretariat(shared):
    "Load demo letters, documents, partnerships and a promotion event"
    Letter = Model.get('lsp.letter')
    Document = Model.get('lsp.document')
    Position = Model.get('lsp.position')
    Party = Model.get('party.party')
    Partnership = Model.get('lsp.partnership')
    Promotion = Model.get('lsp.promotion')
    Category = Model.get('lsp.stakeholder.category')
    Sector = Model.get('lsp.sector')
    lang = indonesian()
    today = dt.date.today()

    def party(name):
        return get_or_create(
            'party.party', [('name', '=', name)], name=name, lang=lang)

    def position(code):
        return Position.find([('code', '=', code)])[0]

    for (direction, date, party_name, reference, subject, unit,
            classification, dispositions) in LETTERS:
        if Letter.find([('subject', '=', subject)], limit=1):
            continue
        letter = Letter(direction=direction, date=date, subject=subject)
        if direction == 'incoming':
            letter.sender = Party(party(party_name).id)
            letter.reference = reference
        else:
            letter.recipient = Party(party(party_name).id)
            letter.issuing_unit = position(unit)
        letter.classification = classification
        for code in dispositions:
            disposition = letter.dispositions.new()
            disposition.position = position(code)
            disposition.instruction = "Mohon ditindaklanjuti."
        letter.save()
        letter.click('register')

    old = Document.find([('number', '=', 'SK-003/PENGURUS/LSPPI/2024')])
    if not old:
        old = Document(kind='sk_pengurus',
            number='SK-003/PENGURUS/LSPPI/2024',
            title="Struktur Organisasi Sekretariat",
            issuer_position=position('KEP'),
            date_signed=dt.date(2024, 1, 8),
            effective_date=dt.date(2024, 1, 8))
        old.save()
        old.click('put_in_force')
    else:
        old, = old
    if not Document.find([('number', '=', 'SK-011/PENGURUS/LSPPI/2026')]):
        new = Document(kind='sk_pengurus',
            number='SK-011/PENGURUS/LSPPI/2026',
            title="Struktur Organisasi Sekretariat (perubahan)",
            issuer_position=position('KEP'),
            date_signed=dt.date(2026, 1, 12),
            effective_date=dt.date(2026, 2, 1),
            replaces=Document(old.id))
        new.save()
        new.click('put_in_force')

    ksp = Sector.find([('code', '=', 'KSP')])
    ends = [today + dt.timedelta(days=45), today + dt.timedelta(days=700)]
    for (name, codes, number, start, _), end in zip(PARTNERSHIPS, ends):
        partner = party(name)
        categories = Category.find([('code', 'in', codes)])
        missing = [c for c in categories
            if c not in partner.stakeholder_categories]
        if missing:
            partner.stakeholder_categories.extend(
                [Category(c.id) for c in missing])
            partner.save()
        if Partnership.find([('mou_number', '=', number)], limit=1):
            continue
        partnership = Partnership(party=Party(partner.id), mou_number=number,
            start_date=start, end_date=end)
        partnership.scope = "Sosialisasi dan sertifikasi kompetensi."
        partnership.sectors.extend([Sector(s.id) for s in ksp])
        partnership.save()
        partnership.click('activate')

    name = "Sosialisasi Sertifikasi Pengelola KSP (demo)"
    if not Promotion.find([('name', '=', name)], limit=1):
        promotion = Promotion(name=name, kind='socialisation',
            date=dt.date(2026, 3, 20), audience="Pengelola KSP/USP",
            place="Jakarta", participants=85, cost=Decimal('7500000'))
        if ksp:
            promotion.sector = Sector(ksp[0].id)
        promotion.outcome = "32 calon asesi menyatakan minat."
        promotion.follow_ups = "Jadwalkan uji kompetensi bulan Mei."
        promotion.save()

def schedule_meeting(meeting):
    """Schedule meeting going on past the warnings of the scheduling (a past
    start, attendees without e-mail address), as the Sekretaris did"""
    config = proteus_config.get_config()
    config.skip_warning = True
    try:
        meeting.click('schedule')
    finally:
        config.skip_warning = False


def load_meetings_and_programme(shared):
    Meeting = Model.get('lsp.meeting')
    Position = Model.get('lsp.position')
    User = Model.get('res.user')
    Employee = Model.get('company.employee')

    def employee(login):
        user, = User.find([('login', '=', login)])
        return Employee(user.employee.id)

    wk1, = Position.find([('code', '=', 'WK1')])
    kep, = Position.find([('code', '=', 'KEP')])
    former = as_user('sekretaris')
    try:
        Meeting = Model.get('lsp.meeting')
        title = "Rapat Pimpinan Januari 2026"
        if not Meeting.find([('title', '=', title)]):
            meeting = Meeting(title=title, kind='leadership', organiser=kep)
            meeting.start = dt.datetime(2026, 1, 12, 2, 0)
            meeting.end = dt.datetime(2026, 1, 12, 4, 0)
            meeting.place = "Ruang Rapat LSP, Depok"
            meeting.chair = employee('kepala')
            meeting.minute_taker = employee('sekretaris')
            for topic, login in [
                    ("Evaluasi uji kompetensi 2025", 'direktur_sertifikasi'),
                    ("Program kerja 2026", 'wakil_kepala1')]:
                meeting.agenda.new(topic=topic, presenter=employee(login))
            for login in ['kepala', 'wakil_kepala1', 'wakil_kepala2',
                    'wakil_kepala3', 'sekretaris', 'direktur_sertifikasi']:
                meeting.attendees.new(employee=employee(login))
            meeting.save()
            schedule_meeting(meeting)
            meeting.click('hold')
            for attendee in meeting.attendees:
                attendee.attendance = 'present'
            meeting.minutes = (
                "Uji kompetensi 2025 melampaui target.\n"
                "Rancangan program kerja 2026 dibahas dan diterima.")
            meeting.decisions.new(
                description="Program kerja 2026 diajukan kepada Kepala.")
            action = meeting.actions.new(
                description="Menyusun jadwal uji kompetensi 2026")
            action.owner = employee('direktur_sertifikasi')
            action.due_date = dt.date(2026, 2, 28)
            meeting.save()
            meeting.click('approve')
        title = "Rapat Pleno Skema Sertifikasi"
        if not Meeting.find([('title', '=', title)]):
            meeting = Meeting(title=title, kind='plenary', organiser=wk1)
            meeting.start = dt.datetime(2026, 12, 7, 2, 0)
            meeting.place = "Ruang Rapat LSP, Depok"
            meeting.online_link = "https://meet.example.com/lsppi-pleno"
            meeting.agenda.new(
                topic="Kaji ulang skema sertifikasi",
                presenter=employee('wakil_kepala1'))
            for login in ['wakil_kepala1', 'direktur_standarisasi',
                    'komite_skema', 'wakil_sekretaris1']:
                meeting.attendees.new(employee=employee(login))
            meeting.save()
            schedule_meeting(meeting)
    finally:
        as_user(former)

    Program = Model.get('lsp.work.program')
    Sector = Model.get('lsp.sector')
    if not Program.find([('year', '=', 2026)]):
        as_user('wakil_kepala1')
        try:
            Program = Model.get('lsp.work.program')
            program = Program(year=2026)
            for (activity, code, sector_code, target, months,
                    cost) in [
                    ("Uji kompetensi pengelola koperasi", 'DSR', 'KSP',
                        "500 asesi", ['03', '06', '09', '11'], 450000000),
                    ("Verifikasi TUK", 'DTUK', 'KSPPS', "12 TUK",
                        ['02', '08'], 60000000),
                    ("Kaji ulang skema sertifikasi", 'DST', None,
                        "5 skema", ['05', '10'], 40000000),
                    ]:
                line = program.lines.new(activity=activity)
                line.position, = Position.find([('code', '=', code)])
                if sector_code:
                    line.sector, = Sector.find([('code', '=', sector_code)])
                line.target = target
                line.months = months
                line.estimated_cost = Decimal(cost)
            program.save()
        finally:
            as_user(former)
        as_user('kepala')
        try:
            Program = Model.get('lsp.work.program')
            program, = Program.find([('year', '=', 2026)])
            program.click('approve')
        finally:
            as_user(former)
        for login, code, entries in [
                ('direktur_sertifikasi', 'DSR', [('03', 25), ('06', 55)]),
                ('direktur_tuk', 'DTUK', [('02', 50), ('08', 100)]),
                ]:
            as_user(login)
            try:
                Line = Model.get('lsp.work.program.line')
                Realisation = Model.get('lsp.work.program.realisation')
                line, = Line.find([
                        ('program.year', '=', 2026),
                        ('position.code', '=', code)])
                for month, percent in entries:
                    Realisation(
                        line=line, month=month, percent=percent,
                        notes="Realisasi bulan %s (demo)" % month).save()
            finally:
                as_user(former)


#: the demo steps of lsp_base, in order (see demo/load.py)
STEPS = [
    load_organisation,
    load_standards,
    load_schemes,
    load_assessors,
    load_secretariat,
    load_meetings_and_programme,
    ]
