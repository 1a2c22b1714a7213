# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction

CASH_FLOWS = [
    (None, ""),
    ('operating', "Operating"),
    ('investing', "Investing"),
    ('financing', "Financing"),
    ]
CASH_FLOW_HELP = (
    "The activity of the statement of cash flows (direct method) under "
    "which the cash received from or paid to this account is shown.")


class AccountTemplate(metaclass=PoolMeta):
    __name__ = 'account.account.template'

    lsp_cash_flow = fields.Selection(
        CASH_FLOWS, "Cash Flow Activity", sort=False,
        states={
            'invisible': ~Eval('type'),
            },
        help=CASH_FLOW_HELP)

    def _get_account_value(self, account=None):
        values = super()._get_account_value(account=account)
        if not account or account.lsp_cash_flow != self.lsp_cash_flow:
            values['lsp_cash_flow'] = self.lsp_cash_flow
        return values


class Account(metaclass=PoolMeta):
    __name__ = 'account.account'

    lsp_cash_flow = fields.Selection(
        CASH_FLOWS, "Cash Flow Activity", sort=False,
        states={
            'invisible': ~Eval('type'),
            'readonly': (Bool(Eval('template', -1))
                & ~Eval('template_override', False)),
            },
        help=CASH_FLOW_HELP)


class CreateChart(metaclass=PoolMeta):
    __name__ = 'account.create_chart'

    def _is_lsp_chart(self):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        return (self.account.account_template.id
            == ModelData.get_id('lsp_keuangan', 'root'))

    def transition_create_account(self):
        if self._is_lsp_chart():
            # The PPN and PPh 23 templates ship inactive: create them as
            # inactive taxes, as "Update Chart" does (it runs with inactive
            # records), so that their tax code lines find their taxes
            with Transaction().set_context(active_test=False):
                return super().transition_create_account()
        return super().transition_create_account()

    def default_properties(self, fields):
        defaults = super().default_properties(fields)
        if self._is_lsp_chart():
            defaults['account_receivable'] = self.get_account(
                'lsp_keuangan.account_1201')
            defaults['account_payable'] = self.get_account(
                'lsp_keuangan.account_2101')
        return defaults
