# This file is part of the LSP Perkoperasian Indonesia ERP.
from decimal import Decimal

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.transaction import Transaction

SCORES = [
    (None, ""),
    ('1', "1 - Poor"),
    ('2', "2 - Fair"),
    ('3', "3 - Adequate"),
    ('4', "4 - Good"),
    ('5', "5 - Excellent"),
    ]
SCORE_FIELDS = ['facilities_score', 'administration_score', 'safety_score']


class Evaluation(ModelSQL, ModelView):
    __name__ = 'lsp.tuk.evaluation'
    __string__ = "TUK Evaluation"

    tuk = fields.Many2One(
        'lsp.tuk', "TUK", required=True, ondelete='CASCADE')
    date = fields.Date("Date", required=True)
    evaluator = fields.Many2One(
        'company.employee', "Evaluator", required=True, ondelete='RESTRICT')
    activity = fields.Char(
        "Activity", help="The use of the TUK evaluated, such as the "
        "assessment event and its dates.")
    facilities_score = fields.Selection(
        SCORES, "Facilities", required=True, sort=False)
    administration_score = fields.Selection(
        SCORES, "Administration", required=True, sort=False)
    safety_score = fields.Selection(
        SCORES, "Cleanliness and Safety", required=True, sort=False)
    score = fields.Function(
        fields.Numeric("Score", digits=(2, 2)), 'on_change_with_score')
    notes = fields.Text("Notes")
    follow_up = fields.Text(
        "Follow-up", help="What the TUK or the LSP must do after this "
        "evaluation.")
    follow_up_done = fields.Boolean("Follow-up Done")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_evaluator(cls):
        return Transaction().context.get('employee')

    @classmethod
    def default_follow_up_done(cls):
        return False

    @fields.depends(*SCORE_FIELDS)
    def on_change_with_score(self, name=None):
        scores = [getattr(self, f) for f in SCORE_FIELDS]
        if not all(scores):
            return None
        average = Decimal(sum(int(s) for s in scores)) / len(scores)
        return average.quantize(Decimal('0.01'))

    def get_rec_name(self, name):
        pool = Pool()
        Lang = pool.get('ir.lang')
        return '%s %s' % (self.tuk.rec_name, Lang.get().strftime(self.date))
