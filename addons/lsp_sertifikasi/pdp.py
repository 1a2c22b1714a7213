# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Personal data of the candidates as UU PDP (UU 27/2022) asks

The disclosures of NIKs (Pasal 31), the requests of the data subjects
answered within 3 x 24 hours (Pasal 32, 41-44), the retention of the
records (Pasal 42-44) and the notice of breaches within 3 x 24 hours
(Pasal 46)."""
import datetime as dt
import io

from dateutil.relativedelta import relativedelta

from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, Workflow, fields)
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction, without_check_access

from lsp_base.model import DraftLockMixin, WorkflowMixin
from lsp_base.tools import company_language, group_addresses, send_email

from .exceptions import PDPError

#: the time a controller has to answer a request or notify a breach
DUE = dt.timedelta(hours=72)
#: when the handlers are reminded of an open request
ALERT = dt.timedelta(hours=48)

PURPOSES = [
    ('identity_check', "Identity Check"),
    ('bnsp_report', "Report to BNSP"),
    ('data_subject_request', "Request of the Data Subject"),
    ('audit', "Audit"),
    ('legal', "Legal Obligation"),
    ]


def now():
    return dt.datetime.now()


class Disclosure(ModelSQL, ModelView):
    "Who saw or exported the NIK of a candidate, when and why"
    __name__ = 'lsp.pdp.disclosure'
    __string__ = "NIK Disclosure"

    party = fields.Many2One(
        'party.party', "Data Subject", required=True, readonly=True,
        ondelete='CASCADE')
    user = fields.Many2One(
        'res.user', "User", readonly=True, ondelete='RESTRICT')
    date = fields.DateTime("Date", required=True, readonly=True)
    source = fields.Selection([
            ('show_nik', "Show NIK Button"),
            ('export', "Export"),
            ], "Source", required=True, readonly=True)
    purpose = fields.Selection(
        PURPOSES + [('report', "Report or Export")], "Purpose",
        required=True, readonly=True)
    document = fields.Char(
        "Document", readonly=True,
        help="The report or export that contained the NIK.")
    note = fields.Text("Note", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))

    def get_rec_name(self, name):
        return '%s - %s' % (self.party.rec_name, self.date)

    @classmethod
    def record(cls, parties, purpose, note=None, source='show_nik',
            document=None):
        """Record that the user saw the NIK of parties

        Reports and exports run in a read-only transaction (on PostgreSQL
        it refuses any write): the record is then written and committed in
        a transaction of its own, the disclosure having happened."""
        transaction = Transaction()
        if transaction.readonly:
            with transaction.new_transaction():
                cls.record(
                    parties, purpose, note=note, source=source,
                    document=document)
            return
        user = transaction.user or None
        with without_check_access():
            cls.create([{
                        'party': p.id,
                        'user': user,
                        'date': now(),
                        'source': source,
                        'purpose': purpose,
                        'document': document,
                        'note': note,
                        } for p in parties])

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if external:
            raise AccessError(gettext('lsp_sertifikasi.msg_pdp_log_readonly'))


class Request(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    "A request of a data subject about their personal data"
    __name__ = 'lsp.pdp.request'
    __string__ = "Data Subject Request"
    _lock_message = 'lsp_sertifikasi.msg_pdp_request_closed'
    _delete_message = 'lsp_sertifikasi.msg_pdp_request_delete'
    _lock_parameter = 'request'
    _open_states = {'received', 'in_progress'}
    _deletable_states = {'received'}

    _open = {'readonly': ~Eval('state').in_(['received', 'in_progress'])}

    party = fields.Many2One(
        'party.party', "Data Subject", ondelete='RESTRICT', states=_open,
        help="The person the data is about, when registered.")
    requester = fields.Char(
        "Requester", required=True, states=_open,
        help="Who made the request: the data subject or their "
        "representative.")
    contact = fields.Char(
        "Contact", states=_open,
        help="Where to answer: an e-mail address or a telephone number.")
    kind = fields.Selection([
            ('access', "Access to the Data"),
            ('correction', "Correction"),
            ('restriction', "Restriction of Processing"),
            ('erasure', "Erasure"),
            ('withdraw_consent', "Withdrawal of Consent"),
            ], "Kind", required=True, states=_open)
    description = fields.Text("Description", states=_open)
    received_at = fields.DateTime(
        "Received At", required=True, states=_open)
    due_at = fields.DateTime(
        "Due At", readonly=True,
        help="The answer is due 3 x 24 hours after the request is received "
        "(UU PDP Pasal 32, 41).")
    alert_at = fields.DateTime("Reminder At", readonly=True)
    alerted = fields.Boolean("Reminded", readonly=True)
    handled_by = fields.Many2One(
        'res.user', "Handled By", readonly=True, ondelete='RESTRICT')
    result = fields.Text(
        "Result", states={
            'readonly': ~Eval('state').in_(['received', 'in_progress']),
            },
        help="What was done, as told to the requester.")
    refusal_ground = fields.Selection([
            (None, ""),
            ('safety', "Endangers the Security or Health of Others"),
            ('others_data', "Reveals the Personal Data of Others"),
            ('national_interest', "Against the National Interest"),
            ('legal_proceedings', "Needed for Legal Proceedings"),
            ('legal_obligation', "Kept by a Legal Obligation"),
            ], "Refusal Ground", sort=False, states={
            'readonly': ~Eval('state').in_(['received', 'in_progress']),
            },
        help="The ground of a refusal (UU PDP Pasal 33).")
    closed_at = fields.DateTime("Closed At", readonly=True)
    late = fields.Function(
        fields.Boolean(
            "Late", help="Answered, or still open, after its due time."),
        'get_late', searcher='search_late')
    state = fields.Selection([
            ('received', "Received"),
            ('in_progress', "In Progress"),
            ('done', "Done"),
            ('refused', "Refused"),
            ], "State", required=True, readonly=True, sort=False)
    del _open

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('received_at', 'DESC'))
        cls._transitions |= {
            ('received', 'in_progress'),
            ('in_progress', 'done'),
            ('in_progress', 'refused'),
            }
        cls._buttons.update({
                'start': {
                    'invisible': Eval('state') != 'received',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'done': {
                    'invisible': Eval('state') != 'in_progress',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'refuse': {
                    'invisible': Eval('state') != 'in_progress',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'received'

    @classmethod
    def default_received_at(cls):
        return now()

    @classmethod
    def default_alerted(cls):
        return False

    def get_rec_name(self, name):
        return '%s - %s' % (
            self.party.rec_name if self.party else self.requester,
            self.kind_string)

    kind_string = kind.translated('kind')

    def compute_fields(self, field_names=None):
        values = super().compute_fields(field_names=field_names)
        if field_names is None or 'received_at' in field_names:
            if self.received_at:
                due, alert = self.received_at + DUE, self.received_at + ALERT
                if self.due_at != due:
                    values['due_at'] = due
                if self.alert_at != alert:
                    values['alert_at'] = alert
        return values

    def get_late(self, name):
        if not self.due_at:
            return False
        return (self.closed_at or now()) > self.due_at

    @classmethod
    def search_late(cls, name, clause):
        # "closed after its due time" compares two columns: in Python
        _, operator, value = clause
        ids = [r.id for r in cls.search([]) if r.late]
        if (operator == '=') == bool(value):
            return [('id', 'in', ids)]
        return [('id', 'not in', ids)]

    @classmethod
    @ModelView.button
    @Workflow.transition('in_progress')
    def start(cls, requests):
        cls.write(requests, {'handled_by': Transaction().user or None})

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def done(cls, requests):
        for request in requests:
            if not request.result:
                raise PDPError(gettext(
                        'lsp_sertifikasi.msg_pdp_request_result',
                        request=request.rec_name))
        cls.write(requests, {'closed_at': now()})

    @classmethod
    @ModelView.button
    @Workflow.transition('refused')
    def refuse(cls, requests):
        for request in requests:
            if not request.refusal_ground or not request.result:
                raise PDPError(gettext(
                        'lsp_sertifikasi.msg_pdp_request_refusal',
                        request=request.rec_name))
        cls.write(requests, {'closed_at': now()})

    @classmethod
    def send_alerts(cls, at=None):
        """Remind the handlers of the requests still open 48 hours after
        their reception, once (cron)"""
        at = at or now()
        requests = cls.search([
                ('state', 'in', ['received', 'in_progress']),
                ('alert_at', '<=', at),
                ('alerted', '=', False),
                ])
        if not requests:
            return []
        to_addrs = group_addresses('group_direktur_mutu')
        for request in requests:
            if request.handled_by and request.handled_by.email:
                to_addrs.append(request.handled_by.email)
        with Transaction().set_context(language=company_language()):
            Lang = Pool().get('ir.lang')
            lang = Lang.get()
            lines = [gettext(
                    'lsp_sertifikasi.msg_pdp_request_alert_line',
                    request=r.rec_name,
                    due=lang.strftime(r.due_at, '%d/%m/%Y %H:%M'))
                for r in requests]
            send_email(
                sorted(set(to_addrs)),
                gettext('lsp_sertifikasi.msg_pdp_request_alert_subject',
                    count=len(requests)),
                '\n'.join(lines))
        cls.write(requests, {'alerted': True})
        return requests


class AccessExport(Report):
    """Everything the LSP holds about a data subject, for a request of
    access (UU PDP Pasal 32)"""
    __name__ = 'lsp.pdp.request.access_export'

    @classmethod
    def _execute(cls, records, header, data, action):
        import xlsxwriter
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {'in_memory': True})
        bold = book.add_format({'bold': True})
        for request in records:
            if not request.party:
                raise PDPError(gettext(
                        'lsp_sertifikasi.msg_pdp_request_no_party',
                        request=request.rec_name))
            with without_check_access():
                sections = personal_data(request.party)
            for title, rows in sections:
                sheet = book.add_worksheet(title[:31])
                sheet.set_column(0, 0, 30)
                sheet.set_column(1, 8, 22)
                for i, row in enumerate(rows):
                    sheet.write_row(
                        i, 0, [cell_text(v) for v in row],
                        bold if i == 0 else None)
        book.close()
        return 'xlsx', out.getvalue()


def cell_text(value):
    "Return value as the text of a cell"
    if value is None or value is False:
        return ''
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=' ') if isinstance(
            value, dt.datetime) else value.isoformat()
    if hasattr(value, 'rec_name'):
        return value.rec_name
    return str(value)


def personal_data(party):
    """Return the sections (title, rows) of what is held about party: its
    identity and contacts, applications, assessments, certificates and the
    disclosures of its NIK; the first row of each section names the
    columns"""
    pool = Pool()
    Party = pool.get('party.party')
    Application = pool.get('lsp.application')
    Assessment = pool.get('lsp.assessment')
    Certificate = pool.get('lsp.certificate')
    Disclosure = pool.get('lsp.pdp.disclosure')

    def values(record, names):
        "The values of names of record, selections as their labels"
        definitions = record.__class__.fields_get(names)
        row = []
        for name in names:
            value = getattr(record, name)
            if definitions[name]['type'] == 'selection':
                value = dict(definitions[name]['selection']).get(value)
            row.append(value)
        return row

    def labels(Model, names):
        definitions = Model.fields_get(names)
        return [definitions[n]['string'] for n in names]

    identity = ['name', 'nik', 'birth_place', 'birth_date', 'gender',
        'nationality', 'education_level', 'occupation', 'employer']
    sections = [(Party.__names__()['model'],
            [labels(Party, identity), values(party, identity)])]
    contacts = [[m.type_string, m.value] for m in party.contact_mechanisms]
    contacts += [[gettext('lsp_sertifikasi.msg_pdp_address'), a.full_address]
        for a in party.addresses]
    sections.append((gettext('lsp_sertifikasi.msg_pdp_contacts'),
            [['', '']] + contacts))
    for Model, domain, names in [
            (Application, [('candidate', '=', party.id)],
                ['number', 'scheme', 'purpose', 'date', 'state',
                    'decided_date', 'rejection_reason']),
            (Assessment, [('candidate', '=', party.id)],
                ['event', 'assessor', 'recommendation', 'state',
                    'submitted_date']),
            (Certificate, [('holder', '=', party.id)],
                ['number', 'scheme', 'issue_date', 'expiry_date', 'state',
                    'bnsp_registration_number', 'blanko_number']),
            (Disclosure, [('party', '=', party.id)],
                ['date', 'user', 'source', 'purpose', 'document']),
            ]:
        sections.append((Model.__names__()['model'],
                [labels(Model, names)]
                + [values(r, names) for r in Model.search(domain)]))
    return sections


class Incident(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    "A breach of personal data, notified within 3 x 24 hours"
    __name__ = 'lsp.pdp.incident'
    __string__ = "Personal Data Breach"
    _lock_message = 'lsp_sertifikasi.msg_pdp_incident_closed'
    _delete_message = 'lsp_sertifikasi.msg_pdp_incident_delete'
    _lock_parameter = 'incident'
    _open_states = {'open', 'notified'}
    _deletable_states = {'open'}

    _open = {'readonly': Eval('state') == 'closed'}

    title = fields.Char("Title", required=True, states=_open)
    detected_at = fields.DateTime(
        "Detected At", required=True, states=_open)
    due_at = fields.DateTime(
        "Notice Due At", readonly=True,
        help="The data subjects and the agency are notified within "
        "3 x 24 hours of the detection (UU PDP Pasal 46).")
    categories = fields.MultiSelection([
            ('identity', "Identity (Name, NIK, Birth Data)"),
            ('contact', "Contact Details"),
            ('assessment', "Assessment Records"),
            ('certificate', "Certificates"),
            ('financial', "Financial Data"),
            ('other', "Other"),
            ], "Data Concerned", required=True, states=_open)
    parties = fields.Many2Many(
        'lsp.pdp.incident-party.party', 'incident', 'party',
        "Data Subjects Affected", states=_open)
    description = fields.Text(
        "What Happened", required=True, states=_open,
        help="When and how the personal data was disclosed.")
    measures = fields.Text(
        "Measures", states=_open,
        help="What the LSP does about it and what the data subjects can "
        "do.")
    subjects_notified_at = fields.DateTime(
        "Data Subjects Notified At", readonly=True)
    agency_notified_at = fields.DateTime(
        "Agency Notified At", readonly=True)
    late = fields.Function(
        fields.Boolean("Late"), 'get_late')
    state = fields.Selection([
            ('open', "Open"),
            ('notified', "Notified"),
            ('closed', "Closed"),
            ], "State", required=True, readonly=True, sort=False)
    del _open

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('detected_at', 'DESC'))
        cls._transitions |= {
            ('open', 'notified'),
            ('notified', 'closed'),
            }
        cls._buttons.update({
                'notify_subjects': {
                    'invisible': (Eval('state') == 'closed')
                    | Eval('subjects_notified_at'),
                    'icon': 'tryton-email',
                    'depends': ['state', 'subjects_notified_at'],
                    },
                'notify_agency': {
                    'invisible': (Eval('state') == 'closed')
                    | Eval('agency_notified_at'),
                    'icon': 'tryton-ok',
                    'depends': ['state', 'agency_notified_at'],
                    },
                'close': {
                    'invisible': Eval('state') != 'notified',
                    'icon': 'tryton-close',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'open'

    @classmethod
    def default_detected_at(cls):
        return now()

    def compute_fields(self, field_names=None):
        values = super().compute_fields(field_names=field_names)
        if field_names is None or 'detected_at' in field_names:
            if self.detected_at and self.due_at != self.detected_at + DUE:
                values['due_at'] = self.detected_at + DUE
        return values

    def get_late(self, name):
        notified = [d for d in [
                self.subjects_notified_at, self.agency_notified_at] if d]
        if not self.due_at:
            return False
        if len(notified) < 2:
            return now() > self.due_at
        return max(notified) > self.due_at

    @classmethod
    @ModelView.button
    def notify_subjects(cls, incidents):
        """Tell each data subject with an e-mail address which data, when
        and how, and what is done (UU PDP Pasal 46)"""
        for incident in incidents:
            if not incident.measures:
                raise PDPError(gettext(
                        'lsp_sertifikasi.msg_pdp_incident_measures',
                        incident=incident.rec_name))
            with Transaction().set_context(language=company_language()):
                Lang = Pool().get('ir.lang')
                lang = Lang.get()
                categories = dict(cls.fields_get(
                        ['categories'])['categories']['selection'])
                for party in incident.parties:
                    if not party.email:
                        continue
                    send_email([party.email], gettext(
                            'lsp_sertifikasi.msg_pdp_breach_subject'),
                        gettext('lsp_sertifikasi.msg_pdp_breach_body',
                            name=party.name,
                            data=', '.join(
                                categories[c] for c in incident.categories),
                            detected=lang.strftime(
                                incident.detected_at, '%d/%m/%Y %H:%M'),
                            description=incident.description,
                            measures=incident.measures))
        cls.write(incidents, {'subjects_notified_at': now()})
        cls.mark_notified(incidents)

    @classmethod
    @ModelView.button
    def notify_agency(cls, incidents):
        "Record that the agency was notified of the breach"
        cls.write(incidents, {'agency_notified_at': now()})
        cls.mark_notified(incidents)

    @classmethod
    def mark_notified(cls, incidents):
        cls.notified([i for i in incidents
                if i.subjects_notified_at and i.agency_notified_at])

    @classmethod
    @Workflow.transition('notified')
    def notified(cls, incidents):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, incidents):
        pass


class IncidentParty(ModelSQL):
    __name__ = 'lsp.pdp.incident-party.party'
    __string__ = "Personal Data Breach - Data Subject"

    incident = fields.Many2One(
        'lsp.pdp.incident', "Incident", required=True, ondelete='CASCADE')
    party = fields.Many2One(
        'party.party', "Party", required=True, ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('incident')


class RetentionRule(DeactivableMixin, ModelSQL, ModelView):
    "How long the records of the candidates are kept"
    __name__ = 'lsp.pdp.retention.rule'
    __string__ = "Retention Rule"

    kind = fields.Selection([
            ('application', "Applications Not Leading to a Certificate"),
            ('certificate', "Dossier of a Certificate That Ended"),
            ], "Records", required=True)
    years = fields.Integer(
        "Years", required=True, domain=[('years', '>=', 0)],
        help="How many years the records are kept after their last "
        "activity: the decision on an application, the expiry or the "
        "withdrawal of a certificate.")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('kind_unique', Unique(t, t.kind),
                'lsp_sertifikasi.msg_pdp_retention_unique'),
            ]

    def get_rec_name(self, name):
        return '%s (%s)' % (self.kind_string, self.years)

    kind_string = kind.translated('kind')

    @classmethod
    def years_of(cls):
        "Return the years kept per kind of record, 0 when no rule"
        return {r.kind: r.years for r in cls.search([])}

    @classmethod
    def retention_end(cls, party, years=None):
        """Return the date until which the records of party are kept, or
        None while it has an active or suspended certificate or an open
        application"""
        pool = Pool()
        Application = pool.get('lsp.application')
        Certificate = pool.get('lsp.certificate')
        if years is None:
            years = cls.years_of()
        ends = []
        for certificate in Certificate.search([('holder', '=', party.id)]):
            if certificate.state in {'active', 'suspended'}:
                return None
            end = certificate.withdrawn_date or certificate.expiry_date
            ends.append(end + relativedelta(
                    years=years.get('certificate', 0)))
        for application in Application.search(
                [('candidate', '=', party.id)]):
            if application.state in {'draft', 'submitted'}:
                return None
            if application.state == 'accepted' and not any(
                    a.state == 'submitted' for a in application.assessments):
                return None
            date = application.decided_date or application.date
            ends.append(date + relativedelta(
                    years=years.get('application', 0)))
        return max(ends) if ends else dt.date.min

    @classmethod
    def parties_past_retention(cls, date=None):
        "Return the candidates whose records are past their retention"
        pool = Pool()
        Party = pool.get('party.party')
        Date = pool.get('ir.date')
        date = date or Date.today()
        years = cls.years_of()
        parties = []
        for party in Party.search([('is_candidate', '=', True)]):
            end = cls.retention_end(party, years)
            if end is not None and end < date:
                parties.append(party)
        return parties

    @classmethod
    def check_erase(cls, party):
        "Refuse erasing a party whose records are still kept"
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        Lang = pool.get('ir.lang')
        Date = pool.get('ir.date')
        if Certificate.search([
                    ('holder', '=', party.id),
                    ('state', 'in', ['active', 'suspended']),
                    ], limit=1):
            raise PDPError(gettext(
                    'lsp_sertifikasi.msg_pdp_erase_certificate',
                    party=party.rec_name))
        end = cls.retention_end(party)
        if end is None or end >= Date.today():
            raise PDPError(gettext(
                    'lsp_sertifikasi.msg_pdp_erase_retention',
                    party=party.rec_name,
                    date=Lang.get().strftime(end) if end else '-'))

    @classmethod
    def send_review(cls, date=None):
        """Send the Direktur Manajemen Mutu the list of the candidates whose
        records are past their retention, to approve their erasure (cron)"""
        parties = cls.parties_past_retention(date)
        if not parties:
            return parties
        with Transaction().set_context(language=company_language()):
            send_email(
                group_addresses('group_direktur_mutu'),
                gettext('lsp_sertifikasi.msg_pdp_retention_subject',
                    count=len(parties)),
                gettext('lsp_sertifikasi.msg_pdp_retention_body')
                + '\n\n' + '\n'.join('- ' + p.rec_name for p in parties))
        return parties
