# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
import io

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction

from .exceptions import PeriodError
from .model import WorkflowFieldsMixin
from .tools import (
    company_language, employee_address, group_addresses, rec_name_domain,
    send_email)

#: days before expiry when the Direktur Sertifikasi and the assessor are told
EXPIRY_WARNING_DAYS = 90
#: days between two reminders for the same assessor
REMINDER_INTERVAL_DAYS = 30


class Assessor(WorkflowFieldsMixin, ModelSQL, ModelView):
    __name__ = 'lsp.assessor'
    __string__ = "Assessor"
    _rec_name = 'met_number'

    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='RESTRICT')
    party = fields.Function(
        fields.Many2One('party.party', "Party"),
        'on_change_with_party', searcher='search_party')
    met_number = fields.Char(
        "MET Registration Number", required=True, strip=True,
        help='The registration number of the assessor at BNSP, '
        'such as "MET.000.001668.2012".')
    licence_issue_date = fields.Date("Licence Issued On", required=True)
    licence_expiry_date = fields.Date("Licence Expires On", required=True)
    suspended = fields.Boolean(
        "Suspended by the LSP",
        help="Check to stop the assessor from being assigned, "
        "whatever the validity of the licence.")
    suspension_reason = fields.Text(
        "Reason for Suspension",
        states={
            'invisible': ~Eval('suspended'),
            'required': Eval('suspended', False),
            })
    state = fields.Selection([
            ('active', "Active"),
            ('expired', "Expired"),
            ('suspended', "Suspended"),
            ], "State", required=True, readonly=True, sort=False,
        help="Computed from the licence dates and the suspension.")
    sectors = fields.Many2Many(
        'lsp.assessor.sector', 'assessor', 'sector', "Sectors")
    schemes = fields.Many2Many(
        'lsp.assessor.scheme', 'assessor', 'scheme', "Schemes in Scope",
        domain=[('state', '=', 'active')],
        help="The certification schemes the assessor may assess.")
    competences = fields.One2Many(
        'lsp.assessor.competence', 'assessor', "Competence Maintenance")
    conflicts = fields.One2Many(
        'lsp.assessor.conflict', 'assessor', "Conflicts of Interest")
    contracts = fields.One2Many(
        'lsp.assessor.contract', 'assessor', "Contracts", readonly=True)
    rcc_valid_until = fields.Function(
        fields.Date("Latest RCC Valid Until"), 'get_rcc_valid_until')
    current_contract = fields.Function(
        fields.Many2One('lsp.assessor.contract', "Current Contract"),
        'get_current_contract')
    reminder_date = fields.Date(
        "Last Expiry Reminder", readonly=True,
        help="When the last reminder of an upcoming expiry was sent.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('employee_unique', Unique(t, t.employee),
                'lsp_base.msg_assessor_employee_unique'),
            ('met_number_unique', Unique(t, t.met_number),
                'lsp_base.msg_assessor_met_number_unique'),
            ]
        cls._order.insert(0, ('met_number', 'ASC'))

    @classmethod
    def default_state(cls):
        return 'active'

    @classmethod
    def default_suspended(cls):
        return False

    @fields.depends('employee')
    def on_change_with_party(self, name=None):
        return self.employee.party if self.employee else None

    @classmethod
    def search_party(cls, name, clause):
        return [('employee.party' + clause[0][len(name):],)
            + tuple(clause[1:])]

    def get_rec_name(self, name):
        return '%s (%s)' % (self.employee.rec_name, self.met_number)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['met_number', 'employee.rec_name'])

    def get_rcc_valid_until(self, name):
        dates = [c.valid_until for c in self.competences
            if c.kind == 'rcc' and c.valid_until]
        return max(dates) if dates else None

    def get_current_contract(self, name):
        "The active contract, else the latest one"
        contracts = sorted(
            (c for c in self.contracts if c.state != 'cancelled'),
            key=lambda c: (c.state == 'active', c.start_date))
        return contracts[-1].id if contracts else None

    def compute_state(self, date=None):
        if date is None:
            date = Pool().get('ir.date').today()
        if self.suspended:
            return 'suspended'
        if self.licence_expiry_date and self.licence_expiry_date < date:
            return 'expired'
        return 'active'

    @classmethod
    def update_state(cls, assessors, date=None):
        "Store the state computed from the dates and the suspension"
        to_write = []
        for assessor in assessors:
            state = assessor.compute_state(date)
            if assessor.state != state:
                to_write.extend(([assessor], {'state': state}))
        if to_write:
            cls.write(*to_write)

    @classmethod
    def validate_fields(cls, assessors, field_names):
        super().validate_fields(assessors, field_names)
        if field_names & {'licence_issue_date', 'licence_expiry_date'}:
            for assessor in assessors:
                if assessor.licence_expiry_date < assessor.licence_issue_date:
                    raise PeriodError(gettext(
                            'lsp_base.msg_assessor_licence_period',
                            assessor=assessor.rec_name))

    @classmethod
    def on_modification(cls, mode, assessors, field_names=None):
        super().on_modification(mode, assessors, field_names=field_names)
        if mode in {'create', 'write'}:
            cls.update_state(assessors)

    def is_licence_valid(self, date=None):
        "Tell whether the assessor may assess on date (default today)"
        if date is None:
            date = Pool().get('ir.date').today()
        return (not self.suspended
            and self.licence_issue_date <= date <= self.licence_expiry_date)

    def has_conflict(self, party):
        "Tell whether the assessor declared a conflict of interest with party"
        party_id = getattr(party, 'id', party)
        return any(c.party.id == party_id for c in self.conflicts)

    def covers_scheme(self, scheme):
        '''Tell whether scheme is in the scope of the assessor

        The scope moves to the new version of a scheme when it is activated;
        it still covers the events of the previous versions.'''
        scheme_id = getattr(scheme, 'id', scheme)
        for version in self.schemes:
            while version:
                if version.id == scheme_id:
                    return True
                version = version.previous_version
        return False

    @classmethod
    def check_expiry(cls):
        "Expire licences and remind of licences and RCC about to expire"
        pool = Pool()
        Date = pool.get('ir.date')
        today = Date.today()
        assessors = cls.search([])
        cls.update_state(assessors, today)
        limit = today + dt.timedelta(days=EXPIRY_WARNING_DAYS)
        directors = group_addresses('group_direktur_sertifikasi')
        reminded = []
        for assessor in assessors:
            if assessor.suspended:
                continue
            if (assessor.reminder_date
                    and (today - assessor.reminder_date).days
                    < REMINDER_INTERVAL_DAYS):
                continue
            expiries = []
            if today <= assessor.licence_expiry_date <= limit:
                expiries.append(('licence', assessor.licence_expiry_date))
            rcc = assessor.rcc_valid_until
            if rcc and today <= rcc <= limit:
                expiries.append(('rcc', rcc))
            if not expiries:
                continue
            to_addrs = list(directors)
            own = employee_address(assessor.employee)
            if own and own not in to_addrs:
                to_addrs.append(own)
            if not to_addrs:
                continue
            # The cron runs in the server language: write in the language
            # of the company, Indonesian for the LSP
            with Transaction().set_context(language=company_language(
                        assessor.employee.company)):
                send_email(to_addrs, *assessor._expiry_reminder(expiries))
            reminded.append(assessor)
        if reminded:
            cls.write(reminded, {'reminder_date': today})

    def _expiry_reminder(self, expiries):
        "Return the subject and the text of the reminder of the expiries"
        pool = Pool()
        Lang = pool.get('ir.lang')
        lang = Lang.get()
        lines = []
        for kind, date in expiries:
            lines.append(gettext(
                    'lsp_base.msg_assessor_expiry_%s' % kind,
                    assessor=self.rec_name,
                    date=lang.strftime(date)))
        subject = gettext(
            'lsp_base.msg_assessor_expiry_subject', assessor=self.rec_name)
        return subject, '\n\n'.join(lines)


