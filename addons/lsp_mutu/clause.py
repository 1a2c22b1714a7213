# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, tree)

from trytond.pyson import Eval

from lsp_base.tools import rec_name_domain

#: the standards whose requirements the catalogue lists
STANDARDS = [
    ('iso_17024_2012', "ISO/IEC 17024:2012"),
    ('pbnsp_201', "PBNSP 201:2014"),
    ]
#: the short names of the standards in the names of their clauses
SHORT_NAMES = {
    'iso_17024_2012': "ISO 17024",
    'pbnsp_201': "PBNSP 201",
    }


def clause_key(code):
    """Return the sort key of a clause code: 10.2 after 9.9

    >>> sorted(['10.2', '9.9', '4.3'], key=clause_key)
    ['4.3', '9.9', '10.2']"""
    return tuple(
        int(p) if p.isdigit() else p for p in (code or '').split('.'))


class Clause(DeactivableMixin, tree(), ModelSQL, ModelView):
    __name__ = 'lsp.mutu.clause'
    __string__ = "Requirement Clause"

    standard = fields.Selection(
        STANDARDS, "Standard", required=True, sort=False)
    code = fields.Char("Code", required=True, strip=True)
    title = fields.Char("Title", required=True)
    parent = fields.Many2One(
        'lsp.mutu.clause', "Parent", ondelete='RESTRICT',
        domain=[('standard', '=', Eval('standard', None))])
    children = fields.One2Many('lsp.mutu.clause', 'parent', "Sub-clauses")
    sequence = fields.Integer("Sequence")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('standard_code_unique', Unique(t, t.standard, t.code),
                'lsp_mutu.msg_clause_code_unique'),
            ]
        cls._order = [
            ('standard', 'ASC'), ('sequence', 'ASC NULLS FIRST'),
            ('id', 'ASC')]

    def get_rec_name(self, name):
        return '%s %s %s' % (
            SHORT_NAMES.get(self.standard, ''), self.code, self.title)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['code', 'title'])
