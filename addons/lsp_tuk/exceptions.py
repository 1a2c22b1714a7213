# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class TukActivationError(UserError):
    pass


class AgreementError(ValidationError):
    pass


class VerificationError(ValidationError):
    pass


class VerifierError(ValidationError):
    pass
