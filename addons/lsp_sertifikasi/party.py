# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt

import re

from trytond.i18n import gettext
from trytond.model import ModelView, Unique, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, Id
from trytond.transaction import (
    Transaction, check_access, without_check_access)
from trytond.wizard import Button, StateTransition, StateView, Wizard

from lsp_base.model import client_call

from .exceptions import NIKValidationError

#: day added to the birth day encoded in the NIK of women
NIK_FEMALE_DAY_OFFSET = 40
#: the groups that register the candidates
REGISTRAR_GROUPS = ['group_direktur_sertifikasi', 'group_lsp_admin']
#: a NIK typed in a search, with the wildcards of a quick search
NIK_SEARCH = re.compile(r'%?(\d{16})%?')
#: a part of a NIK typed in a quick search (4 digits at least)
NIK_PART_SEARCH = re.compile(r'%?\d{4,16}%?')
#: who reads the NIK and the birth data in full (the field access of
#: party.xml): the Direktur Sertifikasi, the LSP and Tryton administrators
_groups = Eval('context', {}).get('groups', [])
NIK_READER = (
    Id('lsp_base', 'group_direktur_sertifikasi').in_(_groups)
    | Id('lsp_base', 'group_lsp_admin').in_(_groups)
    | Id('res', 'group_admin').in_(_groups))
del _groups

EDUCATION_LEVELS = [
    (None, ""),
    ('sd', "Primary School (SD)"),
    ('smp', "Junior High School (SMP)"),
    ('sma', "Senior High School (SMA/SMK)"),
    ('d1', "Diploma 1 (D1)"),
    ('d2', "Diploma 2 (D2)"),
    ('d3', "Diploma 3 (D3)"),
    ('d4_s1', "Bachelor (D4/S1)"),
    ('s2', "Master (S2)"),
    ('s3', "Doctorate (S3)"),
    ]


def mask_nik(nik):
    "Return the NIK with every digit but the last 4 replaced by *"
    if not nik:
        return ''
    nik = ''.join(nik.split())
    return '*' * max(len(nik) - 4, 0) + nik[-4:]


def nik_reader():
    "Tell whether the user reads the NIKs in full (the field access)"
    ModelFieldAccess = Pool().get('ir.model.field.access')
    with check_access():
        return ModelFieldAccess.check(
            'party.party', ['nik'], 'read', raise_exception=False)


def readable_nik(party):
    """Return the NIK of party as the user may read it: whole for the roles
    that read it, else masked"""
    with without_check_access():
        nik = party.nik
    return nik if nik_reader() else mask_nik(nik)


def searched_nik(clause):
    """Return the NIK a rec_name clause searches, if it is one

    A quick search for a whole NIK finds its candidate whoever searches,
    without reading the NIK of the others."""
    _, operator, operand, *_ = clause
    if operator.startswith('!') or operator.startswith('not '):
        return None
    if not isinstance(operand, str):
        return None
    match = NIK_SEARCH.fullmatch(''.join(operand.split()))
    return match.group(1) if match else None


def nik_search_domain(clause, field='id'):
    """Return the domain of the candidates a rec_name clause finds by their
    NIK, on field (the candidate or a Many2One to it), or None

    A whole NIK, with or without the wildcards that the quick search of the
    clients puts around the text, finds its candidate whoever searches,
    without reading the NIK of the others. Those who read the NIKs in full
    find the candidates by a part of their NIK too."""
    Party = Pool().get('party.party')
    nik = searched_nik(clause)
    if nik:
        with without_check_access():
            parties = Party.search([('nik', '=', nik)])
        return [(field, 'in', [p.id for p in parties])]
    _, operator, operand, *extra = clause
    if (operator in {'like', 'ilike'} and isinstance(operand, str)
            and NIK_PART_SEARCH.fullmatch(operand)
            and nik_reader()):
        path = 'nik' if field == 'id' else '%s.nik' % field
        return [(path, operator, operand, *extra)]


