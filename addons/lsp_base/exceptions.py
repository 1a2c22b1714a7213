# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class PeriodError(ValidationError):
    pass


class CommitteeChairError(ValidationError):
    pass


class SchemeValidationError(ValidationError):
    pass


class StandardImportError(UserError):
    pass


# Assessors and their contracts
class ContractActivationError(ValidationError):
    pass


# Meetings and work programme
from trytond.model.exceptions import AccessError  # noqa: E402


class MeetingApprovalError(AccessError):
    pass


class WorkProgramError(ValidationError):
    pass
