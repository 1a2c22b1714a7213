# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, sequence_ordered)
from trytond.pool import PoolMeta


class StakeholderCategory(
        DeactivableMixin, sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.stakeholder.category'
    __string__ = "Stakeholder Category"

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True, translate=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'lsp_base.msg_stakeholder_category_code_unique'),
            ]


class PartyStakeholderCategory(ModelSQL):
    __name__ = 'party.party-lsp.stakeholder.category'
    __string__ = "Party - Stakeholder Category"

    party = fields.Many2One(
        'party.party', "Party", required=True, ondelete='CASCADE')
    category = fields.Many2One(
        'lsp.stakeholder.category', "Category", required=True,
        ondelete='CASCADE')


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    stakeholder_categories = fields.Many2Many(
        'party.party-lsp.stakeholder.category', 'party', 'category',
        "Stakeholder Categories",
        help="The roles of the party towards the LSP.")
