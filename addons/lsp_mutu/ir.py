# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.pool import PoolMeta


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.extend([
                ('lsp.mutu.action|send_reminders',
                    "Remind the Owners of Quality Actions"),
                ('lsp.document|flag_overdue_reviews',
                    "Flag the Documents Overdue for Review"),
                ])


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _employee_models(cls):
        "The owners see their own actions, the auditors their audit lines"
        return super()._employee_models() | {
            'lsp.mutu.action', 'lsp.mutu.audit.line'}
