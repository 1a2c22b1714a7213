# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of lsp_tuk: the TUK (competency test sites) with their
agreements, the requirement templates and the verifications."""
import datetime as dt
from decimal import Decimal

from proteus import Model

from .tools import as_user, get_or_create

# TUK (competency test sites)
GENERAL_TUK_REQUIREMENTS = [
    ('personnel', "Kepala TUK, penanggung jawab teknis operasional dan "
        "penanggung jawab mutu ditetapkan dengan surat keputusan", None),
    ('facilities', "Ruang uji sesuai jumlah asesi, cukup penerangan dan "
        "ventilasi", None),
    ('facilities', "Ruang tunggu asesi", None),
    ('safety', "Alat pemadam api ringan (APAR) dan jalur evakuasi", None),
    ('safety', "Kotak P3K", None),
    ]
TECHNICAL_TUK_REQUIREMENTS = [
    ('equipment', "Komputer dengan aplikasi pengolah kata dan lembar kerja",
        "1 unit per asesi"),
    ('equipment', "Proyektor dan layar", "1 unit per ruang"),
    ('materials', "Studi kasus rencana usaha UMKM (MUK)",
        "1 set per asesi"),
    ]
# the head, technical and quality contacts of the TUK mandiri
TUK_STAFF = {
    'TUK-JKT-01': ("Bagus Pratama", "Rudy Hartono", "Ayu Kusuma"),
    'TUK-BDG-02': ("Dr. Wawan Setiawan", "Hana Pertiwi", "Irfan Maulana"),
    }
# code, name, kind, provider, city, capacity, verification age in days
# (None: a draft verification for asesor1), days the use lasts
TUKS = [
    ('TUK-JKT-01', "TUK Mandiri Koperasi Karyawan Sejahtera Bersama",
        'mandiri', "Koperasi Karyawan Sejahtera Bersama", "Jakarta Timur",
        25, 60, None),
    ('TUK-BDG-02', "TUK Mandiri Universitas Koperasi Indonesia", 'mandiri',
        "Universitas Koperasi Indonesia", "Sumedang", 40, 400, None),
    ('TUK-BGR-03', "Aula Dinas Koperasi dan UKM Kota Bogor", 'sewaktu',
        "Dinas Koperasi dan UKM Kota Bogor", "Bogor", 30, -20, 2),
    ('TUK-DPK-04', "Kantor Koperasi Simpan Pinjam Sejahtera", 'tempat_kerja',
        "Koperasi Simpan Pinjam Sejahtera", "Depok", 15, None, 1),
    ]


def load_tuk(shared):
    lang = shared['lang']
    former = as_user('direktur_tuk')
    try:
        load_tuk_templates()
        for values in TUKS:
            load_one_tuk(lang, *values)
    finally:
        as_user(former)
    # the daily job marks the verification of TUK-BDG-02 expired
    Cron = Model.get('ir.cron')
    cron, = Cron.find(
        [('method', '=', 'lsp.tuk.verification|check_expiry')])
    cron.click('run_once')


def load_tuk_templates():
    Template = Model.get('lsp.tuk.requirement.template')
    Scheme = Model.get('lsp.scheme')
    scheme, = Scheme.find(
        [('code', '=', 'SSK.01.01/LSPPI/PEN/IV/2018')], limit=1)
    for name, scheme_, lines in [
            ("Persyaratan Umum TUK (PBNSP 206)", None,
                GENERAL_TUK_REQUIREMENTS),
            ("Persyaratan Teknis Konsultan Pendamping UMKM", scheme,
                TECHNICAL_TUK_REQUIREMENTS)]:
        if Template.find([('name', '=', name)]):
            continue
        template = Template(name=name, scheme=scheme_)
        for category, requirement, specification in lines:
            template.lines.new(category=category, name=requirement,
                specification=specification,
                mandatory=requirement != "Ruang tunggu asesi")
        template.save()


def load_one_tuk(lang, code, name, kind, provider_name, city, capacity,
        age, days):
    Tuk = Model.get('lsp.tuk')
    Scheme = Model.get('lsp.scheme')
    Party = Model.get('party.party')
    Agreement = Model.get('lsp.tuk.agreement')
    if Tuk.find([('code', '=', code)]):
        return
    today = dt.date.today()
    provider = get_or_create('party.party', [('name', '=', provider_name)],
        name=provider_name, lang=lang)
    tuk = Tuk(code=code, name=name, kind=kind, capacity=capacity, city=city)
    tuk.provider = Party(provider.id)
    tuk.address = "Jl. Koperasi No. %s, %s" % (capacity, city)
    if kind == 'mandiri':
        tuk.manager, tuk.technical_contact, tuk.quality_contact = [
            Party(get_or_create('party.party', [('name', '=', n)],
                    name=n, lang=lang).id)
            for n in TUK_STAFF[code]]
    tuk.schemes.extend(Scheme.find([('state', '=', 'active')]))
    tuk.facilities.new(name="Ruang uji", kind='room', quantity=2)
    tuk.facilities.new(name="Komputer", kind='equipment',
        quantity=capacity)
    tuk.save()
    agreement = Agreement(tuk=tuk, number='PKS/%s/LSPPI/2026' % code[4:])
    agreement.start_date = dt.date(2025, 1, 1)
    agreement.end_date = today + dt.timedelta(days=730)
    agreement.fee_basis = 'session' if kind == 'mandiri' else 'none'
    if kind == 'mandiri':
        agreement.fee = Decimal('2500000')
    agreement.click('activate')
    tuk.click('activate')
    load_tuk_verification(tuk, age, days)


def load_tuk_verification(tuk, age, days):
    "Verify tuk age days ago, or leave a draft to asesor1 if age is None"
    Verification = Model.get('lsp.tuk.verification')
    Assessor = Model.get('lsp.assessor')
    today = dt.date.today()
    teguh, = Assessor.find([('met_number', '=', 'MET.000.001668.2012')])
    verification = Verification(tuk=tuk)
    verification.verifier = teguh
    verification.date = today - dt.timedelta(days=max(age or 0, 0))
    if tuk.kind != 'mandiri':
        start = today + dt.timedelta(days=30)
        verification.valid_from = start
        verification.valid_until = start + dt.timedelta(days=days - 1)
    verification.save()
    if age is None:
        return
    former = as_user('asesor1')
    try:
        verification = Verification(verification.id)
        verification.click('fill_checklist')
        for line in verification.lines:
            line.fulfilled = 'yes'
            line.evidence = "Diperiksa langsung oleh verifikator"
        verification.recommendation = (
            "TUK memenuhi persyaratan umum dan teknis.")
        verification.click('done')
    finally:
        as_user(former)
    Verification(verification.id).click('validate_verification')


#: the demo steps of lsp_tuk, in order (see demo/load.py)
STEPS = [
    load_tuk,
    ]
