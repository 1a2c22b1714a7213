# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The finance settings of the LSP configuration: the products, accounts,
sequences and payment method of the assessor honoraria and the TUK fees
(FINANCE.md 6.2)"""
from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval, Id

from lsp_base.tools import default_record


class Configuration(metaclass=PoolMeta):
    __name__ = 'lsp.configuration'

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
