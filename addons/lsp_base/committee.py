# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool

from .exceptions import CommitteeChairError, PeriodError
from .tools import periods_overlap


class Committee(ModelSQL, ModelView):
    __name__ = 'lsp.committee'
    __string__ = "Committee"

    code = fields.Char("Code", required=True, strip=True)
    name = fields.Char("Name", required=True)
    position = fields.Many2One(
        'lsp.position', "Position", ondelete='RESTRICT',
        help="The position of the organisation chart held by the committee.")
    description = fields.Text("Description")
    members = fields.One2Many('lsp.committee.member', 'committee', "Members")
    current_members = fields.Function(fields.Many2Many(
            'lsp.committee.member', None, None, "Current Members",
            readonly=True),
        'get_current_members')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'lsp_base.msg_committee_code_unique'),
            ]
        cls._order.insert(0, ('name', 'ASC'))

    def get_current_members(self, name):
        today = Pool().get('ir.date').today()
        return [m.id for m in self.members if m.in_term(today)]


class CommitteeMember(ModelSQL, ModelView):
    __name__ = 'lsp.committee.member'
    __string__ = "Committee Member"

    committee = fields.Many2One(
        'lsp.committee', "Committee", required=True, ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", ondelete='RESTRICT',
        help="Fill in when the member works for the LSP.")
    party = fields.Many2One(
        'party.party', "Party", required=True, ondelete='RESTRICT')
    role = fields.Selection([
            ('chair', "Chair"),
            ('secretary', "Secretary"),
            ('member', "Member"),
            ], "Role", required=True)
    start_date = fields.Date("Term Start", required=True)
    end_date = fields.Date("Term End")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('start_date', 'DESC'))

    @classmethod
    def default_role(cls):
        return 'member'

    @fields.depends('employee', 'party')
    def on_change_employee(self):
        if self.employee:
            self.party = self.employee.party

    def get_rec_name(self, name):
        return '%s (%s)' % (self.party.rec_name, self.committee.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('party.rec_name',) + tuple(clause[1:])]

    def in_term(self, date):
        return (self.start_date <= date
            and (not self.end_date or date <= self.end_date))

    def overlaps(self, other):
        return periods_overlap(
            self.start_date, self.end_date, other.start_date, other.end_date)

    @classmethod
    def validate_fields(cls, members, field_names):
        super().validate_fields(members, field_names)
        if field_names & {'start_date', 'end_date'}:
            for member in members:
                member.check_term()
        if field_names & {'start_date', 'end_date', 'role', 'committee'}:
            for member in members:
                member.check_single_chair()

    def check_term(self):
        if self.end_date and self.end_date < self.start_date:
            raise PeriodError(gettext(
                    'lsp_base.msg_member_term',
                    member=self.party.rec_name,
                    committee=self.committee.rec_name))

    def check_single_chair(self):
        if self.role != 'chair':
            return
        for other in self.committee.members:
            if (other != self and other.role == 'chair'
                    and self.overlaps(other)):
                raise CommitteeChairError(gettext(
                        'lsp_base.msg_member_one_chair',
                        committee=self.committee.rec_name,
                        member=self.party.rec_name,
                        chair=other.party.rec_name))
