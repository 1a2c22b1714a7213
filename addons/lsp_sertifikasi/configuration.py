# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Id


def _default_sequence(xml_id):
    ModelData = Pool().get('ir.model.data')
    try:
        return ModelData.get_id('lsp_sertifikasi', xml_id)
    except KeyError:
        return None


class Configuration(metaclass=PoolMeta):
    __name__ = 'lsp.configuration'

    application_sequence = fields.Many2One(
        'ir.sequence', "Application Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_application')),
            ],
        help="Used to number the certification applications (FR.APL.01).")

    @classmethod
    def default_application_sequence(cls):
        return _default_sequence('sequence_application')

    event_sequence = fields.Many2One(
        'ir.sequence', "Assessment Event Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_assessment_event')),
            ],
        help="Used to number the assessment events (jadwal uji).")

    @classmethod
    def default_event_sequence(cls):
        return _default_sequence('sequence_assessment_event')

    certification_decision_sequence = fields.Many2One(
        'ir.sequence', "Certification Decision Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_certification_decision')),
            ],
        help="Used to number the decrees (SK) of the certification "
        "decisions.")
    issue_certificates_on_decision = fields.Boolean(
        "Issue Certificates on Decision",
        help="Issue the certificates of the competent candidates when the "
        "Komite Teknik approves the decision; else the Direktur "
        "Sertifikasi issues them from the decision.")

    @classmethod
    def default_certification_decision_sequence(cls):
        return _default_sequence('sequence_certification_decision')

    @classmethod
    def default_issue_certificates_on_decision(cls):
        return True
