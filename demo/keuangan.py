# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of lsp_keuangan: the finance roles, the ISAK 35 chart of
accounts of the company with its default receivable and payable accounts,
the fiscal year of the current year with monthly periods, its move sequence
and its invoice sequences, the tariffs of the certification, the RAPB of the
year, the invoices of a self-funded candidate and of a sponsored event, the
honoraria of the held event, and last month's financial pack."""
import datetime as dt
from decimal import Decimal

from proteus import Model, Wizard

from .tools import START, as_user, get_or_create

#: the invoice sequences of a fiscal year: field, name, prefix
INVOICE_SEQUENCES = [
    ('out_invoice_sequence', "Faktur Pelanggan", 'FKT'),
    ('out_credit_note_sequence', "Nota Kredit Pelanggan", 'NKR'),
    ('in_invoice_sequence', "Tagihan Pemasok", 'TGH'),
    ('in_credit_note_sequence', "Nota Kredit Pemasok", 'NKP'),
    ]


def sequence_type(module, xml_id):
    ModelData = Model.get('ir.model.data')
    SequenceType = Model.get('ir.sequence.type')
    return SequenceType(ModelData.get_id(module, xml_id, {}))


def load_chart(shared):
    """Create the chart of the company from lsp_keuangan.root and set the
    default receivable (1201) and payable (2101) accounts"""
    as_user('admin')
    company = shared['company']
    Account = Model.get('account.account')
    if not Account.find([('company', '=', company.id)], limit=1):
        ModelData = Model.get('ir.model.data')
        AccountTemplate = Model.get('account.account.template')
        create_chart = Wizard('account.create_chart')
        create_chart.execute('account')
        create_chart.form.account_template = AccountTemplate(
            ModelData.get_id('lsp_keuangan', 'root', {}))
        create_chart.form.company = company
        create_chart.execute('create_account')
        # the wizard proposes 1201 and 2101 for this chart
        create_chart.execute('create_properties')
    Configuration = Model.get('account.configuration')
    configuration = Configuration(1)
    changed = False
    for field, code in [
            ('default_account_receivable', '1201'),
            ('default_account_payable', '2101')]:
        if not getattr(configuration, field):
            account, = Account.find([
                    ('company', '=', company.id), ('code', '=', code)])
            setattr(configuration, field, account)
            changed = True
    if changed:
        configuration.save()


def load_fiscalyear(shared):
    """The fiscal year of the current year with monthly periods, a strict
    move sequence and the four strict invoice sequences"""
    company = shared['company']
    year = dt.date.today().year
    FiscalYear = Model.get('account.fiscalyear')
    if FiscalYear.find([
                ('company', '=', company.id),
                ('start_date', '<=', dt.date(year, 12, 31)),
                ('end_date', '>=', dt.date(year, 1, 1)),
                ], limit=1):
        return
    SequenceStrict = Model.get('ir.sequence.strict')
    move_sequence = SequenceStrict(
        name="Jurnal %s" % year,
        sequence_type=sequence_type('account', 'sequence_type_account_move'),
        company=company, prefix='JU/%s/' % year, padding=5)
    move_sequence.save()
    fiscalyear = FiscalYear(
        name=str(year), company=company,
        start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31),
        move_sequence=move_sequence)
    invoice_type = sequence_type(
        'account_invoice', 'sequence_type_account_invoice')
    if not fiscalyear.invoice_sequences:
        fiscalyear.invoice_sequences.new()
    invoice_sequences = fiscalyear.invoice_sequences[0]
    for field, name, prefix in INVOICE_SEQUENCES:
        sequence = SequenceStrict(
            name="%s %s" % (name, year), sequence_type=invoice_type,
            company=company, prefix='%s/%s/' % (prefix, year), padding=4)
        sequence.save()
        setattr(invoice_sequences, field, sequence)
    fiscalyear.save()
    fiscalyear.click('create_period')


#: the demo users who get a finance role: login, role
ROLES = [
    ('bendahara', 'role_bendahara'),
    ('lsp_admin', 'role_lsp_admin'),
    ]


def load_roles(shared):
    """The roles of the Bendahara and the LSP Administrator, which give the
    groups of Tryton's finance modules with the LSP group"""
    as_user('admin')
    ModelData = Model.get('ir.model.data')
    Role = Model.get('res.role')
    User = Model.get('res.user')
    for login, xml_id in ROLES:
        user, = User.find([('login', '=', login)])
        role = Role(ModelData.get_id('lsp_keuangan', xml_id, {}))
        if role not in [r.role for r in user.roles]:
            user.roles.new(role=role)
            user.save()


