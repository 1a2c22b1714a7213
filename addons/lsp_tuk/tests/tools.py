# This file is part of the LSP Perkoperasian Indonesia ERP.
"Helpers for the scenarios of the modules that use TUK"
import datetime as dt
import itertools

from proteus import Model

from lsp_base.tests.tools import create_assessor

_codes = itertools.count(1)


def create_verified_tuk(
        scheme, kind='mandiri', valid_from=None, valid_until=None,
        capacity=30, config=None):
    """Return an active TUK of kind with a validated verification of scheme

    A TUK mandiri is verified on valid_from (default today) for the
    configured months; a TUK sewaktu or tempat kerja for the days from
    valid_from to valid_until (default a week)."""
    Party = Model.get('party.party', config=config)
    Tuk = Model.get('lsp.tuk', config=config)
    Scheme = Model.get('lsp.scheme', config=config)
    Agreement = Model.get('lsp.tuk.agreement', config=config)
    Verification = Model.get('lsp.tuk.verification', config=config)
    today = dt.date.today()
    valid_from = valid_from or today
    valid_until = valid_until or valid_from + dt.timedelta(days=6)
    number = next(_codes)
    provider = Party(name="Penyedia TUK %s" % number)
    provider.save()
    tuk = Tuk(code='TUK-T%03d' % number, name="TUK Uji %s" % number)
    tuk.kind = kind
    tuk.provider = provider
    tuk.address = "Jl. Koperasi No. %s, Jakarta" % number
    tuk.capacity = capacity
    if kind == 'mandiri':
        tuk.manager = tuk.technical_contact = tuk.quality_contact = provider
    tuk.schemes.append(Scheme(getattr(scheme, 'id', scheme)))
    tuk.save()
    agreement = Agreement(tuk=tuk, number='PKS/TUK/%03d' % number)
    agreement.start_date = min(valid_from, today) - dt.timedelta(days=30)
    agreement.end_date = max(valid_until, today) + dt.timedelta(days=730)
    agreement.fee_basis = 'none'
    agreement.click('activate')
    tuk.click('activate')
    verification = Verification(tuk=tuk, date=valid_from)
    verification.verifier = create_assessor(
        "Verifikator TUK %s" % number, config=config)
    if kind != 'mandiri':
        verification.valid_from = valid_from
        verification.valid_until = valid_until
    line = verification.lines.new()
    line.category = 'facilities'
    line.name = "Ruang uji sesuai skema"
    line.mandatory = True
    line.fulfilled = 'yes'
    line.evidence = "Diperiksa langsung"
    verification.recommendation = "TUK memenuhi persyaratan."
    verification.click('done')
    verification.click('validate_verification')
    tuk.reload()
    return tuk
