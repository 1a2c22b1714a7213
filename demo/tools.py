# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The helpers and constants the demo data of every module share."""
import datetime as dt
import io

from proteus import Model
from proteus import config as proteus_config

DEMO_PASSWORD = 'lspdemo2026'
COMPANY_NAME = "LSP Perkoperasian Indonesia"
START = dt.date(2024, 1, 1)


def get_or_create(model_name, domain, **values):
    Model_ = Model.get(model_name)
    records = Model_.find(domain, limit=1)
    if records:
        return records[0]
    record = Model_(**values)
    record.save()
    return record


def copy(record):
    "Return a new instance of record, to add it to a list of another record"
    return type(record)(record.id)


def group(name):
    ModelData = Model.get('ir.model.data')
    Group = Model.get('res.group')
    return Group(ModelData.get_id('lsp_base', 'group_%s' % name, {}))


def indonesian():
    Lang = Model.get('ir.lang')
    lang, = Lang.find([('code', '=', 'id')])
    if not lang.translatable:
        lang.click('load_translations')
    return lang


def xlsx(rows):
    import xlsxwriter
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {'in_memory': True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, [
            'standard', 'unit_code', 'unit_title', 'element_number',
            'element_title', 'criterion_number', 'criterion_text'])
    for i, row in enumerate(rows, 1):
        sheet.write_row(i, 0, row)
    workbook.close()
    return output.getvalue()


def as_user(login):
    "Switch the proteus connection to the user with login, return the former"
    config = proteus_config.get_config()
    former = config.user
    User = Model.get('res.user')
    if isinstance(login, int):
        user_id = login
    else:
        user_id = User.find([('login', '=', login)])[0].id
    config.user = user_id
    config._context = User.get_preferences(True, {})
    return former
