# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The request of BNSP blanko forms and the blanko serials

The Direktur Sertifikasi gathers approved certification decisions in a
request; *prepare* numbers its asesi (K and BK, 1..n) and registers the
numbered request letter in the outgoing register. The pack (daftar asesi
workbook on BNSP's template, the SK and the berita acara) goes to BNSP,
whose answer (registration and blanko numbers per NIK or line) is imported
onto the certificates. The blanko received are kept one by one until
printed, spoiled or returned (AFTERCARE_AND_QUALITY.md §5.8).
"""
import datetime as dt
import io
import re
import zipfile

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Unique, Workflow, fields, sequence_ordered)
from trytond.model.exceptions import AccessError, ValidationError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction, check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from lsp_base.model import (
    DraftLockMixin, LockErrorMixin, NumberedMixin, WorkflowMixin,
    client_call)
from lsp_base.tools import rec_name_domain

from .assessment import RESULTS
from .exceptions import BlankoError
from .party import readable_nik

#: the code of the position whose unit issues the request letter
ISSUING_POSITION = 'DSR'
#: the columns of BNSP's answer workbook, from the first
ANSWER_COLUMNS = ['line', 'nik', 'registration', 'blanko']
_SERIAL = re.compile(r'^(.*?)(\d+)$')


def parse_code_map(text):
    """Return the code table of text: one "value=code" a line

    Blank lines and lines without "=" are ignored; spaces around the value
    and the code are dropped."""
    result = {}
    for line in (text or '').splitlines():
        if '=' not in line:
            continue
        value, code = line.split('=', 1)
        result[value.strip()] = code.strip()
    return result


def serial_range(first, last):
    """Return the serials from first to last, both included

    A serial is a prefix followed by a number; both ends have the same
    prefix and the numbers keep the width of first. None when the range is
    not one."""
    match_first, match_last = _SERIAL.match(first or ''), _SERIAL.match(
        last or '')
    if not match_first or not match_last:
        return None
    prefix, start = match_first.groups()
    last_prefix, end = match_last.groups()
    if prefix != last_prefix or int(end) < int(start):
        return None
    width = len(start)
    return ['%s%0*d' % (prefix, width, n)
        for n in range(int(start), int(end) + 1)]


def cell_text(value):
    "Return the text of a cell of a workbook, None when empty"
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_answer_rows(rows):
    """Return the rows of BNSP's answer as dictionaries

    rows are the values of the rows after the header, each starting with the
    line number, the NIK, the registration number and the blanko number.
    Empty rows are skipped. Each dictionary has the row number (the header
    being row 1) and the keys of ANSWER_COLUMNS. A bad cell raises
    ValueError(row, column, reason) with the column letter."""
    result = []
    for row_number, row in enumerate(rows, 2):
        values = [cell_text(v) for v in list(row)[:len(ANSWER_COLUMNS)]]
        values += [None] * (len(ANSWER_COLUMNS) - len(values))
        if not any(values):
            continue
        line, nik, registration, blanko = values
        if line is not None:
            if not line.isdigit():
                raise ValueError(row_number, 'A', 'line')
            line = int(line)
        if nik is not None and not (nik.isdigit() and len(nik) == 16):
            raise ValueError(row_number, 'B', 'nik')
        if line is None and nik is None:
            raise ValueError(row_number, 'A', 'identity')
        if registration is None:
            raise ValueError(row_number, 'C', 'empty')
        if blanko is None:
            raise ValueError(row_number, 'D', 'empty')
        result.append({
                'row': row_number,
                'line': line,
                'nik': nik,
                'registration': registration,
                'blanko': blanko,
                })
    return result


def format_value(value, code_map=None):
    "Return the text of value for the daftar asesi, mapped by code_map"
    if value is None or value is False:
        text = ''
    elif isinstance(value, dt.date):
        text = value.strftime('%d-%m-%Y')
    elif isinstance(value, ModelSQL):
        text = value.rec_name
    else:
        text = str(value)
    if code_map:
        text = code_map.get(text, text)
    return text


def path_value(record, path):
    "Return the value of the dotted field path on record, None on the way"
    value = record
    for name in path.split('.'):
        if value is None:
            return None
        value = getattr(value, name, None)
    return value


def readable_path(Model, path):
    """Tell whether the user may read every field of path from Model: the
    protected data of the asesi stay empty for the others"""
    pool = Pool()
    FieldAccess = pool.get('ir.model.field.access')
    with check_access():
        for name in path.split('.'):
            field = Model._fields.get(name)
            if field is None or not FieldAccess.check(
                    Model.__name__, [name], 'read', raise_exception=False):
                return False
            target = getattr(field, 'model_name', None)
            if target:
                Model = pool.get(target)
    return True


def check_path(Model, path):
    "Tell whether path is a chain of fields starting from Model"
    pool = Pool()
    names = path.split('.')
    for i, name in enumerate(names):
        field = Model._fields.get(name)
        if field is None:
            return False
        if i < len(names) - 1:
            target = getattr(field, 'model_name', None)
            if not target:
                return False
            Model = pool.get(target)
    return True


class TemplateColumn(sequence_ordered(), ModelSQL, ModelView):
    "A column of the daftar asesi after No., name and NIK"
    __name__ = 'lsp.bnsp.template.column'
    __string__ = "BNSP Template Column"

    header = fields.Char(
        "Header", required=True,
        help="The heading of the column as BNSP's template writes it.")
    source = fields.Char(
        "Source", required=True, strip=True,
        help="The field path from the asesi line of the request, such as "
        "candidate.birth_date or assessment.event.scheme.bnsp_number.")
    code_map = fields.Text(
        "Code Table",
        help="One \"value=code\" a line translating the values into BNSP's "
        "codes, such as male=L; values not listed are written as they are.")
    to_confirm = fields.Boolean(
        "To Confirm",
        help="The column is not yet confirmed against BNSP's template.")
    active = fields.Boolean("Active")

    @classmethod
    def default_active(cls):
        return True

    @classmethod
    def validate_fields(cls, columns, field_names):
        pool = Pool()
        Line = pool.get('lsp.bnsp.blanko.request.line')
        super().validate_fields(columns, field_names)
        if 'source' in field_names:
            for column in columns:
                if not check_path(Line, column.source):
                    raise ValidationError(gettext(
                            'lsp_sertifikasi.msg_bnsp_column_source',
                            source=column.source, header=column.header))

    def value(self, line, readable=True):
        """Return the text of the column for the request line, empty when
        the user may not read it"""
        if not readable:
            return ''
        return format_value(
            path_value(line, self.source), parse_code_map(self.code_map))


class BlankoRequest(
        DraftLockMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    "BNSP Blanko Request"
    __name__ = 'lsp.bnsp.blanko.request'
    __string__ = "BNSP Blanko Request"
    _rec_name = 'number'
    _number_sequence_field = 'bnsp_blanko_request_sequence'
    _lock_message = 'lsp_sertifikasi.msg_blanko_request_locked'
    _delete_message = 'lsp_sertifikasi.msg_blanko_request_delete'
    _lock_parameter = 'request'

    _states = {'readonly': Eval('state') != 'draft'}
    _receiving = {'readonly': Eval('state') != 'submitted'}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT',
        states=_states)
    number = fields.Char("Number", readonly=True)
    date = fields.Date("Date", required=True, states=_states)
    recipient = fields.Many2One(
        'party.party', "Recipient", required=True, ondelete='RESTRICT',
        states=_states, context={'company': Eval('company', -1)},
        depends={'company'},
        help="BNSP, to whom the request letter is addressed.")
    decisions = fields.Many2Many(
        'lsp.bnsp.blanko.request-lsp.certification.decision', 'request',
        'decision', "Certification Decisions", states=_states,
        domain=[('state', '=', 'approved')],
        help="The approved decisions whose asesi the request lists.")
    letter = fields.Many2One(
        'lsp.letter', "Request Letter", readonly=True, ondelete='RESTRICT',
        help="The numbered outgoing letter registered on prepare.")
    lines = fields.One2Many(
        'lsp.bnsp.blanko.request.line', 'request', "Asesi", readonly=True,
        help="Every asesi of the decisions, K and BK, numbered on prepare.")
    asesi_count = fields.Function(
        fields.Integer("Asesi"), 'get_counts')
    expected_count = fields.Function(
        fields.Integer(
            "Blanko Expected",
            help="The number of competent (K) asesi."),
        'get_counts')
    received_count = fields.Integer(
        "Blanko Received", states=_receiving,
        domain=['OR',
            ('received_count', '=', None),
            ('received_count', '>', 0),
            ])
    serial_first = fields.Char(
        "First Serial", strip=True, states=_receiving,
        help="The serial of the first blanko received, such as BNSP0001201.")
    serial_last = fields.Char(
        "Last Serial", strip=True, states=_receiving)
    blankos = fields.One2Many(
        'lsp.bnsp.blanko', 'request', "Blanko", readonly=True)
    notes = fields.Text("Notes")
    prepared_by = fields.Many2One('res.user', "Prepared By", readonly=True)
    prepared_on = fields.Date("Prepared On", readonly=True)
    submitted_on = fields.Date("Submitted On", readonly=True)
    answer_imported_on = fields.Date(
        "Answer Imported On", readonly=True,
        help="When BNSP's registration and blanko numbers were imported.")
    received_on = fields.Date("Received On", readonly=True)
    closed_on = fields.Date("Closed On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('prepared', "Prepared"),
            ('submitted', "Submitted"),
            ('received', "Received"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    del _states, _receiving

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))
        cls._check_modify_exclude = {
            'notes', 'received_count', 'serial_first', 'serial_last'}
        cls._transitions |= {
            ('draft', 'prepared'),
            ('prepared', 'submitted'),
            ('submitted', 'received'),
            ('received', 'closed'),
            ('draft', 'cancelled'),
            ('prepared', 'cancelled'),
            ('submitted', 'cancelled'),
            }
        cls._buttons.update({
                'prepare': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'prepared',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'receive': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') != 'received',
                    'icon': 'tryton-archive',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(
                        ['draft', 'prepared', 'submitted']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'import_answer': {
                    'invisible': ~Eval('state').in_(
                        ['prepared', 'submitted', 'received']),
                    'icon': 'tryton-import',
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
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def get_counts(cls, requests, names):
        result = {n: {r.id: 0 for r in requests} for n in names}
        for request in requests:
            if 'asesi_count' in names:
                result['asesi_count'][request.id] = len(request.lines)
            if 'expected_count' in names:
                result['expected_count'][request.id] = len(
                    [l for l in request.lines if l.result == 'k'])
        return result

    def get_rec_name(self, name):
        return self.number or '(%s)' % self.id

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'letter.rec_name'])

    @classmethod
    def copy(cls, requests, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('lines')
        default.setdefault('blankos')
        default.setdefault('received_count')
        default.setdefault('serial_first')
        default.setdefault('serial_last')
        return super().copy(requests, default=default)

    @classmethod
    def check_modification(cls, mode, requests, values=None, external=False):
        super().check_modification(
            mode, requests, values=values, external=external)
        if mode == 'write' and values.keys() & {
                'received_count', 'serial_first', 'serial_last'}:
            for request in requests:
                if request.state != 'submitted':
                    raise cls.lock_error(request)

    def _error(self, message, **values):
        return BlankoError(gettext(
                'lsp_sertifikasi.' + message, request=self.rec_name,
                **values))

    @property
    def k_lines(self):
        "The lines of the competent asesi, in their order"
        return [l for l in self.lines if l.result == 'k']

    @classmethod
    @ModelView.button
    @Workflow.transition('prepared')
    def prepare(cls, requests):
        "Number the asesi of the decisions and register the request letter"
        pool = Pool()
        Date = pool.get('ir.date')
        Line = pool.get('lsp.bnsp.blanko.request.line')
        today = Date.today()
        to_create = []
        for request in requests:
            request.check_decisions()
            sequence = 1
            for decision in sorted(
                    request.decisions, key=lambda d: (d.pleno_date, d.id)):
                for decision_line in sorted(
                        decision.lines, key=lambda l: l.id):
                    assessment = decision_line.assessment
                    to_create.append({
                            'request': request.id,
                            'sequence': sequence,
                            'decision_line': decision_line.id,
                            'assessment': assessment.id,
                            'candidate': assessment.candidate.id,
                            'result': decision_line.result,
                            })
                    sequence += 1
        Line.create(to_create)
        for request in requests:
            request.letter = request.create_letter()
            request.prepared_by = Transaction().user
            request.prepared_on = today
        cls.save(requests)

    def check_decisions(self):
        "Check the decisions may be requested blanko for"
        Request = Pool().get('lsp.bnsp.blanko.request')
        if not self.decisions:
            raise self._error('msg_blanko_request_no_decision')
        for decision in self.decisions:
            if decision.state != 'approved':
                raise self._error(
                    'msg_blanko_request_decision_not_approved',
                    decision=decision.rec_name)
            others = Request.search([
                    ('id', '!=', self.id),
                    ('decisions', '=', decision.id),
                    ('state', 'not in', ['draft', 'cancelled']),
                    ])
            if others:
                raise self._error(
                    'msg_blanko_request_decision_requested',
                    decision=decision.rec_name, other=others[0].rec_name)

    def create_letter(self):
        "Create and register the numbered request letter"
        pool = Pool()
        Letter = pool.get('lsp.letter')
        Position = pool.get('lsp.position')
        positions = Position.search([('code', '=', ISSUING_POSITION)], limit=1)
        if not positions:
            raise self._error('msg_blanko_request_no_unit',
                code=ISSUING_POSITION)
        letter, = Letter.create([{
                    'direction': 'outgoing',
                    'date': self.date,
                    'recipient': self.recipient.id,
                    'issuing_unit': positions[0].id,
                    'subject': gettext(
                        'lsp_sertifikasi.msg_blanko_request_letter_subject',
                        count=len(self.k_lines)),
                    'summary': ', '.join(
                        d.rec_name for d in self.decisions),
                    }])
        Letter.register([letter])
        return letter

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, requests):
        Date = Pool().get('ir.date')
        cls.write(requests, {'submitted_on': Date.today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('received')
    def receive(cls, requests):
        "Create the blanko of the serial range received from BNSP"
        pool = Pool()
        Blanko = pool.get('lsp.bnsp.blanko')
        Date = pool.get('ir.date')
        to_create = []
        for request in requests:
            if not request.received_count:
                raise request._error('msg_blanko_request_no_count')
            serials = serial_range(request.serial_first, request.serial_last)
            if serials is None:
                raise request._error('msg_blanko_request_bad_range',
                    first=request.serial_first or '',
                    last=request.serial_last or '')
            if len(serials) != request.received_count:
                raise request._error('msg_blanko_request_range_count',
                    count=request.received_count, serials=len(serials))
            existing = Blanko.search([('serial', 'in', serials)], limit=1)
            if existing:
                raise request._error('msg_blanko_serial_exists',
                    serial=existing[0].serial)
            to_create.extend({
                    'request': request.id,
                    'serial': s,
                    } for s in serials)
        Blanko.create(to_create)
        cls.write(requests, {'received_on': Date.today()})
        Blanko.link_certificates(Blanko.search([
                    ('request', 'in', [r.id for r in requests]),
                    ]))

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, requests):
        Date = Pool().get('ir.date')
        cls.write(requests, {'closed_on': Date.today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, requests):
        pass

    @classmethod
    @ModelView.button_action(
        'lsp_sertifikasi.wizard_bnsp_blanko_request_import')
    def import_answer(cls, requests):
        pass

    def import_rows(self, rows):
        """Write BNSP's registration and blanko numbers of rows (from
        read_answer_rows) on the certificates of the competent asesi

        Every row is checked before anything is written."""
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        Blanko = pool.get('lsp.bnsp.blanko')
        Date = pool.get('ir.date')
        k_lines = self.k_lines
        if len(rows) != len(k_lines):
            raise self._error('msg_blanko_import_count',
                rows=len(rows), count=len(k_lines))
        by_number = {l.sequence: l for l in self.lines}
        by_nik = {}
        for line in self.lines:
            nik = line.full_nik
            if nik:
                by_nik[nik] = line
        seen_lines, seen_blanko, seen_registration = set(), {}, {}
        to_write = []
        for row in rows:
            if row['nik'] is not None:
                line = by_nik.get(row['nik'])
                if line is None:
                    raise self._error('msg_blanko_import_unknown_nik',
                        row=row['row'], column='B', nik=row['nik'])
                if (row['line'] is not None
                        and row['line'] != line.sequence):
                    raise self._error('msg_blanko_import_line_nik',
                        row=row['row'], column='A', line=row['line'])
            else:
                line = by_number.get(row['line'])
                if line is None:
                    raise self._error('msg_blanko_import_unknown_line',
                        row=row['row'], column='A', line=row['line'])
            name = line.candidate.rec_name
            if line.result != 'k' or not line.certificate:
                raise self._error('msg_blanko_import_no_certificate',
                    row=row['row'], column='B' if row['nik'] else 'A',
                    candidate=name)
            if line.id in seen_lines:
                raise self._error('msg_blanko_import_line_twice',
                    row=row['row'], column='B' if row['nik'] else 'A',
                    candidate=name)
            seen_lines.add(line.id)
            for key, column, seen, field in [
                    ('blanko', 'D', seen_blanko, 'blanko_number'),
                    ('registration', 'C', seen_registration,
                        'bnsp_registration_number'),
                    ]:
                value = row[key]
                if value in seen:
                    raise self._error('msg_blanko_import_duplicate',
                        row=row['row'], column=column, value=value,
                        other=seen[value])
                seen[value] = row['row']
                used = Certificate.search([
                        (field, '=', value),
                        ('id', '!=', line.certificate.id),
                        ], limit=1)
                if used:
                    raise self._error('msg_blanko_import_used',
                        row=row['row'], column=column, value=value,
                        certificate=used[0].rec_name)
            if line.certificate.state != 'active':
                raise self._error('msg_blanko_import_not_active',
                    row=row['row'], column='B' if row['nik'] else 'A',
                    certificate=line.certificate.rec_name)
            to_write.extend(([line.certificate], {
                        'bnsp_registration_number': row['registration'],
                        'blanko_number': row['blanko'],
                        }))
        Certificate.write(*to_write)
        self.__class__.write([self], {'answer_imported_on': Date.today()})
        Blanko.link_certificates(list(self.blankos))


class BlankoRequestDecision(ModelSQL):
    __name__ = 'lsp.bnsp.blanko.request-lsp.certification.decision'
    __string__ = "BNSP Blanko Request - Certification Decision"

    request = fields.Many2One(
        'lsp.bnsp.blanko.request', "Request", required=True,
        ondelete='CASCADE')
    decision = fields.Many2One(
        'lsp.certification.decision', "Decision", required=True,
        ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('request')

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        pool = Pool()
        Request = pool.get('lsp.bnsp.blanko.request')
        super().check_modification(
            mode, records, values=values, external=external)
        requests = {r.request for r in records}
        if values and values.get('request'):
            requests.add(Request(values['request']))
        for request in requests:
            if request.state != 'draft':
                raise Request.lock_error(request)


class BlankoRequestLine(ModelSQL, ModelView):
    "An asesi of a BNSP blanko request, K or BK, numbered"
    __name__ = 'lsp.bnsp.blanko.request.line'
    __string__ = "BNSP Blanko Request Asesi"

    request = fields.Many2One(
        'lsp.bnsp.blanko.request', "Request", required=True, readonly=True,
        ondelete='CASCADE')
    sequence = fields.Integer(
        "No.", required=True, readonly=True,
        help="The number of the asesi in the daftar asesi (nomor urut).")
    decision_line = fields.Many2One(
        'lsp.certification.decision.line', "Decision", required=True,
        readonly=True, ondelete='RESTRICT')
    assessment = fields.Many2One(
        'lsp.assessment', "Assessment", required=True, readonly=True,
        ondelete='RESTRICT')
    candidate = fields.Many2One(
        'party.party', "Asesi", required=True, readonly=True,
        ondelete='RESTRICT')
    nik = fields.Function(fields.Char("NIK"), 'get_nik')
    result = fields.Selection(
        [r for r in RESULTS if r[0]], "K/BK", required=True, readonly=True)
    certificate = fields.Function(
        fields.Many2One('lsp.certificate', "Certificate"),
        'get_certificate')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('request')
        cls._order.insert(0, ('request', 'DESC'))
        cls._order.insert(1, ('sequence', 'ASC'))

    def get_nik(self, name):
        return readable_nik(self.candidate)

    @property
    def full_nik(self):
        "The whole NIK of the asesi, for the server's own use"
        return self.candidate.nik

    def get_certificate(self, name):
        certificate = self.decision_line.certificate
        return certificate.id if certificate else None

    def get_rec_name(self, name):
        return '%s - %s. %s' % (
            self.request.rec_name, self.sequence, self.candidate.rec_name)

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if external:
            raise AccessError(gettext(
                    'lsp_sertifikasi.msg_blanko_request_line_readonly'))


class BlankoRequestImportStart(ModelView):
    __name__ = 'lsp.bnsp.blanko.request.import.start'
    __string__ = "Import BNSP Answer"

    file = fields.Binary(
        "File", required=True, filename='filename',
        help="BNSP's workbook: from row 2, column A the No. of the asesi, "
        "B the NIK, C the registration number, D the blanko number.")
    filename = fields.Char("File Name")


class BlankoRequestImport(Wizard):
    "Import the registration and blanko numbers given by BNSP"
    __name__ = 'lsp.bnsp.blanko.request.import'
    __string__ = "Import BNSP Answer"

    start = StateView(
        'lsp.bnsp.blanko.request.import.start',
        'lsp_sertifikasi.bnsp_blanko_request_import_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Import", 'import_', 'tryton-ok', default=True),
            ])
    import_ = StateTransition()

    def transition_import_(self):
        request = self.record
        if request.state not in {'prepared', 'submitted', 'received'}:
            raise request._error('msg_blanko_import_state')
        rows = workbook_rows(self.start.file, request)
        try:
            rows = read_answer_rows(rows)
        except ValueError as error:
            row, column, reason = error.args
            raise request._error('msg_blanko_import_bad_cell',
                row=row, column=column,
                reason=gettext('lsp_sertifikasi.msg_blanko_import_cell_'
                    + reason))
        request.import_rows(rows)
        return 'end'


def workbook_rows(data, request):
    "Return the values of the rows after the header of the first sheet"
    import openpyxl
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(bytes(data)), read_only=True, data_only=True)
    except Exception:
        raise request._error('msg_blanko_import_not_xlsx')
    try:
        sheet = book.worksheets[0]
        return [tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    finally:
        book.close()


class Blanko(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    "A blanko form received from BNSP, accounted for until used"
    __name__ = 'lsp.bnsp.blanko'
    __string__ = "BNSP Blanko"
    _rec_name = 'serial'
    _lock_message = 'lsp_sertifikasi.msg_blanko_locked'
    _lock_parameter = 'blanko'

    request = fields.Many2One(
        'lsp.bnsp.blanko.request', "Request", required=True, readonly=True,
        ondelete='RESTRICT')
    serial = fields.Char("Serial", required=True, readonly=True)
    certificate = fields.Many2One(
        'lsp.certificate', "Certificate", ondelete='RESTRICT',
        states={'readonly': Eval('state') != 'received'},
        domain=[('state', '=', 'active')],
        help="The certificate printed on the blanko.")
    spoil_reason = fields.Text(
        "Reason Spoiled",
        states={
            'readonly': ~Eval('state').in_(['received', 'printed']),
            },
        help="Why the blanko is spoiled, such as a misprint; required to "
        "mark it spoiled.")
    printed_by = fields.Many2One('res.user', "Printed By", readonly=True)
    printed_on = fields.Date("Printed On", readonly=True)
    spoiled_on = fields.Date("Spoiled On", readonly=True)
    returned_on = fields.Date("Returned On", readonly=True)
    state = fields.Selection([
            ('received', "Received"),
            ('printed', "Printed"),
            ('spoiled', "Spoiled"),
            ('returned', "Returned"),
            ], "State", required=True, readonly=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('serial_unique', Unique(t, t.serial),
                'lsp_sertifikasi.msg_blanko_serial_unique'),
            ]
        cls._order.insert(0, ('serial', 'ASC'))
        cls._transitions |= {
            ('received', 'printed'),
            ('received', 'spoiled'),
            ('printed', 'spoiled'),
            ('received', 'returned'),
            }
        cls._buttons.update({
                'print_certificate': {
                    'invisible': Eval('state') != 'received',
                    'icon': 'tryton-print',
                    'depends': ['state'],
                    },
                'spoil': {
                    'invisible': ~Eval('state').in_(['received', 'printed']),
                    'icon': 'tryton-delete',
                    'depends': ['state'],
                    },
                'return_': {
                    'invisible': Eval('state') != 'received',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'received'

    @classmethod
    def create(cls, vlist):
        # refused before the values are validated, naming a workflow field
        # given
        if client_call():
            for values in vlist:
                cls.check_workflow_values(values)
            raise AccessError(gettext('lsp_sertifikasi.msg_blanko_workflow'))
        return super().create(vlist)

    @classmethod
    def check_modification(cls, mode, blankos, values=None, external=False):
        super().check_modification(
            mode, blankos, values=values, external=external)
        if mode in {'create', 'delete'} and external:
            raise AccessError(gettext('lsp_sertifikasi.msg_blanko_workflow'))
        if mode == 'write':
            for blanko in blankos:
                if 'certificate' in values and blanko.state != 'received':
                    raise cls.lock_error(blanko)
                if 'spoil_reason' in values and blanko.state not in {
                        'received', 'printed'}:
                    raise cls.lock_error(blanko)

    @classmethod
    def link_certificates(cls, blankos):
        """Link the received blanko to the certificate that BNSP's answer
        gave their serial as blanko number"""
        Certificate = Pool().get('lsp.certificate')
        blankos = [b for b in blankos
            if b.state == 'received' and not b.certificate]
        if not blankos:
            return
        certificates = {c.blanko_number: c for c in Certificate.search([
                    ('blanko_number', 'in', [b.serial for b in blankos]),
                    ])}
        to_write = []
        for blanko in blankos:
            certificate = certificates.get(blanko.serial)
            if certificate:
                to_write.extend(([blanko], {'certificate': certificate.id}))
        if to_write:
            cls.write(*to_write)

    def _error(self, message, **values):
        return BlankoError(gettext(
                'lsp_sertifikasi.' + message, blanko=self.rec_name, **values))

    @classmethod
    @ModelView.button
    @Workflow.transition('printed')
    def print_certificate(cls, blankos):
        "Mark the blanko printed with its certificate"
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        Date = pool.get('ir.date')
        for blanko in blankos:
            certificate = blanko.certificate
            if not certificate:
                raise blanko._error('msg_blanko_no_certificate')
            if certificate.state != 'active':
                raise blanko._error('msg_blanko_certificate_not_active',
                    certificate=certificate.rec_name)
            if (certificate.blanko_number
                    and certificate.blanko_number != blanko.serial):
                raise blanko._error('msg_blanko_other_number',
                    certificate=certificate.rec_name,
                    number=certificate.blanko_number)
            printed = cls.search([
                    ('certificate', '=', certificate.id),
                    ('state', '=', 'printed'),
                    ('id', '!=', blanko.id),
                    ], limit=1)
            if printed:
                raise blanko._error('msg_blanko_certificate_printed',
                    certificate=certificate.rec_name,
                    other=printed[0].rec_name)
            if not certificate.blanko_number:
                Certificate.write([certificate], {
                        'blanko_number': blanko.serial})
        cls.write(blankos, {
                'printed_by': Transaction().user,
                'printed_on': Date.today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('spoiled')
    def spoil(cls, blankos):
        Date = Pool().get('ir.date')
        for blanko in blankos:
            if not (blanko.spoil_reason or '').strip():
                raise blanko._error('msg_blanko_spoil_reason')
        cls.write(blankos, {'spoiled_on': Date.today()})

    @classmethod
    @ModelView.button
    @Workflow.transition('returned')
    def return_(cls, blankos):
        Date = Pool().get('ir.date')
        cls.write(blankos, {'returned_on': Date.today()})


class DaftarAsesi(Report):
    "The daftar asesi of a BNSP blanko request as an Excel workbook"
    __name__ = 'lsp.bnsp.blanko.request.daftar_asesi'

    @classmethod
    def _execute(cls, records, header, data, action):
        return 'xlsx', build_daftar_asesi(records[0])


def build_daftar_asesi(request):
    """Return the daftar asesi workbook of request: No., name, NIK, then
    the active template columns"""
    import xlsxwriter
    pool = Pool()
    Column = pool.get('lsp.bnsp.template.column')
    Disclosure = pool.get('lsp.pdp.disclosure')
    Line = pool.get('lsp.bnsp.blanko.request.line')
    columns = Column.search([])
    readable = [readable_path(Line, c.source) for c in columns]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {'constant_memory': True})
    bold = book.add_format({'bold': True, 'bottom': 1})
    text = book.add_format({'num_format': '@'})
    sheet = book.add_worksheet(gettext(
            'lsp_sertifikasi.msg_daftar_asesi_sheet'))
    headers = [
        gettext('lsp_sertifikasi.msg_daftar_asesi_number'),
        gettext('lsp_sertifikasi.msg_daftar_asesi_name'),
        gettext('lsp_sertifikasi.msg_daftar_asesi_nik'),
        ] + [c.header for c in columns]
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 2, 20)
    sheet.set_column(3, 3 + len(columns), 18)
    sheet.write_row(0, 0, headers, bold)
    exported = []
    for row, line in enumerate(request.lines, 1):
        nik = readable_nik(line.candidate)
        if nik and '*' not in nik:
            exported.append(line.candidate)
        sheet.write_number(row, 0, line.sequence)
        sheet.write_string(row, 1, line.candidate.name or '')
        sheet.write_string(row, 2, nik or '', text)
        for column, (template, allowed) in enumerate(
                zip(columns, readable), 3):
            text = template.value(line, allowed)
            if text:
                sheet.write_string(row, column, text)
    book.close()
    if exported:
        Disclosure.record(
            exported, 'report', source='export',
            document=request.rec_name)
    return out.getvalue()


class BlankoRequestPack(Report):
    """The pack of a BNSP blanko request: the daftar asesi, the SK of its
    decisions and the berita acara of their events, zipped"""
    __name__ = 'lsp.bnsp.blanko.request.pack'

    @classmethod
    def _execute(cls, records, header, data, action):
        pool = Pool()
        DecisionReport = pool.get(
            'lsp.certification.decision', type='report')
        EventReport = pool.get('lsp.assessment.event.report', type='report')
        request = records[0]
        out = io.BytesIO()
        with zipfile.ZipFile(out, 'w') as pack:
            pack.writestr('daftar_asesi.xlsx', build_daftar_asesi(request))
            for decision in request.decisions:
                ext, content, _, _ = DecisionReport.execute(
                    [decision.id], {'model': decision.__name__})
                pack.writestr(
                    'SK-%s.%s' % (_file_part(decision.rec_name), ext),
                    content)
            events = {d.event for d in request.decisions if d.event}
            for event in sorted(events, key=lambda e: e.id):
                ext, content, _, _ = EventReport.execute(
                    [event.id], {'model': event.__name__})
                pack.writestr(
                    'berita_acara-%s.%s' % (_file_part(event.rec_name), ext),
                    content)
        return 'zip', out.getvalue()


def _file_part(text):
    "Return text usable in a file name"
    return re.sub(r'[^A-Za-z0-9._-]+', '-', text or '').strip('-')
