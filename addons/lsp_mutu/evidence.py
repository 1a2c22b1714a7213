# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The evidence pack of the BNSP licence maintenance

The Direktur Manajemen Mutu picks clauses and a sample of certificates; the
workbook has one sheet per clause listing, for each certificate, the records
of its chain (application, assessment, decision, certificate, surveillance,
appeals and complaints) that are evidence for that clause."""
import io
import random

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.wizard import Button, StateTransition, StateView, Wizard

from lsp_base.report import selection_string

#: the kinds of record of a certificate's chain
RECORD_KINDS = [
    'application', 'assessment', 'assessor', 'decision', 'certificate',
    'surveillance', 'appeal', 'complaint', 'scheme',
    ]

#: the kinds of record that are evidence for the clauses, by code prefix
#: (ISO/IEC 17024:2012): the longest prefix wins, other clauses take all
CLAUSE_KINDS = {
    '6': ['assessor', 'assessment'],
    '8': ['scheme'],
    '9.1': ['application'],
    '9.2': ['application', 'assessment'],
    '9.3': ['assessment'],
    '9.4': ['assessment', 'assessor'],
    '9.5': ['decision', 'certificate'],
    '9.6': ['surveillance', 'application', 'certificate'],
    '9.7': ['certificate'],
    '9.8': ['appeal'],
    '9.9': ['complaint'],
    }


def clause_kinds(code):
    "Return the kinds of record that are evidence for the clause code"
    code = (code or '').strip()
    best = None
    for prefix in CLAUSE_KINDS:
        if code == prefix or code.startswith(prefix + '.'):
            if best is None or len(prefix) > len(best):
                best = prefix
    if best is None:
        return list(RECORD_KINDS)
    return list(CLAUSE_KINDS[best])


def sample(items, size, seed=None):
    "Return size items of items drawn at random (all when fewer), in order"
    items = list(items)
    if size is None or size >= len(items):
        return items
    chosen = set(random.Random(seed).sample(range(len(items)), size))
    return [x for i, x in enumerate(items) if i in chosen]


def _model(name):
    try:
        return Pool().get(name)
    except KeyError:
        return None


def certificate_chain(certificate):
    """Return the records of the chain of certificate as (kind, record)

    From the decision line that issued it back to the application, then
    the surveillance of the certificate and the appeals and complaints
    about its records (when their modules are activated)."""
    records = [('scheme', certificate.scheme), ('certificate', certificate)]
    line = certificate.decision_line
    subjects = [str(certificate)]
    if line:
        subjects.append(str(line))
        records.append(('decision', line.decision))
        assessment = line.assessment
        if assessment:
            subjects.append(str(assessment))
            records.append(('assessment', assessment))
            records.append(('assessor', assessment.assessor))
            records.append(('application', assessment.application))
            subjects.append(str(assessment.application))
    Surveillance = _model('lsp.surveillance')
    if Surveillance is not None:
        records.extend(('surveillance', s) for s in Surveillance.search([
                    ('certificate', '=', certificate.id),
                    ], order=[('id', 'ASC')]))
    for kind, name, fields_ in [
            ('appeal', 'lsp.appeal', ['subject']),
            ('complaint', 'lsp.complaint', ['related_record', 'subject']),
            ]:
        Model = _model(name)
        if Model is None:
            continue
        for field in fields_:
            if isinstance(Model._fields.get(field), fields.Reference):
                records.extend((kind, r) for r in Model.search([
                            (field, 'in', subjects),
                            ], order=[('id', 'ASC')]))
                break
    return records


def record_date(record):
    "Return the date of record in the chain"
    for name in ['date', 'pleno_date', 'issue_date', 'submitted_date',
            'due_date', 'received_on']:
        value = getattr(record, name, None)
        if value:
            return value


def record_state(record):
    "Return the label of the state of record, if it has one"
    if 'state' in record._fields:
        return selection_string(record, 'state')
    return ''


class EvidencePackStart(ModelView):
    __name__ = 'lsp.mutu.evidence_pack.start'
    __string__ = "Evidence Pack"

    clauses = fields.Many2Many(
        'lsp.mutu.clause', None, None, "Clauses", required=True,
        help="A sheet of the workbook per clause.")
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme",
        help="Draw the sample from the certificates of this scheme only.")
    date_from = fields.Date("Issued From")
    date_to = fields.Date(
        "Issued To",
        domain=['OR',
            ('date_to', '=', None),
            ('date_to', '>=', Eval('date_from', None)),
            ])
    sample_size = fields.Integer(
        "Sample Size", required=True, domain=[('sample_size', '>', 0)],
        help="The number of certificates drawn at random, unless "
        "certificates are chosen.")
    certificates = fields.Many2Many(
        'lsp.certificate', None, None, "Certificates",
        help="The certificates of the pack; empty: a random sample.")

    @classmethod
    def default_sample_size(cls):
        return 5


class EvidencePackResult(ModelView):
    __name__ = 'lsp.mutu.evidence_pack.result'
    __string__ = "Evidence Pack"

    file = fields.Binary("File", readonly=True, filename='filename')
    filename = fields.Char("File Name", readonly=True)
    certificate_count = fields.Integer("Certificates", readonly=True)


class EvidencePack(Wizard):
    "Export the evidence of sampled certificates per clause"
    __name__ = 'lsp.mutu.evidence_pack'

    start = StateView(
        'lsp.mutu.evidence_pack.start',
        'lsp_mutu.evidence_pack_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Export", 'export', 'tryton-ok', default=True),
            ])
    export = StateTransition()
    result = StateView(
        'lsp.mutu.evidence_pack.result',
        'lsp_mutu.evidence_pack_result_view_form', [
            Button("Close", 'end', 'tryton-close', default=True),
            ])

    def sample_certificates(self):
        pool = Pool()
        Certificate = pool.get('lsp.certificate')
        if self.start.certificates:
            return list(self.start.certificates)
        domain = []
        if self.start.scheme:
            domain.append(('scheme', '=', self.start.scheme.id))
        if self.start.date_from:
            domain.append(('issue_date', '>=', self.start.date_from))
        if self.start.date_to:
            domain.append(('issue_date', '<=', self.start.date_to))
        certificates = Certificate.search(domain, order=[('id', 'ASC')])
        return sample(certificates, self.start.sample_size)

    def transition_export(self):
        pool = Pool()
        Date = pool.get('ir.date')
        certificates = self.sample_certificates()
        self.result.file = evidence_workbook(
            sorted(self.start.clauses, key=lambda c: c.code), certificates)
        self.result.filename = 'paket_bukti_%s.xlsx' % Date.today()
        self.result.certificate_count = len(certificates)
        return 'result'

    def default_result(self, fields):
        return {
            'file': self.result.file,
            'filename': self.result.filename,
            'certificate_count': self.result.certificate_count,
            }


def evidence_workbook(clauses, certificates):
    "Return the XLSX of the chains of certificates, a sheet per clause"
    import xlsxwriter
    pool = Pool()
    IrModel = pool.get('ir.model')
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {'in_memory': True})
    bold = book.add_format({'bold': True, 'text_wrap': True})
    wrap = book.add_format({'text_wrap': True, 'valign': 'top'})
    headers = [gettext('lsp_mutu.msg_evidence_column_%s' % c) for c in [
            'certificate', 'holder', 'kind', 'record', 'date', 'state']]
    chains = [(c, certificate_chain(c)) for c in certificates]
    used = set()
    for clause in clauses:
        name = clause.code.replace('/', '-')[:31] or str(clause.id)
        while name in used:
            name = (name + '_')[-31:]
        used.add(name)
        sheet = book.add_worksheet(name)
        sheet.merge_range(0, 0, 0, 5, clause.rec_name, bold)
        for col, header in enumerate(headers):
            sheet.write(2, col, header, bold)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 28)
        sheet.set_column(2, 2, 22)
        sheet.set_column(3, 3, 40)
        sheet.set_column(4, 5, 14)
        kinds = clause_kinds(clause.code)
        row = 3
        for certificate, chain in chains:
            for kind, record in chain:
                if kind not in kinds or record is None:
                    continue
                sheet.write(row, 0, certificate.number or '', wrap)
                sheet.write(row, 1, certificate.holder.rec_name, wrap)
                sheet.write(row, 2, IrModel.get_name(record.__name__), wrap)
                sheet.write(row, 3, record.rec_name, wrap)
                date = record_date(record)
                sheet.write(row, 4, str(date) if date else '')
                sheet.write(row, 5, record_state(record))
                row += 1
    book.close()
    return out.getvalue()
