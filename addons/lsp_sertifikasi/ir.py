# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.pool import PoolMeta
from trytond.transaction import Transaction


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.extend([
                ('lsp.certificate|expire', "Expire Certificates"),
                ('lsp.certificate.status.decision|suggest_restores',
                    "Suggest Restoring the Ended Suspensions"),
                ('lsp.surveillance|run',
                    "Plan, Request and Watch the Surveillance"),
                ('lsp.certificate|remind_renewal',
                    "Remind the Holders of the Renewal"),
                ('lsp.pdp.request|send_alerts',
                    "Remind the Open Data Subject Requests"),
                ('lsp.pdp.retention.rule|send_review',
                    "Send the Records Past Retention"),
                ('lsp.bnsp.report|generate_periodic',
                    "Generate the BNSP Reports"),
                ])


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _employee_models(cls):
        "The assessors see their own assessments, events and applications"
        return super()._employee_models() | {
            'lsp.application', 'lsp.assessment', 'lsp.assessment.event',
            'lsp.surveillance'}


class SequenceStrict(metaclass=PoolMeta):
    __name__ = 'ir.sequence.strict'

    @classmethod
    def _get_substitutions(cls, date=None):
        substitutions = super()._get_substitutions(date=date)
        substitutions['scheme'] = Transaction().context.get(
            'certificate_scheme', '${scheme}')
        return substitutions
