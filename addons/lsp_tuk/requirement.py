# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, fields, sequence_ordered)
from trytond.pyson import Eval

from lsp_base.tools import rec_name_domain

CATEGORIES = [
    ('facilities', "Facilities"),
    ('equipment', "Equipment"),
    ('materials', "Materials"),
    ('personnel', "Personnel"),
    ('safety', "Health and Safety"),
    ]


class RequirementTemplate(DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'lsp.tuk.requirement.template'
    __string__ = "TUK Requirement Template"

    name = fields.Char("Name", required=True)
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", ondelete='RESTRICT',
        help="The scheme (and version) whose technical requirements these "
        "are. Leave empty for the general requirements of Pedoman BNSP 206 "
        "that every TUK verification checks.")
    lines = fields.One2Many(
        'lsp.tuk.requirement.template.line', 'template', "Requirements")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('scheme', 'ASC NULLS FIRST'))

    def get_rec_name(self, name):
        if self.scheme:
            return '%s (%s)' % (self.name, self.scheme.rec_name)
        return self.name

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['name', 'scheme.rec_name'])

    @classmethod
    def for_schemes(cls, schemes):
        "Return the active templates to check for schemes, general first"
        return cls.search(['OR',
                ('scheme', '=', None),
                ('scheme', 'in', [s.id for s in schemes]),
                ])


class RequirementTemplateLine(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.tuk.requirement.template.line'
    __string__ = "TUK Requirement"

    template = fields.Many2One(
        'lsp.tuk.requirement.template', "Template", required=True,
        ondelete='CASCADE')
    category = fields.Selection(
        CATEGORIES, "Category", required=True, sort=False)
    name = fields.Text("Requirement", required=True)
    mandatory = fields.Boolean(
        "Mandatory",
        help="A verification fails while a mandatory requirement is not "
        "fulfilled.")
    specification = fields.Char(
        "Specification",
        states={'invisible': ~Eval('category').in_(
                ['equipment', 'materials'])},
        help="Quantity, type or standard required, such as "
        '"1 computer per candidate".')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('template')

    @classmethod
    def default_category(cls):
        return 'facilities'

    @classmethod
    def default_mandatory(cls):
        return True

    def get_rec_name(self, name):
        return self.name.splitlines()[0] if self.name else ''

    def checklist_values(self):
        "Return the values of the verification line checking self"
        return {
            'requirement': self.id,
            'category': self.category,
            'name': self.name,
            'specification': self.specification,
            'mandatory': self.mandatory,
            }
