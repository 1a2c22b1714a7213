# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.pool import PoolMeta


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.extend([
                ('lsp.honorarium|create_pending',
                    "Create the Honoraria of the Held Events"),
                ('lsp.financial.report|generate_monthly',
                    "Generate the Monthly Financial Reports"),
                ('lsp.financial.report|generate_annual',
                    "Generate the Annual Financial Reports"),
                ])
