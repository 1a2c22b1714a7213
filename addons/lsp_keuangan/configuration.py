# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The finance settings of the LSP configuration: the invoicing of the
certification, and the products, accounts, sequences and payment method of
the assessor honoraria and the TUK fees (FINANCE.md 6.2)"""
from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval, Id
from trytond.transaction import Transaction

from lsp_base.tools import default_record

#: the revenue account field of the configuration per funding of an event
REVENUE_ACCOUNT_FIELDS = {
    'mandiri': 'revenue_account_mandiri',
    'sponsor': 'revenue_account_sponsor',
    'apbn_apbd': 'revenue_account_government',
    }


def _revenue_account(string, help):
    return fields.Many2One(
        'account.account', string, ondelete='RESTRICT',
        domain=[
            ('type.revenue', '=', True),
            ('closed', '!=', True),
            ('company', '=', Eval('context', {}).get('company', -1)),
            ],
        help=help)


class Configuration(metaclass=PoolMeta):
    __name__ = 'lsp.configuration'

    certification_product = fields.Many2One(
        'product.product', "Certification Product", ondelete='RESTRICT',
        domain=[('type', '=', 'service')],
        help="The service invoiced to the candidates when the tariff gives "
        "no product.")
    require_payment_before_confirm = fields.Boolean(
        "Require Payment Before Confirm",
        help="Refuse to confirm an assessment event of self-funded "
        "candidates whose invoice is not paid (nor waived).")
    default_payment_method = fields.Many2One(
        'account.invoice.payment.method', "Default Payment Method",
        ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('context', {}).get('company', -1)),
            ],
        help="The payment method the Bendahara uses most to record the "
        "payments of the invoices.")
    revenue_account_mandiri = _revenue_account(
        "Revenue Account (Self-Funded)",
        "The revenue of the invoices of the self-funded candidates (4101); "
        "empty: the revenue account of the product.")
    revenue_account_sponsor = _revenue_account(
        "Revenue Account (Sponsor)",
        "The revenue of the invoices of the sponsors (4102); empty: the "
        "revenue account of the product.")
    revenue_account_government = _revenue_account(
        "Revenue Account (Government Budget)",
        "The revenue of the invoices of the government programmes, APBN "
        "or APBD (4103); empty: the revenue account of the product.")

    honorarium_product = fields.Many2One(
        'product.product', "Honorarium Product", ondelete='RESTRICT',
        domain=[('type', '=', 'service')],
        help="The service of the supplier invoices of the assessor "
        "honoraria: its expense account (5101) and its supplier tax "
        "(PPh 21 Bukan Pegawai).")
    tuk_fee_product = fields.Many2One(
        'product.product', "TUK Fee Product", ondelete='RESTRICT',
        domain=[('type', '=', 'service')],
        help="The service of the supplier invoices of the TUK fees, with "
        "its expense account (5103).")
    honorarium_account = fields.Many2One(
        'account.account', "Honorarium Payable Account", ondelete='RESTRICT',
        domain=[
            ('type.payable', '=', True),
            ('party_required', '=', True),
            ('company', '=', Eval('context', {}).get('company', -1)),
            ],
        help="The payable account of the honorarium invoices (2102); "
        "empty for the payable account of the assessor.")
    honorarium_payment_method = fields.Many2One(
        'account.invoice.payment.method', "Honorarium Payment Method",
        ondelete='RESTRICT',
        domain=[('company', '=', Eval('context', {}).get('company', -1))],
        help="The payment method the button Pay of an honorarium uses.")
    honorarium_sequence = fields.Many2One(
        'ir.sequence', "Honorarium Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_keuangan', 'sequence_type_honorarium')),
            ],
        help="Used to number the assessor honoraria.")
    tuk_fee_sequence = fields.Many2One(
        'ir.sequence', "TUK Fee Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_keuangan', 'sequence_type_tuk_fee')),
            ],
        help="Used to number the TUK fees.")

    @classmethod
    def default_honorarium_sequence(cls):
        return default_record('lsp_keuangan', 'sequence_honorarium')

    @classmethod
    def default_tuk_fee_sequence(cls):
        return default_record('lsp_keuangan', 'sequence_tuk_fee')

    def get_revenue_account(self, funding):
        "Return the revenue account of the invoices of funding, or None"
        name = REVENUE_ACCOUNT_FIELDS.get(funding)
        account = getattr(self, name) if name else None
        if account:
            company = Transaction().context.get('company')
            if account.company.id != company:
                return None
        return account

