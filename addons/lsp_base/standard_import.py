# This file is part of the LSP Perkoperasian Indonesia ERP.
"Import competency standards from an XLSX file with one row per KUK."
import io
import zipfile
from collections import namedtuple

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool
from trytond.transaction import check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import StandardImportError

COLUMNS = [
    'standard', 'unit_code', 'unit_title', 'element_number',
    'element_title', 'criterion_number', 'criterion_text']
OPTIONAL_COLUMNS = ['standard_title', 'unit_description']
EXAMPLE = [
    'Kepmenaker 181/2017 (SKKNI Pendamping UMKM)', 'M.70PEN00.021.1',
    'Melakukan Pendampingan Penyusunan Rencana Usaha (Business Plan) UMKM',
    '1', 'Menyiapkan perangkat pendampingan penyusunan rencana usaha',
    '1.1', 'Ide dan peluang bisnis diidentifikasi.',
    'SKKNI Pendamping UMKM', '']
CODE_SIZE = 50

Row = namedtuple('Row', ['number'] + COLUMNS + OPTIONAL_COLUMNS)


def template():
    "Return the content of an XLSX template with one example row"
    import xlsxwriter
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {'in_memory': True})
    sheet = workbook.add_worksheet('KUK')
    bold = workbook.add_format({'bold': True})
    sheet.write_row(0, 0, COLUMNS + OPTIONAL_COLUMNS, bold)
    sheet.write_row(1, 0, EXAMPLE)
    sheet.set_column(0, len(EXAMPLE) - 1, 24)
    workbook.close()
    return output.getvalue()


