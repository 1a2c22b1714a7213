# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.exceptions import UserError, UserWarning
from trytond.model.exceptions import AccessError, ValidationError


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


# Letters, documents, partnerships and promotion
class LetterError(UserError):
    pass


class DocumentError(ValidationError):
    pass


# Meetings and work programme
class MeetingApprovalError(AccessError):
    pass


class MeetingScheduleWarning(UserWarning):
    pass


class WorkProgramError(ValidationError):
    pass


# Malformed values, domains and orders of the clients
class ClientValueError(UserError):
    pass
