# This file is part of the LSP Perkoperasian Indonesia ERP.
"The helpers of the LSP modules"
import datetime as dt
from email.message import EmailMessage
from email.utils import formataddr

from trytond import backend, config
from trytond.pool import Pool
from trytond.sendmail import send_message_transactional
from trytond.transaction import Transaction


def periods_overlap(start1, end1, start2, end2):
    "Tell whether two periods overlap, an end of None being open"
    return ((end2 is None or start1 <= end2)
        and (end1 is None or start2 <= end1))


def is_working_day(date, holidays=()):
    "Tell whether date is a working day: neither a weekend day nor a holiday"
    return date.weekday() < 5 and date not in holidays


def add_working_days(start, n, holidays=()):
    """Return the date n working days after start

    Saturdays, Sundays and the dates of holidays are not counted; with n = 0
    it is start itself, or the next working day when start is not one."""
    holidays = set(holidays)
    date = start
    while not is_working_day(date, holidays):
        date += dt.timedelta(days=1)
    while n > 0:
        date += dt.timedelta(days=1)
        if is_working_day(date, holidays):
            n -= 1
    return date


def working_days_between(start, end, holidays=()):
    """Return the number of working days after start up to end included

    It is 0 when end is not after start and negative when end is before."""
    if end < start:
        return -working_days_between(end, start, holidays)
    holidays = set(holidays)
    count, date = 0, start
    while date < end:
        date += dt.timedelta(days=1)
        if is_working_day(date, holidays):
            count += 1
    return count


def rec_name_domain(clause, field_names):
    "Return the domain that applies a rec_name clause to each of field_names"
    _, operator, operand, *extra = clause
    if operator.startswith('!') or operator.startswith('not '):
        bool_op = 'AND'
    else:
        bool_op = 'OR'
    return [bool_op] + [
        (name, operator, operand, *extra) for name in field_names]


def default_record(module, xml_id):
    "Return the id of the record of module with xml_id, if it is loaded"
    ModelData = Pool().get('ir.model.data')
    try:
        return ModelData.get_id(module, xml_id)
    except KeyError:
        return None


def group_addresses(group_xml_id, module='lsp_base'):
    "Return the e-mail addresses of the users of the group"
    pool = Pool()
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    group_id = ModelData.get_id(module, group_xml_id)
    users = User.search([
            ('groups', '=', group_id),
            ('email', '!=', None),
            ])
    return [formataddr((u.name or '', u.email)) for u in users if u.email]


def group_users(group_xml_id, module='lsp_base'):
    "Return the active users of the group"
    pool = Pool()
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    return User.search([
            ('groups', '=', ModelData.get_id(module, group_xml_id)),
            ])


def employee_address(employee):
    "Return the e-mail address of employee from the party, else from the user"
    User = Pool().get('res.user')
    party = employee.party
    if party.email:
        return formataddr((party.name, party.email))
    users = User.search([
            ('employees', '=', employee.id),
            ('email', '!=', None),
            ], limit=1)
    if users:
        user, = users
        return formataddr((user.name or '', user.email))


def company_language(company=None):
    """Return the code of the language of company

    Without company, the one of the context, else the first: crons run in the
    server's language while the LSP writes in Indonesian."""
    Company = Pool().get('company.company')
    if company is None:
        company_id = Transaction().context.get('company')
        if company_id:
            company = Company(company_id)
        else:
            companies = Company.search([], limit=1)
            company = companies[0] if companies else None
    language = company.party.lang if company else None
    return language.code if language else None


def send_email(to_addrs, subject, body, attachments=None):
    """Send the e-mail when the transaction commits

    to_addrs is a list of addresses, body the text of the message,
    attachments a list of (file name, bytes, main type, sub type)."""
    if not to_addrs:
        return None
    msg = EmailMessage()
    msg['From'] = config.get('email', 'from')
    msg['To'] = ', '.join(to_addrs)
    msg['Subject'] = subject
    msg.set_content(body)
    for filename, content, maintype, subtype in attachments or []:
        msg.add_attachment(
            bytes(content), maintype=maintype, subtype=subtype,
            filename=filename)
    send_message_transactional(msg)
    return msg


def sqlite_write_lock(Model):
    """Take the write lock of a SQLite database now

    SQLite locks the database at the first write of a transaction only, and
    trytond's row locks do nothing there: two transactions would read the
    same last number. An update that changes nothing makes the others wait
    before the read. Other databases lock rows: nothing to do."""
    if backend.name != 'sqlite':
        return
    table = Model.__table__()
    cursor = Transaction().connection.cursor()
    cursor.execute(*table.update(
            [table.id], [table.id], where=table.id == -1))


def reference_selection(model_names):
    """Return the selection of a Reference field over model_names: an empty
    choice, then the models of model_names that the activated modules
    provide, with their names"""
    pool = Pool()
    IrModel = pool.get('ir.model')
    selection = [(None, '')]
    for name in model_names:
        if name is None:
            continue
        try:
            pool.get(name)
        except KeyError:
            continue
        selection.append((name, IrModel.get_name(name)))
    return selection