#: the tariffs: funding, amount, components (kind, amount), approved
TARIFFS = [
    ('mandiri', 750000, [
            ('honor_asesor', 400000), ('tuk', 150000), ('muk_bahan', 50000),
            ('blanko', 25000), ('administrasi', 75000)], True),
    ('sponsor', 650000, [
            ('honor_asesor', 350000), ('tuk', 125000), ('muk_bahan', 50000),
            ('blanko', 25000), ('administrasi', 50000)], True),
    ('apbn_apbd', 600000, [
            ('honor_asesor', 350000), ('tuk', 100000), ('muk_bahan', 50000),
            ('blanko', 25000), ('administrasi', 25000)], False),
    ]


def load_tariffs(shared):
    """The service invoiced to the candidates, the decree of the
    management on the fees, and the tariffs drafted by the Bendahara: those
    of self-funded and sponsored candidates approved by the Kepala, the one
    of the government programmes waiting for his approval"""
    as_user('admin')
    Uom = Model.get('product.uom')
    unit, = Uom.find([('symbol', '=', 'u')], limit=1)
    template = get_or_create(
        'product.template', [('name', '=', "Uji Kompetensi")],
        name="Uji Kompetensi", type='service', default_uom=unit,
        list_price=Decimal(0))
    product, = template.products
    Document = Model.get('lsp.document')
    decree = Document.find([('number', '=', 'SK-015/LSPPI/PENG/2026')])
    if decree:
        decree, = decree
    else:
        decree = Document(
            kind='sk_pengurus', number='SK-015/LSPPI/PENG/2026',
            title="Biaya Uji Kompetensi Sertifikasi Profesi",
            date_signed=START, effective_date=START)
        decree.click('put_in_force')
    Tariff = Model.get('lsp.tariff')
    as_user('bendahara')
    Product = Model.get('product.product')
    Document = Model.get('lsp.document')
    to_approve = []
    for funding, amount, components, approve in TARIFFS:
        Tariff = Model.get('lsp.tariff')
        if Tariff.find([('funding', '=', funding)], limit=1):
            continue
        tariff = Tariff(
            product=Product(product.id), purpose='any', funding=funding,
            amount=Decimal(amount), start_date=START,
            decree=Document(decree.id))
        for kind, value in components:
            tariff.components.new(kind=kind, amount=Decimal(value))
        tariff.save()
        if approve:
            to_approve.append(tariff.id)
    as_user('kepala')
    Tariff = Model.get('lsp.tariff')
    for tariff_id in to_approve:
        Tariff(tariff_id).click('approve')
    as_user('admin')


#: the RAPB of the demo year: account code, planned amount (positive for
#: the expenses too)
BUDGET = [
    ('4101', 450000000), ('4102', 180000000), ('4103', 240000000),
    ('4104', 60000000), ('4201', 50000000), ('4501', 100000000),
    ('5101', 270000000), ('5102', 30000000), ('5103', 90000000),
    ('5104', 36000000), ('5105', 24000000), ('5106', 45000000),
    ('5201', 240000000), ('5203', 60000000), ('5204', 18000000),
    ('5205', 24000000), ('5206', 30000000), ('5207', 40000000),
    ('5208', 25000000),
    ]


