# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class NIKValidationError(ValidationError):
    pass


class ApplicationError(UserError):
    pass