class AssessorSector(ModelSQL):
    __name__ = 'lsp.assessor.sector'
    __string__ = "Assessor Sector"

    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='CASCADE')
    sector = fields.Many2One(
        'lsp.sector', "Sector", required=True, ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('assessor')


class AssessorScheme(ModelSQL):
    __name__ = 'lsp.assessor.scheme'
    __string__ = "Assessor Scheme"

    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='CASCADE')
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", required=True, ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('assessor')


class AssessorCompetence(ModelSQL, ModelView):
    __name__ = 'lsp.assessor.competence'
    __string__ = "Assessor Competence Record"

    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='CASCADE')
    kind = fields.Selection([
            ('rcc', "RCC (Recognition of Current Competency)"),
            ('training', "Training"),
            ('witnessed', "Witnessed Assessment"),
            ], "Kind", required=True)
    date = fields.Date("Date", required=True)
    valid_until = fields.Date(
        "Valid Until",
        states={
            'required': Eval('kind') == 'rcc',
            })
    description = fields.Char("Description")
    document = fields.Binary(
        "Document", filename='document_name', file_id='document_id')
    document_name = fields.Char("Document Name")
    document_id = fields.Char("Document ID", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('assessor')
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_kind(cls):
        return 'rcc'

    def get_rec_name(self, name):
        pool = Pool()
        Lang = pool.get('ir.lang')
        kind = dict(self._fields['kind'].selection)[self.kind]
        return '%s %s' % (kind, Lang.get().strftime(self.date))

    @classmethod
    def validate_fields(cls, competences, field_names):
        super().validate_fields(competences, field_names)
        if field_names & {'date', 'valid_until'}:
            for competence in competences:
                if (competence.valid_until
                        and competence.valid_until < competence.date):
                    raise PeriodError(gettext(
                            'lsp_base.msg_assessor_competence_period',
                            assessor=competence.assessor.rec_name))


class AssessorConflict(ModelSQL, ModelView):
    __name__ = 'lsp.assessor.conflict'
    __string__ = "Assessor Conflict of Interest"

    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='CASCADE')
    party = fields.Many2One(
        'party.party', "Party", required=True, ondelete='RESTRICT',
        help="The person or organisation (such as a cooperative) "
        "the assessor has a conflict of interest with.")
    reason = fields.Text("Reason", required=True)
    date = fields.Date("Declared On", required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('assessor')
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return self.party.rec_name

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('party.rec_name',) + tuple(clause[1:])]


