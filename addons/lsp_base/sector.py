# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields)


class Sector(DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'lsp.sector'
    __string__ = "Sector"

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True)
    responsible_position = fields.Many2One(
        'lsp.position', "Responsible Position", ondelete='RESTRICT',
        help="The position that develops standards and schemes "
        "of the sector.")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'lsp_base.msg_sector_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))
