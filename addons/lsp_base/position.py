# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, sequence_ordered,
    tree)
from trytond.pool import Pool

from .exceptions import PeriodError


class Position(
        DeactivableMixin, sequence_ordered(), tree(), ModelSQL, ModelView):
    __name__ = 'lsp.position'
    __string__ = "Position"

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True)
    kind = fields.Selection([
            ('board', "Board"),
            ('management', "Management"),
            ('secretariat', "Secretariat"),
            ('committee', "Committee"),
            ], "Kind", required=True)
    parent = fields.Many2One(
        'lsp.position', "Reports To", ondelete='RESTRICT',
        help="The position this one is responsible to.")
    children = fields.One2Many(
        'lsp.position', 'parent', "Subordinate Positions")
    group = fields.Many2One(
        'res.group', "Access Group", ondelete='RESTRICT',
        help="The access group that the holders of this position need.")
    sectors = fields.One2Many(
        'lsp.sector', 'responsible_position', "Sectors", readonly=True)
    duties = fields.One2Many('lsp.position.duty', 'position', "Duties")
    holders = fields.One2Many('lsp.position.holder', 'position', "Holders")
    current_holders = fields.Function(fields.Many2Many(
            'company.employee', None, None, "Current Holders", readonly=True),
        'get_current_holders')
    current_holder_names = fields.Function(fields.Char(
            "Current Holders"), 'get_current_holders')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'lsp_base.msg_position_code_unique'),
            ]

    @classmethod
    def default_kind(cls):
        return 'management'

    @classmethod
    def get_current_holders(cls, positions, names):
        today = Pool().get('ir.date').today()
        employees = {
            p.id: [h.employee for h in p.holders if h.is_current(today)]
            for p in positions}
        result = {}
        if 'current_holders' in names:
            result['current_holders'] = {
                i: [e.id for e in es] for i, es in employees.items()}
        if 'current_holder_names' in names:
            result['current_holder_names'] = {
                i: ', '.join(e.rec_name for e in es)
                for i, es in employees.items()}
        return result


class PositionDuty(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.position.duty'
    __string__ = "Position Duty"

    position = fields.Many2One(
        'lsp.position', "Position", required=True, ondelete='CASCADE')
    description = fields.Text("Description", required=True)

    def get_rec_name(self, name):
        return self.description.splitlines()[0] if self.description else ''

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('description',) + tuple(clause[1:])]


class PositionHolder(ModelSQL, ModelView):
    __name__ = 'lsp.position.holder'
    __string__ = "Position Holder"

    position = fields.Many2One(
        'lsp.position', "Position", required=True, ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT')
    date_from = fields.Date("From", required=True)
    date_to = fields.Date("To")
    decree_number = fields.Char(
        "Decree Number",
        help="The number of the decree (SK) that appointed the holder.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date_from', 'DESC'))

    @classmethod
    def default_date_from(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return '%s - %s' % (self.position.rec_name, self.employee.rec_name)

    def is_current(self, date):
        return (self.date_from <= date
            and (not self.date_to or date <= self.date_to))

    @classmethod
    def validate_fields(cls, holders, field_names):
        super().validate_fields(holders, field_names)
        if field_names & {'date_from', 'date_to'}:
            for holder in holders:
                holder.check_dates()

    def check_dates(self):
        if self.date_to and self.date_to < self.date_from:
            raise PeriodError(gettext(
                    'lsp_base.msg_holder_period',
                    holder=self.employee.rec_name,
                    position=self.position.rec_name))
