# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The tax status of the assessors (FINANCE.md 6.3)

An assessor paid by honorarium is a Bukan Pegawai; one without NPWP has
20 % more PPh 21 withheld: the party of the assessor then gets the supplier
tax rule "Tanpa NPWP" of the company, which switches the PPh 21 of the
honorarium product to its non-NPWP tax."""
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from lsp_base.tools import default_record

TAX_STATUSES = [
    ('bukan_pegawai', "Non-Employee (Bukan Pegawai)"),
    ('pegawai', "Employee (Pegawai)"),
    ]


#: the identifier types of an NPWP: "id_vat", the alias Tryton gives to the
#: type "id_npwp" of python-stdnum (trytond/modules/party/party.py,
#: IDENTIFIER_VAT), and "id_npwp" itself
NPWP_TYPES = {'id_vat', 'id_npwp'}


def has_npwp(identifier_types):
    "Tell whether the identifier types of a party include an NPWP"
    return bool(NPWP_TYPES & set(identifier_types))


class Assessor(metaclass=PoolMeta):
    __name__ = 'lsp.assessor'

    tax_status = fields.Selection(
        TAX_STATUSES, "Tax Status", required=True,
        help="A Bukan Pegawai is paid by honorarium with PPh 21 withheld; "
        "a Pegawai is paid through the payroll.")
    has_npwp = fields.Function(
        fields.Boolean(
            "Has NPWP",
            help="The party of the assessor has an NPWP identifier; "
            "without it the tax rule \"Tanpa NPWP\" applies."),
        'get_has_npwp')

    @classmethod
    def default_tax_status(cls):
        return 'bukan_pegawai'

    def get_has_npwp(self, name):
        party = self.employee.party if self.employee else None
        if not party:
            return False
        return has_npwp(i.type for i in party.identifiers)

    @classmethod
    def tanpa_npwp_rule(cls, company):
        "Return the supplier tax rule Tanpa NPWP of company, or None"
        TaxRule = Pool().get('account.tax.rule')
        template = default_record('lsp_keuangan', 'tax_rule_tanpa_npwp')
        if not template or not company:
            return None
        rules = TaxRule.search([
                ('template', '=', template),
                ('company', '=', company.id),
                ], limit=1)
        return rules[0] if rules else None

    @classmethod
    def on_modification(cls, mode, assessors, field_names=None):
        super().on_modification(mode, assessors, field_names=field_names)
        if mode in {'create', 'write'}:
            cls.set_supplier_tax_rule(assessors)

    @classmethod
    def set_supplier_tax_rule(cls, assessors):
        """Give the parties of the assessors without NPWP the tax rule
        Tanpa NPWP of their company, and take it from those with NPWP"""
        Party = Pool().get('party.party')
        for assessor in assessors:
            employee = assessor.employee
            company = employee.company if employee else None
            rule = cls.tanpa_npwp_rule(company)
            if not rule:
                continue
            with Transaction().set_context(company=company.id):
                party = Party(employee.party.id)
                current = party.supplier_tax_rule
                if assessor.has_npwp and current == rule:
                    party.supplier_tax_rule = None
                elif not assessor.has_npwp and current is None:
                    party.supplier_tax_rule = rule
                else:
                    continue
                party.save()
