# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class NonconformityError(UserError):
    pass


class ActionError(UserError):
    pass


class MutuValidationError(ValidationError):
    pass


class ReviewError(UserError):
    pass


class MonevError(UserError):
    pass


class AuditError(UserError):
    pass


class AuditIndependenceError(ValidationError):
    pass


class DocumentRevisionError(UserError):
    pass
