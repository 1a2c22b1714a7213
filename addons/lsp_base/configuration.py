# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields


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

    @classmethod
    def default_certificate_validity_years(cls):
        return 3
