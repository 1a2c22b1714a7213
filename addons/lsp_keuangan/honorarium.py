# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The honoraria of the assessors (FINANCE.md 4.2, 6.2, 6.4 item 4)

After an assessment event is held, one draft honorarium per assessor of the
event counts the days of the event, the candidates the assessor assessed
and the TUK verifications the assessor made for the event, at the rates of
the assessor's active contract. The Direktur Sertifikasi confirms the
quantities; the Bendahara invoices it as a supplier invoice to the assessor
on account 2102 with the PPh 21 of the honorarium product, posts and pays
it. The kwitansi gives the gross, the PPh 21 withheld and the net."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Unique, Workflow, fields, sequence_ordered)
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.report import Report
from trytond.transaction import Transaction

from lsp_base.model import (
    DraftLockMixin, NumberedMixin, ParentLockMixin, WorkflowMixin)
from lsp_base.tools import rec_name_domain

from .exceptions import (
    HonorariumContractError, HonorariumDaysError, HonorariumError,
    HonorariumInvoiceError)
from .invoice import InvoicedMixin

#: the kinds of the lines counted from the event, with their rate field on
#: the contract and the quantity field on the honorarium
COUNTED_KINDS = [
    ('day', 'rate_day', 'days'),
    ('candidate', 'rate_candidate', 'candidate_count'),
    ('verification', 'rate_tuk_verification', 'verification_count'),
    ]
#: the states of the events whose assessors are paid
PAID_EVENT_STATES = ['held', 'closed']
#: the states of the assessments an assessor is paid for
PAID_ASSESSMENT_STATES = ['submitted', 'decided']
#: the states of the TUK verifications an assessor is paid for
PAID_VERIFICATION_STATES = ['validated', 'expired']

_UNITS = [
    '', "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh",
    "delapan", "sembilan", "sepuluh", "sebelas"]
_SCALES = [
    (10 ** 12, "triliun"), (10 ** 9, "miliar"), (10 ** 6, "juta"),
    (1000, "ribu")]


def event_days(start_date, end_date):
    "Return the number of days of an event from start_date to end_date"
    if not start_date or not end_date:
        return 0
    return (end_date - start_date).days + 1


def terbilang(amount):
    """Return the amount in Indonesian words, as written on a kwitansi

    Only the whole rupiahs are spelt; a negative amount is "minus ...";
    zero is "nol". "seratus", "seribu" as the language says them."""
    amount = int(Decimal(amount).to_integral_value(rounding='ROUND_DOWN'))
    if amount < 0:
        return "minus " + terbilang(-amount)
    if amount == 0:
        return "nol"
    return _words(amount)


def _words(n):
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return "%s belas" % _UNITS[n - 10]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _join("%s puluh" % _UNITS[tens], rest)
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else "%s ratus" % _UNITS[hundreds]
        return _join(head, rest)
    for scale, name in _SCALES:
        if n >= scale:
            count, rest = divmod(n, scale)
            if scale == 1000 and count == 1:
                head = "seribu"
            else:
                head = "%s %s" % (_words(count), name)
            return _join(head, rest)


def _join(head, rest):
    return head if not rest else "%s %s" % (head, _words(rest))


