# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt
import hashlib

from sql import Select
from sql.aggregate import Max

from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Unique, Workflow, fields)
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval
from trytond.report import Report
from trytond.transaction import Transaction

from .exceptions import LetterError
from .model import (
    DraftLockMixin, ParentLockMixin, WorkflowFieldsMixin, WorkflowMixin)
from .report import letterhead, party_address, selection_string
from .tools import rec_name_domain, sqlite_write_lock

ROMAN_MONTHS = [
    'I', 'II', 'III', 'IV', 'V', 'VI',
    'VII', 'VIII', 'IX', 'X', 'XI', 'XII']


class Letter(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.letter'
    __string__ = "Letter"
    _lock_message = 'lsp_base.msg_letter_locked'
    _delete_message = 'lsp_base.msg_letter_delete_draft'
    _lock_parameter = 'letter'

    _states = {'readonly': Eval('state') != 'draft'}

    direction = fields.Selection([
            ('incoming', "Incoming"),
            ('outgoing', "Outgoing"),
            ], "Direction", required=True, states=_states)
    number = fields.Char(
        "Number", readonly=True,
        states={'invisible': Eval('direction') != 'outgoing'},
        help="Given when the outgoing letter is registered.")
    agenda_number = fields.Char(
        "Agenda Number", readonly=True,
        states={'invisible': Eval('direction') != 'incoming'},
        help="Given when the incoming letter is registered.")
    reference = fields.Char(
        "Sender's Number", strip=True,
        states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('direction') != 'incoming',
            })
    date = fields.Date("Date", required=True, states=_states)
    sender = fields.Many2One(
        'party.party', "Sender", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('direction') != 'incoming',
            'required': Eval('direction') == 'incoming',
            })
    recipient = fields.Many2One(
        'party.party', "Recipient", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('direction') != 'outgoing',
            'required': Eval('direction') == 'outgoing',
            })
    subject = fields.Char("Subject", required=True, states=_states)
    summary = fields.Text(
        "Summary", states=_states,
        help="What the letter is about, for the register.")
    body = fields.Text(
        "Body",
        states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('direction') != 'outgoing',
            },
        help="The text of the outgoing letter, as it is printed.")
    issuing_unit = fields.Many2One(
        'lsp.position', "Issuing Unit", ondelete='RESTRICT',
        states={
            'readonly': Eval('state') != 'draft',
            'required': Eval('direction') == 'outgoing',
            },
        help="Its code is part of the number of an outgoing letter.")
    classification = fields.Selection([
            ('biasa', "Ordinary (Biasa)"),
            ('penting', "Important (Penting)"),
            ('rahasia', "Confidential (Rahasia)"),
            ], "Classification", required=True, states=_states,
        help="A confidential letter is read only by the Head and the "
        "holders of its issuing unit and of the positions it is disposed to.")
    dispositions = fields.One2Many(
        'lsp.letter.disposition', 'letter', "Dispositions",
        states={'readonly': Eval('state') == 'archived'})
    registered_by = fields.Many2One('res.user', "Registered By", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('registered', "Registered"),
            ('archived', "Archived"),
            ], "State", required=True, readonly=True, sort=False)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))
        cls._check_modify_exclude = {'dispositions'}
        cls._transitions |= {
            ('draft', 'registered'),
            ('registered', 'archived'),
            }
        cls._buttons.update({
                'register': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'archive': {
                    'invisible': Eval('state') != 'registered',
                    'icon': 'tryton-archive',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_direction(cls):
        return 'incoming'

    @classmethod
    def default_classification(cls):
        return 'biasa'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        number = self.number or self.agenda_number or self.reference
        if number:
            return '%s - %s' % (number, self.subject)
        return self.subject

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['number', 'agenda_number', 'reference', 'subject'])

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('//group[@id="outgoing"]', 'states', {
                    'invisible': Eval('direction') != 'outgoing',
                    }, ['direction']),
            ('//group[@id="incoming"]', 'states', {
                    'invisible': Eval('direction') != 'incoming',
                    }, ['direction']),
            ('//page[@name="body"]', 'states', {
                    'invisible': Eval('direction') != 'outgoing',
                    }, ['direction']),
            ]

    @classmethod
    def copy(cls, letters, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('dispositions')
        return super().copy(letters, default=default)

    def get_number(self):
        "Return the number of the outgoing letter"
        Counter = Pool().get('lsp.letter.counter')
        if not self.issuing_unit:
            raise LetterError(gettext(
                    'lsp_base.msg_letter_issuing_unit',
                    letter=self.rec_name))
        sequence = Counter.next_number('outgoing', self.date.year, self)
        return '%03d/LSPPI/%s/%s/%s' % (
            sequence, self.issuing_unit.code,
            ROMAN_MONTHS[self.date.month - 1], self.date.year)

    def get_agenda_number(self):
        "Return the agenda number of the incoming letter"
        Counter = Pool().get('lsp.letter.counter')
        sequence = Counter.next_number('incoming', self.date.year, self)
        return '%03d/SM/LSPPI/%s' % (sequence, self.date.year)

    @classmethod
    @ModelView.button
    @Workflow.transition('registered')
    def register(cls, letters):
        # The numbers of a kind and year are given one registration at a
        # time: the lock of LetterCounter.next_number is held until the
        # transaction ends. So the state and the stamp are written first,
        # and the numbers last, each with a write of its field alone.
        if not letters:
            return
        cls.write(letters, {
                'registered_by': Transaction().user,
                'state': 'registered',
                })
        cls.log(letters, 'transition', 'state:registered')
        for letter in sorted(letters, key=lambda l: (l.date, l.id)):
            if letter.direction == 'outgoing' and not letter.number:
                cls.write([letter], {'number': letter.get_number()})
            elif letter.direction == 'incoming' and not letter.agenda_number:
                cls.write([letter], {
                        'agenda_number': letter.get_agenda_number()})

    @classmethod
    @ModelView.button
    @Workflow.transition('archived')
    def archive(cls, letters):
        pass

    @property
    def signer_names(self):
        "The names of the holders of the issuing unit on the date of letter"
        if not self.issuing_unit:
            return ''
        return ', '.join(
            h.employee.rec_name for h in self.issuing_unit.holders
            if h.is_current(self.date))


class LetterReport(Report):
    "The outgoing letter, on the letterhead of the LSP"
    __name__ = 'lsp.letter'

    @classmethod
    def get_context(cls, records, header, data):
        pool = Pool()
        Company = pool.get('company.company')
        context = super().get_context(records, header, data)
        company_id = Transaction().context.get('company')
        context['company'] = Company(company_id) if company_id else None
        context['letterhead'] = letterhead
        context['party_address'] = party_address
        context['selection'] = selection_string
        return context


class LetterCounter(ModelSQL):
    """Letter Number

    One row per number given to a letter: its kind, year and number, so the
    numbers restart each year, never repeat and have no gap."""
    __name__ = 'lsp.letter.counter'
    __string__ = "Letter Number"

    kind = fields.Selection([
            ('outgoing', "Outgoing"),
            ('incoming', "Incoming"),
            ], "Kind", required=True)
    year = fields.Integer("Year", required=True)
    number = fields.Integer("Number", required=True)
    letter = fields.Many2One(
        'lsp.letter', "Letter", ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('kind_year_number_unique', Unique(t, t.kind, t.year, t.number),
                'lsp_base.msg_letter_counter_unique'),
            ]

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        # Migration: one row per number instead of the last one of a year
        if table_h.column_exist('last_number'):
            table_h.column_rename('last_number', 'number')
        super().__register__(module)
        table_h = cls.__table_handler__(module)
        table_h.drop_constraint('kind_year_unique')

    @classmethod
    def next_number(cls, kind, year, letter=None):
        """Give the next number of kind for year, to letter

        The registrations of the same kind and year wait for each other
        (an advisory lock held until the transaction ends) instead of being
        refused; the last number is read by a new transaction, started once
        the lock is taken, so it sees what the registrations before have
        committed. A registration that fails gives its number back."""
        transaction = Transaction()
        database = transaction.database
        table = cls.__table__()
        last = table.select(
            Max(table.number),
            where=(table.kind == kind) & (table.year == year))
        cursor = transaction.connection.cursor()
        if database.has_select_for():
            cursor.execute(*Select([database.lock_id(
                            counter_key(kind, year), timeout=True)]))
            with transaction.new_transaction(readonly=True) as fresh:
                fresh_cursor = fresh.connection.cursor()
                fresh_cursor.execute(*last)
                number, = fresh_cursor.fetchone()
        else:
            sqlite_write_lock(cls)
            cursor.execute(*last)
            number, = cursor.fetchone()
        number = (number or 0) + 1
        cls.create([{
                    'kind': kind,
                    'year': year,
                    'number': number,
                    'letter': letter.id if letter else None,
                    }])
        return number


def counter_key(kind, year):
    "Return the advisory lock key of the letter numbers of kind and year"
    digest = hashlib.sha256(
        ('lsp.letter.counter,%s,%s' % (kind, year)).encode('utf-8'))
    return int(digest.hexdigest(), 16) % 2 ** 62


class LetterDisposition(
        ParentLockMixin, WorkflowFieldsMixin, ModelSQL, ModelView):
    __name__ = 'lsp.letter.disposition'
    __string__ = "Letter Disposition"
    _parent_field = 'letter'
    _parent_open_states = {'draft', 'registered'}

    letter = fields.Many2One(
        'lsp.letter', "Letter", required=True, ondelete='CASCADE')
    position = fields.Many2One(
        'lsp.position', "Position", required=True, ondelete='RESTRICT',
        states={'readonly': Bool(Eval('acknowledged_at'))},
        help="The position that must follow up the letter.")
    instruction = fields.Text(
        "Instruction",
        states={'readonly': Bool(Eval('acknowledged_at'))})
    acknowledged_by = fields.Many2One(
        'res.user', "Acknowledged By", readonly=True)
    acknowledged_at = fields.DateTime("Acknowledged At", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('letter')
        cls._buttons.update({
                'acknowledge': {
                    'invisible': Bool(Eval('acknowledged_at')),
                    'icon': 'tryton-ok',
                    'depends': ['acknowledged_at'],
                    },
                })

    def get_rec_name(self, name):
        return '%s - %s' % (self.letter.rec_name, self.position.rec_name)

    @classmethod
    def check_modification(
            cls, mode, dispositions, values=None, external=False):
        super().check_modification(
            mode, dispositions, values=values, external=external)
        if mode == 'delete' or (mode == 'write'
                and values.keys() & {'position', 'instruction'}):
            for disposition in dispositions:
                if disposition.acknowledged_at:
                    raise AccessError(gettext(
                            'lsp_base.msg_letter_disposition_acknowledged',
                            disposition=disposition.rec_name))

    def is_holder(self):
        "Tell whether the user holds the position of the disposition"
        User = Pool().get('res.user')
        today = Pool().get('ir.date').today()
        employees = set(User.get_employees())
        if any(h.employee.id in employees
                for h in self.position.holders if h.is_current(today)):
            return True
        return bool(self.position.group
            and self.position.group.id in User.get_groups())

    @classmethod
    @ModelView.button
    def acknowledge(cls, dispositions):
        transaction = Transaction()
        for disposition in dispositions:
            if transaction.user and not disposition.is_holder():
                raise AccessError(gettext(
                        'lsp_base.msg_letter_disposition_holder',
                        disposition=disposition.rec_name))
        cls.write([d for d in dispositions if not d.acknowledged_at], {
                'acknowledged_by': transaction.user,
                'acknowledged_at': dt.datetime.now(),
                })
