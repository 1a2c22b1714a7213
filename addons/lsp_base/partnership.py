# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval

from .exceptions import PeriodError
from .model import DraftLockMixin, TermWorkflowMixin
from .tools import rec_name_domain


class Partnership(DraftLockMixin, TermWorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.partnership'
    __string__ = "Partnership"
    _lock_message = 'lsp_base.msg_partnership_locked'
    _delete_message = 'lsp_base.msg_partnership_delete_draft'
    _lock_parameter = 'partnership'

    _states = {'readonly': Eval('state') != 'draft'}

    party = fields.Many2One(
        'party.party', "Partner", required=True, ondelete='RESTRICT',
        states=_states)
    kind = fields.Selection([
            ('mou', "Memorandum of Understanding"),
            ('pks', "Cooperation Agreement (PKS)"),
            ('sponsorship', "Sponsorship"),
            ('other', "Other"),
            ], "Kind", required=True, states=_states)
    mou_number = fields.Char(
        "MoU Number", strip=True, states=_states)
    start_date = fields.Date("Start Date", required=True, states=_states)
    end_date = fields.Date(
        "End Date", states=_states,
        help="Leave empty for a partnership without end.")
    scope = fields.Text("Scope", states=_states)
    sectors = fields.Many2Many(
        'lsp.partnership-lsp.sector', 'partnership', 'sector', "Sectors",
        states=_states)
    document = fields.Many2One(
        'lsp.document', "Document", ondelete='RESTRICT',
        help="The signed agreement in the document register.")
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('end_date', 'ASC NULLS LAST'))
        cls._check_modify_exclude = {'document'}

    @classmethod
    def default_kind(cls):
        return 'mou'

    @classmethod
    def default_start_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        if self.mou_number:
            return '%s - %s' % (self.mou_number, self.party.rec_name)
        return self.party.rec_name

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['mou_number', 'party.rec_name'])

    @classmethod
    def validate_fields(cls, partnerships, field_names):
        super().validate_fields(partnerships, field_names)
        if field_names & {'start_date', 'end_date'}:
            for partnership in partnerships:
                if (partnership.end_date
                        and partnership.end_date < partnership.start_date):
                    raise PeriodError(gettext(
                            'lsp_base.msg_partnership_period',
                            partnership=partnership.rec_name))


class PartnershipSector(ModelSQL):
    __name__ = 'lsp.partnership-lsp.sector'
    __string__ = "Partnership - Sector"

    partnership = fields.Many2One(
        'lsp.partnership', "Partnership", required=True, ondelete='CASCADE')
    sector = fields.Many2One(
        'lsp.sector', "Sector", required=True, ondelete='CASCADE')