class Honorarium(
        InvoicedMixin, DraftLockMixin, NumberedMixin, WorkflowMixin, ModelSQL,
        ModelView):
    __name__ = 'lsp.honorarium'
    __string__ = "Assessor Honorarium"
    _number_sequence_field = 'honorarium_sequence'
    _rec_name = 'number'
    _lock_message = 'lsp_keuangan.msg_honorarium_locked'
    _delete_message = 'lsp_keuangan.msg_honorarium_delete'
    _lock_parameter = 'honorarium'
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
        help="The assessment event, held or closed, the assessor worked in.")
    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='RESTRICT',
        domain=[If(Eval('state') == 'draft',
                ('id', 'in', Eval('event_assessors', [])), ())],
        states=_states)
    event_assessors = fields.Function(
        fields.Many2Many('lsp.assessor', None, None, "Event Assessors"),
        'on_change_with_event_assessors')
    party = fields.Function(
        fields.Many2One(
            'party.party', "Party",
            context={'company': Eval('company', -1)}, depends={'company'}),
        'on_change_with_party')
    contract = fields.Many2One(
        'lsp.assessor.contract', "Contract", readonly=True,
        ondelete='RESTRICT',
        help="The active contract of the assessor on the start of the "
        "event; its rates are copied on the lines.")
    event_days = fields.Function(
        fields.Integer("Event Days"), 'on_change_with_event_days')
    days = fields.Integer(
        "Days", required=True, states=_states,
        domain=[('days', '>=', 0)],
        help="The assessment days paid: by default the days of the event.")
    days_reason = fields.Text(
        "Reason for the Days",
        states={
            'readonly': Eval('state') != 'draft',
            'required': (Bool(Eval('event'))
                & (Eval('days', 0) != Eval('event_days', 0))),
            },
        help="Why the days paid differ from the days of the event.")
    candidates = fields.Many2Many(
        'lsp.honorarium-lsp.assessment', 'honorarium', 'assessment',
        "Candidates Assessed", readonly=True,
        help="The assessments of the event by the assessor, submitted or "
        "decided.")
    candidate_count = fields.Function(
        fields.Integer("Number of Candidates"),
        'on_change_with_candidate_count')
    verifications = fields.Many2Many(
        'lsp.honorarium-lsp.tuk.verification', 'honorarium', 'verification',
        "TUK Verifications", readonly=True,
        help="The validated verifications of the TUK of the event by the "
        "assessor in the days of the event, not paid by another "
        "honorarium.")
    verification_count = fields.Function(
        fields.Integer("Number of TUK Verifications"),
        'on_change_with_verification_count')
    lines = fields.One2Many(
        'lsp.honorarium.line', 'honorarium', "Lines", states=_states)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    gross = fields.Function(Monetary(
            "Gross", currency='currency', digits='currency'), 'get_amounts')
    dpp = fields.Function(Monetary(
            "DPP", currency='currency', digits='currency',
            help="The taxable part of the gross."), 'get_amounts')
    pph21 = fields.Function(Monetary(
            "PPh 21", currency='currency', digits='currency',
            help="The PPh 21 withheld (negative): from the invoice once "
            "invoiced, before computed with the tax of the honorarium "
            "product for the assessor."), 'get_amounts')
    net = fields.Function(Monetary(
            "Net", currency='currency', digits='currency',
            help="What the assessor receives."), 'get_amounts')
    state = fields.Selection([
            ('draft', "Draft"),
            ('confirmed', "Confirmed"),
            ('invoiced', "Invoiced"),
            ('paid', "Paid"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    confirmed_by = fields.Many2One('res.user', "Confirmed By", readonly=True)
    confirmed_date = fields.Date("Confirmed On", readonly=True)
    notes = fields.Text("Notes")
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('event_assessor_unique', Unique(t, t.event, t.assessor),
                'lsp_keuangan.msg_honorarium_unique'),
            ]
        cls._order.insert(0, ('number', 'DESC'))
        cls._check_modify_exclude.add('notes')
        cls._transitions |= {
            ('draft', 'confirmed'),
            ('confirmed', 'draft'),
            ('confirmed', 'invoiced'),
            ('invoiced', 'paid'),
            ('paid', 'invoiced'),
            ('draft', 'cancelled'),
            ('confirmed', 'cancelled'),
            ('invoiced', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': ~Eval('state').in_(
                        ['confirmed', 'cancelled']),
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'confirm': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'create_invoice': {
                    'invisible': Eval('state') != 'confirmed',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'pay': {
                    'invisible': Eval('state') != 'invoiced',
                    'readonly': Eval('invoice_state') != 'posted',
                    'icon': 'tryton-forward',
                    'depends': ['state', 'invoice_state'],
                    },
                'cancel': {
                    'invisible': (~Eval('state').in_(
                            ['draft', 'confirmed', 'invoiced'])
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

    @fields.depends('event', '_parent_event.assessors')
    def on_change_with_event_assessors(self, name=None):
        if self.event:
            return [l.assessor.id for l in self.event.assessors]
        return []

    @fields.depends('assessor', '_parent_assessor.employee')
    def on_change_with_party(self, name=None):
        if self.assessor and self.assessor.employee:
            return self.assessor.employee.party

    @fields.depends(
        'event', '_parent_event.start_date', '_parent_event.end_date')
    def on_change_with_event_days(self, name=None):
        if self.event:
            return event_days(self.event.start_date, self.event.end_date)

    @fields.depends('event', 'days', methods=['on_change_with_event_days'])
    def on_change_event(self):
        if self.event:
            self.days = self.on_change_with_event_days()

    @fields.depends('candidates')
    def on_change_with_candidate_count(self, name=None):
        return len(self.candidates or [])

    @fields.depends('verifications')
    def on_change_with_verification_count(self, name=None):
        return len(self.verifications or [])

    def get_rec_name(self, name):
        number = self.number or '(%s)' % self.id
        return '%s - %s' % (number, self.assessor.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['number', 'assessor.rec_name', 'event.rec_name'])

    # The rules, as the quantities and the tax of the assessor give them

    @classmethod
    def find_contract(cls, assessor, event):
        "Return the active contract of assessor on the start of event"
        Contract = Pool().get('lsp.assessor.contract')
        contracts = Contract.search([
                ('assessor', '=', assessor.id),
                ('state', '=', 'active'),
                ('start_date', '<=', event.start_date),
                ('end_date', '>=', event.start_date),
                ], order=[('start_date', 'DESC')], limit=1)
        return contracts[0] if contracts else None

    @classmethod
    def find_candidates(cls, assessor, event):
        "Return the assessments of event by assessor the assessor is paid for"
        Assessment = Pool().get('lsp.assessment')
        return Assessment.search([
                ('event', '=', event.id),
                ('assessor', '=', assessor.id),
                ('state', 'in', PAID_ASSESSMENT_STATES),
                ], order=[('id', 'ASC')])

    @classmethod
    def find_verifications(cls, assessor, event, honorarium=None):
        """Return the verifications of the TUK of event by assessor in the
        days of the event that no other honorarium pays"""
        pool = Pool()
        Verification = pool.get('lsp.tuk.verification')
        Paid = pool.get('lsp.honorarium-lsp.tuk.verification')
        verifications = Verification.search([
                ('tuk', '=', event.tuk.id),
                ('verifier', '=', assessor.id),
                ('state', 'in', PAID_VERIFICATION_STATES),
                ('date', '>=', event.start_date),
                ('date', '<=', event.end_date),
                ], order=[('date', 'ASC'), ('id', 'ASC')])
        if not verifications:
            return []
        paid = {p.verification for p in Paid.search([
                    ('verification', 'in', [v.id for v in verifications]),
                    ('honorarium.state', '!=', 'cancelled'),
                    ('honorarium', '!=',
                        honorarium.id if honorarium else None),
                    ])}
        return [v for v in verifications if v not in paid]

    @classmethod
    def counted_values(cls, assessor, event, honorarium=None):
        """Return the values of the honorarium of assessor in event that
        come from the event: contract, days, candidates and verifications

        Refuse an assessor without an active contract on the start of the
        event, or who did not work in the event."""
        if assessor not in [l.assessor for l in event.assessors]:
            raise HonorariumError(gettext(
                    'lsp_keuangan.msg_honorarium_not_event_assessor',
                    assessor=assessor.rec_name, event=event.rec_name))
        contract = cls.find_contract(assessor, event)
        if not contract:
            raise HonorariumContractError(gettext(
                    'lsp_keuangan.msg_honorarium_no_contract',
                    assessor=assessor.rec_name, event=event.rec_name,
                    date=Pool().get('ir.lang').get().strftime(
                        event.start_date)))
        return {
            'contract': contract.id,
            'candidates': [('add', [
                        a.id for a in cls.find_candidates(assessor, event)])],
            'verifications': [('add', [
                        v.id for v in cls.find_verifications(
                            assessor, event, honorarium)])],
            }

    def get_tax(self):
        """Return the PPh tax of the honorarium product for the party, or
        None"""
        pool = Pool()
        Configuration = pool.get('lsp.configuration')
        product = Configuration(1).honorarium_product
        if not product or not self.party:
            return None
        rule = self.party.supplier_tax_rule
        for tax in product.supplier_taxes_used:
            if rule:
                tax_ids = rule.apply(tax, {})
                if tax_ids:
                    tax = type(tax)(tax_ids[0])
            if tax.lsp_pph_method:
                return tax

    @classmethod
    def get_amounts(cls, honoraria, names):
        result = {n: {} for n in names}
        for honorarium in honoraria:
            amounts = honorarium.compute_amounts()
            for name in names:
                result[name][honorarium.id] = amounts[name]
        return result

    def compute_amounts(self):
        """Return the gross, dpp, pph21 and net of the honorarium: the
        invoice's once invoiced, else computed with the tax of the
        honorarium product for the party"""
        gross = sum(
            (l.amount or Decimal(0) for l in self.lines), Decimal(0))
        invoice = self.invoice
        if invoice and invoice.state != 'cancelled':
            pph21 = sum(
                (t.amount for t in invoice.taxes
                    if t.tax and t.tax.lsp_pph_method), Decimal(0))
            dpp = sum(
                (t.base * (t.tax.lsp_pph_dpp_ratio or 1)
                    for t in invoice.taxes
                    if t.tax and t.tax.lsp_pph_method), Decimal(0))
            return {
                'gross': invoice.untaxed_amount,
                'dpp': invoice.currency.round(dpp),
                'pph21': pph21,
                'net': invoice.total_amount,
                }
        tax = self.get_tax()
        dpp = pph21 = Decimal(0)
        if tax:
            dpp = gross * (tax.lsp_pph_dpp_ratio or 1)
            pph21 = tax.lsp_pph_amount(gross)
        if self.currency:
            dpp = self.currency.round(dpp)
            pph21 = self.currency.round(pph21)
        return {
            'gross': gross,
            'dpp': dpp,
            'pph21': pph21,
            'net': gross + pph21,
            }

    # The creation and the counted lines

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Assessor = pool.get('lsp.assessor')
        Event = pool.get('lsp.assessment.event')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and values.get('event') and values.get(
                'assessor'):
            event = Event(values['event'])
            assessor = Assessor(values['assessor'])
            for name, value in cls.counted_values(assessor, event).items():
                if not values.get(name):
                    values[name] = value
            if values.get('days') is None:
                values['days'] = event_days(
                    event.start_date, event.end_date)
        return values

    @classmethod
    def on_modification(cls, mode, honoraria, field_names=None):
        super().on_modification(mode, honoraria, field_names=field_names)
        if mode == 'create' or (mode == 'write' and field_names & {
                    'days', 'candidates', 'verifications', 'contract'}):
            cls.update_counted_lines(honoraria)

    @classmethod
    def update_counted_lines(cls, honoraria):
        """Set the lines of the days, candidates and verifications of the
        honoraria to their quantities at the rates of the contract"""
        Line = Pool().get('lsp.honorarium.line')
        to_create, to_write, to_delete = [], [], []
        for honorarium in honoraria:
            if honorarium.state != 'draft':
                continue
            lines = {l.kind: l for l in honorarium.lines}
            for sequence, (kind, rate, quantity) in enumerate(
                    COUNTED_KINDS, 1):
                quantity = getattr(honorarium, quantity) or 0
                unit_price = (getattr(honorarium.contract, rate)
                    if honorarium.contract else Decimal(0))
                line = lines.get(kind)
                if not quantity and kind != 'day':
                    if line:
                        to_delete.append(line)
                    continue
                values = {'quantity': quantity, 'unit_price': unit_price}
                if line:
                    if (line.quantity, line.unit_price) != (
                            quantity, unit_price):
                        to_write.extend(([line], values))
                else:
                    to_create.append(dict(
                            values, honorarium=honorarium.id, kind=kind,
                            sequence=sequence))
        with Transaction().set_context(_lsp_honorarium_counting=True):
            if to_delete:
                Line.delete(to_delete)
            if to_write:
                Line.write(*to_write)
            if to_create:
                Line.create(to_create)

    @classmethod
    def validate_fields(cls, honoraria, field_names):
        super().validate_fields(honoraria, field_names)
        if field_names & {'days', 'days_reason', 'event'}:
            for honorarium in honoraria:
                honorarium.check_days()
        if field_names & {'contract', 'event', 'assessor'}:
            for honorarium in honoraria:
                if honorarium.state == 'draft':
                    honorarium.check_contract()

    def check_days(self):
        if (self.days != self.on_change_with_event_days()
                and not self.days_reason):
            raise HonorariumDaysError(gettext(
                    'lsp_keuangan.msg_honorarium_days_reason',
                    honorarium=self.rec_name, days=self.days,
                    event_days=self.on_change_with_event_days()))

    def check_contract(self):
        contract = self.contract
        if (not contract or contract.assessor != self.assessor
                or contract.state != 'active'
                or not (contract.start_date <= self.event.start_date
                    <= contract.end_date)):
            raise HonorariumContractError(gettext(
                    'lsp_keuangan.msg_honorarium_no_contract',
                    assessor=self.assessor.rec_name,
                    event=self.event.rec_name,
                    date=Pool().get('ir.lang').get().strftime(
                        self.event.start_date)))

    @classmethod
    def copy(cls, honoraria, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('invoice')
        default.setdefault('lines')
        return super().copy(honoraria, default=default)

    @classmethod
    def create_for_events(cls, events, strict=True):
        """Create a draft honorarium for each assessor of the held or
        closed events that has none

        With strict, refuse an event not held or closed and an assessor
        without an active contract; else skip them (the daily job)."""
        created = []
        to_create = []
        for event in events:
            if event.state not in PAID_EVENT_STATES:
                if strict:
                    raise HonorariumError(gettext(
                            'lsp_keuangan.msg_honorarium_event_not_held',
                            event=event.rec_name))
                continue
            existing = {h.assessor for h in cls.search([
                        ('event', '=', event.id)])}
            for line in event.assessors:
                assessor = line.assessor
                if assessor in existing:
                    continue
                if not strict and not cls.find_contract(assessor, event):
                    continue
                to_create.append({
                        'event': event.id,
                        'assessor': assessor.id,
                        'company': Transaction().context.get('company'),
                        })
        if to_create:
            created = cls.create(to_create)
        return created

    @classmethod
    def create_pending(cls):
        """Create the draft honoraria of the assessors of the held and closed
        events (daily job, run as user 0 without company)"""
        pool = Pool()
        Company = pool.get('company.company')
        Event = pool.get('lsp.assessment.event')
        companies = Company.search([], order=[('id', 'ASC')], limit=1)
        if not companies:
            return []
        company, = companies
        with Transaction().set_context(company=company.id):
            events = Event.search([('state', 'in', PAID_EVENT_STATES)])
            return cls.create_for_events(events, strict=False)

    # The workflow

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, honoraria):
        cls.write(honoraria, {'confirmed_by': None, 'confirmed_date': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('confirmed')
    def confirm(cls, honoraria):
        "The Direktur Sertifikasi confirms the quantities"
        Date = Pool().get('ir.date')
        for honorarium in honoraria:
            honorarium.check_days()
            honorarium.check_contract()
            if not any(l.amount for l in honorarium.lines):
                raise HonorariumError(gettext(
                        'lsp_keuangan.msg_honorarium_empty',
                        honorarium=honorarium.rec_name))
        cls.write(honoraria, {
                'confirmed_by': Transaction().user,
                'confirmed_date': Date.today(),
                })

    def get_invoice(self):
        "Return the supplier invoice of the honorarium, not saved"
        pool = Pool()
        Configuration = pool.get('lsp.configuration')
        Date = pool.get('ir.date')
        Invoice = pool.get('account.invoice')
        InvoiceLine = pool.get('account.invoice.line')
        configuration = Configuration(1)
        product = configuration.honorarium_product
        if not product:
            raise HonorariumInvoiceError(gettext(
                    'lsp_keuangan.msg_honorarium_no_product',
                    honorarium=self.rec_name))
        party = self.party
        invoice = Invoice(
            company=self.company, type='in', party=party,
            invoice_date=Date.today(), reference=self.number,
            description=gettext(
                'lsp_keuangan.msg_honorarium_invoice_description',
                event=self.event.rec_name))
        invoice.currency = self.company.currency
        invoice.on_change_type()
        invoice.on_change_party()
        if configuration.honorarium_account:
            invoice.account = configuration.honorarium_account
        if not invoice.account:
            raise HonorariumInvoiceError(gettext(
                    'lsp_keuangan.msg_honorarium_no_account',
                    honorarium=self.rec_name))
        lines = []
        for line in self.lines:
            if not line.quantity or not line.unit_price:
                continue
            invoice_line = InvoiceLine(
                invoice=invoice, company=self.company, type='line',
                currency=invoice.currency, product=product,
                quantity=line.quantity, origin=line)
            invoice_line.on_change_product()
            invoice_line.unit_price = line.unit_price
            invoice_line.description = line.rec_name
            lines.append(invoice_line)
        invoice.lines = lines
        return invoice

    @classmethod
    @ModelView.button
    @Workflow.transition('invoiced')
    def create_invoice(cls, honoraria):
        """Create, post the supplier invoices of the honoraria to their
        assessors"""
        Invoice = Pool().get('account.invoice')
        invoices = []
        for honorarium in honoraria:
            if honorarium.invoice:
                continue
            honorarium.invoice = honorarium.get_invoice()
            invoices.append(honorarium.invoice)
        Invoice.save(invoices)
        Invoice.update_taxes(invoices)
        Invoice.post(invoices)
        cls.save(honoraria)

    @classmethod
    @ModelView.button
    def pay(cls, honoraria):
        """Pay the posted invoices of the honoraria with the payment method
        of the configuration"""
        pool = Pool()
        Configuration = pool.get('lsp.configuration')
        Date = pool.get('ir.date')
        MoveLine = pool.get('account.move.line')
        method = Configuration(1).honorarium_payment_method
        for honorarium in honoraria:
            invoice = honorarium.invoice
            if not method:
                raise HonorariumInvoiceError(gettext(
                        'lsp_keuangan.msg_honorarium_no_payment_method',
                        honorarium=honorarium.rec_name))
            if not invoice or invoice.state != 'posted':
                raise HonorariumInvoiceError(gettext(
                        'lsp_keuangan.msg_honorarium_pay_not_posted',
                        honorarium=honorarium.rec_name))
            amount = invoice.amount_to_pay
            if invoice.currency.is_zero(amount):
                continue
            lines = invoice.pay_invoice(
                amount, method, Date.today(),
                gettext('lsp_keuangan.msg_honorarium_payment_description',
                    honorarium=honorarium.rec_name))
            MoveLine.reconcile(
                [l for l in invoice.lines_to_pay if not l.reconciliation]
                + list(lines))
        cls.update_from_invoices([h.invoice for h in honoraria])

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, honoraria):
        for honorarium in honoraria:
            if (honorarium.invoice
                    and honorarium.invoice.state != 'cancelled'):
                raise HonorariumInvoiceError(gettext(
                        'lsp_keuangan.msg_honorarium_cancel_invoiced',
                        honorarium=honorarium.rec_name,
                        invoice=honorarium.invoice.rec_name))


class HonorariumLine(
        ParentLockMixin, sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.honorarium.line'
    __string__ = "Assessor Honorarium Line"
    _parent_field = 'honorarium'

    _states = {
        'readonly': Eval('kind').in_([k for k, _, _ in COUNTED_KINDS]),
        }

    honorarium = fields.Many2One(
        'lsp.honorarium', "Honorarium", required=True, ondelete='CASCADE')
    kind = fields.Selection([
            ('day', "Assessment Days"),
            ('candidate', "Candidates Assessed"),
            ('verification', "TUK Verifications"),
            ('transport', "Transport"),
            ('other', "Other"),
            ], "Kind", required=True, states=_states)
    description = fields.Char("Description")
    quantity = fields.Numeric(
        "Quantity", digits=(None, 2), required=True, states=_states,
        domain=[('quantity', '>=', 0)])
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    unit_price = Monetary(
        "Unit Price", currency='currency', digits='currency', required=True,
        states=_states, domain=[('unit_price', '>=', 0)],
        help="For the days, candidates and verifications, the rate of the "
        "contract.")
    amount = fields.Function(Monetary(
            "Amount", currency='currency', digits='currency'),
        'on_change_with_amount')
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('honorarium')

    @classmethod
    def default_kind(cls):
        return 'other'

    @classmethod
    def default_quantity(cls):
        return Decimal(1)

    @classmethod
    def default_unit_price(cls):
        return Decimal(0)

    @fields.depends('honorarium', '_parent_honorarium.company')
    def on_change_with_currency(self, name=None):
        if self.honorarium and self.honorarium.company:
            return self.honorarium.company.currency

    @fields.depends('quantity', 'unit_price', 'currency')
    def on_change_with_amount(self, name=None):
        amount = (self.quantity or Decimal(0)) * (
            self.unit_price or Decimal(0))
        if self.currency:
            amount = self.currency.round(amount)
        return amount

    kind_string = kind.translated('kind')

    def get_rec_name(self, name):
        return self.description or self.kind_string

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('description',) + tuple(clause[1:])]

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if (not external
                or Transaction().context.get('_lsp_honorarium_counting')):
            return
        counted = {k for k, _, _ in COUNTED_KINDS}
        if mode == 'create' and any(l.kind in counted for l in lines):
            raise HonorariumError(gettext(
                    'lsp_keuangan.msg_honorarium_line_counted'))
        if mode == 'write' and (values.keys() & {
                    'kind', 'quantity', 'unit_price', 'honorarium'}):
            if any(l.kind in counted for l in lines) or values.get(
                    'kind') in counted:
                raise HonorariumError(gettext(
                        'lsp_keuangan.msg_honorarium_line_counted'))
        if mode == 'delete' and any(l.kind in counted for l in lines):
            raise HonorariumError(gettext(
                    'lsp_keuangan.msg_honorarium_line_counted'))


class HonorariumAssessment(ModelSQL):
    __name__ = 'lsp.honorarium-lsp.assessment'
    __string__ = "Honorarium - Assessment"

    honorarium = fields.Many2One(
        'lsp.honorarium', "Honorarium", required=True, ondelete='CASCADE')
    assessment = fields.Many2One(
        'lsp.assessment', "Assessment", required=True, ondelete='RESTRICT')


class HonorariumVerification(ModelSQL):
    __name__ = 'lsp.honorarium-lsp.tuk.verification'
    __string__ = "Honorarium - TUK Verification"

    honorarium = fields.Many2One(
        'lsp.honorarium', "Honorarium", required=True, ondelete='CASCADE')
    verification = fields.Many2One(
        'lsp.tuk.verification', "TUK Verification", required=True,
        ondelete='RESTRICT')


class HonorariumReport(Report):
    "The kwitansi of an honorarium: the receipt the assessor signs"
    __name__ = 'lsp.honorarium'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['terbilang'] = terbilang
        return context

