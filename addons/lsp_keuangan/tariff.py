# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The tariffs of the LSP (FINANCE.md 6.2, 6.4 item 1, 3.5)

The Bendahara drafts a tariff per scheme, purpose and funding with its cost
components; the Kepala approves it with the fee decree (SK) of the document
register, then it is locked. The invoices of an application take the
approved tariff in force that matches it most specifically."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Workflow, fields, sequence_ordered)
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from lsp_base.model import DraftLockMixin, ParentLockMixin, WorkflowMixin
from lsp_base.tools import periods_overlap, rec_name_domain
from lsp_sertifikasi.application import PURPOSES
from lsp_sertifikasi.event import FUNDINGS

from .exceptions import (
    TariffApprovalError, TariffOverlapError, TariffPeriodError)

#: the value of purpose and funding of a tariff that applies to all of them
ANY = 'any'


def tariff_matches(key, scheme, purpose, funding):
    """Tell whether a tariff of key = (scheme, purpose, funding) applies to
    an application of scheme, purpose and funding

    A tariff without scheme applies to every scheme, one of purpose or
    funding ANY to every purpose or funding."""
    t_scheme, t_purpose, t_funding = key
    return ((t_scheme is None or t_scheme == scheme)
        and t_purpose in {ANY, purpose}
        and t_funding in {ANY, funding})


def tariff_specificity(key):
    """Return the rank of a tariff of key = (scheme, purpose, funding): the
    higher, the more specific

    A tariff of the scheme beats one of every scheme whatever its purpose
    and funding; then a given purpose beats any purpose, then a given
    funding beats any funding."""
    t_scheme, t_purpose, t_funding = key
    return (t_scheme is not None, t_purpose != ANY, t_funding != ANY)


def most_specific(candidates, scheme, purpose, funding, key=lambda c: c):
    """Return the candidate whose key matches scheme, purpose and funding
    most specifically, or None

    key gives the (scheme, purpose, funding) of a candidate; of candidates
    equally specific the first wins."""
    best, best_rank = None, None
    for candidate in candidates:
        candidate_key = key(candidate)
        if not tariff_matches(candidate_key, scheme, purpose, funding):
            continue
        rank = tariff_specificity(candidate_key)
        if best_rank is None or rank > best_rank:
            best, best_rank = candidate, rank
    return best


