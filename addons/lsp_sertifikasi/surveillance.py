# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The surveillance of the certificate holders (ISO/IEC 17024 §9.6)

The daily job plans the surveillance of every active or suspended
certificate at the issue date plus k times the interval of its scheme,
before its expiry; it requests each of them 30 days before its due date
with one e-mail to the holder, and marks overdue those still not submitted
after the grace days of the scheme, proposing the suspension of the
certificate to the Direktur Sertifikasi once per lapse. The Direktur
Sertifikasi records what the holder sent, and a reviewer who neither
assessed the holder nor declared a conflict with them gives the result:

- continuing: the history of the certificate records a passed surveillance;
- action_required: the holder keeps the certificate but must act as the
  note says (required); no event is written, the row keeps the finding;
- not_continuing: the history records a failed surveillance and a
  suspension is proposed to the Direktur Sertifikasi.

The job reads only the rows due and the certificates not planned yet (the
flag ``surveillance_planned`` of the certificate), never the whole register.
"""
import datetime as dt
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from sql import Literal

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, without_check_access

from lsp_base.model import LockErrorMixin, WorkflowMixin, client_call
from lsp_base.scheme import SURVEILLANCE_METHODS
from lsp_base.tools import company_language, send_email

from .exceptions import SurveillanceError

#: the days before its due date a surveillance is requested from the holder
REQUEST_DAYS = 30

#: the records read, written and e-mailed together by the daily job
SLICE = 200

#: the states of a surveillance that block the renewal of its certificate
OPEN_STATES = {'requested', 'submitted', 'overdue'}

#: the certificate states under surveillance
SURVEILLED_STATES = ('active', 'suspended')

#: what the client may change in each state; nothing once reviewed
EDITABLE = {
    'planned': {'note'},
    'requested': {'evidence', 'declaration', 'note'},
    'overdue': {'evidence', 'declaration', 'note'},
    'submitted': {'reviewer', 'result', 'note'},
    }

RESULTS = [
    (None, ""),
    ('continuing', "Continuing"),
    ('action_required', "Action Required"),
    ('not_continuing', "Not Continuing"),
    ]


def surveillance_dates(issue_date, expiry_date, months):
    """Return the due dates of the surveillance of a certificate

    The issue date plus k times months for k = 1, 2 ... before the expiry
    date: a surveillance falling on the expiry is the recertification."""
    dates = []
    if not months or months <= 0:
        return dates
    k = 1
    while True:
        due = issue_date + relativedelta(months=k * months)
        if due >= expiry_date:
            return dates
        dates.append(due)
        k += 1


def request_date(due_date):
    "Return the day a surveillance due on due_date is requested"
    return due_date - dt.timedelta(days=REQUEST_DAYS)


def is_overdue(due_date, grace_days, today):
    "Tell whether a surveillance not submitted is overdue on today"
    return today > due_date + dt.timedelta(days=grace_days or 0)


def _as_date(value):
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


class Surveillance(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.surveillance'
    __string__ = "Surveillance"
    _lock_message = 'lsp_sertifikasi.msg_surveillance_locked'
    _delete_message = 'lsp_sertifikasi.msg_surveillance_delete'
    _lock_parameter = 'surveillance'

    certificate = fields.Many2One(
        'lsp.certificate', "Certificate", required=True, readonly=True,
        ondelete='RESTRICT')
    holder = fields.Function(
        fields.Many2One('party.party', "Holder"),
        'on_change_with_holder', searcher='search_certificate_field')
    scheme = fields.Function(
        fields.Many2One('lsp.scheme', "Scheme"),
        'on_change_with_scheme', searcher='search_certificate_field')
    sequence = fields.Integer(
        "Number", required=True, readonly=True,
        help="The surveillance of the certificate it is: 1, 2 ...")
    due_date = fields.Date("Due Date", required=True, readonly=True)
    method = fields.Selection(
        SURVEILLANCE_METHODS, "Method", required=True, readonly=True,
        help="The surveillance method of the scheme.")
    method_string = method.translated('method')
    requested_on = fields.Date("Requested On", readonly=True)
    submitted_on = fields.Date("Submitted On", readonly=True)
    evidence = fields.Text(
        "Evidence",
        states={'readonly': ~Eval('state').in_(['requested', 'overdue'])},
        help="What the holder sent: the logbook of the work done, the "
        "portfolio or the confirmation of the employer; the files go in "
        "the attachments.")
    declaration = fields.Boolean(
        "Declaration of Continued Practice",
        states={'readonly': ~Eval('state').in_(['requested', 'overdue'])},
        help="The holder declares they still practise the competence "
        "within the scope of the certificate and follow the rules of the "
        "scheme.")
    declared_at = fields.Timestamp("Declared At", readonly=True)
    attachment_count = fields.Function(
        fields.Integer("Attachments"), 'get_attachment_count')
    reviewer = fields.Many2One(
        'company.employee', "Reviewer", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'submitted',
            'required': Eval('state').in_(['reviewed', 'closed']),
            },
        help="Who evaluates the evidence: never the holder, nor anyone who "
        "assessed the holder for the scheme or declared a conflict of "
        "interest with them or their employer.")
    reviewed_on = fields.Date("Reviewed On", readonly=True)
    result = fields.Selection(
        RESULTS, "Result", sort=False,
        states={
            'readonly': Eval('state') != 'submitted',
            'required': Eval('state').in_(['reviewed', 'closed']),
            })
    result_string = result.translated('result')
    note = fields.Text(
        "Note",
        states={
            'readonly': ~Eval('state').in_(list(EDITABLE)),
            },
        help="The finding of the reviewer: what the holder must do when "
        "action is required.")
    state = fields.Selection([
            ('planned', "Planned"),
            ('requested', "Requested"),
            ('submitted', "Submitted"),
            ('reviewed', "Reviewed"),
            ('closed', "Closed"),
            ('overdue', "Overdue"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    state_string = state.translated('state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(
                    t, (t.state, Index.Equality(cardinality='low')),
                    (t.due_date, Index.Range())),
                Index(
                    t, (t.certificate, Index.Range()),
                    (t.sequence, Index.Range())),
                })
        cls._order = [('due_date', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('planned', 'requested'),
            ('requested', 'submitted'),
            ('overdue', 'submitted'),
            ('requested', 'overdue'),
            ('submitted', 'reviewed'),
            ('reviewed', 'closed'),
            ('planned', 'cancelled'),
            ('requested', 'cancelled'),
            ('overdue', 'cancelled'),
            }
        cls._buttons.update({
                'request': {
                    'invisible': Eval('state') != 'planned',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': ~Eval('state').in_(['requested', 'overdue']),
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'review': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'reviewed',
                    'icon': 'tryton-close',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(
                        ['planned', 'requested', 'overdue']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'planned'

    @classmethod
    def default_declaration(cls):
        return False

    @fields.depends('certificate', '_parent_certificate.holder')
    def on_change_with_holder(self, name=None):
        return self.certificate.holder if self.certificate else None

    @fields.depends('certificate', '_parent_certificate.scheme')
    def on_change_with_scheme(self, name=None):
        return self.certificate.scheme if self.certificate else None

    @classmethod
    def search_certificate_field(cls, name, clause):
        return [('certificate.' + clause[0],) + tuple(clause[1:])]

    def get_rec_name(self, name):
        return '%s - %s' % (self.certificate.rec_name, self.sequence)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('certificate.rec_name',) + tuple(clause[1:])]

    @classmethod
    def get_attachment_count(cls, surveillances, name):
        Attachment = Pool().get('ir.attachment')
        counts = dict.fromkeys((s.id for s in surveillances), 0)
        for sub in grouped_slice(surveillances, SLICE):
            for attachment in Attachment.search([
                        ('resource', 'in', [str(s) for s in sub]),
                        ]):
                counts[attachment.resource.id] += 1
        return counts

    # --- locks

    @classmethod
    def copy(cls, surveillances, default=None):
        # the rows come from the plan of the daily job only
        if client_call():
            raise AccessError(gettext(
                    'lsp_sertifikasi.msg_surveillance_create'))
        return super().copy(surveillances, default=default)

    @classmethod
    def check_modification(
            cls, mode, surveillances, values=None, external=False):
        super().check_modification(
            mode, surveillances, values=values, external=external)
        if mode == 'create' and client_call():
            raise AccessError(gettext(
                    'lsp_sertifikasi.msg_surveillance_create'))
        elif mode == 'delete':
            for surveillance in surveillances:
                raise cls.delete_error(surveillance)
        elif mode == 'write' and external:
            for surveillance in surveillances:
                editable = EDITABLE.get(surveillance.state, set())
                if values.keys() - editable - cls._workflow_fields:
                    raise cls.lock_error(surveillance)

    @classmethod
    def validate_fields(cls, surveillances, field_names):
        super().validate_fields(surveillances, field_names)
        if 'reviewer' in field_names:
            for surveillance in surveillances:
                if (surveillance.reviewer
                        and surveillance.state == 'submitted'):
                    surveillance.check_reviewer()

    # --- impartiality

    def reviewer_assessed(self):
        """Tell whether the reviewer assessed the holder: on the assessment
        the certificate comes from, in its event, or in any assessment of
        the holder for the scheme"""
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        EventAssessor = pool.get('lsp.assessment.event.assessor')
        reviewer = self.reviewer.id
        certificate = self.certificate
        line = certificate.decision_line
        if line and line.assessment:
            assessment = line.assessment
            if (assessment.assessor
                    and assessment.assessor.employee.id == reviewer):
                return True
            if assessment.event and any(
                    a.assessor.employee.id == reviewer
                    for a in assessment.event.assessors):
                return True
        holder, scheme = certificate.holder.id, certificate.scheme.id
        if Assessment.search([
                    ('candidate', '=', holder),
                    ('event.scheme', '=', scheme),
                    ('assessor.employee', '=', reviewer),
                    ], limit=1):
            return True
        return bool(EventAssessor.search([
                    ('assessor.employee', '=', reviewer),
                    ('event.scheme', '=', scheme),
                    ('event.assessments.candidate', '=', holder),
                    ], limit=1))

    def reviewer_conflict(self):
        "Return the party the reviewer declared a conflict with, or None"
        Assessor = Pool().get('lsp.assessor')
        holder = self.certificate.holder
        parties = [holder]
        employer = getattr(holder, 'employer', None)
        if employer:
            parties.append(employer)
        for assessor in Assessor.search([
                    ('employee', '=', self.reviewer.id),
                    ]):
            for party in parties:
                if assessor.has_conflict(party):
                    return party

    def check_reviewer(self):
        """Check the reviewer may evaluate this surveillance, as the
        assessments and the declared conflicts stand now"""
        if not self.reviewer:
            raise self._error('msg_surveillance_no_reviewer')
        values = {
            'reviewer': self.reviewer.rec_name,
            'holder': self.certificate.holder.rec_name,
            }
        with without_check_access():
            if self.reviewer.party.id == self.certificate.holder.id:
                raise self._error('msg_surveillance_reviewer_holder', **values)
            if self.reviewer_assessed():
                raise self._error(
                    'msg_surveillance_reviewer_assessed', **values)
            party = self.reviewer_conflict()
            if party:
                raise self._error(
                    'msg_surveillance_reviewer_conflict',
                    party=party.rec_name, **values)

    def _error(self, message, **values):
        return SurveillanceError(gettext(
                'lsp_sertifikasi.' + message,
                surveillance=self.rec_name, **values))

    # --- workflow

    @classmethod
    @ModelView.button
    @Workflow.transition('requested')
    def request(cls, surveillances, date=None):
        "Ask the holders for their evidence, by one e-mail each"
        if date is None:
            date = Pool().get('ir.date').today()
        cls.write(surveillances, {'requested_on': date})
        cls.send_requests(surveillances)

    @classmethod
    def send_requests(cls, surveillances):
        """E-mail each holder the request; without an address, nothing

        The values of the e-mails are read by two queries per slice of
        surveillance, not through a record of each."""
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        Scheme = pool.get('lsp.scheme')
        Mechanism = pool.get('party.contact_mechanism')
        Lang = pool.get('ir.lang')
        surveillance = cls.__table__()
        certificate = Certificate.__table__()
        scheme = Scheme.__table__()
        mechanism = Mechanism.__table__()
        cursor = Transaction().connection.cursor()
        with Transaction().set_context(language=company_language()):
            lang = Lang.get()
            methods = dict(cls.fields_get(['method'])['method']['selection'])
            subject = 'lsp_sertifikasi.msg_surveillance_request_subject'
            body = 'lsp_sertifikasi.msg_surveillance_request_body'
            for sub in grouped_slice([s.id for s in surveillances], SLICE):
                cursor.execute(*surveillance.join(certificate,
                        condition=surveillance.certificate == certificate.id
                        ).join(scheme,
                        condition=certificate.scheme == scheme.id
                        ).select(
                        certificate.holder, certificate.holder_name,
                        certificate.number, scheme.name,
                        surveillance.due_date, surveillance.method,
                        where=surveillance.id.in_(list(sub)),
                        order_by=surveillance.id))
                rows = cursor.fetchall()
                addresses = {}
                cursor.execute(*mechanism.select(
                        mechanism.party, mechanism.value,
                        where=mechanism.party.in_(list({r[0] for r in rows}))
                        & (mechanism.type == 'email')
                        & (mechanism.active == Literal(True)),
                        order_by=[
                            mechanism.sequence.desc, mechanism.id.desc]))
                for party, value in cursor:
                    addresses[party] = value
                for holder, name, number, scheme_name, due, method in rows:
                    address = addresses.get(holder)
                    if not address:
                        continue
                    values = {
                        'holder': name,
                        'certificate': number,
                        'scheme': scheme_name,
                        'due': lang.strftime(_as_date(due)),
                        'method': methods.get(method, ''),
                        }
                    send_email(
                        [address], gettext(subject, **values),
                        gettext(body, **values))

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, surveillances):
        "Record what the holders sent, with their declaration"
        pool = Pool()
        Date = pool.get('ir.date')
        for surveillance in surveillances:
            surveillance.check_submit()
        cls.write(surveillances, {
                'submitted_on': Date.today(),
                'declared_at': dt.datetime.now(),
                })

    def check_submit(self):
        if not self.declaration:
            raise self._error('msg_surveillance_declaration_required')
        if not (self.evidence or '').strip() and not self.attachment_count:
            raise self._error('msg_surveillance_evidence_required')

    @classmethod
    @ModelView.button
    @Workflow.transition('reviewed')
    def review(cls, surveillances):
        """Give the result of the reviewer; the history of the certificate
        and the status decisions follow from it"""
        pool = Pool()
        Date = pool.get('ir.date')
        Certificate = pool.get('lsp.certificate')
        today = Date.today()
        for surveillance in surveillances:
            if not surveillance.result:
                raise surveillance._error('msg_surveillance_no_result')
            surveillance.check_reviewer()
            if (surveillance.result == 'action_required'
                    and not (surveillance.note or '').strip()):
                raise surveillance._error('msg_surveillance_action_note')
        cls.write(surveillances, {'reviewed_on': today})
        for surveillance in surveillances:
            certificate = surveillance.certificate
            if surveillance.result == 'continuing':
                Certificate.record_event(
                    [certificate], 'surveillance_ok', surveillance.rec_name,
                    date=today)
            elif surveillance.result == 'not_continuing':
                Certificate.record_event(
                    [certificate], 'surveillance_failed',
                    surveillance.note or surveillance.rec_name, date=today,
                    reason_category='surveillance_failed')
                surveillance.suggest_suspension('surveillance_failed')

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, surveillances):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, surveillances):
        pass

    @classmethod
    @Workflow.transition('overdue')
    def _overdue(cls, surveillances):
        for surveillance in surveillances:
            surveillance.suggest_suspension('surveillance_overdue')

    def suggest_suspension(self, reason_category):
        """Propose to the Direktur Sertifikasi to suspend the certificate,
        once for this surveillance"""
        StatusDecision = Pool().get('lsp.certificate.status.decision')
        certificate = self.certificate
        if certificate.state != 'active':
            return None
        with Transaction().set_context(language=company_language()):
            reason = gettext(
                'lsp_sertifikasi.msg_surveillance_suspension_'
                + reason_category.split('_')[-1],
                surveillance=self.rec_name,
                due=self.due_date.strftime('%d/%m/%Y'))
        return StatusDecision.suggest(
            [certificate], 'suspend', reason_category, reason, basis=self)

    # --- daily job

    @classmethod
    def run(cls, date=None):
        "Plan, request and watch the surveillance of the certificates (cron)"
        if date is None:
            date = Pool().get('ir.date').today()
        cls.cancel_ended()
        cls.plan()
        cls.request_due(date)
        cls.mark_overdue(date)

    @classmethod
    def plan(cls):
        """Create the planned rows of the surveillance of the certificates
        not planned yet, in bulk"""
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        Scheme = pool.get('lsp.scheme')
        certificate = Certificate.__table__()
        scheme = Scheme.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*certificate.join(
                scheme, condition=certificate.scheme == scheme.id).select(
                certificate.id, certificate.issue_date,
                certificate.expiry_date, scheme.surveillance_months,
                scheme.surveillance_method,
                where=certificate.state.in_(list(SURVEILLED_STATES))
                & (certificate.surveillance_planned == Literal(False))))
        rows = cursor.fetchall()
        if not rows:
            return []
        to_create = []
        for certificate_id, issue, expiry, months, method in rows:
            for sequence, due in enumerate(surveillance_dates(
                        _as_date(issue), _as_date(expiry), months), 1):
                to_create.append({
                        'certificate': certificate_id,
                        'sequence': sequence,
                        'due_date': due,
                        'method': method,
                        })
        created = cls.create(to_create) if to_create else []
        ids = [r[0] for r in rows]
        for sub in grouped_slice(ids, SLICE):
            cursor.execute(*certificate.update(
                    [certificate.surveillance_planned], [Literal(True)],
                    where=certificate.id.in_(list(sub))))
        return created

    @classmethod
    def request_due(cls, date):
        "Request the planned rows due within REQUEST_DAYS of date"
        ids = cls._search_ids([
                ('state', '=', 'planned'),
                ('due_date', '<=', date + dt.timedelta(days=REQUEST_DAYS)),
                ])
        # in slices: the records of a slice are read together
        surveillances = []
        for sub in grouped_slice(ids, SLICE):
            sub = cls.browse(list(sub))
            cls.request(sub, date=date)
            surveillances.extend(sub)
        return surveillances

    @classmethod
    def _search_ids(cls, domain):
        """Return the ids of domain ordered by due date, without making a
        record of each in one list"""
        query = cls.search(
            domain, order=[('due_date', 'ASC'), ('id', 'ASC')], query=True)
        cursor = Transaction().connection.cursor()
        cursor.execute(*query)
        return [r[0] for r in cursor]

    @classmethod
    def mark_overdue(cls, date):
        """Mark overdue the requested rows not submitted past their due
        date and the grace of their scheme"""
        candidates = cls._search_ids([
                ('state', '=', 'requested'),
                ('due_date', '<', date),
                ])
        overdue = []
        for sub in grouped_slice(candidates, SLICE):
            sub = [s for s in cls.browse(list(sub)) if is_overdue(
                    s.due_date, s.certificate.scheme.surveillance_grace_days,
                    date)]
            if sub:
                cls._overdue(sub)
                overdue.extend(sub)
        return overdue

    @classmethod
    def cancel_ended(cls):
        """Cancel the open rows of the certificates no longer active nor
        suspended; they are not planned any more"""
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        certificate = Certificate.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*certificate.select(
                certificate.id,
                where=~certificate.state.in_(list(SURVEILLED_STATES))
                & (certificate.surveillance_planned == Literal(True))))
        ids = [r[0] for r in cursor.fetchall()]
        if not ids:
            return []
        cancelled = []
        for sub in grouped_slice(ids, SLICE):
            sub = list(sub)
            surveillances = cls.search([
                    ('certificate', 'in', sub),
                    ('state', 'in', ['planned', 'requested', 'overdue']),
                    ])
            if surveillances:
                cls.cancel(surveillances)
                cancelled.extend(surveillances)
            cursor.execute(*certificate.update(
                    [certificate.surveillance_planned], [Literal(False)],
                    where=certificate.id.in_(sub)))
        return cancelled

    @classmethod
    def open_by_certificate(cls, certificates):
        "Return the open surveillance of each certificate id"
        result = defaultdict(list)
        for sub in grouped_slice([int(c) for c in certificates], SLICE):
            for surveillance in cls.search([
                        ('certificate', 'in', list(sub)),
                        ('state', 'in', list(OPEN_STATES)),
                        ]):
                result[surveillance.certificate.id].append(surveillance)
        return result


class SurveillanceReport(Report):
    "The surveillance form of a holder"
    __name__ = 'lsp.surveillance'

    @classmethod
    def convert(cls, report, data, **kwargs):
        "Give the ODT when no converter to PDF is installed"
        from .certificate import converter_available
        if not converter_available():
            return report.template_extension, data
        return super().convert(report, data, **kwargs)
