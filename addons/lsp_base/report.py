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


def letterhead(company):
    """Return the lines of the letterhead (kop surat) of company: its name,
    its address and its contacts"""
    if not company:
        return []
    party = company.party
    lines = [party.name.upper()]
    lines.append(', '.join(party_address(party)))
    contacts = [m for m in party.contact_mechanisms
        if m.type in {'phone', 'mobile', 'email', 'website'}]
    if contacts:
        lines.append(' · '.join(m.value for m in contacts))
    return [line for line in lines if line]


def party_address(party):
    "Return the lines of the address of party"
    address = party.address_get() if party else None
    if not address:
        return []
    return [
        line for line in (address.full_address or '').splitlines() if line]
