# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, sequence_ordered)

from .tools import rec_name_domain


class Standard(DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'lsp.standard'
    __string__ = "Competency Standard"

    kind = fields.Selection([
            ('skkni', "SKKNI"),
            ('kkni', "KKNI"),
            ('khusus', "Special Standard"),
            ('internasional', "International Standard"),
            ], "Kind", required=True)
    reference = fields.Char(
        "Legal Reference", required=True, strip=True,
        help='The regulation that sets the standard, '
        'such as "Kepmenaker 181/2017".')
    title = fields.Char("Title", required=True)
    year = fields.Integer("Year")
    sector = fields.Many2One(
        'lsp.sector', "Sector", required=True, ondelete='RESTRICT')
    units = fields.One2Many(
        'lsp.competency.unit', 'standard', "Competency Units")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('reference_unique', Unique(t, t.reference),
                'lsp_base.msg_standard_reference_unique'),
            ]
        cls._order.insert(0, ('reference', 'ASC'))

    @classmethod
    def default_kind(cls):
        return 'skkni'

    def get_rec_name(self, name):
        return '%s - %s' % (self.reference, self.title)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['reference', 'title'])


class CompetencyUnit(ModelSQL, ModelView):
    __name__ = 'lsp.competency.unit'
    __string__ = "Competency Unit"

    standard = fields.Many2One(
        'lsp.standard', "Standard", required=True, ondelete='CASCADE')
    code = fields.Char(
        "Code", size=50, required=True, strip=True,
        help="The unit code as the standard writes it, "
        'such as "M.70PEN00.021.1".')
    title = fields.Char("Title", required=True)
    description = fields.Text("Description")
    elements = fields.One2Many(
        'lsp.competency.element', 'unit', "Elements")
    sector = fields.Function(fields.Many2One(
            'lsp.sector', "Sector"), 'on_change_with_sector',
        searcher='search_sector')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('standard')
        t = cls.__table__()
        cls._sql_constraints += [
            ('standard_code_unique', Unique(t, t.standard, t.code),
                'lsp_base.msg_unit_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))

    @fields.depends('standard', '_parent_standard.sector')
    def on_change_with_sector(self, name=None):
        return self.standard.sector if self.standard else None

    @classmethod
    def search_sector(cls, name, clause):
        return [('standard.' + clause[0],) + tuple(clause[1:])]

    def get_rec_name(self, name):
        return '%s %s' % (self.code, self.title)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['code', 'title'])


class CompetencyElement(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.competency.element'
    __string__ = "Competency Element"

    unit = fields.Many2One(
        'lsp.competency.unit', "Unit", required=True, ondelete='CASCADE')
    number = fields.Char("Number", required=True, strip=True)
    title = fields.Char("Title", required=True)
    criteria = fields.One2Many(
        'lsp.competency.criterion', 'element', "Performance Criteria (KUK)")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('unit')
        t = cls.__table__()
        cls._sql_constraints += [
            ('unit_number_unique', Unique(t, t.unit, t.number),
                'lsp_base.msg_element_number_unique'),
            ]

    def get_rec_name(self, name):
        return '%s. %s' % (self.number, self.title)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('title',) + tuple(clause[1:])]


class CompetencyCriterion(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.competency.criterion'
    __string__ = "Performance Criterion (KUK)"

    element = fields.Many2One(
        'lsp.competency.element', "Element", required=True,
        ondelete='CASCADE')
    number = fields.Char("Number", required=True, strip=True)
    text = fields.Text("Text", required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('element')
        t = cls.__table__()
        cls._sql_constraints += [
            ('element_number_unique', Unique(t, t.element, t.number),
                'lsp_base.msg_criterion_number_unique'),
            ]

    def get_rec_name(self, name):
        return '%s %s' % (self.number, self.text)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('text',) + tuple(clause[1:])]
