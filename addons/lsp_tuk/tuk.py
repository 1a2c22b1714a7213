# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
import io

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Unique, Workflow, fields, sequence_ordered)
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import check_access

from lsp_base.model import WorkflowMixin
from lsp_base.tools import rec_name_domain

from .exceptions import TukActivationError

KINDS = [
    ('sewaktu', "Ad Hoc (Sewaktu)"),
    ('tempat_kerja', "Workplace (Tempat Kerja)"),
    ('mandiri', "Independent (Mandiri)"),
    ]


class Tuk(WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.tuk'
    __string__ = "Competency Test Site (TUK)"

    _mandiri = {
        'invisible': Eval('kind') != 'mandiri',
        'required': Eval('kind') == 'mandiri',
        }

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True)
    kind = fields.Selection(KINDS, "Kind", required=True, sort=False,
        help="A TUK mandiri is verified periodically and stays valid until "
        "a date; a TUK sewaktu or tempat kerja is verified for each use.")
    provider = fields.Many2One(
        'party.party', "Provider", required=True, ondelete='RESTRICT',
        help="The organisation that provides the site.")
    manager = fields.Many2One(
        'party.party', "Head of TUK", ondelete='RESTRICT', states=_mandiri)
    technical_contact = fields.Many2One(
        'party.party', "Technical Operations Contact", ondelete='RESTRICT',
        states=_mandiri)
    quality_contact = fields.Many2One(
        'party.party', "Quality Contact", ondelete='RESTRICT',
        states=_mandiri)
    address = fields.Text("Address", required=True)
    city = fields.Char("City")
    latitude = fields.Numeric(
        "Latitude", digits=(3, 6),
        domain=['OR',
            ('latitude', '=', None),
            [('latitude', '>=', -90), ('latitude', '<=', 90)],
            ])
    longitude = fields.Numeric(
        "Longitude", digits=(3, 6),
        domain=['OR',
            ('longitude', '=', None),
            [('longitude', '>=', -180), ('longitude', '<=', 180)],
            ])
    capacity = fields.Integer(
        "Capacity", required=True,
        domain=[('capacity', '>', 0)],
        help="The number of candidates the site can assess in one session.")
    facilities = fields.One2Many(
        'lsp.tuk.facility', 'tuk', "Rooms and Facilities")
    schemes = fields.Many2Many(
        'lsp.tuk-lsp.scheme', 'tuk', 'scheme', "Schemes Hosted",
        help="The certification schemes the site can host.")
    agreements = fields.One2Many(
        'lsp.tuk.agreement', 'tuk', "Agreements", readonly=True)
    verifications = fields.One2Many(
        'lsp.tuk.verification', 'tuk', "Verifications", readonly=True)
    evaluations = fields.One2Many(
        'lsp.tuk.evaluation', 'tuk', "Evaluations", readonly=True)
    verification = fields.Many2One(
        'lsp.tuk.verification', "Latest Verification", readonly=True,
        ondelete='SET NULL',
        help="The validated verification the validity comes from.")
    readable_verifications = fields.Function(fields.Many2Many(
            'lsp.tuk.verification', None, None, "Verifications",
            readonly=True),
        'get_readable_verifications')
    latest_verification = fields.Function(fields.Many2One(
            'lsp.tuk.verification', "Latest Verification",
            help="The validated verification the validity comes from."),
        'get_latest_verification')
    verified_until = fields.Date(
        "Verified Until", readonly=True,
        help="The last day covered by the latest validated verification.")
    last_evaluation_score = fields.Function(
        fields.Numeric("Last Evaluation Score", digits=(2, 2)),
        'get_last_evaluation_score')
    state = fields.Selection([
            ('draft', "Draft"),
            ('active', "Active"),
            ('suspended', "Suspended"),
            ('closed', "Closed"),
            ], "State", required=True, readonly=True, sort=False)
    suspension_reason = fields.Text(
        "Reason for Suspension",
        states={'invisible': Eval('state') != 'suspended'})
    del _mandiri

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'lsp_tuk.msg_tuk_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))
        cls._transitions |= {
            ('draft', 'active'),
            ('active', 'suspended'),
            ('suspended', 'active'),
            ('active', 'closed'),
            ('suspended', 'closed'),
            }
        cls._buttons.update({
                'activate': {
                    'invisible': ~Eval('state').in_(['draft', 'suspended']),
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'suspend': {
                    'invisible': Eval('state') != 'active',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': ~Eval('state').in_(['active', 'suspended']),
                    'icon': 'tryton-archive',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_kind(cls):
        return 'mandiri'

    def get_rec_name(self, name):
        return '[%s] %s' % (self.code, self.name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['code', 'name'])

    def get_last_evaluation_score(self, name):
        evaluations = sorted(self.evaluations, key=lambda e: e.date)
        return evaluations[-1].score if evaluations else None

    @classmethod
    def copy(cls, tuks, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('code', None)
        return super().copy(tuks, default=default)

    def current_agreement(self, date=None):
        "Return the active agreement covering date (default today)"
        if date is None:
            date = Pool().get('ir.date').today()
        for agreement in self.agreements:
            if agreement.state == 'active' and agreement.covers(date):
                return agreement

    @classmethod
    @ModelView.button
    @Workflow.transition('active')
    def activate(cls, tuks):
        for tuk in tuks:
            if not tuk.current_agreement():
                raise TukActivationError(gettext(
                        'lsp_tuk.msg_tuk_activate_agreement',
                        tuk=tuk.rec_name))
        cls.write(tuks, {'suspension_reason': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('suspended')
    def suspend(cls, tuks):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, tuks):
        pass

    def is_verified(self, scheme, date, end_date=None):
        """Tell whether the TUK may host an assessment of scheme

        The TUK must be active and one validated verification covering
        scheme must cover every day from date to end_date."""
        pool = Pool()
        Verification = pool.get('lsp.tuk.verification')
        if end_date is None:
            end_date = date
        if self.state != 'active':
            return False
        return bool(Verification.search([
                    ('tuk', '=', self.id),
                    ('state', 'in', ['validated', 'expired']),
                    ('schemes', '=', getattr(scheme, 'id', scheme)),
                    ('valid_from', '<=', date),
                    ('valid_until', '>=', end_date),
                    ], limit=1))

    @classmethod
    def get_readable_verifications(cls, tuks, name):
        "Return the verifications of each TUK the user may read"
        pool = Pool()
        Verification = pool.get('lsp.tuk.verification')
        verifications = {t.id: [] for t in tuks}
        # an assessor reads only the verifications assigned to them: the
        # record rules hold here, though the getters run without them
        with check_access():
            found = Verification.search([('tuk', 'in', [t.id for t in tuks])])
        for verification in found:
            verifications[verification.tuk.id].append(verification.id)
        return verifications

    @classmethod
    def get_latest_verification(cls, tuks, name):
        "Return the latest verification when the user may read it"
        pool = Pool()
        Verification = pool.get('lsp.tuk.verification')
        ids = [t.verification.id for t in tuks if t.verification]
        # an assessor reads only the verifications assigned to them
        with check_access():
            readable = {
                v.id for v in Verification.search([('id', 'in', ids)])}
        return {
            t.id: t.verification.id
            if t.verification and t.verification.id in readable else None
            for t in tuks}

    @classmethod
    def update_verification(cls, tuks):
        "Store the latest validated verification and its end"
        to_write = []
        for tuk in tuks:
            verifications = [v for v in tuk.verifications
                if v.state in {'validated', 'expired'}]
            latest = max(verifications, key=lambda v: v.valid_until,
                default=None)
            values = {
                'verification': latest.id if latest else None,
                'verified_until': latest.valid_until if latest else None,
                }
            if (tuk.verification != latest
                    or tuk.verified_until != values['verified_until']):
                to_write.extend(([tuk], values))
        if to_write:
            cls.write(*to_write)


class TukScheme(ModelSQL):
    __name__ = 'lsp.tuk-lsp.scheme'
    __string__ = "TUK - Scheme"

    tuk = fields.Many2One(
        'lsp.tuk', "TUK", required=True, ondelete='CASCADE')
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", required=True, ondelete='CASCADE')


class TukFacility(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.tuk.facility'
    __string__ = "TUK Facility"

    tuk = fields.Many2One(
        'lsp.tuk', "TUK", required=True, ondelete='CASCADE')
    name = fields.Char("Name", required=True)
    kind = fields.Selection([
            ('room', "Room"),
            ('equipment', "Equipment"),
            ('other', "Other"),
            ], "Kind", required=True)
    quantity = fields.Integer(
        "Quantity", required=True, domain=[('quantity', '>=', 0)])
    condition = fields.Selection([
            ('good', "Good"),
            ('fair', "Fair"),
            ('poor', "Poor"),
            ], "Condition", required=True)
    notes = fields.Char("Notes")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('tuk')

    @classmethod
    def default_kind(cls):
        return 'room'

    @classmethod
    def default_quantity(cls):
        return 1

    @classmethod
    def default_condition(cls):
        return 'good'


class TukRegister(Report):
    "Register of the TUK as an Excel workbook"
    __name__ = 'lsp.tuk.register_xlsx'

    @classmethod
    def _execute(cls, records, header, data, action):
        import xlsxwriter
        pool = Pool()
        Tuk = pool.get('lsp.tuk')
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {'in_memory': True})
        bold = book.add_format({'bold': True})
        date_format = book.add_format({'num_format': 'dd/mm/yyyy'})
        score_format = book.add_format({'num_format': '0.00'})
        sheet = book.add_worksheet(gettext('lsp_tuk.msg_tuk_register'))
        columns = ['code', 'name', 'kind', 'provider', 'city', 'capacity',
            'state', 'verified_until', 'schemes', 'last_evaluation_score']
        widths = [12, 30, 22, 30, 16, 10, 12, 14, 40, 12]
        strings = Tuk.fields_get(columns)
        kinds = dict(strings['kind']['selection'])
        states = dict(strings['state']['selection'])
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        sheet.write_row(0, 0, [strings[c]['string'] for c in columns], bold)
        for row, tuk in enumerate(records, 1):
            sheet.write_string(row, 0, tuk.code)
            sheet.write_string(row, 1, tuk.name)
            sheet.write_string(row, 2, kinds[tuk.kind])
            sheet.write_string(row, 3, tuk.provider.rec_name)
            sheet.write_string(row, 4, tuk.city or '')
            sheet.write_number(row, 5, tuk.capacity)
            sheet.write_string(row, 6, states[tuk.state])
            if tuk.verified_until:
                sheet.write_datetime(row, 7, dt.datetime.combine(
                        tuk.verified_until, dt.time()), date_format)
            sheet.write_string(
                row, 8, ', '.join(s.code for s in tuk.schemes))
            if tuk.last_evaluation_score is not None:
                sheet.write_number(
                    row, 9, tuk.last_evaluation_score, score_format)
        sheet.freeze_panes(1, 0)
        book.close()
        return 'xlsx', out.getvalue()
