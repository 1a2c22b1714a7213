# This file is part of the LSP Perkoperasian Indonesia ERP.
from decimal import Decimal

from trytond.model import Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction, without_check_access


def is_pasal17(tax):
    return getattr(tax, 'lsp_pph_method', None) == 'pasal17'


class InvoicedMixin:
    """A document of the LSP paid through its supplier invoice (an
    honorarium, a TUK fee): invoiced, then paid when its invoice is paid
    and invoiced again when the payment is cancelled"""
    __slots__ = ()
    invoice = fields.Many2One(
        'account.invoice', "Invoice", readonly=True, ondelete='RESTRICT')
    invoice_state = fields.Function(
        fields.Selection('get_invoice_states', "Invoice State"),
        'on_change_with_invoice_state')

    @classmethod
    def get_invoice_states(cls):
        Invoice = Pool().get('account.invoice')
        return [(None, '')] + Invoice.fields_get(
            ['state'])['state']['selection']

    @fields.depends('invoice', '_parent_invoice.state')
    def on_change_with_invoice_state(self, name=None):
        return self.invoice.state if self.invoice else None

    @classmethod
    @Workflow.transition('paid')
    def _set_paid(cls, records):
        pass

    @classmethod
    @Workflow.transition('invoiced')
    def _set_unpaid(cls, records):
        pass

    @classmethod
    def update_from_invoices(cls, invoices):
        "Follow the payment of the invoices of the records"
        invoices = [i for i in invoices if i]
        if not invoices:
            return
        records = cls.search([
                ('invoice', 'in', [i.id for i in invoices]),
                ('state', 'in', ['invoiced', 'paid']),
                ])
        paid = [r for r in records
            if r.state == 'invoiced' and r.invoice.state == 'paid']
        unpaid = [r for r in records
            if r.state == 'paid' and r.invoice.state != 'paid']
        if paid:
            cls._set_paid(paid)
        if unpaid:
            cls._set_unpaid(unpaid)


class Invoice(metaclass=PoolMeta):
    __name__ = 'account.invoice'

    lsp_applications = fields.Function(fields.Many2Many(
            'lsp.application', None, None, "Certification Applications",
            help="The applications whose lines the invoice has."),
        'get_lsp_origins')
    lsp_events = fields.Function(fields.Many2Many(
            'lsp.assessment.event', None, None, "Assessment Events",
            help="The events of the lines of the invoice, directly or "
            "through their applications."),
        'get_lsp_origins')

    @classmethod
    def process(cls, invoices):
        "The honoraria and TUK fees follow the payment of their invoices"
        pool = Pool()
        Honorarium = pool.get('lsp.honorarium')
        TukFee = pool.get('lsp.tuk.fee')
        super().process(invoices)
        invoices = cls.browse([i.id for i in invoices])
        Honorarium.update_from_invoices(invoices)
        TukFee.update_from_invoices(invoices)

    @classmethod
    def get_lsp_origins(cls, invoices, names):
        pool = Pool()
        Application = pool.get('lsp.application')
        Event = pool.get('lsp.assessment.event')
        result = {n: {i.id: [] for i in invoices} for n in names}
        with without_check_access():
            for invoice in invoices:
                applications, events = set(), set()
                for line in invoice.lines:
                    origin = getattr(line, 'origin', None)
                    if isinstance(origin, Application) and origin.id >= 0:
                        applications.add(origin)
                        event = origin.current_event()
                        if event:
                            events.add(event)
                    elif isinstance(origin, Event) and origin.id >= 0:
                        events.add(origin)
                if 'lsp_applications' in result:
                    result['lsp_applications'][invoice.id] = sorted(
                        a.id for a in applications)
                if 'lsp_events' in result:
                    result['lsp_events'][invoice.id] = sorted(
                        e.id for e in events)
        return result

    @fields.depends('currency')
    def _compute_tax_line(self, amount, base, tax):
        taxline = super()._compute_tax_line(amount, base, tax)
        if is_pasal17(tax):
            # The amount is computed on the whole base in _get_taxes; a
            # linear amount here would only shift the rounding of the
            # other taxes
            taxline.amount = Decimal(0)
        return taxline

    @fields.depends(
        'currency', 'company', methods=['on_change_with_currency_date'])
    def _get_taxes(self):
        """Compute the PPh of the taxes with the Pasal 17 method on the base
        of their tax line: the gross of the invoice per tax (and sign)"""
        taxes = super()._get_taxes()
        for taxline in taxes.values():
            if is_pasal17(taxline.tax):
                taxline.amount = self._lsp_pph_amount(
                    taxline.tax, taxline.base)
        return taxes

    @fields.depends(
        'currency', 'company', methods=['on_change_with_currency_date'])
    def _lsp_pph_amount(self, tax, base):
        "Return the rounded amount of the pasal17 tax on base"
        pool = Pool()
        Currency = pool.get('currency.currency')
        company_currency = self.company.currency if self.company else None
        if (self.currency and company_currency
                and self.currency != company_currency):
            # The brackets are in the currency of the company (Rupiah)
            date = self.on_change_with_currency_date()
            with Transaction().set_context(date=date):
                base = Currency.compute(
                    self.currency, base, company_currency, round=False)
                amount = tax.lsp_pph_amount(base)
                amount = Currency.compute(
                    company_currency, amount, self.currency, round=False)
        else:
            amount = tax.lsp_pph_amount(base)
        if self.currency:
            amount = self.currency.round(amount)
        return amount


class InvoiceTax(metaclass=PoolMeta):
    __name__ = 'account.invoice.tax'

    @fields.depends(
        'tax', 'base', 'manual', 'invoice',
        '_parent_invoice.currency', '_parent_invoice.company',
        '_parent_invoice.invoice_date')
    def _compute_amount(self):
        super()._compute_amount()
        if self.tax and self.manual and is_pasal17(self.tax):
            base = self.base or Decimal(0)
            if self.invoice:
                self.amount = self.invoice._lsp_pph_amount(self.tax, base)
            else:
                self.amount = self.tax.lsp_pph_amount(base)


class InvoiceLine(metaclass=PoolMeta):
    __name__ = 'account.invoice.line'

    @classmethod
    def _get_origin(cls):
        return super()._get_origin() + [
            'lsp.application', 'lsp.assessment.event',
            'lsp.honorarium.line', 'lsp.tuk.fee']
