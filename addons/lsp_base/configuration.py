# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields
from trytond.pyson import Id

from .tools import default_record


class Configuration(ModelSingleton, ModelSQL, ModelView):
    __name__ = 'lsp.configuration'
    __string__ = "LSP Configuration"

    bnsp_licence_number = fields.Char(
        "BNSP Licence Number",
        help="The number of the licence granted by BNSP to the LSP.")
    bnsp_licence_valid_until = fields.Date(
        "BNSP Licence Valid Until")
    certificate_validity_years = fields.Integer(
        "Certificate Validity (Years)", required=True,
        domain=[('certificate_validity_years', '>', 0)],
        help="Default validity of a competency certificate.")
    assessor_contract_sequence = fields.Many2One(
        'ir.sequence', "Assessor Contract Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_base', 'sequence_type_assessor_contract')),
            ],
        help="Used to number the assessor contracts.")
    meeting_sequence = fields.Many2One(
        'ir.sequence', "Meeting Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_base', 'sequence_type_meeting')),
            ],
        help="Used to number the meetings.")

    @classmethod
    def default_certificate_validity_years(cls):
        return 3

    @classmethod
    def default_assessor_contract_sequence(cls):
        return default_record('lsp_base', 'sequence_assessor_contract')

    @classmethod
    def default_meeting_sequence(cls):
        return default_record('lsp_base', 'sequence_meeting')