def load_budget(shared):
    """The RAPB of the current year: drafted by the Wakil Kepala I with its
    revenues and expenses spread evenly over the months, submitted, and
    approved by the Kepala with its decree from the document register; its
    realisation follows the postings of the year"""
    company = shared['company']
    year = dt.date.today().year
    as_user('admin')
    FiscalYear = Model.get('account.fiscalyear')
    fiscalyears = FiscalYear.find([
            ('company', '=', company.id),
            ('start_date', '<=', dt.date(year, 12, 31)),
            ('end_date', '>=', dt.date(year, 1, 1)),
            ], limit=1)
    if not fiscalyears:
        return
    fiscalyear, = fiscalyears
    Budget = Model.get('account.budget')
    if Budget.find([('fiscalyear', '=', fiscalyear.id)], limit=1):
        return
    number = 'SK-021/LSPPI/PENG/%s' % year
    Document = Model.get('lsp.document')
    decree = Document.find([('number', '=', number)])
    if decree:
        decree, = decree
    else:
        decree = Document(
            kind='sk_pengurus', number=number,
            title="Rencana Anggaran Pendapatan dan Biaya (RAPB) %s" % year,
            date_signed=dt.date(year, 1, 2),
            effective_date=dt.date(year, 1, 2))
        decree.click('put_in_force')
    as_user('wakil_kepala1')
    Budget = Model.get('account.budget')
    Line = Model.get('account.budget.line')
    Document = Model.get('lsp.document')
    FiscalYear = Model.get('account.fiscalyear')
    budget = Budget(
        name="RAPB %s" % year, fiscalyear=FiscalYear(fiscalyear.id),
        decree=Document(decree.id))
    budget.click('update_lines')
    for code, amount in BUDGET:
        lines = Line.find([
                ('budget', '=', budget.id), ('account.code', '=', code)])
        if lines:
            line, = lines
            line.planned = Decimal(amount)
            line.save()
    budget.reload()
    for root in budget.root_lines:
        create_periods = root.click('create_periods')
        create_periods.execute('create_periods')
    budget.click('submit')
    as_user('kepala')
    Budget = Model.get('account.budget')
    Budget(budget.id).click('approve')
    as_user('admin')
#: the payment methods of the invoices: name, account
PAYMENT_METHODS = [
    ("Bank — Rekening Operasional", '1102'),
    ("Kas Kecil", '1101'),
    ]
#: the revenue accounts of the fundings in the LSP configuration
REVENUE_ACCOUNTS = [
    ('revenue_account_mandiri', '4101'),
    ('revenue_account_sponsor', '4102'),
    ('revenue_account_government', '4103'),
    ]
#: the self-funded candidate of the demo: name, NIK, gender
MANDIRI_CANDIDATE = ("Dewi Anggraini", '3273016504920005', 'female')
#: the BNSP code of the sponsored demo event (see demo/sertifikasi.py)
SPONSORED_EVENT = 'JDW-DEMO-2026-001'


def load_revenue(shared):
    """The revenue of the certification: the payment methods, the invoicing
    settings, the sponsor of the demo event registered as funding source,
    the invoice of a self-funded candidate posted and paid, and the
    collective invoice of the sponsored event posted and partly paid"""
    as_user('admin')
    company = shared['company']
    Account = Model.get('account.account')
    Journal = Model.get('account.journal')
    PaymentMethod = Model.get('account.invoice.payment.method')

    def account(code):
        account, = Account.find([
                ('company', '=', company.id), ('code', '=', code)])
        return account

    journal, = Journal.find([('type', '=', 'cash')], limit=1)
    methods = []
    for name, code in PAYMENT_METHODS:
        methods.append(get_or_create(
                'account.invoice.payment.method', [('name', '=', name)],
                name=name, company=company, journal=journal,
                debit_account=account(code), credit_account=account(code)))
    bank = methods[0]
    ProductTemplate = Model.get('product.template')
    template, = ProductTemplate.find([('name', '=', "Uji Kompetensi")])
    if not template.account_category:
        template.account_category = get_or_create(
            'product.category', [('name', '=', "Jasa Sertifikasi")],
            name="Jasa Sertifikasi", accounting=True,
            account_revenue=account('4101'))
        template.save()
    Configuration = Model.get('lsp.configuration')
    configuration = Configuration(1)
    if not configuration.default_payment_method:
        configuration.certification_product, = template.products
        configuration.default_payment_method = PaymentMethod(bank.id)
        for field, code in REVENUE_ACCOUNTS:
            setattr(configuration, field, account(code))
        configuration.save()
    load_sponsor_source(shared)
    load_mandiri_invoice(shared, bank)
    load_sponsor_invoice(shared, bank)
    as_user('admin')


