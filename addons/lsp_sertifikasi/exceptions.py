# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class NIKValidationError(ValidationError):
    pass


class ApplicationError(UserError):
    pass


class EventError(ValidationError):
    pass


class EventConfirmError(UserError):
    pass


class AssessmentError(ValidationError):
    pass


class DecisionError(UserError):
    pass


class PDPError(UserError):
    pass


class AppealError(UserError):
    pass


class ComplaintError(UserError):
    pass


class BlankoError(UserError):
    pass


class BnspReportError(UserError):
    pass


class StatusDecisionError(UserError):
    pass


class SurveillanceError(ValidationError):
    pass
