# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model.exceptions import ValidationError


class PeriodError(ValidationError):
    pass


class CommitteeChairError(ValidationError):
    pass
