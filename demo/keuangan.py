# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of lsp_keuangan: the ISAK 35 chart of accounts of the
company with its default receivable and payable accounts, and the fiscal
year of the current year with monthly periods, its move sequence and its
invoice sequences."""
import datetime as dt

from proteus import Model, Wizard

from .tools import as_user

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


#: the demo steps of lsp_keuangan, in order (see demo/load.py)
STEPS = [
    load_roles,
    load_chart,
    load_fiscalyear,
    ]