class Tariff(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.tariff'
    __string__ = "Tariff"
    _lock_message = 'lsp_keuangan.msg_tariff_locked'
    _delete_message = 'lsp_keuangan.msg_tariff_delete_draft'
    _lock_parameter = 'tariff'

    _states = {'readonly': Eval('state') != 'draft'}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_states)
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", ondelete='RESTRICT', states=_states,
        help="Leave empty for a tariff of every scheme.")
    purpose = fields.Selection(
        [(ANY, "Any Purpose")] + PURPOSES, "Purpose", required=True,
        states=_states, help="The purpose of the applications it applies to.")
    funding = fields.Selection(
        [(ANY, "Any Funding")] + FUNDINGS, "Funding", required=True,
        states=_states,
        help="The funding of the assessment events it applies to.")
    product = fields.Many2One(
        'product.product', "Product", required=True, ondelete='RESTRICT',
        states=_states,
        domain=[('type', '=', 'service')],
        context={'company': Eval('company', None)}, depends={'company'},
        help="The service invoiced at this tariff.")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    amount = Monetary(
        "Amount", currency='currency', digits='currency', required=True,
        states=_states, domain=[('amount', '>=', 0)],
        help="The price of one candidate.")
    start_date = fields.Date("Start Date", required=True, states=_states)
    end_date = fields.Date(
        "End Date", states=_states,
        help="The last day the tariff applies; empty while it applies.")
    components = fields.One2Many(
        'lsp.tariff.component', 'tariff', "Components", states=_states,
        help="The costs the amount covers.")
    components_amount = fields.Function(Monetary(
            "Components Amount", currency='currency', digits='currency',
            help="The sum of the amounts of the components."),
        'on_change_with_components_amount')
    decree = fields.Many2One(
        'lsp.document', "Decree", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('state') != 'draft',
            },
        domain=[If(Eval('state') == 'draft',
                ('state', '=', 'in_force'),
                ())],
        help="The decree (SK) on the fees in the document register, "
        "in force; required to approve.")
    state = fields.Selection([
            ('draft', "Draft"),
            ('approved', "Approved"),
            ('archived', "Archived"),
            ], "State", required=True, readonly=True, sort=False)
    approved_by = fields.Many2One('res.user', "Approved By", readonly=True)
    approved_date = fields.Date("Approved On", readonly=True)
    notes = fields.Text("Notes")
    del _states

    purpose_string = purpose.translated('purpose')
    funding_string = funding.translated('funding')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('start_date', 'DESC'))
        cls._check_modify_exclude.add('notes')
        cls._deletable_states = {'draft'}
        cls._transitions |= {
            ('draft', 'approved'),
            ('approved', 'archived'),
            }
        cls._buttons.update({
                'approve': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'archive': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-archive',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_purpose(cls):
        return ANY

    @classmethod
    def default_funding(cls):
        return ANY

    @classmethod
    def default_start_date(cls):
        return Pool().get('ir.date').today()

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    @fields.depends('components')
    def on_change_with_components_amount(self, name=None):
        return sum(
            (c.amount or Decimal(0) for c in self.components or []),
            Decimal(0))

    @property
    def key(self):
        "The (scheme id, purpose, funding) the tariff applies to"
        return (self.scheme.id if self.scheme else None,
            self.purpose, self.funding)

    def get_rec_name(self, name):
        if self.scheme:
            scheme = self.scheme.code
        else:
            scheme = gettext('lsp_keuangan.msg_tariff_every_scheme')
        return '%s - %s, %s, %s (%s)' % (
            self.product.rec_name, scheme,
            self.purpose_string, self.funding_string,
            Pool().get('ir.lang').get().strftime(self.start_date))

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['product.rec_name', 'scheme.rec_name'])

    @classmethod
    def copy(cls, tariffs, default=None):
        "Copy tariffs into new drafts that apply until changed"
        default = default.copy() if default is not None else {}
        default.setdefault('end_date', None)
        return super().copy(tariffs, default=default)

    @classmethod
    def locked_fields(cls, values):
        names = super().locked_fields(values)
        if Transaction().context.get('_lsp_tariff_archive'):
            # the end date that archive gives
            names -= {'end_date'}
        return names

    @classmethod
    def validate_fields(cls, tariffs, field_names):
        super().validate_fields(tariffs, field_names)
        if field_names & {'start_date', 'end_date'}:
            for tariff in tariffs:
                if tariff.end_date and tariff.end_date < tariff.start_date:
                    raise TariffPeriodError(gettext(
                            'lsp_keuangan.msg_tariff_period',
                            tariff=tariff.rec_name))
        if field_names & {
                'state', 'company', 'scheme', 'purpose', 'funding',
                'start_date', 'end_date'}:
            cls.check_overlap(
                [t for t in tariffs if t.state == 'approved'])

    @classmethod
    def check_overlap(cls, tariffs):
        "Refuse approved tariffs that overlap another approved one"
        for tariff in tariffs:
            others = cls.search([
                    ('id', '!=', tariff.id),
                    ('company', '=', tariff.company.id),
                    ('state', '=', 'approved'),
                    ('scheme', '=',
                        tariff.scheme.id if tariff.scheme else None),
                    ('purpose', '=', tariff.purpose),
                    ('funding', '=', tariff.funding),
                    ], order=[('start_date', 'ASC'), ('id', 'ASC')])
            for other in others:
                if periods_overlap(
                        tariff.start_date, tariff.end_date,
                        other.start_date, other.end_date):
                    raise TariffOverlapError(gettext(
                            'lsp_keuangan.msg_tariff_overlap',
                            tariff=tariff.rec_name,
                            other=other.rec_name,
                            start=other.start_date,
                            end=other.end_date or '-'))

    def check_approval(self):
        "Check that the tariff may be approved"
        if not self.decree:
            raise TariffApprovalError(gettext(
                    'lsp_keuangan.msg_tariff_decree_required',
                    tariff=self.rec_name))
        if self.decree.state != 'in_force':
            raise TariffApprovalError(gettext(
                    'lsp_keuangan.msg_tariff_decree_not_in_force',
                    tariff=self.rec_name, decree=self.decree.rec_name))
        if self.components_amount > self.amount:
            raise TariffApprovalError(gettext(
                    'lsp_keuangan.msg_tariff_components_exceed',
                    tariff=self.rec_name,
                    components=self.components_amount,
                    amount=self.amount))

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, tariffs):
        pool = Pool()
        Date = pool.get('ir.date')
        cls.lock()
        for tariff in tariffs:
            tariff.check_approval()
        cls.write(tariffs, {
                'approved_by': Transaction().user,
                'approved_date': Date.today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('archived')
    def archive(cls, tariffs):
        "End the tariffs today, unless they end earlier"
        today = Pool().get('ir.date').today()
        with Transaction().set_context(_lsp_tariff_archive=True):
            for tariff in tariffs:
                end_date = max(tariff.start_date, today)
                if not tariff.end_date or tariff.end_date > end_date:
                    cls.write([tariff], {'end_date': end_date})

    @classmethod
    def find(cls, scheme, purpose, funding, date=None):
        """Return the approved tariff in force on date (today by default)
        for scheme, purpose and funding that matches most specifically, or
        None

        scheme is a scheme or its id, or None; the tariffs are those of the
        company of the context."""
        pool = Pool()
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        scheme_id = int(scheme) if scheme is not None else None
        company = Transaction().context.get('company')
        tariffs = cls.search([
                ('company', '=', company),
                ('state', '=', 'approved'),
                ('start_date', '<=', date),
                ['OR',
                    ('end_date', '=', None),
                    ('end_date', '>=', date),
                    ],
                ('scheme', 'in', [None, scheme_id]),
                ('purpose', 'in', [ANY, purpose]),
                ('funding', 'in', [ANY, funding]),
                ], order=[('start_date', 'DESC'), ('id', 'DESC')])
        return most_specific(
            tariffs, scheme_id, purpose, funding, key=lambda t: t.key)


class TariffComponent(
        ParentLockMixin, sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.tariff.component'
    __string__ = "Tariff Component"
    _parent_field = 'tariff'

    tariff = fields.Many2One(
        'lsp.tariff', "Tariff", required=True, ondelete='CASCADE')
    kind = fields.Selection([
            ('honor_asesor', "Assessor Honorarium"),
            ('tuk', "TUK"),
            ('muk_bahan', "MUK and Materials"),
            ('blanko', "Certificate Blank (Blanko)"),
            ('administrasi', "Administration"),
            ('overhead', "Overhead"),
            ('pajak', "Tax"),
            ('lainnya', "Other"),
            ], "Kind", required=True)
    description = fields.Char("Description")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    amount = Monetary(
        "Amount", currency='currency', digits='currency', required=True,
        domain=[('amount', '>=', 0)])

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('tariff')

    @classmethod
    def default_amount(cls):
        return Decimal(0)

    @fields.depends('tariff', '_parent_tariff.company')
    def on_change_with_currency(self, name=None):
        if self.tariff and self.tariff.company:
            return self.tariff.company.currency

    kind_string = kind.translated('kind')

    def get_rec_name(self, name):
        return self.description or self.kind_string

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('description',) + tuple(clause[1:])]

