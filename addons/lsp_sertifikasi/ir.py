# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.pool import PoolMeta


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _employee_models(cls):
        "The assessors see their own assessments, events and applications"
        return super()._employee_models() | {
            'lsp.application', 'lsp.assessment', 'lsp.assessment.event'}
