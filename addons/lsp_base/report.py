# This file is part of the LSP Perkoperasian Indonesia ERP.
"The helpers of the reports of the LSP modules"
from trytond.pool import Pool


def selection_string(record, field_name):
    "Return the label of the selection value of record"
    selection = dict(record.__class__.fields_get(
            [field_name])[field_name]['selection'])
    return selection.get(getattr(record, field_name), '')


def multiselection_string(record, field_name):
    "Return the labels of the values of a multiselection field of record"
    labels = dict(record.__class__.fields_get(
            [field_name])[field_name]['selection'])
    return ', '.join(labels[v] for v in getattr(record, field_name) or [])


def committee_chair_name(code):
    "Return the name of the current chair of the committee with code"
    Committee = Pool().get('lsp.committee')
    for committee in Committee.search([('code', '=', code)]):
        for member in committee.current_members:
            if member.role == 'chair':
                return member.party.rec_name
    return ''


def position_holder_name(code):
    "Return the names of the current holders of the position with code"
    Position = Pool().get('lsp.position')
    for position in Position.search([('code', '=', code)]):
        return position.current_holder_names
    return ''
