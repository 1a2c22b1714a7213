# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The billing of the certification applications (FINANCE.md 6.3, 6.4
item 2)

A self-funded (mandiri) candidate whose application is accepted gets a
customer invoice at the approved tariff in force; the candidates of the
events paid by a sponsor or a government programme are invoiced
collectively to the payer from the event. The Bendahara may also waive the
payment of an application, giving the reason."""
from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from lsp_base.report import selection_string
from lsp_sertifikasi.event import FUNDINGS

from .exceptions import InvoicingError

PAYMENT_STATES = [
    ('unbilled', "Unbilled"),
    ('invoiced', "Invoiced"),
    ('paid', "Paid"),
    ('sponsored', "Sponsored"),
    ('waived', "Waived"),
    ]


def payment_state(waived, invoices, candidate):
    """Return the payment state of an application

    invoices are the (party, state) of the invoices, not cancelled, of the
    lines that originate from the application; candidate is the party of
    the candidate. An invoice to another party is the one of the payer of
    the event."""
    if waived:
        return 'waived'
    if not invoices:
        return 'unbilled'
    if any(party != candidate for party, _ in invoices):
        return 'sponsored'
    if all(state == 'paid' for _, state in invoices):
        return 'paid'
    return 'invoiced'


class Application(metaclass=PoolMeta):
    __name__ = 'lsp.application'

    funding = fields.Function(fields.Selection(
            FUNDINGS, "Funding",
            help="The funding of the assessment event the application "
            "takes part in; self-funded without event."),
        'get_funding')
    tariff = fields.Function(fields.Many2One(
            'lsp.tariff', "Tariff",
            help="The approved tariff in force for the scheme, purpose and "
            "funding of the application."),
        'get_tariff')
    # read-only in the forms; the field access lets nobody write it
    invoice_lines = fields.One2Many(
        'account.invoice.line', 'origin', "Invoice Lines",
        states={'readonly': True})
    payment_state = fields.Function(fields.Selection(
            PAYMENT_STATES, "Payment State"), 'get_payment_state')
    payment_waived = fields.Boolean(
        "Payment Waived", readonly=True,
        help="The Bendahara waived the payment of the application.")
    payment_waived_by = fields.Many2One(
        'res.user', "Payment Waived By", readonly=True,
        states={'invisible': ~Eval('payment_waived')})
    payment_waiver_reason = fields.Text(
        "Reason for the Waiver", readonly=True,
        states={'invisible': ~Eval('payment_waived')})

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'create_invoice': {
                    'invisible': Eval('state').in_(['draft', 'rejected']),
                    'icon': 'tryton-account',
                    'depends': ['state'],
                    },
                'waive_payment': {
                    'invisible': (
                        (Eval('state') != 'accepted')
                        | Eval('payment_waived', False)),
                    'icon': 'tryton-cancel',
                    'depends': ['state', 'payment_waived'],
                    },
                })

    @classmethod
    def default_payment_waived(cls):
        return False

    @classmethod
    def copy(cls, applications, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('invoice_lines')
        return super().copy(applications, default=default)

    def current_event(self):
        "Return the event, not cancelled, the application takes part in"
        Participant = Pool().get('lsp.assessment.event.participant')
        with without_check_access():
            participants = Participant.search([
                    ('application', '=', self.id),
                    ('event.state', '!=', 'cancelled'),
                    ], limit=1)
        return participants[0].event if participants else None

    @classmethod
    def get_funding(cls, applications, name):
        Participant = Pool().get('lsp.assessment.event.participant')
        fundings = {a.id: 'mandiri' for a in applications}
        with without_check_access():
            for participant in Participant.search([
                        ('application', 'in', [a.id for a in applications]),
                        ('event.state', '!=', 'cancelled'),
                        ]):
                fundings[participant.application.id] = (
                    participant.event.funding)
        return fundings

    def get_tariff(self, name):
        Tariff = Pool().get('lsp.tariff')
        with without_check_access():
            tariff = Tariff.find(self.scheme, self.purpose, self.funding)
        return tariff.id if tariff else None

    def billed_invoices(self):
        "Return the invoices, not cancelled, of the lines of the application"
        with without_check_access():
            return list({
                    l.invoice for l in self.invoice_lines
                    if l.invoice and l.invoice.state != 'cancelled'})

    @classmethod
    def get_payment_state(cls, applications, name):
        with without_check_access():
            return {
                a.id: payment_state(
                    a.payment_waived,
                    [(i.party, i.state) for i in a.billed_invoices()],
                    a.candidate)
                for a in applications}

    def _error(self, message, **values):
        return InvoicingError(gettext(
                'lsp_keuangan.%s' % message, application=self.rec_name,
                **values))

    def check_invoice(self):
        "Check that the application may be invoiced to the candidate"
        if self.state != 'accepted':
            raise self._error('msg_application_invoice_not_accepted')
        if self.payment_waived:
            raise self._error('msg_application_invoice_waived')
        funding = self.funding
        if funding != 'mandiri':
            event = self.current_event()
            raise self._error(
                'msg_application_invoice_not_mandiri',
                event=event.rec_name if event else '',
                funding=selection_string(self, 'funding'))
        invoices = self.billed_invoices()
        if invoices:
            raise self._error(
                'msg_application_invoice_already',
                invoice=invoices[0].rec_name)
        if not self.tariff:
            raise self.no_tariff_error()

    def no_tariff_error(self):
        "Return the refusal to invoice the application without tariff"
        Lang = Pool().get('ir.lang')
        return self._error(
            'msg_application_invoice_no_tariff',
            scheme=self.scheme.rec_name,
            funding=selection_string(self, 'funding'),
            date=Lang.get().strftime(Pool().get('ir.date').today()))

    def get_invoice_line(self, invoice, tariff, funding_source=None):
        """Return the invoice line of the application on invoice at tariff,
        tagged with the analytic account of funding_source"""
        pool = Pool()
        Line = pool.get('account.invoice.line')
        Configuration = pool.get('lsp.configuration')
        configuration = Configuration(1)
        product = tariff.product or configuration.certification_product
        line = Line(
            invoice=invoice, type='line', company=invoice.company,
            currency=invoice.currency, origin=self, product=product,
            quantity=1, unit=product.default_uom)
        account = configuration.get_revenue_account(self.funding)
        line.account = account or product.account_revenue_used
        line.taxes = customer_taxes(product, invoice.party, line)
        line.unit_price = tariff.amount
        line.description = '%s - %s' % (product.rec_name, self.rec_name)
        if funding_source and funding_source.analytic_account:
            set_analytic_account(line, funding_source.analytic_account)
        return line

    @classmethod
    @ModelView.button
    def create_invoice(cls, applications):
        "Invoice the accepted self-funded applications to their candidate"
        pool = Pool()
        Invoice = pool.get('account.invoice')
        invoices = []
        for application in applications:
            application.check_invoice()
            invoice = new_customer_invoice(
                application.candidate, application._error)
            event = application.current_event()
            line = application.get_invoice_line(
                invoice, application.tariff,
                event.funding_source if event else None)
            invoice.lines = [line]
            invoices.append(invoice)
        Invoice.save(invoices)
        Invoice.update_taxes(invoices)

    @classmethod
    @ModelView.button_action('lsp_keuangan.wizard_application_waive_payment')
    def waive_payment(cls, applications):
        pass

    @classmethod
    def do_waive_payment(cls, applications, reason):
        "Waive the payment of applications for reason"
        for application in applications:
            if application.state != 'accepted':
                raise application._error(
                    'msg_application_waive_not_accepted')
            invoices = application.billed_invoices()
            if invoices:
                raise application._error(
                    'msg_application_waive_invoiced',
                    invoice=invoices[0].rec_name)
        cls.write(applications, {
                'payment_waived': True,
                'payment_waived_by': Transaction().user,
                'payment_waiver_reason': reason,
                })


def new_customer_invoice(party, error):
    """Return a new customer invoice to party in the company of the context

    error(message, **values) returns the refusal when party has no address
    to invoice."""
    pool = Pool()
    Invoice = pool.get('account.invoice')
    Company = pool.get('company.company')
    company = Company(Transaction().context['company'])
    invoice = Invoice(
        company=company, type='out', party=party, currency=company.currency)
    invoice.on_change_type()
    invoice.on_change_party()
    if not invoice.invoice_address:
        raise error('msg_invoice_party_no_address', party=party.rec_name)
    return invoice


def customer_taxes(product, party, line):
    """Return the customer taxes of product for party, with its tax rule

    A product without accounting category has none."""
    if not product.account_category:
        return []
    pattern = line._get_tax_rule_pattern()
    taxes = set()
    rule = party.customer_tax_rule
    for tax in product.customer_taxes_used:
        if rule:
            tax_ids = rule.apply(tax, pattern)
            if tax_ids:
                taxes.update(tax_ids)
            continue
        taxes.add(tax.id)
    if rule:
        taxes.update(rule.apply(None, pattern) or [])
    return list(taxes)


def set_analytic_account(line, account):
    "Set account on the analytic entry of its root on the invoice line"
    Entry = Pool().get('analytic.account.entry')
    entries = list(getattr(line, 'analytic_accounts', None) or [])
    for entry in entries:
        if entry.root == account.root:
            entry.account = account
            break
    else:
        entries.append(Entry(root=account.root, account=account))
    line.analytic_accounts = entries


class WaivePaymentStart(ModelView):
    __name__ = 'lsp.application.waive_payment.start'
    __string__ = "Waive Payment"

    reason = fields.Text(
        "Reason", required=True,
        help="Why the candidate does not pay, kept with the application.")


class WaivePayment(Wizard):
    __name__ = 'lsp.application.waive_payment'
    __string__ = "Waive Payment"

    start = StateView(
        'lsp.application.waive_payment.start',
        'lsp_keuangan.application_waive_payment_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Waive", 'waive', 'tryton-ok', default=True),
            ])
    waive = StateTransition()

    def transition_waive(self):
        self.model.do_waive_payment(self.records, self.start.reason)
        return 'end'
