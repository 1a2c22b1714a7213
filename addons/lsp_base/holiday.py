# This file is part of the LSP Perkoperasian Indonesia ERP.
"The holidays of the company calendar, for the working-day time limits"
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.transaction import Transaction

from .tools import add_working_days, working_days_between


class Holiday(ModelSQL, ModelView):
    __name__ = 'lsp.holiday'
    __string__ = "Holiday"

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='CASCADE')
    date = fields.Date("Date", required=True)
    name = fields.Char(
        "Name", required=True, translate=True,
        help="Such as \"Hari Raya Idul Fitri\" or \"Cuti Bersama\".")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('company_date_unique', Unique(t, t.company, t.date),
                'lsp_base.msg_holiday_company_date_unique'),
            ]
        cls._order.insert(0, ('date', 'ASC'))

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def dates(cls, company, start=None, end=None):
        "Return the set of the holidays of company, between start and end"
        domain = [('company', '=', getattr(company, 'id', company))]
        if start:
            domain.append(('date', '>=', start))
        if end:
            domain.append(('date', '<=', end))
        return {h.date for h in cls.search(domain, order=[])}

    @classmethod
    def add_working_days(cls, company, start, n):
        "Return the date n working days after start on the company calendar"
        return add_working_days(start, n, cls.dates(company, start=start))

    @classmethod
    def working_days_between(cls, company, start, end):
        "Return the working days after start up to end on the company calendar"
        return working_days_between(
            start, end, cls.dates(company, start=start, end=end))