def nik_birth(nik):
    """Return the (day, month, two-digit year, gender) encoded in nik

    Digits 7 to 12 of a NIK are the birth date as DDMMYY, with 40 added to
    the day for women. Return None when they are not a date."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = 'male'
    if day > NIK_FEMALE_DAY_OFFSET:
        day -= NIK_FEMALE_DAY_OFFSET
        gender = 'female'
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
        except ValueError:
            continue
        return day, month, year, gender
    return None


def nik_error(nik, birth_date=None, gender=None):
    """Return the id of the message telling what is wrong with nik

    Return None when nik is a well-formed NIK that agrees with birth_date and
    gender, when they are given."""
    if len(nik) != 16:
        return 'lsp_sertifikasi.msg_nik_length'
    if not nik.isdigit() or not nik.isascii():
        return 'lsp_sertifikasi.msg_nik_digits'
    birth = nik_birth(nik)
    if birth is None:
        return 'lsp_sertifikasi.msg_nik_date'
    day, month, year, nik_gender = birth
    if birth_date and (day, month, year) != (
            birth_date.day, birth_date.month, birth_date.year % 100):
        return 'lsp_sertifikasi.msg_nik_birth_date'
    if gender and gender != nik_gender:
        return 'lsp_sertifikasi.msg_nik_gender'


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    # the protected resident data (field access of party.xml) is loaded only
    # when asked for, so the clients that read a party do not read them
    nik = fields.Char(
        "NIK", size=16, strip=True, loading='lazy',
        help="The 16-digit national identity number (Nomor Induk "
        "Kependudukan) of the candidate.")
    birth_place = fields.Char("Birth Place", loading='lazy')
    birth_date = fields.Date("Birth Date", loading='lazy')
    gender = fields.Selection([
            (None, ""),
            ('male', "Male"),
            ('female', "Female"),
            ], "Gender")
    nationality = fields.Many2One(
        'country.country', "Nationality", ondelete='RESTRICT')
    education_level = fields.Selection(
        EDUCATION_LEVELS, "Education Level", sort=False)
    occupation = fields.Char(
        "Occupation", help="The current position of the candidate.")
    employer = fields.Many2One(
        'party.party', "Employer or Cooperative", ondelete='RESTRICT',
        domain=[('id', '!=', Eval('id', -1))],
        help="The institution, cooperative or business the candidate "
        "works for.")
    is_candidate = fields.Boolean(
        "Candidate", readonly=True,
        help="The party has a NIK: it is registered as a candidate (asesi).")
    masked_nik = fields.Function(
        fields.Char(
            "NIK (Masked)",
            help="The NIK with only its last 4 digits, for those who may not "
            "read it in full."),
        'get_masked_nik')
    past_retention = fields.Function(
        fields.Boolean(
            "Past Retention",
            help="The records of the candidate are past their retention "
            "period and may be erased."),
        'get_past_retention', searcher='search_past_retention')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('nik_unique', Unique(t, t.nik),
                'lsp_sertifikasi.msg_party_nik_unique'),
            ]
        cls._buttons.update({
                'show_nik': {
                    'invisible': ~Eval('is_candidate', False) | NIK_READER,
                    'icon': 'tryton-search',
                    'depends': ['is_candidate'],
                    },
                })
        # the identity of a candidate, changed only by those who register
        # the candidates
        cls._candidate_fields = {
            'name', 'nik', 'birth_place', 'birth_date', 'gender',
            'nationality', 'education_level', 'occupation', 'employer'}

    @classmethod
    def __register__(cls, module):
        super().__register__(module)
        # Migration: the candidates are the parties with a NIK
        table = cls.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.update(
                [table.is_candidate], [True],
                where=(table.nik != None)  # noqa: E711
                & ((table.is_candidate == None)  # noqa: E711
                    | (table.is_candidate == False))))  # noqa: E712

    @classmethod
    def default_is_candidate(cls):
        return False

    def compute_fields(self, field_names=None):
        values = super().compute_fields(field_names=field_names)
        if field_names is None or 'nik' in field_names:
            if self.is_candidate != bool(self.nik):
                values['is_candidate'] = bool(self.nik)
        return values

    @classmethod
    def view_attributes(cls):
        # who reads the NIK in full sees no masked copy of it
        return super().view_attributes() + [
            ('/form//label[@name="masked_nik"]'
                '|/form//group[@id="masked_nik"]',
                'states', {'invisible': NIK_READER}),
            ('/tree/field[@name="masked_nik"]',
                'tree_invisible', NIK_READER),
            ]

    @classmethod
    def get_past_retention(cls, parties, name):
        Retention = Pool().get('lsp.pdp.retention.rule')
        past = set(Retention.parties_past_retention())
        return {p.id: p in past for p in parties}

    @classmethod
    def search_past_retention(cls, name, clause):
        Retention = Pool().get('lsp.pdp.retention.rule')
        _, operator, value = clause
        ids = [p.id for p in Retention.parties_past_retention()]
        if (operator == '=') == bool(value):
            return [('id', 'in', ids)]
        return [('id', 'not in', ids)]

    @classmethod
    def get_masked_nik(cls, parties, name):
        with without_check_access():
            return {p.id: mask_nik(cls(p.id).nik) or None for p in parties}

    @classmethod
    def search_rec_name(cls, name, clause):
        domain = super().search_rec_name(name, clause)
        nik_domain = nik_search_domain(clause)
        if nik_domain:
            domain = ['OR', domain, nik_domain]
        return domain

    @classmethod
    def export_data(cls, records, fields_names, header=False):
        "Record the disclosure of the NIKs a client exports"
        data = super().export_data(records, fields_names, header=header)
        if client_call() and 'nik' in fields_names:
            with without_check_access():
                exported = [cls(r.id) for r in records if cls(r.id).nik]
            if exported:
                Pool().get('lsp.pdp.disclosure').record(
                    exported, 'report', source='export',
                    document=gettext('lsp_sertifikasi.msg_pdp_export_data'))
        return data

    @classmethod
    @ModelView.button_action('lsp_sertifikasi.wizard_party_show_nik')
    def show_nik(cls, parties):
        pass

    @classmethod
    def validate_fields(cls, parties, field_names):
        super().validate_fields(parties, field_names)
        if field_names & {'nik', 'birth_date', 'gender'}:
            for party in parties:
                party.check_nik()

    def check_nik(self):
        "Check that the NIK is well formed and agrees with the birth data"
        if not self.nik:
            return
        error = nik_error(self.nik, self.birth_date, self.gender)
        if error:
            raise NIKValidationError(gettext(
                    error, nik=self.nik, party=self.rec_name))

    @classmethod
    def check_nik_free(cls, nik, name, parties=None):
        "Refuse a NIK already registered for a party other than parties"
        domain = [('nik', '=', nik)]
        if parties:
            domain.append(('id', 'not in', [p.id for p in parties]))
        # whoever registers the NIK, without reading the others'
        with without_check_access():
            others = cls.search(domain, limit=1)
        if others:
            other, = others
            raise NIKValidationError(gettext(
                    'lsp_sertifikasi.msg_party_nik_registered',
                    nik=nik, party=name, candidate=other.rec_name))

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create' and values.get('nik'):
            cls.check_nik_free(values['nik'].strip(), values.get('name'))
        return values

    @classmethod
    def check_modification(cls, mode, parties, values=None, external=False):
        super().check_modification(
            mode, parties, values=values, external=external)
        if (mode == 'write' and external
                and values.keys() & cls._candidate_fields):
            cls.check_candidate_rights(parties, values.keys())
        if mode == 'write' and values.get('nik'):
            if len(parties) > 1:
                name = ', '.join(p.rec_name for p in parties)
            else:
                name = parties[0].rec_name if parties else ''
            cls.check_nik_free(values['nik'].strip(), name, parties)

    @classmethod
    def candidates(cls, parties):
        "Return the parties that applied for or hold a certificate"
        pool = Pool()
        Application = pool.get('lsp.application')
        Certificate = pool.get('lsp.certificate')
        ids = [p.id for p in parties]
        candidates = {a.candidate for a in Application.search(
                [('candidate', 'in', ids)])}
        candidates |= {c.holder for c in Certificate.search(
                [('holder', 'in', ids)])}
        return [p for p in parties if p in candidates]

    @classmethod
    def check_candidate_rights(cls, parties, field_names):
        "Check the user may change the identity of the candidates"
        pool = Pool()
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        if not Transaction().user:
            return
        groups = set(User.get_groups())
        if any(ModelData.get_id('lsp_base', g) in groups
                for g in REGISTRAR_GROUPS):
            return
        candidates = cls.candidates(parties)
        if candidates:
            field = sorted(field_names & cls._candidate_fields)[0]
            raise AccessError(gettext(
                    'lsp_sertifikasi.msg_party_candidate_rights',
                    **cls.__names__(field=field, record=candidates[0])))

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('nik')
        default.setdefault('is_candidate')
        return super().copy(parties, default=default)


class PartyShowNIKStart(ModelView):
    __name__ = 'party.party.show_nik.start'
    __string__ = "Show NIK"

    party = fields.Many2One('party.party', "Candidate", readonly=True)
    purpose = fields.Selection([
            ('identity_check', "Identity Check"),
            ('bnsp_report', "Report to BNSP"),
            ('data_subject_request', "Request of the Data Subject"),
            ('audit', "Audit"),
            ('legal', "Legal Obligation"),
            ], "Purpose", required=True, sort=False,
        help="Why the NIK must be seen: the disclosure is recorded.")
    note = fields.Text("Note")


class PartyShowNIKResult(ModelView):
    __name__ = 'party.party.show_nik.result'
    __string__ = "Show NIK"

    party = fields.Many2One('party.party', "Candidate", readonly=True)
    nik = fields.Char("NIK", readonly=True)
    birth_place = fields.Char("Birth Place", readonly=True)
    birth_date = fields.Date("Birth Date", readonly=True)


class PartyShowNIK(Wizard):
    """Show the NIK and the birth data of a candidate once, for a purpose
    that is recorded (UU PDP Pasal 31, UU Adminduk Pasal 84)"""
    __name__ = 'party.party.show_nik'
    __string__ = "Show NIK"

    start = StateView(
        'party.party.show_nik.start',
        'lsp_sertifikasi.party_show_nik_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Show", 'disclose', 'tryton-ok', default=True),
            ])
    disclose = StateTransition()
    result = StateView(
        'party.party.show_nik.result',
        'lsp_sertifikasi.party_show_nik_result_view_form', [
            Button("Close", 'end', 'tryton-close', default=True),
            ])

    def default_start(self, fields):
        return {'party': self.record.id}

    def transition_disclose(self):
        Disclosure = Pool().get('lsp.pdp.disclosure')
        Disclosure.record(
            [self.record], self.start.purpose, self.start.note,
            source='show_nik')
        return 'result'

    def default_result(self, fields):
        party = self.record
        return {
            'party': party.id,
            'nik': party.nik,
            'birth_place': party.birth_place,
            'birth_date': party.birth_date,
            }


class PartyErase(metaclass=PoolMeta):
    __name__ = 'party.erase'

    def check_erase(self, party):
        super().check_erase(party)
        Retention = Pool().get('lsp.pdp.retention.rule')
        Retention.check_erase(party)

    def to_erase(self, party_id):
        pool = Pool()
        Party = pool.get('party.party')
        Certificate = pool.get('lsp.certificate')
        return super().to_erase(party_id) + [
            (Party, [('id', '=', party_id)], False,
                ['nik', 'birth_place', 'birth_date', 'gender',
                    'occupation', 'is_candidate'],
                [None, None, None, None, None, False]),
            # the public register keeps the number, scheme, dates and state
            (Certificate, [('holder', '=', party_id)], False,
                ['holder_name', 'holder_nik'], [None, None]),
            ]