class AssessorRegister(Report):
    "Assessor register as an Excel workbook"
    __name__ = 'lsp.assessor.register_xlsx'

    @classmethod
    def _execute(cls, records, header, data, action):
        import xlsxwriter
        pool = Pool()
        Assessor = pool.get('lsp.assessor')
        Contract = pool.get('lsp.assessor.contract')
        contract_states = dict(
            Contract.fields_get(['state'])['state']['selection'])
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {'constant_memory': True})
        bold = book.add_format({'bold': True})
        date_format = book.add_format({'num_format': 'dd/mm/yyyy'})
        sheet = book.add_worksheet(gettext('lsp_base.msg_assessor_register'))
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 24)
        sheet.set_column(2, 3, 14)
        sheet.set_column(4, 5, 40)
        sheet.set_column(6, 6, 14)
        columns = ['employee', 'met_number', 'licence_expiry_date', 'state',
            'sectors', 'schemes', 'current_contract']
        strings = Assessor.fields_get(columns)
        states = dict(strings['state']['selection'])
        sheet.write_row(0, 0, [strings[c]['string'] for c in columns], bold)
        for row, assessor in enumerate(records, 1):
            contract = assessor.current_contract
            sheet.write_string(row, 0, assessor.employee.rec_name)
            sheet.write_string(row, 1, assessor.met_number)
            sheet.write_datetime(
                row, 2, dt.datetime.combine(
                    assessor.licence_expiry_date, dt.time()), date_format)
            sheet.write_string(row, 3, states[assessor.state])
            sheet.write_string(
                row, 4, ', '.join(s.rec_name for s in assessor.sectors))
            sheet.write_string(
                row, 5, ', '.join(s.code for s in assessor.schemes))
            sheet.write_string(
                row, 6, contract_states[contract.state] if contract else '')
        book.close()
        return 'xlsx', out.getvalue()