def load_sponsor_source(shared):
    """The Bendahara registers and activates the payer of the sponsored
    event as its funding source; the Direktur Sertifikasi links the event
    to it"""
    Event = Model.get('lsp.assessment.event')
    events = Event.find([('bnsp_code', '=', SPONSORED_EVENT)])
    if not events or not events[0].payer:
        return
    event, = events
    as_user('bendahara')
    Source = Model.get('lsp.funding.source')
    Party = Model.get('party.party')
    name = "Sponsor — %s" % event.payer.name
    sources = Source.find([('name', '=', name)])
    if sources:
        source, = sources
    else:
        source = Source(name=name, kind='sponsor')
        source.party = Party(event.payer.id)
        source.start_date = START
        source.purpose = "Uji kompetensi pendamping koperasi dan UMKM."
        source.save()
        source.click('activate')
    as_user('direktur_sertifikasi')
    Event = Model.get('lsp.assessment.event')
    Source = Model.get('lsp.funding.source')
    event = Event(event.id)
    if not event.funding_source:
        event.funding_source = Source(source.id)
        event.save()


def pay(invoice, method, amount=None):
    "Record the payment of amount (all by default) of invoice by method"
    PaymentMethod = Model.get('account.invoice.payment.method')
    wizard = invoice.click('pay')
    if amount is not None:
        wizard.form.amount = Decimal(amount)
    wizard.form.payment_method = PaymentMethod(method.id)
    wizard.execute('choice')
    if wizard.state != 'end':
        wizard.form.type = 'partial'
        wizard.execute('pay')


def load_mandiri_invoice(shared, bank):
    """A self-funded candidate applies and is accepted; the Bendahara
    invoices her, posts the invoice and records her payment by bank"""
    name, nik, gender = MANDIRI_CANDIDATE
    as_user('direktur_sertifikasi')
    Application = Model.get('lsp.application')
    Party = Model.get('party.party')
    Scheme = Model.get('lsp.scheme')
    applications = Application.find([('candidate.nik', '=', nik)])
    if applications:
        application, = applications
    else:
        candidate = Party(name=name, nik=nik, gender=gender)
        candidate.save()
        scheme, = Scheme.find([
                ('code', '=', 'SSK.01.01/LSPPI/PEN/IV/2018'),
                ('state', '=', 'active')])
        application = Application(candidate=candidate, scheme=scheme)
        for line in application.self_assessments:
            line.answer = 'k'
            line.evidence = "Laporan kegiatan pendampingan UMKM"
        application.save()
        application.click('submit')
        for line in application.requirements:
            line.check = 'memenuhi'
        application.admin_recommendation = 'accept'
        application.assessor_recommendation = 'continue'
        application.save()
        application.click('accept')
    as_user('bendahara')
    Application = Model.get('lsp.application')
    Invoice = Model.get('account.invoice')
    application = Application(application.id)
    if application.payment_state == 'unbilled':
        application.click('create_invoice')
    line = application.invoice_lines[0]
    invoice = Invoice(line.invoice.id)
    if invoice.state == 'draft':
        invoice.click('post')
    if invoice.state == 'posted':
        pay(invoice, bank)


