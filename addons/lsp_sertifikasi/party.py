# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import Unique, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import NIKValidationError

#: day added to the birth day encoded in the NIK of women
NIK_FEMALE_DAY_OFFSET = 40
#: the groups that register the candidates
REGISTRAR_GROUPS = ['group_direktur_sertifikasi', 'group_lsp_admin']

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

    nik = fields.Char(
        "NIK", size=16, strip=True,
        help="The 16-digit national identity number (Nomor Induk "
        "Kependudukan) of the candidate.")
    birth_place = fields.Char("Birth Place")
    birth_date = fields.Date("Birth Date")
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

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('nik_unique', Unique(t, t.nik),
                'lsp_sertifikasi.msg_party_nik_unique'),
            ]
        # the identity of a candidate, changed only by those who register
        # the candidates
        cls._candidate_fields = {
            'name', 'nik', 'birth_place', 'birth_date', 'gender',
            'nationality', 'education_level', 'occupation', 'employer'}

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
        return super().copy(parties, default=default)
