# This file is part of the LSP Perkoperasian Indonesia ERP.
"""PPh 21 withheld on payments to individuals (PMK 168/2023)

A PPh 21 tax flagged with the method "pasal17" is a negative percentage tax
whose rate is the first bracket of Pasal 17 (5 %) × its DPP ratio × its
surcharge; the invoice replaces the linear amount by the withholding below
(see invoice.py)."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.exceptions import ValidationError
from trytond.pool import PoolMeta
from trytond.pyson import Bool, Eval

#: the brackets of Pasal 17 ayat (1) huruf a UU PPh as amended by UU HPP:
#: (upper limit of the bracket, rate), None for no limit
PASAL17_BRACKETS = [
    (Decimal(60_000_000), Decimal('0.05')),
    (Decimal(250_000_000), Decimal('0.15')),
    (Decimal(500_000_000), Decimal('0.25')),
    (Decimal(5_000_000_000), Decimal('0.30')),
    (None, Decimal('0.35')),
    ]
#: the rate of the first bracket, the rate a pasal17 tax carries
PASAL17_FIRST_RATE = PASAL17_BRACKETS[0][1]
#: the fields of the PPh method of a tax and of its template
PPH_FIELDS = ['lsp_pph_method', 'lsp_pph_dpp_ratio', 'lsp_pph_surcharge']
PPH_METHODS = [
    (None, ""),
    ('pasal17', "Pasal 17 Brackets"),
    ]


def pasal17(amount):
    """Return the tax of Pasal 17(1)a on the taxable amount

    Each bracket taxes the part of the amount inside it; an amount of zero or
    less owes nothing. Nothing is rounded."""
    amount = Decimal(amount)
    tax, lower = Decimal(0), Decimal(0)
    for upper, rate in PASAL17_BRACKETS:
        if amount <= lower:
            break
        top = amount if upper is None else min(amount, upper)
        tax += (top - lower) * rate
        lower = upper
    return tax


def pph_withholding(gross, dpp_ratio=1, surcharge=1):
    """Return the PPh withheld from a payment of gross

    The DPP is gross × dpp_ratio (0.5 for a Bukan Pegawai, 1 for a Peserta
    Kegiatan), taxed at the brackets of Pasal 17, times surcharge (1.2
    without NPWP). The result has the sign of gross (a credit note gives
    back what its invoice withheld) and is not rounded."""
    gross = Decimal(gross)
    dpp_ratio = Decimal(1 if dpp_ratio is None else dpp_ratio)
    surcharge = Decimal(1 if surcharge is None else surcharge)
    withheld = pasal17(abs(gross) * dpp_ratio) * surcharge
    return -withheld if gross < 0 else withheld


class _PPhMixin:
    "The PPh fields of the taxes and of their templates"
    __slots__ = ()

    lsp_pph_method = fields.Selection(
        PPH_METHODS, "PPh Method",
        help="How the PPh withheld is computed on the gross of the "
        "document.\n"
        "Pasal 17 Brackets: the progressive rates of Pasal 17 on the DPP.")
    lsp_pph_dpp_ratio = fields.Numeric(
        "DPP Ratio", digits=(None, 4),
        states={
            'required': Bool(Eval('lsp_pph_method')),
            'invisible': ~Eval('lsp_pph_method'),
            },
        help="The part of the gross that is taxed (the DPP): 0.5 for a "
        "Bukan Pegawai, 1 for a Peserta Kegiatan.")
    lsp_pph_surcharge = fields.Numeric(
        "Without NPWP Factor", digits=(None, 4),
        states={
            'required': Bool(Eval('lsp_pph_method')),
            'invisible': ~Eval('lsp_pph_method'),
            },
        help="The factor applied to the tax: 1.2 for a payee without "
        "NPWP, else 1.")

    @classmethod
    def default_lsp_pph_dpp_ratio(cls):
        return Decimal(1)

    @classmethod
    def default_lsp_pph_surcharge(cls):
        return Decimal(1)

    @fields.depends('lsp_pph_method', 'lsp_pph_dpp_ratio', 'lsp_pph_surcharge')
    def on_change_lsp_pph_method(self):
        if self.lsp_pph_method:
            if self.lsp_pph_dpp_ratio is None:
                self.lsp_pph_dpp_ratio = Decimal(1)
            if self.lsp_pph_surcharge is None:
                self.lsp_pph_surcharge = Decimal(1)

    @property
    def lsp_pph_rate(self):
        "The rate a pasal17 tax must carry: the first bracket's, negative"
        return -(PASAL17_FIRST_RATE
            * (self.lsp_pph_dpp_ratio or 0)
            * (self.lsp_pph_surcharge or 0))

    @classmethod
    def validate_fields(cls, taxes, field_names):
        super().validate_fields(taxes, field_names)
        cls.check_lsp_pph(taxes, field_names)

    @classmethod
    def check_lsp_pph(cls, taxes, field_names=None):
        if field_names and not (field_names & {
                    'lsp_pph_method', 'lsp_pph_dpp_ratio',
                    'lsp_pph_surcharge', 'type', 'rate'}):
            return
        for tax in taxes:
            if tax.lsp_pph_method != 'pasal17':
                continue
            ratio = tax.lsp_pph_dpp_ratio
            if ratio is None or not (0 < ratio <= 1):
                raise ValidationError(gettext(
                        'lsp_keuangan.msg_tax_pph_dpp_ratio',
                        tax=tax.rec_name))
            if tax.lsp_pph_surcharge is None or tax.lsp_pph_surcharge < 1:
                raise ValidationError(gettext(
                        'lsp_keuangan.msg_tax_pph_surcharge',
                        tax=tax.rec_name))
            if tax.type != 'percentage' or tax.rate != tax.lsp_pph_rate:
                raise ValidationError(gettext(
                        'lsp_keuangan.msg_tax_pph_rate',
                        tax=tax.rec_name,
                        rate=str(tax.lsp_pph_rate.normalize())))


class TaxTemplate(_PPhMixin, metaclass=PoolMeta):
    __name__ = 'account.tax.template'

    def _get_tax_value(self, tax=None):
        value = super()._get_tax_value(tax=tax)
        for name in PPH_FIELDS:
            if not tax or getattr(tax, name) != getattr(self, name):
                value[name] = getattr(self, name)
        return value


class Tax(_PPhMixin, metaclass=PoolMeta):
    __name__ = 'account.tax'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # as the other fields of a tax, read-only when from a template
        readonly = (Bool(Eval('template', -1))
            & ~Eval('template_override', False))
        for name in PPH_FIELDS:
            getattr(cls, name).states['readonly'] = readonly

    def lsp_pph_amount(self, base):
        """Return the (negative, unrounded) amount of this pasal17 tax on
        the base"""
        return -pph_withholding(
            base, self.lsp_pph_dpp_ratio, self.lsp_pph_surcharge)
