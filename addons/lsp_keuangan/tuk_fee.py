# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The fees of the TUK (FINANCE.md 6.2, 6.4 item 5)

After an assessment event is held, the Bendahara takes the fee of the TUK
of the event from its active agreement on the start of the event: per
session or per candidate; an agreement without fee gives no document. The
fee is invoiced as a supplier invoice to the provider of the TUK on the
expense of the TUK fee product (5103), posted, then paid."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from lsp_base.model import DraftLockMixin, NumberedMixin, WorkflowMixin
from lsp_base.tools import rec_name_domain

from .exceptions import TukFeeError
from .invoice import InvoicedMixin
from .honorarium import PAID_EVENT_STATES


def tuk_fee_quantity(fee_basis, participant_count):
    """Return the quantity of a TUK fee of fee_basis for an event of
    participant_count candidates: 1 per session, the candidates per
    candidate, None without fee"""
    if fee_basis == 'session':
        return 1
    if fee_basis == 'candidate':
        return participant_count or 0
    return None


class TukFee(
        InvoicedMixin, DraftLockMixin, NumberedMixin, WorkflowMixin, ModelSQL,
        ModelView):
    __name__ = 'lsp.tuk.fee'
    __string__ = "TUK Fee"
    _number_sequence_field = 'tuk_fee_sequence'
    _rec_name = 'number'
    _lock_message = 'lsp_keuangan.msg_tuk_fee_locked'
    _delete_message = 'lsp_keuangan.msg_tuk_fee_delete'
    _lock_parameter = 'fee'
    _deletable_states = {'draft', 'cancelled'}

    _states = {'readonly': Eval('state') != 'draft'}

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_states)
    event = fields.Many2One(
        'lsp.assessment.event', "Event", required=True, ondelete='RESTRICT',
        domain=[If(Eval('state') == 'draft',
                ('state', 'in', PAID_EVENT_STATES), ())],
        states=_states,
        help="The assessment event, held or closed, that used the TUK.")
    tuk = fields.Many2One(
        'lsp.tuk', "TUK", readonly=True, ondelete='RESTRICT')
    provider = fields.Function(
        fields.Many2One(
            'party.party', "Provider",
            context={'company': Eval('company', -1)}, depends={'company'}),
        'on_change_with_provider')
    agreement = fields.Many2One(
        'lsp.tuk.agreement', "Agreement", readonly=True, ondelete='RESTRICT',
        help="The active agreement of the TUK on the start of the event.")
    fee_basis = fields.Selection([
            ('session', "Per Session"),
            ('candidate', "Per Candidate"),
            ], "Fee Basis", readonly=True)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    fee = Monetary(
        "Fee", currency='currency', digits='currency', readonly=True,
        help="The fee of the agreement per session or per candidate.")
    quantity = fields.Numeric(
        "Quantity", digits=(None, 2), required=True, states=_states,
        domain=[('quantity', '>=', 0)],
        help="The sessions, or the candidates of the event.")
    amount = fields.Function(Monetary(
            "Amount", currency='currency', digits='currency'),
        'on_change_with_amount')
    state = fields.Selection([
            ('draft', "Draft"),
            ('invoiced', "Invoiced"),
            ('paid', "Paid"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    notes = fields.Text("Notes")
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('event_unique', Unique(t, t.event),
                'lsp_keuangan.msg_tuk_fee_unique'),
            ]
        cls._order.insert(0, ('number', 'DESC'))
        cls._check_modify_exclude.add('notes')
        cls._transitions |= {
            ('draft', 'invoiced'),
            ('invoiced', 'paid'),
            ('paid', 'invoiced'),
            ('draft', 'cancelled'),
            ('invoiced', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'create_invoice': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': (~Eval('state').in_(['draft', 'invoiced'])
                        | ((Eval('state') == 'invoiced')
                            & (Eval('invoice_state') != 'cancelled'))),
                    'icon': 'tryton-cancel',
                    'depends': ['state', 'invoice_state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    @fields.depends('tuk', '_parent_tuk.provider')
    def on_change_with_provider(self, name=None):
        return self.tuk.provider if self.tuk else None

    @fields.depends('quantity', 'fee', 'currency')
    def on_change_with_amount(self, name=None):
        amount = (self.quantity or Decimal(0)) * (self.fee or Decimal(0))
        if self.currency:
            amount = self.currency.round(amount)
        return amount

    def get_rec_name(self, name):
        number = self.number or '(%s)' % self.id
        return '%s - %s' % (number, self.tuk.rec_name if self.tuk else '')

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['number', 'tuk.rec_name', 'event.rec_name'])

    @classmethod
    def find_agreement(cls, event):
        "Return the active agreement of the TUK of event on its start"
        Agreement = Pool().get('lsp.tuk.agreement')
        agreements = Agreement.search([
                ('tuk', '=', event.tuk.id),
                ('state', '=', 'active'),
                ('start_date', '<=', event.start_date),
                ('end_date', '>=', event.start_date),
                ], order=[('start_date', 'DESC')], limit=1)
        return agreements[0] if agreements else None

    @classmethod
    def agreement_values(cls, event):
        """Return the values of the fee of event from the agreement of its
        TUK; refuse an event not held or closed, a TUK without active
        agreement or an agreement without fee"""
        if event.state not in PAID_EVENT_STATES:
            raise TukFeeError(gettext(
                    'lsp_keuangan.msg_tuk_fee_event_not_held',
                    event=event.rec_name))
        agreement = cls.find_agreement(event)
        if not agreement:
            raise TukFeeError(gettext(
                    'lsp_keuangan.msg_tuk_fee_no_agreement',
                    event=event.rec_name, tuk=event.tuk.rec_name,
                    date=Pool().get('ir.lang').get().strftime(
                        event.start_date)))
        if agreement.fee_basis not in {'session', 'candidate'}:
            raise TukFeeError(gettext(
                    'lsp_keuangan.msg_tuk_fee_no_fee',
                    event=event.rec_name, agreement=agreement.rec_name))
        return {
            'tuk': event.tuk.id,
            'agreement': agreement.id,
            'fee_basis': agreement.fee_basis,
            'fee': agreement.fee or Decimal(0),
            'quantity': Decimal(tuk_fee_quantity(
                    agreement.fee_basis, len(event.participants))),
            }

    @classmethod
    def preprocess_values(cls, mode, values):
        Event = Pool().get('lsp.assessment.event')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and values.get('event'):
            event = Event(values['event'])
            for name, value in cls.agreement_values(event).items():
                if values.get(name) is None:
                    values[name] = value
        return values

    @classmethod
    def create_for_events(cls, events):
        "Create the draft fee of each event that has none"
        existing = {f.event for f in cls.search([
                    ('event', 'in', [e.id for e in events])])}
        return cls.create([{
                    'event': e.id,
                    'company': Transaction().context.get('company'),
                    } for e in events if e not in existing])

    @classmethod
    def copy(cls, fees, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('invoice')
        return super().copy(fees, default=default)

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, fees):
        pass

    def get_invoice(self):
        "Return the supplier invoice of the fee to the provider, not saved"
        pool = Pool()
        Configuration = pool.get('lsp.configuration')
        Date = pool.get('ir.date')
        Invoice = pool.get('account.invoice')
        InvoiceLine = pool.get('account.invoice.line')
        product = Configuration(1).tuk_fee_product
        if not product:
            raise TukFeeError(gettext(
                    'lsp_keuangan.msg_tuk_fee_no_product', fee=self.rec_name))
        invoice = Invoice(
            company=self.company, type='in', party=self.tuk.provider,
            invoice_date=Date.today(), reference=self.number,
            description=gettext(
                'lsp_keuangan.msg_tuk_fee_invoice_description',
                event=self.event.rec_name))
        invoice.currency = self.company.currency
        invoice.on_change_type()
        invoice.on_change_party()
        line = InvoiceLine(
            invoice=invoice, company=self.company, type='line',
            currency=invoice.currency, product=product,
            quantity=self.quantity, origin=self)
        line.on_change_product()
        line.unit_price = self.fee
        line.description = '%s - %s' % (
            self.tuk.rec_name, self.event.rec_name)
        invoice.lines = [line]
        return invoice

    @classmethod
    @ModelView.button
    @Workflow.transition('invoiced')
    def create_invoice(cls, fees):
        "Create and post the supplier invoices of the fees"
        Invoice = Pool().get('account.invoice')
        invoices = []
        for fee in fees:
            if not fee.amount:
                raise TukFeeError(gettext(
                        'lsp_keuangan.msg_tuk_fee_zero', fee=fee.rec_name))
            if fee.invoice:
                continue
            fee.invoice = fee.get_invoice()
            invoices.append(fee.invoice)
        Invoice.save(invoices)
        Invoice.update_taxes(invoices)
        Invoice.post(invoices)
        cls.save(fees)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, fees):
        for fee in fees:
            if fee.invoice and fee.invoice.state != 'cancelled':
                raise TukFeeError(gettext(
                        'lsp_keuangan.msg_tuk_fee_cancel_invoiced',
                        fee=fee.rec_name, invoice=fee.invoice.rec_name))
