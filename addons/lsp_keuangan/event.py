# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The funding and invoicing of the assessment events (FINANCE.md 6.3, 6.4
item 3)

An event paid by a sponsor or a government programme is invoiced
collectively to its payer: one customer invoice with a line per
participant at the tariff of its funding. An event may point to the
registered funding source whose analytic account tags its invoices. When
the configuration requires it, an event of self-funded candidates is
confirmed only once they paid. Once held, the Bendahara drafts the
honoraria of its assessors and the fee of its TUK."""
from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import without_check_access

from lsp_base.report import selection_string
from lsp_sertifikasi.exceptions import EventConfirmError

from .application import new_customer_invoice
from .exceptions import InvoicingError
from .honorarium import PAID_EVENT_STATES

#: the fundings of the events invoiced to their payer
PAYER_FUNDINGS = {'sponsor', 'apbn_apbd'}
#: the states of the events that may be invoiced to their payer
INVOICE_STATES = {'confirmed', 'held', 'closed'}
#: the payment states of the self-funded candidates an event may confirm
PAID_STATES = {'paid', 'waived'}


class Event(metaclass=PoolMeta):
    __name__ = 'lsp.assessment.event'

    funding_source = fields.Many2One(
        'lsp.funding.source', "Registered Funding Source",
        ondelete='RESTRICT',
        domain=[('state', '!=', 'draft')],
        states={
            'readonly': Eval('state').in_(['closed', 'cancelled']),
            },
        help="The funding source of the finance register that pays the "
        "event; its analytic account tags the invoices of the event.")
    invoices = fields.Function(fields.Many2Many(
            'account.invoice', None, None, "Invoices",
            help="The invoices of the event and of its participants."),
        'get_invoices')
    # Function fields: only the buttons of the finance create them, and the
    # roles that do not read them still read the event and its workflow
    honoraria = fields.Function(fields.Many2Many(
            'lsp.honorarium', None, None, "Honoraria"),
        'get_finance_records')
    tuk_fees = fields.Function(fields.Many2Many(
            'lsp.tuk.fee', None, None, "TUK Fees"),
        'get_finance_records')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._check_modify_exclude.add('funding_source')
        cls._buttons.update({
                'invoice_payer': {
                    'invisible': (
                        ~Eval('funding').in_(list(PAYER_FUNDINGS))
                        | ~Eval('state').in_(list(INVOICE_STATES))),
                    'icon': 'tryton-account',
                    'depends': ['funding', 'state'],
                    },
                'create_honoraria': {
                    'invisible': ~Eval('state').in_(PAID_EVENT_STATES),
                    'icon': 'tryton-add',
                    'depends': ['state'],
                    },
                'create_tuk_fee': {
                    'invisible': ~Eval('state').in_(PAID_EVENT_STATES),
                    'icon': 'tryton-add',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def copy(cls, events, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('funding_source')
        return super().copy(events, default=default)

    @classmethod
    def check_modification(cls, mode, events, values=None, external=False):
        super().check_modification(
            mode, events, values=values, external=external)
        if mode == 'write' and 'funding_source' in values:
            for event in events:
                if event.state in {'closed', 'cancelled'}:
                    raise cls.lock_error(event)

    @classmethod
    def get_invoices(cls, events, name):
        InvoiceLine = Pool().get('account.invoice.line')
        origins = {}
        for event in events:
            origins[str(event)] = event.id
            for application in event.participants:
                origins[str(application)] = event.id
        result = {e.id: set() for e in events}
        with without_check_access():
            for line in InvoiceLine.search([
                        ('origin', 'in', list(origins)),
                        ('invoice', '!=', None),
                        ], order=[]):
                result[origins[str(line.origin)]].add(line.invoice.id)
        return {k: sorted(v) for k, v in result.items()}

    def _invoice_error(self, message, **values):
        return InvoicingError(gettext(
                'lsp_keuangan.%s' % message, event=self.rec_name, **values))

    def payer_applications(self):
        "Return the participants invoiced to the payer"
        return sorted(
            (a for a in self.participants if not a.payment_waived),
            key=lambda a: a.id)

    def check_invoice_payer(self):
        "Check that the event may be invoiced to its payer"
        if self.funding not in PAYER_FUNDINGS:
            raise self._invoice_error(
                'msg_event_invoice_funding',
                funding=selection_string(self, 'funding'))
        if self.state not in INVOICE_STATES:
            raise self._invoice_error('msg_event_invoice_state')
        if not self.payer:
            raise self._invoice_error('msg_event_invoice_no_payer')
        applications = self.payer_applications()
        if not applications:
            raise self._invoice_error('msg_event_invoice_no_participant')
        for application in applications:
            for invoice in application.billed_invoices():
                if invoice.party == self.payer:
                    raise self._invoice_error(
                        'msg_event_invoice_already',
                        invoice=invoice.rec_name)
                raise self._invoice_error(
                    'msg_event_invoice_participant_invoiced',
                    application=application.rec_name,
                    invoice=invoice.rec_name)
            if not application.tariff:
                raise application.no_tariff_error()

    def get_payer_invoice(self):
        "Return the invoice to the payer with a line per participant"
        invoice = new_customer_invoice(self.payer, self._invoice_error)
        invoice.description = self.rec_name
        invoice.reference = self.bnsp_code
        invoice.lines = [
            a.get_invoice_line(invoice, a.tariff, self.funding_source)
            for a in self.payer_applications()]
        return invoice

    @classmethod
    @ModelView.button
    def invoice_payer(cls, events):
        "Invoice the participants of the events to their payer"
        Invoice = Pool().get('account.invoice')
        for event in events:
            event.check_invoice_payer()
        invoices = [e.get_payer_invoice() for e in events]
        Invoice.save(invoices)
        Invoice.update_taxes(invoices)

    def check_confirm(self):
        super().check_confirm()
        self.check_payments()

    def check_payments(self):
        """Check that the self-funded participants paid, when the
        configuration requires it"""
        Configuration = Pool().get('lsp.configuration')
        if (self.funding != 'mandiri'
                or not Configuration(1).require_payment_before_confirm):
            return
        for application in self.participants:
            if application.payment_state not in PAID_STATES:
                raise EventConfirmError(gettext(
                        'lsp_keuangan.msg_event_confirm_unpaid',
                        event=self.rec_name,
                        application=application.rec_name))

    @classmethod
    def get_finance_records(cls, events, names):
        pool = Pool()
        models = {
            'honoraria': pool.get('lsp.honorarium'),
            'tuk_fees': pool.get('lsp.tuk.fee'),
            }
        result = {}
        for name in names:
            result[name] = values = {e.id: [] for e in events}
            for record in models[name].search(
                    [('event', 'in', [e.id for e in events])],
                    order=[('id', 'ASC')]):
                values[record.event.id].append(record.id)
        return result

    @classmethod
    @ModelView.button
    def create_honoraria(cls, events):
        """Draft one honorarium for each assessor of the events that has
        none"""
        Honorarium = Pool().get('lsp.honorarium')
        Honorarium.create_for_events(events)

    @classmethod
    @ModelView.button
    def create_tuk_fee(cls, events):
        "Draft the fee of the TUK of the events from its agreement"
        TukFee = Pool().get('lsp.tuk.fee')
        TukFee.create_for_events(events)
