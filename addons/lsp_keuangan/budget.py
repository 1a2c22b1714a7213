# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The budget of the LSP (RAPB, Rencana Anggaran Pendapatan dan Biaya) on
account.budget (FINANCE.md 2.7, 6.3, 6.4 items 6-7, P17)

The Bendahara or the Wakil Kepala I drafts the RAPB of a fiscal year and
submits it; the Kepala approves it with its decree (SK) from the document
register, or rejects it back to draft with a reason. Out of draft the
budget, its lines and their periods are locked; a change is a revision, a
new draft version, which closes the version it revises when it is approved:
one approved version per fiscal year.

account_budget stores the amounts as credit - debit, so that an expense
budget is negative (P17). The LSP enters and reads every amount positive:
``planned`` and ``realised`` are the stored amounts times the sign of the
kind of the line (-1 for expense lines). The realisation reads the posted
moves, unless the context says otherwise (``posted``)."""
from decimal import Decimal

from trytond import backend
from trytond.i18n import gettext
from trytond.model import ModelView, Workflow, fields
from trytond.model.modelview import AccessButtonError
from trytond.modules.account_budget.exceptions import BudgetValidationError
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

from lsp_base.model import DraftLockMixin, ParentLockMixin, WorkflowMixin

from .exceptions import BudgetApprovalError, BudgetError

REVENUE = 'revenue'
EXPENSE = 'expense'
#: the kinds of a budget line; None for a line that mixes both (a surplus)
KINDS = [
    (None, ""),
    (REVENUE, "Revenue"),
    (EXPENSE, "Expense"),
    ]
#: the ratios of the periods are rounded to this
RATIO_DIGITS = Decimal('0.0001')


def line_kind(revenue, expense):
    """Return the kind of a budget line of an account type with the revenue
    and expense flags: EXPENSE, REVENUE, or None when it is neither or both
    (such as the type of the surplus, which holds both)"""
    if expense and not revenue:
        return EXPENSE
    if revenue and not expense:
        return REVENUE
    return None


def kind_sign(kind):
    """Return the sign that turns a stored amount of a line of kind (credit
    - debit) into the amount the LSP reads: -1 for expense, 1 otherwise"""
    return -1 if kind == EXPENSE else 1


def signed(amount, kind):
    "Return amount (stored or read) converted for a line of kind, or None"
    if amount is None:
        return None
    return amount * kind_sign(kind)


def realisation_rate(actual, planned):
    """Return actual / planned rounded to 4 places, 0 without actual, None
    without plan (as account_budget's percentage)"""
    if not planned:
        return None
    if not actual:
        return Decimal('0.0000')
    return (Decimal(actual) / Decimal(planned)).quantize(RATIO_DIGITS)


def complete_ratios(ratios, unit=RATIO_DIGITS):
    """Return ratios with the last one increased so that they add up to 1
    when their rounding down left less than one unit per ratio missing

    Spreading evenly rounds each ratio down to 0.0001 (12 x 0.0833 =
    0.9996): the last period takes the rest so that the year is planned in
    full. Other ratios are returned unchanged."""
    ratios = list(ratios)
    if not ratios or any(r is None for r in ratios):
        return ratios
    missing = 1 - sum(ratios)
    if 0 < missing < unit * len(ratios):
        ratios[-1] += missing
    return ratios


class Budget(DraftLockMixin, WorkflowMixin, metaclass=PoolMeta):
    __name__ = 'account.budget'
    _lock_message = 'lsp_keuangan.msg_budget_locked'
    _delete_message = 'lsp_keuangan.msg_budget_delete_draft'
    _lock_parameter = 'budget'
    _deletable_states = {'draft', 'cancelled'}

    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('approved', "Approved"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False,
        help="A draft is submitted to the Kepala, who approves it or sends "
        "it back; an approved budget is closed by its next version or at "
        "the end of the year.")
    version = fields.Integer(
        "Version", required=True, readonly=True,
        help="The version of the budget of the fiscal year; a revision "
        "gets the next one.")
    previous_version = fields.Many2One(
        'account.budget', "Previous Version", readonly=True,
        ondelete='RESTRICT',
        help="The version this budget revises; it is closed when this "
        "one is approved.")
    decree = fields.Many2One(
        'lsp.document', "Decree", ondelete='RESTRICT',
        domain=[If(Eval('state') == 'draft',
                ('state', '=', 'in_force'),
                ())],
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('state').in_(['approved', 'closed']),
            },
        help="The decree (SK) on the budget in the document register, in "
        "force; required to approve.")
    submitted_by = fields.Many2One(
        'res.user', "Submitted By", readonly=True)
    submitted_date = fields.Date("Submitted On", readonly=True)
    approved_by = fields.Many2One('res.user', "Approved By", readonly=True)
    approved_date = fields.Date("Approved On", readonly=True)
    rejection_reason = fields.Text(
        "Reason for Rejection", readonly=True,
        states={
            'invisible': ~Eval('rejection_reason'),
            },
        help="Why the Kepala sent the budget back to draft.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(1, ('version', 'DESC'))
        for name in ['name', 'company', 'fiscalyear', 'lines', 'root_lines']:
            field = getattr(cls, name)
            locked = Eval('state') != 'draft'
            if field.states.get('readonly'):
                locked |= field.states['readonly']
            field.states['readonly'] = locked
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'approved'),
            ('submitted', 'draft'),
            ('approved', 'closed'),
            ('draft', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons['update_lines'] = {
            'invisible': Eval('state') != 'draft',
            'depends': ['state'],
            }
        cls._buttons.update({
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reject': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'revise': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-copy',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-close',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_version(cls):
        return 1

    def get_rec_name(self, name):
        name = super().get_rec_name(name)
        if self.version and self.version > 1:
            name = gettext(
                'lsp_keuangan.msg_budget_rec_name_version',
                budget=name, version=self.version)
        return name

    @classmethod
    def validate_fields(cls, budgets, field_names):
        super().validate_fields(budgets, field_names)
        if field_names & {'state', 'fiscalyear', 'company'}:
            cls.check_one_approved(
                [b for b in budgets if b.state == 'approved'])

    @classmethod
    def check_one_approved(cls, budgets):
        "Refuse a second approved budget of a fiscal year"
        for budget in budgets:
            others = cls.search([
                    ('id', '!=', budget.id),
                    ('company', '=', budget.company.id),
                    ('fiscalyear', '=', budget.fiscalyear.id),
                    ('state', '=', 'approved'),
                    ], limit=1)
            if others:
                other, = others
                raise BudgetApprovalError(gettext(
                        'lsp_keuangan.msg_budget_approved_exists',
                        budget=budget.rec_name, other=other.rec_name,
                        fiscalyear=budget.fiscalyear.rec_name))

    def check_submit(self):
        "Check that the budget may be submitted"
        if not any(l.amount for l in self.lines):
            raise BudgetError(gettext(
                    'lsp_keuangan.msg_budget_no_amount',
                    budget=self.rec_name))

    def check_approval(self):
        "Check that the budget may be approved"
        if not self.decree:
            raise BudgetApprovalError(gettext(
                    'lsp_keuangan.msg_budget_decree_required',
                    budget=self.rec_name))
        if self.decree.state != 'in_force':
            raise BudgetApprovalError(gettext(
                    'lsp_keuangan.msg_budget_decree_not_in_force',
                    budget=self.rec_name, decree=self.decree.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, budgets):
        for budget in budgets:
            budget.check_submit()
        cls.write(budgets, {
                'submitted_by': Transaction().user,
                'submitted_date': Pool().get('ir.date').today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, budgets):
        "Approve the budgets; they close the versions they revise"
        cls.lock()
        for budget in budgets:
            budget.check_approval()
        previous = [b.previous_version for b in budgets
            if b.previous_version and b.previous_version.state == 'approved']
        if previous:
            cls.close(previous)
        cls.write(budgets, {
                'approved_by': Transaction().user,
                'approved_date': Pool().get('ir.date').today(),
                })

    @classmethod
    @ModelView.button_action('lsp_keuangan.wizard_budget_reject')
    def reject(cls, budgets):
        pass

    @classmethod
    @Workflow.transition('draft')
    def do_reject(cls, budgets, reason):
        "Send the submitted budgets back to draft with the reason"
        cls.write(budgets, {
                'rejection_reason': reason,
                'submitted_by': None,
                'submitted_date': None,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, budgets):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, budgets):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, budgets):
        pass

    @classmethod
    @ModelView.button
    def revise(cls, budgets):
        """Copy the approved budgets into new draft versions, with their
        lines and periods; the approved ones stay as they are"""
        for budget in budgets:
            if budget.state != 'approved':
                continue
            revisions = cls.search([
                    ('previous_version', '=', budget.id),
                    ('state', 'in', ['draft', 'submitted']),
                    ], limit=1)
            if revisions:
                revision, = revisions
                raise BudgetError(gettext(
                        'lsp_keuangan.msg_budget_revision_open',
                        budget=budget.rec_name, revision=revision.rec_name))
            with Transaction().set_context(_lsp_budget_copy_periods=True):
                cls.copy([budget], default={
                        'version': budget.next_version(),
                        'previous_version': budget.id,
                        'decree': None,
                        })

    def next_version(self):
        "Return the next version number of the budgets of the fiscal year"
        budgets = self.search([
                ('company', '=', self.company.id),
                ('fiscalyear', '=', self.fiscalyear.id),
                ], order=[('version', 'DESC')], limit=1)
        return max([self.version] + [b.version for b in budgets]) + 1

    def lsp_realisation(self, periods=None):
        """Return the realisation of the budget, one dict per line in the
        order of the tree (parents first):

        - line: the id of the budget line, parent: the id of its parent or
          None, level: its depth (0 for a root line);
        - name, code: the name of the line and the code of its account (or
          None), kind: 'revenue', 'expense' or None (a line mixing both);
        - planned, actual, percentage: the amount planned in periods, the
          amount booked on posted moves in periods, and actual / planned
          (4 places, None without plan); planned and actual are positive
          for expenses as for revenues;
        - months: one dict per period (period id, name, start_date,
          planned, actual, percentage) for each of periods.

        periods are account.period records or ids of the fiscal year of the
        budget; without them, the standard periods of the whole year, and
        planned is then the whole amount of the line. Pass the periods from
        the first to a month for the year to date."""
        pool = Pool()
        Line = pool.get('account.budget.line')
        Period = pool.get('account.period')
        if periods is None:
            periods = Period.search([
                    ('fiscalyear', '=', self.fiscalyear.id),
                    ('type', '=', 'standard'),
                    ], order=[('start_date', 'ASC')])
            total_context = {}
        else:
            periods = Period.browse(sorted(
                    Period.browse([int(p) for p in periods]),
                    key=lambda p: p.start_date))
            total_context = {'periods': [p.id for p in periods]}
        line_ids = [l.id for l in self.lines]
        rows = []
        with Transaction().set_context(posted=True, **total_context):
            lines = Line.browse(line_ids)
            if total_context.get('periods') == []:
                totals = {l.id: (Decimal(0), Decimal(0)) for l in lines}
            else:
                totals = {l.id: (l.total_amount, l.actual_amount)
                    for l in lines}
        months = {}
        for period in periods:
            with Transaction().set_context(posted=True, periods=[period.id]):
                months[period.id] = {l.id: (l.total_amount, l.actual_amount)
                    for l in Line.browse(line_ids)}
        for line in Line.browse(line_ids):
            kind = line.lsp_kind
            total, actual = totals[line.id]
            planned, actual = signed(total, kind), signed(actual, kind)
            row = {
                'line': line.id,
                'parent': line.parent.id if line.parent else None,
                'level': line.lsp_level,
                'name': line.current_name,
                'code': line.account.code if line.account else None,
                'kind': kind,
                'planned': planned,
                'actual': actual,
                'percentage': realisation_rate(actual, planned),
                'months': [],
                }
            for period in periods:
                m_total, m_actual = months[period.id][line.id]
                m_planned = signed(m_total, kind)
                m_actual = signed(m_actual, kind)
                row['months'].append({
                        'period': period.id,
                        'name': period.name,
                        'start_date': period.start_date,
                        'planned': m_planned,
                        'actual': m_actual,
                        'percentage': realisation_rate(m_actual, m_planned),
                        })
            rows.append(row)
        return rows


class _PostedAmountMixin:
    """The actual amounts of the budgets come from the posted moves unless
    the context says otherwise"""
    __slots__ = ()

    @classmethod
    def get_amount(cls, records, names):
        context = Transaction().context
        if 'posted' not in context:
            with Transaction().set_context(posted=True):
                return super().get_amount(records, names)
        return super().get_amount(records, names)


class BudgetLine(_PostedAmountMixin, ParentLockMixin, metaclass=PoolMeta):
    __name__ = 'account.budget.line'
    _parent_field = 'budget'

    lsp_kind = fields.Function(fields.Selection(
            KINDS, "Kind",
            help="Expense lines are entered and read positive."),
        'on_change_with_lsp_kind')
    lsp_level = fields.Function(
        fields.Integer("Level"), 'get_lsp_level')
    budget_state = fields.Function(fields.Selection(
            'get_budget_states', "Budget State"),
        'on_change_with_budget_state')
    planned = fields.Function(Monetary(
            "Planned", currency='currency', digits='currency',
            states={
                'readonly': Eval('budget_state') != 'draft',
                },
            help="The amount planned on the line, positive for expenses "
            "as for revenues."),
        'on_change_with_planned', setter='set_planned')
    total_planned = fields.Function(Monetary(
            "Total Planned", currency='currency', digits='currency',
            help="The amount planned on the line and its children."),
        'get_total_planned')
    realised = fields.Function(Monetary(
            "Realised", currency='currency', digits='currency',
            help="The amount booked on posted moves against the line and "
            "its children, positive for expenses as for revenues."),
        'get_realised')
    planned_to_date = fields.Function(Monetary(
            "Planned to Date", currency='currency', digits='currency',
            help="The amount planned in the periods of the year that "
            "started by today."),
        'get_to_date')
    realised_to_date = fields.Function(Monetary(
            "Realised to Date", currency='currency', digits='currency',
            help="The amount realised in the periods of the year that "
            "started by today."),
        'get_to_date')
    percentage_to_date = fields.Function(fields.Numeric(
            "Percentage to Date", digits=(None, 4),
            help="The realised to date divided by the planned to date."),
        'get_to_date')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        button = cls._buttons['create_periods'] = dict(
            cls._buttons['create_periods'])
        button['invisible'] = (
            button.get('invisible', False)
            | (Eval('budget_state') != 'draft'))
        button['depends'] = list(
            set(button.get('depends', [])) | {'periods', 'budget_state'})

    @classmethod
    def get_budget_states(cls):
        pool = Pool()
        Budget = pool.get('account.budget')
        return Budget.fields_get(['state'])['state']['selection']

    @fields.depends('budget', '_parent_budget.state')
    def on_change_with_budget_state(self, name=None):
        return self.budget.state if self.budget else None

    @fields.depends(
        'account', 'account_type', 'parent', '_parent_parent.lsp_kind')
    def on_change_with_lsp_kind(self, name=None):
        if self.account and self.account.type:
            type_ = self.account.type
            return line_kind(type_.revenue, type_.expense)
        if self.account_type:
            return line_kind(
                self.account_type.revenue, self.account_type.expense)
        if self.parent:
            return self.parent.lsp_kind
        return None

    def get_lsp_level(self, name):
        level, parent = 0, self.parent
        while parent:
            level, parent = level + 1, parent.parent
        return level

    @fields.depends('amount', methods=['on_change_with_lsp_kind'])
    def on_change_with_planned(self, name=None):
        return signed(self.amount, self.on_change_with_lsp_kind())

    @fields.depends('planned', methods=['on_change_with_lsp_kind'])
    def on_change_planned(self):
        self.amount = signed(self.planned, self.on_change_with_lsp_kind())

    @classmethod
    def set_planned(cls, lines, name, value):
        for line in lines:
            cls.write([line], {'amount': signed(value, line.lsp_kind)})

    @classmethod
    def get_total_planned(cls, lines, name):
        totals = cls.get_total_amount(lines, 'total_amount')
        return {l.id: signed(totals.get(l.id), l.lsp_kind) for l in lines}

    @classmethod
    def get_realised(cls, lines, name):
        actuals = cls.get_amount(lines, ['actual_amount'])['actual_amount']
        return {l.id: signed(actuals.get(l.id), l.lsp_kind) for l in lines}

    @classmethod
    def get_to_date(cls, lines, names):
        pool = Pool()
        Date = pool.get('ir.date')
        Period = pool.get('account.period')
        result = {n: {} for n in names}
        today = Date.today()
        by_year = {}
        for line in lines:
            by_year.setdefault(line.budget.fiscalyear, []).append(line)
        for fiscalyear, year_lines in by_year.items():
            periods = Period.search([
                    ('fiscalyear', '=', fiscalyear.id),
                    ('type', '=', 'standard'),
                    ('start_date', '<=', today),
                    ])
            if periods:
                with Transaction().set_context(
                        periods=[p.id for p in periods]):
                    year_lines = cls.browse([l.id for l in year_lines])
                    totals = cls.get_total_amount(year_lines, 'total_amount')
                    actuals = cls.get_amount(
                        year_lines, ['actual_amount'])['actual_amount']
            else:
                totals = actuals = {}
            for line in year_lines:
                kind = line.lsp_kind
                planned = signed(totals.get(line.id, Decimal(0)), kind)
                actual = signed(actuals.get(line.id, Decimal(0)), kind)
                values = {
                    'planned_to_date': planned,
                    'realised_to_date': actual,
                    'percentage_to_date': realisation_rate(actual, planned),
                    }
                for name in names:
                    result[name][line.id] = values[name]
        return result

    @classmethod
    def copy(cls, lines, default=None):
        default = default.copy() if default is not None else {}
        if Transaction().context.get('_lsp_budget_copy_periods'):
            default.setdefault('periods', lambda data: data['periods'])
        return super().copy(lines, default=default)

    def create_period(self, method_name, account_periods):
        """Create the periods; the last one of the line completes the year

        account_budget returns the periods of the line first, then those
        of its children, which completed theirs."""
        periods = super().create_period(method_name, account_periods)
        if not self.periods:
            own = sorted(
                periods[:len(account_periods)],
                key=lambda p: p.period.start_date)
            ratios = complete_ratios([p.ratio for p in own])
            for period, ratio in zip(own, ratios):
                period.ratio = ratio
        return periods


class BudgetLinePeriod(_PostedAmountMixin, metaclass=PoolMeta):
    __name__ = 'account.budget.line.period'

    planned = fields.Function(Monetary(
            "Planned", currency='currency', digits='currency',
            help="The amount planned in the period, positive for expenses "
            "as for revenues."),
        'get_planned')
    realised = fields.Function(Monetary(
            "Realised", currency='currency', digits='currency',
            help="The amount booked on posted moves of the period, "
            "positive for expenses as for revenues."),
        'get_realised')

    @classmethod
    def get_planned(cls, periods, name):
        totals = cls.get_total_amount(periods, 'total_amount')
        return {p.id: signed(totals.get(p.id), p.budget_line.lsp_kind)
            for p in periods}

    @classmethod
    def get_realised(cls, periods, name):
        actuals = cls.get_amount(periods, ['actual_amount'])['actual_amount']
        return {p.id: signed(actuals.get(p.id), p.budget_line.lsp_kind)
            for p in periods}

    @classmethod
    def check_ratio(cls, periods, field_names=None):
        """Check the sum of the ratios of each line in Decimal on SQLite

        account_budget sums them in SQL, which SQLite does in floating
        point: 11 x 0.0833 + 0.0837 gives more than 1 there."""
        pool = Pool()
        Line = pool.get('account.budget.line')
        if backend.name != 'sqlite':
            return super().check_ratio(periods, field_names=field_names)
        if field_names and not (field_names & {'ratio', 'budget_line'}):
            return
        for line in Line.browse({p.budget_line.id for p in periods}):
            if sum(p.ratio or 0 for p in line.periods) > 1:
                raise BudgetValidationError(gettext(
                        'account_budget.msg_budget_line_period_ratio',
                        budget_line=line.rec_name))

    @classmethod
    def check_modification(cls, mode, periods, values=None, external=False):
        "Refuse changing the periods of a budget that is not a draft"
        pool = Pool()
        Line = pool.get('account.budget.line')
        super().check_modification(
            mode, periods, values=values, external=external)
        lines = {p.budget_line for p in periods}
        if values and values.get('budget_line'):
            lines.add(Line(values['budget_line']))
        for line in lines:
            budget = line.budget
            if budget.state not in budget._open_states:
                raise budget.lock_error(budget)


class BudgetContext(metaclass=PoolMeta):
    __name__ = 'account.budget.context'

    @classmethod
    def default_posted(cls):
        "The realisation reads the posted moves unless asked otherwise"
        return True


class BudgetRejectStart(ModelView):
    __name__ = 'account.budget.reject.start'
    __string__ = "Reject Budget"

    reason = fields.Text(
        "Reason", required=True,
        help="Told to the drafters: what to change before submitting "
        "the budget again.")


class BudgetReject(Wizard):
    __name__ = 'account.budget.reject'
    __string__ = "Reject Budget"

    start = StateView(
        'account.budget.reject.start',
        'lsp_keuangan.budget_reject_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Reject", 'reject', 'tryton-ok', default=True),
            ])
    reject = StateTransition()

    def transition_reject(self):
        pool = Pool()
        Budget = pool.get('account.budget')
        Button = pool.get('ir.model.button')
        User = pool.get('res.user')
        # the wizard is also open to the LSP Administrator: only the
        # groups of the button "Reject" reject
        groups = Button.get_groups(Budget.__name__, 'reject')
        if (Transaction().user and groups
                and not groups & set(User.get_groups())):
            raise AccessButtonError(gettext(
                    'ir.msg_access_button_error', button='reject',
                    **Budget.__names__()))
        budgets = [b for b in self.records if b.state == 'submitted']
        Budget.do_reject(budgets, self.start.reason)
        return 'end'
