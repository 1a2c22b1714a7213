# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.pool import PoolMeta


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.extend([
                ('lsp.tuk.verification|check_expiry',
                    "Check TUK Verifications"),
                ('lsp.tuk.agreement|expire', "Expire TUK Agreements"),
                ])


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _employee_models(cls):
        return super()._employee_models() | {'lsp.tuk.verification'}
