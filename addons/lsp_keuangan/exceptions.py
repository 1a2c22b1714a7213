# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


# Tariffs
class TariffPeriodError(ValidationError):
    pass


class TariffApprovalError(ValidationError):
    pass


class TariffOverlapError(ValidationError):
    pass


# Budgets (RAPB)
class BudgetError(UserError):
    pass


class BudgetApprovalError(ValidationError):
    pass


# Invoices of the certification
class InvoicingError(UserError):
    pass


# Funding sources
class FundingSourceError(ValidationError):
    pass


# Financial reports
class FinancialReportError(ValidationError):
    pass


# Honoraria
class HonorariumError(ValidationError):
    pass


class HonorariumContractError(HonorariumError):
    pass


class HonorariumDaysError(HonorariumError):
    pass


class HonorariumInvoiceError(UserError):
    pass


# TUK fees
class TukFeeError(UserError):
    pass
