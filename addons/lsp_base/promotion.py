# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool


class Promotion(ModelSQL, ModelView):
    __name__ = 'lsp.promotion'
    __string__ = "Promotion Event"

    name = fields.Char("Name", required=True)
    kind = fields.Selection([
            ('socialisation', "Socialisation"),
            ('promotion', "Promotion"),
            ('exhibition', "Exhibition"),
            ('other', "Other"),
            ], "Kind", required=True)
    date = fields.Date("Date", required=True)
    sector = fields.Many2One('lsp.sector', "Sector", ondelete='RESTRICT')
    audience = fields.Char(
        "Audience", help="Such as cooperative managers or students.")
    place = fields.Char("Place")
    participants = fields.Integer(
        "Participants", domain=['OR',
            ('participants', '=', None),
            ('participants', '>=', 0),
            ])
    cost = fields.Numeric(
        "Cost (IDR)", digits=(16, 0), domain=['OR',
            ('cost', '=', None),
            ('cost', '>=', 0),
            ])
    outcome = fields.Text("Outcome")
    follow_ups = fields.Text(
        "Follow-ups", help="What was agreed to do after the event.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_kind(cls):
        return 'socialisation'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return '%s (%s)' % (self.name, self.date)
