# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Id

from lsp_base.tools import default_record


class Configuration(metaclass=PoolMeta):
    __name__ = 'lsp.configuration'

    tuk_verification_sequence = fields.Many2One(
        'ir.sequence', "TUK Verification Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_tuk', 'sequence_type_tuk_verification')),
            ],
        help="Used to number the TUK verifications.")
    tuk_verification_months = fields.Integer(
        "TUK Mandiri Verification Validity (Months)", required=True,
        domain=[('tuk_verification_months', '>', 0)],
        help="How long a passing verification of a TUK mandiri stays valid.")

    @classmethod
    def default_tuk_verification_sequence(cls):
        return default_record('lsp_tuk', 'sequence_tuk_verification')

    @classmethod
    def default_tuk_verification_months(cls):
        return 12
