# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import fields
from trytond.pool import PoolMeta


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    lsp_training_provider = fields.Boolean(
        "Training Provider",
        help="The party trains candidates (a training body, LPK): a TUK it "
        "provides is a threat to the impartiality of the LSP "
        "(ISO/IEC 17024 5.2).")
