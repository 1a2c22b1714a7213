# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Id

from lsp_base.tools import default_record


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
        return default_record('lsp_sertifikasi', 'sequence_application')

    event_sequence = fields.Many2One(
        'ir.sequence', "Assessment Event Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_assessment_event')),
            ],
        help="Used to number the assessment events (jadwal uji).")

    @classmethod
    def default_event_sequence(cls):
        return default_record('lsp_sertifikasi', 'sequence_assessment_event')

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
        return default_record(
            'lsp_sertifikasi', 'sequence_certification_decision')

    certificate_sequence = fields.Many2One(
        'ir.sequence.strict', "Certificate Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_certificate')),
            ],
        help="Numbers the certificates without gaps. Its prefix and suffix "
        "may use ${scheme} for the code of the scheme and ${year} for the "
        "year of issue.")
    public_url = fields.Char(
        "Public Address",
        help="The address of the server as seen from the Internet, such as "
        "https://sertifikasi.lsp.example; the QR codes of the certificates "
        "point to its verification pages. Empty: the address the server is "
        "reached at.")

    @classmethod
    def default_issue_certificates_on_decision(cls):
        return True

    @classmethod
    def default_certificate_sequence(cls):
        return default_record('lsp_sertifikasi', 'sequence_certificate')

    appeal_sequence = fields.Many2One(
        'ir.sequence', "Appeal Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_appeal')),
            ],
        help="Used to number the appeals (banding).")
    complaint_sequence = fields.Many2One(
        'ir.sequence', "Complaint Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_complaint')),
            ],
        help="Used to number the complaints (keluhan).")

    @classmethod
    def default_appeal_sequence(cls):
        return default_record('lsp_sertifikasi', 'sequence_appeal')

    @classmethod
    def default_complaint_sequence(cls):
        return default_record('lsp_sertifikasi', 'sequence_complaint')

    bnsp_blanko_request_sequence = fields.Many2One(
        'ir.sequence', "BNSP Blanko Request Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_bnsp_blanko_request')),
            ],
        help="Used to number the requests of blanko forms to BNSP.")

    @classmethod
    def default_bnsp_blanko_request_sequence(cls):
        return default_record(
            'lsp_sertifikasi', 'sequence_bnsp_blanko_request')

    status_decision_sequence = fields.Many2One(
        'ir.sequence', "Certificate Status Decision Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_sertifikasi', 'sequence_type_status_decision')),
            ],
        help="Used to number the decisions that suspend, restore, withdraw "
        "or reduce the scope of certificates.")

    @classmethod
    def default_status_decision_sequence(cls):
        return default_record('lsp_sertifikasi', 'sequence_status_decision')
