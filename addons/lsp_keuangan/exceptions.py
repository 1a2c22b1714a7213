# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model.exceptions import ValidationError


# Tariffs
class TariffPeriodError(ValidationError):
    pass


class TariffApprovalError(ValidationError):
    pass


class TariffOverlapError(ValidationError):
    pass


# Financial reports
class FinancialReportError(ValidationError):
    pass
