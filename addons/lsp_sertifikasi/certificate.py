# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Competency certificates, their numbering, life cycle and print

The number comes from the strict sequence of the LSP configuration. Its
prefix and suffix may use ``${scheme}`` (the code of the certificate's
scheme) besides Tryton's date substitutions, which take the issue date: the
default prefix ``LSPPI/${scheme}/${year}/`` with a padding of 5 gives
``LSPPI/SSK.01.01/LSPPI/PEN/IV/2018/2026/00001``. The counter is shared by
every scheme and year, so the numbers have no gap across the whole register;
an LSP that wants the counter to restart each year sets a new strict sequence
in the configuration on 1 January (the year in the prefix keeps the numbers
unique).
"""
import datetime as dt
import io
import re
import secrets
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from sql import Null

from trytond import backend
from trytond.i18n import gettext
from trytond.model import (
    Index, ModelSQL, ModelView, Unique, Workflow, fields)
from trytond.model.exceptions import AccessError, ValidationError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction
from trytond.url import http_host
from trytond.wizard import (
    Button, StateAction, StateTransition, StateView, Wizard)

from lsp_base.model import (
    LockErrorMixin, ParentLockMixin, WorkflowMixin, client_call)
from lsp_base.report import position_holder_name
from lsp_base.tools import (
    company_language, rec_name_domain, send_email, sqlite_write_lock)

from .party import mask_nik, nik_search_domain

#: bytes of randomness of a verification token (192 bits); the token is the
#: URL-safe base64 text of them, TOKEN_LENGTH characters long
TOKEN_BYTES = 24
TOKEN_LENGTH = 32
TOKEN_PATTERN = re.compile(r'[A-Za-z0-9_-]{%d}' % TOKEN_LENGTH)

#: the code of the position whose holder signs the certificates
SIGNATORY_POSITION = 'KEP'


def new_token():
    "Return a new random verification token"
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(value):
    "Tell whether value has the length and characters of a token"
    return isinstance(value, str) and bool(TOKEN_PATTERN.fullmatch(value))


def expiry_date(issue_date, validity_years):
    "Return the date a certificate issued on issue_date expires"
    return issue_date + relativedelta(years=validity_years)


def renewal_reminder_stage(expiry, window_months, today, sent):
    """Return the renewal reminder to send on today, or None

    'window' once the recertification window opens (window_months before
    the expiry), 'month' one month before the expiry; each once, in this
    order, and none once the certificate expired."""
    if today > expiry:
        return None
    if today >= expiry - relativedelta(months=1):
        return 'month' if sent != 'month' else None
    if (window_months and today >= expiry - relativedelta(
                months=window_months)):
        return 'window' if sent == 'none' else None
    return None


def public_state(state, expiry, today):
    "Return the state shown to the public: expired once past its expiry date"
    if state in {'active', 'suspended'} and expiry < today:
        return 'expired'
    return state


#: the kinds of the status decisions (lsp.certificate.status.decision)
STATUS_DECISION_KINDS = [
    ('suspend', "Suspend"),
    ('restore', "Restore"),
    ('withdraw', "Withdraw"),
    ('reduce_scope', "Reduce Scope"),
    ]

#: the states of a certificate that a recertification may renew
RENEWABLE_STATES = {'active', 'suspended'}

#: why the state of a certificate changed
REASON_CATEGORIES = [
    (None, ""),
    ('surveillance_overdue', "Surveillance Overdue"),
    ('surveillance_failed', "Surveillance Failed"),
    ('complaint_upheld', "Complaint Upheld"),
    ('misuse_of_certificate', "Misuse of the Certificate"),
    ('fraud_in_assessment', "Fraud in the Assessment"),
    ('holder_request', "Request of the Holder"),
    ('scheme_withdrawn', "Scheme Withdrawn"),
    ('recertification', "Recertification"),
    ('other', "Other"),
    ]


#: the SQL text reading a certificate by its token, per database backend
_VERIFICATION_SQL = {}


def _as_date(value):
    "Return value as a date: SQLite may give the ISO text"
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def verification_url(database_name, token):
    "Return the public verification URL of the certificate with token"
    Configuration = Pool().get('lsp.configuration')
    base = (Configuration(1).public_url or http_host()).rstrip('/')
    return '%s/%s/lsp/verify/%s' % (base, database_name, token)


class Certificate(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.certificate'
    __string__ = "Competency Certificate"
    _rec_name = 'number'
    _lock_message = 'lsp_sertifikasi.msg_certificate_locked'
    _delete_message = 'lsp_sertifikasi.msg_certificate_delete'
    _lock_parameter = 'certificate'

    _issued = {'readonly': Eval('id', -1) >= 0}
    _active = {'readonly': Eval('state') != 'active'}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_issued)
    number = fields.Char(
        "Number", readonly=True,
        help="Given from the certificate sequence when the certificate is "
        "issued.")
    bnsp_registration_number = fields.Char(
        "BNSP Registration Number", strip=True, states=_active,
        help="The registration number given by BNSP, filled in later.")
    blanko_number = fields.Char(
        "Blanko Number", strip=True, states=_active,
        help="The number of the BNSP blank form the certificate is printed "
        "on.")
    holder = fields.Many2One(
        'party.party', "Holder", required=True, ondelete='RESTRICT',
        states=_issued, context={'company': Eval('company', -1)},
        depends={'company'})
    holder_name = fields.Char(
        "Holder Name", readonly=True,
        help="The name of the holder as it stood at issue; it is what the "
        "certificate and its public page show. A correction is a reprint.")
    holder_nik = fields.Char(
        "Holder NIK (Masked)", readonly=True,
        help="The NIK of the holder at issue, with only its last 4 digits.")
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", required=True, ondelete='RESTRICT',
        states=_issued,
        domain=[('state', '=', 'active')],
        help="The active certification scheme the holder is competent in.")
    scheme_version = fields.Integer("Scheme Version", readonly=True)
    units = fields.Many2Many(
        'lsp.certificate-lsp.competency.unit', 'certificate', 'unit',
        "Competency Units", states=_issued,
        help="The units of the scheme the certificate covers.")
    issue_date = fields.Date("Issue Date", required=True, states=_issued)
    expiry_date = fields.Date(
        "Expiry Date", readonly=True,
        help="The issue date plus the validity of the scheme.")
    decision_line = fields.Many2One(
        'lsp.certification.decision.line', "Decision", readonly=True,
        ondelete='RESTRICT',
        help="The decision of the Komite Teknik the certificate comes from.")
    previous_certificate = fields.Many2One(
        'lsp.certificate', "Renews", ondelete='RESTRICT', states=_issued,
        domain=[
            ('holder', '=', Eval('holder', -1)),
            ('id', '!=', Eval('id', -1)),
            ],
        help="The certificate that this one renews.")
    verification_token = fields.Char(
        "Verification Token", readonly=True,
        help="The random code of the public verification page.")
    verification_url = fields.Function(
        fields.Char("Verification Address"), 'get_verification_url')
    state = fields.Selection([
            ('active', "Active"),
            ('suspended', "Suspended"),
            ('withdrawn', "Withdrawn"),
            ('expired', "Expired"),
            ('renewed', "Renewed"),
            ], "State", required=True, readonly=True, sort=False)
    state_string = state.translated('state')
    successor = fields.Function(
        fields.Many2One(
            'lsp.certificate', "Renewed By",
            states={'invisible': ~Eval('successor')},
            help="The certificate of the recertification that renews this "
            "one."),
        'get_successor')
    suspended_date = fields.Date(
        "Suspended On", readonly=True,
        states={'invisible': ~Eval('suspended_date')})
    suspension_reason = fields.Text(
        "Reason for Suspension", readonly=True,
        states={'invisible': ~Eval('suspension_reason')})
    withdrawn_date = fields.Date(
        "Withdrawn On", readonly=True,
        states={'invisible': ~Eval('withdrawn_date')})
    withdrawal_reason = fields.Text(
        "Reason for Withdrawal", readonly=True,
        states={'invisible': ~Eval('withdrawal_reason')})
    history = fields.One2Many(
        'lsp.certificate.event', 'certificate', "History", readonly=True,
        help="What happened to the certificate since its issue.")
    status_decisions = fields.Many2Many(
        'lsp.certificate.status.decision-lsp.certificate', 'certificate',
        'decision', "Status Decisions", readonly=True,
        help="The decisions that suspend, restore, withdraw or reduce the "
        "scope of the certificate.")
    # surveillance and renewal reminders (lsp.surveillance)
    surveillances = fields.One2Many(
        'lsp.surveillance', 'certificate', "Surveillance", readonly=True,
        help="The surveillance of the holder planned by the daily job.")
    surveillance_planned = fields.Boolean(
        "Surveillance Planned", readonly=True,
        help="Whether the daily job planned the surveillance of the "
        "certificate.")
    renewal_reminder = fields.Selection([
            ('none', "None"),
            ('window', "Recertification Window"),
            ('month', "One Month Before Expiry"),
            ], "Renewal Reminder Sent", required=True, readonly=True,
        help="The last reminder of the expiry sent to the holder.")
    del _issued, _active

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('number_unique', Unique(t, t.number),
                'lsp_sertifikasi.msg_certificate_number_unique'),
            ('verification_token_unique', Unique(t, t.verification_token),
                'lsp_sertifikasi.msg_certificate_token_unique'),
            ('previous_certificate_unique',
                Unique(t, t.previous_certificate),
                'lsp_sertifikasi.msg_certificate_renewed_once'),
            ]
        cls._sql_indexes.update({
                Index(t, (t.holder, Index.Range())),
                Index(
                    t, (t.state, Index.Equality(cardinality='low')),
                    (t.expiry_date, Index.Range()),
                    where=t.state.in_(['active', 'suspended'])),
                # the certificates the surveillance job has to (un)plan
                Index(
                    t, (t.state, Index.Equality(cardinality='low')),
                    (t.surveillance_planned,
                        Index.Equality(cardinality='low'))),
                })
        cls._order.insert(0, ('issue_date', 'DESC'))
        cls._order.insert(1, ('number', 'DESC'))
        # what the workflow changes once the certificate is issued; the
        # rest never changes
        cls._check_modify_exclude = {
            'state', 'suspended_date', 'suspension_reason', 'withdrawn_date',
            'withdrawal_reason', 'holder_name', 'history',
            'status_decisions',
            # surveillance and renewal reminders
            'surveillances', 'surveillance_planned',
            'renewal_reminder'}
        # what the LSP fills in while the certificate is active
        cls._active_fields = {'bnsp_registration_number', 'blanko_number'}
        cls._transitions |= {
            ('active', 'suspended'),
            ('suspended', 'active'),
            ('active', 'withdrawn'),
            ('suspended', 'withdrawn'),
            ('active', 'expired'),
            ('suspended', 'expired'),
            ('active', 'renewed'),
            ('suspended', 'renewed'),
            }
        cls._buttons.update({
                'suspend': {
                    'invisible': Eval('state') != 'active',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'restore': {
                    'invisible': Eval('state') != 'suspended',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'correct_holder': {
                    'invisible': ~Eval('state').in_(['active', 'suspended']),
                    'icon': 'tryton-print',
                    'depends': ['state'],
                    },
                'withdraw': {
                    'invisible': ~Eval('state').in_(['active', 'suspended']),
                    'icon': 'tryton-delete',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def __register__(cls, module):
        pool = Pool()
        Party = pool.get('party.party')
        super().__register__(module)
        # Migration: the certificates keep the holder's identity of their
        # issue
        table = cls.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.select(
                table.id, table.holder, where=table.holder_name == Null))
        for certificate_id, holder_id in cursor.fetchall():
            values = cls.holder_values(Party(holder_id))
            cursor.execute(*table.update(
                    [table.holder_name, table.holder_nik],
                    [values['holder_name'], values['holder_nik']],
                    where=table.id == certificate_id))

    @classmethod
    def default_state(cls):
        return 'active'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_surveillance_planned(cls):
        return False

    @classmethod
    def default_renewal_reminder(cls):
        return 'none'

    @classmethod
    def default_issue_date(cls):
        return Pool().get('ir.date').today()

    @fields.depends('scheme', 'units', 'scheme_version')
    def on_change_scheme(self):
        if self.scheme:
            self.units = [l.unit for l in self.scheme.units]
            self.scheme_version = self.scheme.version
        else:
            self.units = []
            self.scheme_version = None

    @fields.depends('scheme', 'issue_date')
    def on_change_with_expiry_date(self, name=None):
        if self.scheme and self.issue_date:
            return expiry_date(self.issue_date, self.scheme.validity_years)

    def get_rec_name(self, name):
        number = self.number or '(%s)' % self.id
        return '%s - %s' % (number, self.holder_name or self.holder.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        # the holder's NIK whoever searches, as for the candidates; a
        # holder the rules hide from the user included
        domain = rec_name_domain(clause, [
                'number', 'holder_name', 'holder.rec_name',
                'bnsp_registration_number', 'blanko_number'])
        nik_domain = nik_search_domain(clause, 'holder')
        if nik_domain:
            domain = ['OR', domain, nik_domain]
        return domain

    @classmethod
    def get_successor(cls, certificates, name):
        successors = dict.fromkeys((c.id for c in certificates), None)
        for successor in cls.search([
                    ('previous_certificate', 'in', list(successors)),
                    ]):
            successors[successor.previous_certificate.id] = successor.id
        return successors

    def get_verification_url(self, name):
        if self.verification_token:
            return verification_url(
                Transaction().database.name, self.verification_token)

    @property
    def masked_nik(self):
        "The NIK of the holder at issue with only its last 4 digits"
        return self.holder_nik or ''

    @staticmethod
    def holder_values(holder):
        "Return the values of the holder's identity kept by a certificate"
        return {
            'holder_name': holder.name,
            'holder_nik': mask_nik(getattr(holder, 'nik', None)) or None,
            }

    @classmethod
    def issue(cls, values_list):
        """Issue certificates from a list of dictionaries

        Each dictionary gives the holder and the scheme (ids or records),
        optionally the issue date (default today), the ids of the units
        (default the units of the scheme), the company (default the one of
        the context) and any other field. The number, the token, the expiry
        date and the scheme version are always computed; the numbers follow
        the order of the list."""
        pool = Pool()
        Scheme = pool.get('lsp.scheme')
        to_create = []
        for values in values_list:
            values = {k: int(v) if isinstance(v, ModelSQL) else v
                for k, v in values.items()}
            scheme = Scheme(values['scheme'])
            units = values.pop('units', None)
            if units is None:
                units = [l.unit.id for l in scheme.units]
            values['units'] = [('add', [int(u) for u in units])]
            to_create.append(values)
        return cls.create(to_create)

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Scheme = pool.get('lsp.scheme')
        Party = pool.get('party.party')
        Date = pool.get('ir.date')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            values.update(cls.holder_values(Party(values['holder'])))
            scheme = Scheme(values['scheme'])
            if scheme.state != 'active':
                raise ValidationError(gettext(
                        'lsp_sertifikasi.msg_certificate_scheme_not_active',
                        scheme=scheme.rec_name))
            if not values.get('issue_date'):
                values['issue_date'] = Date.today()
            values['scheme_version'] = scheme.version
            reissue = Transaction().context.get('_lsp_reissue')
            if not (reissue and values.get('expiry_date')):
                values['expiry_date'] = expiry_date(
                    values['issue_date'], scheme.validity_years)
            values['verification_token'] = new_token()
            values['number'] = cls._new_number(scheme, values['issue_date'])
            if values.get('previous_certificate') and not reissue:
                cls(values['previous_certificate']).check_renewable_by(
                    values['holder'])
        return values

    def check_renewable_by(self, holder):
        "Check that a new certificate of holder may renew this one"
        if self.state not in RENEWABLE_STATES:
            raise ValidationError(gettext(
                    'lsp_sertifikasi.msg_certificate_not_renewable',
                    certificate=self.rec_name,
                    state=self.state_string))
        if self.holder.id != int(holder):
            raise ValidationError(gettext(
                    'lsp_sertifikasi.msg_certificate_renew_other_holder',
                    certificate=self.rec_name))

    @classmethod
    def lock_sequence(cls):
        """Lock the certificate sequence before the work that leads to issuing

        Taking a number locks the strict sequences, and a lock not taken
        when the transaction started restarts it: locking first restarts it
        before that work instead of after. The table of the strict sequences
        is locked, not the row of the sequence: a transaction started again
        with a table lock waits for the one that holds it (lsp_base's
        database.py), one started with a row lock is refused."""
        Configuration = Pool().get('lsp.configuration')
        sequence = Configuration(1).certificate_sequence
        if sequence:
            sequence.__class__.lock()

    @classmethod
    def _new_number(cls, scheme, issue_date):
        "Take the next number of the certificate sequence"
        Configuration = Pool().get('lsp.configuration')
        sequence = Configuration(1).certificate_sequence
        if not sequence:
            raise ValidationError(gettext(
                    'lsp_sertifikasi.msg_certificate_no_sequence'))
        cls.lock_sequence()
        sqlite_write_lock(sequence.__class__)
        with Transaction().set_context(
                date=issue_date, certificate_scheme=scheme.code):
            return sequence.get()

    @classmethod
    def copy(cls, certificates, default=None):
        if client_call():
            # a certificate comes only from a decision or an issue
            raise AccessError(gettext('lsp_sertifikasi.msg_certificate_copy'))
        default = default.copy() if default is not None else {}
        default.setdefault('bnsp_registration_number')
        default.setdefault('blanko_number')
        default.setdefault('issue_date')
        return super().copy(certificates, default=default)

    @classmethod
    def check_modification(
            cls, mode, certificates, values=None, external=False):
        super().check_modification(
            mode, certificates, values=values, external=external)
        if mode == 'delete':
            for certificate in certificates:
                raise cls.delete_error(certificate)
        elif mode == 'write':
            locked = (values.keys() - cls._check_modify_exclude
                - cls._active_fields)
            for certificate in certificates:
                if locked:
                    raise cls.lock_error(certificate)
                if (values.keys() & cls._active_fields
                        and certificate.state != 'active'):
                    raise AccessError(gettext(
                            'lsp_sertifikasi.msg_certificate_not_active',
                            certificate=certificate.rec_name))

    @classmethod
    def on_modification(cls, mode, certificates, field_names=None):
        super().on_modification(mode, certificates, field_names=field_names)
        if mode == 'create':
            cls.record_event(certificates, 'issued')
            renewals = [c for c in certificates if c.previous_certificate]
            if Transaction().context.get('_lsp_reissue'):
                # the successor of a scope reduction renews nothing
                renewals = []
            if renewals:
                cls.renew_by(renewals)

    @classmethod
    def renew_by(cls, successors):
        """Mark renewed the certificates that successors renew, with their
        history event, in the transaction that issues the successors"""
        for successor in successors:
            cls.renew([successor.previous_certificate], successor)

    @classmethod
    @Workflow.transition('renewed')
    def renew(cls, certificates, successor):
        "Mark certificates renewed by the certificate successor"
        cls.record_event(
            certificates, 'renewed', successor.number,
            reason_category='recertification')

    @classmethod
    def record_event(
            cls, certificates, kind, reason=None, date=None,
            reason_category=None, decision=None):
        """Write in the history of the certificates what happened to them
        and return the events; decision is the status decision that did it"""
        pool = Pool()
        Event = pool.get('lsp.certificate.event')
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        return Event.create([{
                    'certificate': c.id,
                    'kind': kind,
                    'date': date,
                    'reason': reason,
                    'reason_category': reason_category,
                    'decision': int(decision) if decision else None,
                    'user': Transaction().user or None,
                    } for c in certificates])

    @classmethod
    @ModelView.button_action('lsp_sertifikasi.wizard_certificate_suspend')
    def suspend(cls, certificates):
        pass

    @classmethod
    @ModelView.button_action('lsp_sertifikasi.wizard_certificate_restore')
    def restore(cls, certificates):
        pass

    @classmethod
    @ModelView.button_action(
        'lsp_sertifikasi.wizard_certificate_correct_holder')
    def correct_holder(cls, certificates):
        pass

    @classmethod
    @ModelView.button_action('lsp_sertifikasi.wizard_certificate_withdraw')
    def withdraw(cls, certificates):
        pass

    # the *_for methods are called by the status decisions only
    # (lsp.certificate.status.decision): they return the history events

    @classmethod
    @Workflow.transition('suspended')
    def suspend_for(
            cls, certificates, reason, reason_category=None, decision=None):
        "Suspend certificates, recording the reason"
        cls.write(certificates, {
                'suspended_date': Pool().get('ir.date').today(),
                'suspension_reason': reason,
                })
        return cls.record_event(
            certificates, 'suspended', reason,
            reason_category=reason_category, decision=decision)

    @classmethod
    @Workflow.transition('active')
    def restore_for(
            cls, certificates, reason, reason_category=None, decision=None):
        "Restore suspended certificates, recording the reason"
        # the form shows the current state; the suspension stays in the
        # history
        cls.write(certificates, {
                'suspended_date': None,
                'suspension_reason': None,
                })
        return cls.record_event(
            certificates, 'restored', reason,
            reason_category=reason_category, decision=decision)

    @classmethod
    @Workflow.transition('withdrawn')
    def withdraw_for(
            cls, certificates, reason, reason_category=None, decision=None):
        "Withdraw certificates, recording the reason"
        cls.write(certificates, {
                'withdrawn_date': Pool().get('ir.date').today(),
                'withdrawal_reason': reason,
                })
        return cls.record_event(
            certificates, 'withdrawn', reason,
            reason_category=reason_category, decision=decision)

    @classmethod
    @Workflow.transition('withdrawn')
    def reduce_scope_for(
            cls, certificates, reason, reason_category=None, decision=None):
        """Withdraw certificates whose scope is reduced, recording the
        reason; reissue gives the successor with the remaining units"""
        cls.write(certificates, {
                'withdrawn_date': Pool().get('ir.date').today(),
                'withdrawal_reason': reason,
                })
        return cls.record_event(
            certificates, 'scope_reduced', reason,
            reason_category=reason_category, decision=decision)

    @classmethod
    def reissue(cls, certificate, units):
        """Issue the successor of certificate with units only, after a
        reduction of its scope

        Same holder, scheme and company, issued today with the next number;
        it keeps the expiry date of certificate, since the reduction
        assesses nothing anew, and links it as its previous certificate
        without renewing it."""
        Date = Pool().get('ir.date')
        with Transaction().set_context(_lsp_reissue=True):
            return cls.issue([{
                        'company': certificate.company.id,
                        'holder': certificate.holder.id,
                        'scheme': certificate.scheme.id,
                        'issue_date': Date.today(),
                        'expiry_date': certificate.expiry_date,
                        'units': [int(u) for u in units],
                        'previous_certificate': certificate.id,
                        }])

    @classmethod
    def correct_holder_for(cls, certificates, name, reason):
        '''Correct the name of the holder printed on the certificates, which
        are printed again'''
        cls.write(certificates, {'holder_name': name})
        cls.record_event(certificates, 'reprinted', reason)

    @classmethod
    @Workflow.transition('expired')
    def _expire(cls, certificates):
        cls.record_event(certificates, 'expired')

    @classmethod
    def expire(cls, date=None):
        "Expire the certificates whose expiry date has passed (cron)"
        if date is None:
            date = Pool().get('ir.date').today()
        certificates = cls.search([
                ('state', 'in', ['active', 'suspended']),
                ('expiry_date', '<', date),
                ])
        if certificates:
            cls._expire(certificates)
        return certificates

    @classmethod
    def remind_renewal(cls, date=None):
        """E-mail the holders whose certificate enters its recertification
        window, and again one month before its expiry, once per stage
        (cron)"""
        pool = Pool()
        Scheme = pool.get('lsp.scheme')
        if date is None:
            date = pool.get('ir.date').today()
        schemes = Scheme.search([])
        reminded = []
        month_limit = date + relativedelta(months=1)
        for scheme in schemes:
            window_limit = date + relativedelta(
                months=scheme.recertification_window_months or 0)
            certificates = cls.search([
                    ('scheme', '=', scheme.id),
                    ('state', 'in', ['active', 'suspended']),
                    ('expiry_date', '>=', date),
                    ('expiry_date', '<=', max(window_limit, month_limit)),
                    ('renewal_reminder', '!=', 'month'),
                    ])
            stages = defaultdict(list)
            for certificate in certificates:
                stage = renewal_reminder_stage(
                    certificate.expiry_date,
                    scheme.recertification_window_months, date,
                    certificate.renewal_reminder)
                if stage:
                    stages[stage].append(certificate)
            for stage, records in stages.items():
                cls.send_renewal_reminders(records, stage)
                cls.write(records, {'renewal_reminder': stage})
                reminded.extend(records)
        return reminded

    @classmethod
    def send_renewal_reminders(cls, certificates, stage):
        "E-mail the holders of certificates the reminder of stage"
        pool = Pool()
        Lang = pool.get('ir.lang')
        with Transaction().set_context(language=company_language()):
            lang = Lang.get()
            for certificate in certificates:
                address = certificate.holder.email
                if not address:
                    continue
                values = {
                    'holder': certificate.holder_name,
                    'certificate': certificate.number,
                    'scheme': certificate.scheme.name,
                    'expiry': lang.strftime(certificate.expiry_date),
                    }
                send_email(
                    [address],
                    gettext('lsp_sertifikasi.msg_certificate_renewal_subject',
                        **values),
                    gettext('lsp_sertifikasi.msg_certificate_renewal_%s'
                        % stage, **values))

    @classmethod
    def verification_data(cls, token, today):
        """Return what the public may know of the certificate with token

        A dictionary, or None when no certificate has this token. One query
        reads it by the unique token index."""
        if not is_token(token):
            return None
        cursor = Transaction().connection.cursor()
        cursor.execute(cls._verification_sql(), (token,))
        row = cursor.fetchone()
        if not row:
            return None
        (number, holder_name, scheme_code, scheme_name, version, issue,
            expiry, state, lsp_name, successor_number,
            successor_token) = row
        issue, expiry = _as_date(issue), _as_date(expiry)
        return {
            'number': number,
            'holder': holder_name,
            'scheme_code': scheme_code,
            'scheme': scheme_name,
            'scheme_version': version,
            'issue_date': issue,
            'expiry_date': expiry,
            'state': public_state(state, expiry, today),
            'lsp': lsp_name,
            'successor_number': (
                successor_number if state == 'renewed' else None),
            'successor_token': (
                successor_token if state == 'renewed' else None),
            }

    @classmethod
    def _verification_sql(cls):
        "Return the SQL text of verification_data, built once per backend"
        sql = _VERIFICATION_SQL.get(backend.name)
        if sql is None:
            pool = Pool()
            Party = pool.get('party.party')
            Scheme = pool.get('lsp.scheme')
            Company = pool.get('company.company')
            certificate = cls.__table__()
            scheme = Scheme.__table__()
            company = Company.__table__()
            lsp = Party.__table__()
            successor = cls.__table__()
            query = (certificate
                .join(scheme, condition=certificate.scheme == scheme.id)
                .join(company, condition=certificate.company == company.id)
                .join(lsp, condition=company.party == lsp.id)
                .join(successor, 'LEFT', condition=(
                        successor.previous_certificate == certificate.id))
                .select(
                    certificate.number, certificate.holder_name, scheme.code,
                    scheme.name, certificate.scheme_version,
                    certificate.issue_date, certificate.expiry_date,
                    certificate.state, lsp.name,
                    successor.number, successor.verification_token,
                    where=(certificate.verification_token == '')
                    & (certificate.number != Null)))
            sql, params = tuple(query)
            assert params == ('',), params
            sql = _VERIFICATION_SQL[backend.name] = sql
        return sql


class CertificateCompetencyUnit(ParentLockMixin, ModelSQL):
    __name__ = 'lsp.certificate-lsp.competency.unit'
    __string__ = "Certificate - Competency Unit"
    _parent_field = 'certificate'
    # the units are given at issue and never change
    _parent_open_states = set()

    certificate = fields.Many2One(
        'lsp.certificate', "Certificate", required=True, ondelete='CASCADE')
    unit = fields.Many2One(
        'lsp.competency.unit', "Competency Unit", required=True,
        ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('certificate')


class CertificateReasonStart(ModelView):
    "What the status decision drafted from certificates says"
    __name__ = 'lsp.certificate.reason.start'
    __string__ = "Certificate Decision Reason"

    kind = fields.Selection(STATUS_DECISION_KINDS, "Kind", readonly=True)
    reason_category = fields.Selection(
        REASON_CATEGORIES, "Reason Category", required=True)
    reason = fields.Text(
        "Reason", required=True,
        help="Why the Head takes this decision, as told to the holder.")
    effective_date = fields.Date("Effective Date", required=True)
    suspension_end = fields.Date(
        "Suspension End",
        states={
            'invisible': Eval('kind') != 'suspend',
            'required': Eval('kind') == 'suspend',
            },
        help="The last day of the suspension.")


class _CertificateReasonWizard:
    """Draft the status decision of the selected certificates and open it:
    the Direktur Sertifikasi proposes it, the Kepala approves it with its
    decree (SK)"""
    __slots__ = ()
    _from_states = set()
    _kind = None

    def default_start(self, fields):
        return {
            'kind': self._kind,
            'effective_date': Pool().get('ir.date').today(),
            }

    def do_confirm(self, action):
        Decision = Pool().get('lsp.certificate.status.decision')
        certificates = [c for c in self.records
            if c.state in self._from_states]
        if not certificates:
            raise AccessError(gettext(
                    'lsp_sertifikasi.msg_certificate_no_decision_state',
                    kind=dict(STATUS_DECISION_KINDS)[self._kind]))
        decision, = Decision.create([{
                    'company': certificates[0].company.id,
                    'kind': self._kind,
                    'certificates': [('add', [c.id for c in certificates])],
                    'reason_category': self.start.reason_category,
                    'reason': self.start.reason,
                    'effective_date': self.start.effective_date,
                    'suspension_end': (self.start.suspension_end
                        if self._kind == 'suspend' else None),
                    }])
        action['views'].reverse()
        return action, {'res_id': [decision.id]}


class CertificateSuspend(_CertificateReasonWizard, Wizard):
    __name__ = 'lsp.certificate.suspend'
    __string__ = "Suspend Certificate"
    _from_states = {'active'}
    _kind = 'suspend'

    start = StateView(
        'lsp.certificate.reason.start',
        'lsp_sertifikasi.certificate_reason_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Draft Decision", 'confirm', 'tryton-ok', default=True),
            ])
    confirm = StateAction('lsp_sertifikasi.act_status_decision_form')


class CertificateWithdraw(_CertificateReasonWizard, Wizard):
    __name__ = 'lsp.certificate.withdraw'
    __string__ = "Withdraw Certificate"
    _from_states = {'active', 'suspended'}
    _kind = 'withdraw'

    start = StateView(
        'lsp.certificate.reason.start',
        'lsp_sertifikasi.certificate_reason_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Draft Decision", 'confirm', 'tryton-ok', default=True),
            ])
    confirm = StateAction('lsp_sertifikasi.act_status_decision_form')


class CertificateRestore(_CertificateReasonWizard, Wizard):
    __name__ = 'lsp.certificate.restore'
    __string__ = "Restore Certificate"
    _from_states = {'suspended'}
    _kind = 'restore'

    start = StateView(
        'lsp.certificate.reason.start',
        'lsp_sertifikasi.certificate_reason_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Draft Decision", 'confirm', 'tryton-ok', default=True),
            ])
    confirm = StateAction('lsp_sertifikasi.act_status_decision_form')


class CertificateCorrectHolderStart(ModelView):
    __name__ = 'lsp.certificate.correct_holder.start'
    __string__ = "Correct Certificate Holder"

    name = fields.Char(
        "Name", required=True, strip=True,
        help="The name of the holder as the certificate must print it.")
    reason = fields.Text(
        "Reason", required=True,
        help="Why the name changes, such as the evidence of the right "
        "spelling; kept in the history of the certificate.")


class CertificateCorrectHolder(Wizard):
    "Correct the name printed on a certificate, which is printed again"
    __name__ = 'lsp.certificate.correct_holder'
    __string__ = "Correct Certificate Holder"

    start = StateView(
        'lsp.certificate.correct_holder.start',
        'lsp_sertifikasi.certificate_correct_holder_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Correct", 'correct', 'tryton-ok', default=True),
            ])
    correct = StateTransition()

    def default_start(self, fields):
        return {'name': self.record.holder.name}

    def transition_correct(self):
        Certificate = Pool().get('lsp.certificate')
        certificates = [c for c in self.records
            if c.state in {'active', 'suspended'}]
        if certificates:
            Certificate.correct_holder_for(
                certificates, self.start.name, self.start.reason)
        return 'end'


class CertificateEvent(ModelSQL, ModelView):
    "What happened to a certificate: its history, written by its workflow"
    __name__ = 'lsp.certificate.event'
    __string__ = "Certificate Event"

    certificate = fields.Many2One(
        'lsp.certificate', "Certificate", required=True, readonly=True,
        ondelete='CASCADE')
    date = fields.Date("Date", required=True, readonly=True)
    kind = fields.Selection([
            ('issued', "Issued"),
            ('surveillance_ok', "Surveillance Passed"),
            ('surveillance_failed', "Surveillance Failed"),
            ('suspended', "Suspended"),
            ('restored', "Restored"),
            ('withdrawn', "Withdrawn"),
            ('scope_reduced', "Scope Reduced"),
            ('expired', "Expired"),
            ('renewed', "Renewed"),
            ('reprinted', "Reprinted"),
            ], "Event", required=True, readonly=True)
    kind_string = kind.translated('kind')
    reason_category = fields.Selection(
        REASON_CATEGORIES, "Reason Category", readonly=True)
    reason = fields.Text("Reason", readonly=True)
    holder_notified_on = fields.Date(
        "Holder Notified On", readonly=True,
        help="When the holder was told of the event.")
    bnsp_reported_on = fields.Date(
        "Reported to BNSP On", readonly=True,
        help="When the event was reported to BNSP.")
    user = fields.Many2One(
        'res.user', "User", readonly=True, ondelete='RESTRICT',
        help="Who did it; empty for the daily job.")
    decision = fields.Many2One(
        'lsp.certificate.status.decision', "Status Decision", readonly=True,
        ondelete='RESTRICT',
        help="The status decision that changed the certificate.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('certificate')
        cls._order.insert(0, ('date', 'DESC'))
        cls._order.insert(1, ('id', 'DESC'))

    def get_rec_name(self, name):
        return '%s - %s' % (self.certificate.rec_name, self.kind_string)

    @classmethod
    def check_modification(cls, mode, events, values=None, external=False):
        super().check_modification(
            mode, events, values=values, external=external)
        if external:
            raise AccessError(gettext(
                    'lsp_sertifikasi.msg_certificate_event_readonly'))


class CertificateReport(Report):
    __name__ = 'lsp.certificate'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['qr_code'] = qr_code
        context['signatory'] = position_holder_name(SIGNATORY_POSITION)
        return context

    @classmethod
    def convert(cls, report, data, **kwargs):
        "Give the ODT when no converter to PDF is installed"
        if not converter_available():
            return report.template_extension, data
        return super().convert(report, data, **kwargs)


def qr_code(certificate, size='3.5cm'):
    "Return the QR code image of the verification URL for the report"
    import segno
    output = io.BytesIO()
    segno.make(certificate.verification_url, error='m').save(
        output, kind='png', scale=10, border=2)
    return output.getvalue(), 'image/png', size, size


def converter_available():
    "Tell whether the command converting reports to PDF is installed"
    import shlex
    import shutil

    from trytond import config
    command = config.get('report', 'convert_command', default='soffice')
    return bool(shutil.which(shlex.split(command)[0]))