def load_sponsor_invoice(shared, bank):
    """The Bendahara invoices the sponsored event to its payer, posts the
    invoice and records a first part of the payment"""
    as_user('bendahara')
    Event = Model.get('lsp.assessment.event')
    Invoice = Model.get('account.invoice')
    events = Event.find([('bnsp_code', '=', SPONSORED_EVENT)])
    if not events:
        return
    event, = events
    if event.funding not in {'sponsor', 'apbn_apbd'} or not event.payer:
        return
    if not event.invoices:
        event.click('invoice_payer')
        event.reload()
    invoice = Invoice(event.invoices[0].id)
    if invoice.state == 'draft':
        invoice.click('post')
        # the sponsor pays the first part, the rest later
        pay(invoice, bank, invoice.total_amount // 2)
def load_financial_report(shared):
    """The financial pack of last month (of this month in January, the
    fiscal year starting in January), generated by the Bendahara: the
    trigger e-mails it to the Kepala and the Dewan Pengarah"""
    as_user('bendahara')
    Period = Model.get('account.period')
    FinancialReport = Model.get('lsp.financial.report')
    today = dt.date.today()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    for date in [last_month, today]:
        periods = Period.find([
                ('type', '=', 'standard'),
                ('start_date', '<=', date),
                ('end_date', '>=', date),
                ], limit=1)
        if periods:
            break
    else:
        as_user('admin')
        return
    period, = periods
    reports = FinancialReport.find([
            ('kind', '=', 'monthly'), ('period', '=', period.id)])
    if reports:
        report, = reports
    else:
        report = FinancialReport(
            kind='monthly', fiscalyear=period.fiscalyear, period=period)
        report.save()
    if report.state == 'draft':
        report.click('generate')
    as_user('admin')


def service_product(name, account_code, tax_xml_id=None):
    """Return the service name on the expense account of account_code with
    the supplier tax of tax_xml_id, creating it"""
    ModelData = Model.get('ir.model.data')
    Account = Model.get('account.account')
    Category = Model.get('product.category')
    Tax = Model.get('account.tax')
    Uom = Model.get('product.uom')
    ProductTemplate = Model.get('product.template')
    templates = ProductTemplate.find([('name', '=', name)], limit=1)
    if templates:
        product, = templates[0].products
        return product
    account, = Account.find([('code', '=', account_code)])
    category = Category(name=name, accounting=True)
    category.account_expense = account
    if tax_xml_id:
        tax, = Tax.find([('template', '=', ModelData.get_id(
                        'lsp_keuangan', tax_xml_id, {}))])
        category.supplier_taxes.append(tax)
    category.save()
    unit, = Uom.find([('symbol', '=', 'u')], limit=1)
    template = ProductTemplate(
        name=name, type='service', default_uom=unit, list_price=Decimal(0),
        account_category=category)
    template.save()
    product, = template.products
    return product


def load_honoraria(shared):
    """The products "Honorarium asesor" and "Sewa TUK", the payment method
    of the bank and the configuration of the honoraria; the honoraria of the
    held demo event created by the Bendahara, confirmed by the Direktur
    Sertifikasi, invoiced and posted, the first one paid; the fee of its TUK
    drafted"""
    as_user('admin')
    company = shared['company']
    Account = Model.get('account.account')
    PaymentMethod = Model.get('account.invoice.payment.method')
    Configuration = Model.get('lsp.configuration')
    Assessor = Model.get('lsp.assessor')
    honorarium_product = service_product(
        "Honorarium asesor", '5101', 'tax_pph21_bp')
    tuk_fee_product = service_product("Sewa TUK", '5103')
    account_2102, = Account.find([
            ('company', '=', company.id), ('code', '=', '2102')])
    # the bank of the revenue (load_revenue)
    bank, = PaymentMethod.find([('name', '=', PAYMENT_METHODS[0][0])])
    configuration = Configuration(1)
    configuration.honorarium_product = honorarium_product
    configuration.tuk_fee_product = tuk_fee_product
    configuration.honorarium_account = account_2102
    configuration.honorarium_payment_method = bank
    configuration.save()
    # the assessors without NPWP get the tax rule Tanpa NPWP
    assessors = Assessor.find([])
    Assessor._proxy.write(
        [a.id for a in assessors], {'tax_status': 'bukan_pegawai'},
        Model.get('res.user').get_preferences(True, {}))

    Event = Model.get('lsp.assessment.event')
    events = Event.find([('bnsp_code', '=', 'JDW-DEMO-2026-001')])
    if not events or events[0].state not in {'held', 'closed'}:
        return
    event, = events
    as_user('bendahara')
    Event = Model.get('lsp.assessment.event')
    Honorarium = Model.get('lsp.honorarium')
    TukFee = Model.get('lsp.tuk.fee')
    if not Honorarium.find([('event', '=', event.id)], limit=1):
        Event(event.id).click('create_honoraria')
    as_user('direktur_sertifikasi')
    Honorarium = Model.get('lsp.honorarium')
    for honorarium in Honorarium.find([
                ('event', '=', event.id), ('state', '=', 'draft')]):
        honorarium.click('confirm')
    as_user('bendahara')
    Honorarium = Model.get('lsp.honorarium')
    honoraria = Honorarium.find(
        [('event', '=', event.id)], order=[('id', 'ASC')])
    for honorarium in honoraria:
        if honorarium.state == 'confirmed':
            honorarium.click('create_invoice')
    if honoraria and not Honorarium.find([
                ('event', '=', event.id), ('state', '=', 'paid')]):
        honoraria[0].click('pay')
    # the fee of the TUK stays a draft for the Bendahara to invoice
    if not TukFee.find([('event', '=', event.id)], limit=1):
        Event(event.id).click('create_tuk_fee')
    as_user('admin')


#: the demo steps of lsp_keuangan, in order (see demo/load.py)
STEPS = [
    load_roles,
    load_chart,
    load_fiscalyear,
    load_tariffs,
    load_budget,
    load_revenue,
    load_honoraria,
    load_financial_report,
    ]