def cell_text(value):
    "Return the text of a cell as people typed it"
    if value is None:
        return ''
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(data):
    "Return the rows of the first sheet, refusing anything but XLSX"
    import openpyxl
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError,
            openpyxl.utils.exceptions.InvalidFileException):
        raise StandardImportError(gettext('lsp_base.msg_import_not_xlsx'))
    try:
        sheet = workbook.worksheets[0]
        return [[cell_text(v) for v in row]
            for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def parse(data):
    "Return the validated rows of the file or raise on the first problem"
    rows = read_rows(data)
    if not rows:
        raise StandardImportError(gettext('lsp_base.msg_import_empty'))
    header = [c.lower() for c in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise StandardImportError(gettext(
                'lsp_base.msg_import_missing_columns',
                columns=', '.join(missing)))
    index = {c: header.index(c) for c in COLUMNS + OPTIONAL_COLUMNS
        if c in header}
    result = []
    for number, values in enumerate(rows[1:], 2):
        if not any(values):
            continue
        row = Row(number, *(
                values[index[c]] if c in index and index[c] < len(values)
                else '' for c in COLUMNS + OPTIONAL_COLUMNS))
        for column in COLUMNS:
            if not getattr(row, column):
                raise StandardImportError(gettext(
                        'lsp_base.msg_import_empty_value',
                        row=number, column=column))
        if len(row.unit_code) > CODE_SIZE:
            raise StandardImportError(gettext(
                    'lsp_base.msg_import_code_too_long',
                    row=number, column='unit_code', size=CODE_SIZE))
        result.append(row)
    if not result:
        raise StandardImportError(gettext('lsp_base.msg_import_empty'))
    check_consistency(result)
    return result


def check_consistency(rows):
    "Refuse a unit, element or KUK given two different texts"
    checks = [
        (lambda r: (r.standard, r.unit_code), 'unit_title'),
        (lambda r: (r.standard, r.unit_code, r.element_number),
            'element_title'),
        (lambda r: (r.standard, r.unit_code, r.element_number,
                r.criterion_number), 'criterion_text'),
        ]
    for key, column in checks:
        seen = {}
        for row in rows:
            first = seen.setdefault(key(row), row)
            if getattr(first, column) != getattr(row, column):
                raise StandardImportError(gettext(
                        'lsp_base.msg_import_inconsistent',
                        row=row.number, column=column, first=first.number,
                        key=' / '.join(key(row)[1:])))


class StandardImportStart(ModelView):
    __name__ = 'lsp.standard.import.start'
    __string__ = "Import Competency Standards"

    file = fields.Binary(
        "File", filename='file_name', required=True,
        help="An XLSX file with one row per performance criterion (KUK).")
    file_name = fields.Char("File Name")
    kind = fields.Selection(
        'get_kinds', "Kind of New Standards", required=True,
        help="Used for the standards that the file creates.")
    sector = fields.Many2One(
        'lsp.sector', "Sector of New Standards",
        help="Required when the file names a standard that does not exist.")
    template = fields.Binary(
        "Template", filename='template_name', readonly=True)
    template_name = fields.Char("Template Name", readonly=True)

    @classmethod
    def get_kinds(cls):
        Standard = Pool().get('lsp.standard')
        return Standard.fields_get(['kind'])['kind']['selection']

    @classmethod
    def default_kind(cls):
        return 'skkni'

    @classmethod
    def default_template(cls):
        return template()

    @classmethod
    def default_template_name(cls):
        return 'template_standar_kompetensi.xlsx'


class StandardImportResult(ModelView):
    __name__ = 'lsp.standard.import.result'
    __string__ = "Import Competency Standards"

    summary = fields.Text("Summary", readonly=True)


class StandardImport(Wizard):
    __name__ = 'lsp.standard.import'
    __string__ = "Import Competency Standards"

    start = StateView(
        'lsp.standard.import.start',
        'lsp_base.standard_import_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Import", 'import_', 'tryton-ok', default=True),
            ])
    import_ = StateTransition()
    result = StateView(
        'lsp.standard.import.result',
        'lsp_base.standard_import_result_view_form', [
            Button("Close", 'end', 'tryton-close', default=True),
            ])

    def transition_import_(self):
        rows = parse(self.start.file)
        self.counts = {
            'standards': 0, 'units': 0, 'elements': 0, 'criteria': 0,
            'updated': 0}
        standards = {}
        # Wizards run without access checks: import with the user's rights,
        # so that a Wakil Kepala changes only the standards of their sector
        with check_access():
            for row in rows:
                if row.standard not in standards:
                    standards[row.standard] = self.get_standard(row)
                unit = self.get_unit(standards[row.standard], row)
                element = self.get_element(unit, row)
                self.get_criterion(element, row)
        return 'result'

    def default_result(self, fields):
        return {
            'summary': gettext('lsp_base.msg_import_summary', **self.counts),
            }

    def get_standard(self, row):
        Standard = Pool().get('lsp.standard')
        standards = Standard.search([('reference', '=', row.standard)])
        if standards:
            return standards[0]
        if not self.start.sector:
            raise StandardImportError(gettext(
                    'lsp_base.msg_import_sector_required',
                    row=row.number, standard=row.standard))
        standard = Standard(
            reference=row.standard,
            title=row.standard_title or row.standard,
            kind=self.start.kind,
            sector=self.start.sector)
        standard.save()
        self.counts['standards'] += 1
        return standard

    def get_unit(self, standard, row):
        Unit = Pool().get('lsp.competency.unit')
        values = {'title': row.unit_title}
        if row.unit_description:
            values['description'] = row.unit_description
        return self.upsert(Unit, [
                ('standard', '=', standard.id),
                ('code', '=', row.unit_code),
                ], values, 'units')

    def get_element(self, unit, row):
        Element = Pool().get('lsp.competency.element')
        return self.upsert(Element, [
                ('unit', '=', unit.id),
                ('number', '=', row.element_number),
                ], {'title': row.element_title, 'sequence': row.number},
            'elements')

    def get_criterion(self, element, row):
        Criterion = Pool().get('lsp.competency.criterion')
        return self.upsert(Criterion, [
                ('element', '=', element.id),
                ('number', '=', row.criterion_number),
                ], {'text': row.criterion_text, 'sequence': row.number},
            'criteria')

    def upsert(self, Model, domain, values, counter):
        "Return the record of domain, created or updated with values"
        records = Model.search(domain)
        if records:
            record, = records
            changes = {k: v for k, v in values.items()
                if k != 'sequence' and getattr(record, k) != v}
            if changes:
                Model.write([record], changes)
                self.counts['updated'] += 1
            return record
        for clause in domain:
            values[clause[0]] = clause[2]
        record, = Model.create([values])
        self.counts[counter] += 1
        return record
