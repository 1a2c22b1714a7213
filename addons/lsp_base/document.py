# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import DocumentError
from .model import DraftLockMixin, WorkflowMixin
from .tools import rec_name_domain

#: kinds of documents that only the Steering Board puts in force
BOARD_KINDS = {'peraturan_dp', 'sk_dp'}


class Document(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.document'
    __string__ = "Document"
    _lock_message = 'lsp_base.msg_document_locked'
    _delete_message = 'lsp_base.msg_document_delete_draft'
    _lock_parameter = 'document'

    _states = {'readonly': Eval('state') != 'draft'}

    kind = fields.Selection([
            ('peraturan_dp', "Steering Board Regulation"),
            ('sk_dp', "Steering Board Decree"),
            ('peraturan_pengurus', "Management Regulation"),
            ('sk_pengurus', "Management Decree"),
            ('pedoman', "Guideline"),
            ('prosedur', "Procedure"),
            ('formulir', "Form"),
            ('lainnya', "Other"),
            ], "Kind", required=True, states=_states)
    number = fields.Char("Number", required=True, strip=True, states=_states)
    title = fields.Char("Title", required=True, states=_states)
    issuer_position = fields.Many2One(
        'lsp.position', "Issuing Position", ondelete='RESTRICT',
        states=_states)
    issuer_committee = fields.Many2One(
        'lsp.committee', "Issuing Committee", ondelete='RESTRICT',
        states=_states)
    date_signed = fields.Date("Signed On", states=_states)
    effective_date = fields.Date("Effective From", states=_states)
    replaces = fields.Many2One(
        'lsp.document', "Replaces", ondelete='RESTRICT', states=_states,
        domain=[('id', '!=', Eval('id', -1))],
        help="The document that is revoked when this one comes into force.")
    replaced_by = fields.One2Many(
        'lsp.document', 'replaces', "Replaced By", readonly=True)
    description = fields.Text("Description", states=_states)
    put_in_force_by = fields.Many2One(
        'res.user', "Put in Force By", readonly=True)
    revoked_date = fields.Date("Revoked On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('in_force', "In Force"),
            ('revoked', "Revoked"),
            ], "State", required=True, readonly=True, sort=False)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('kind_number_unique', Unique(t, t.kind, t.number),
                'lsp_base.msg_document_number_unique'),
            ]
        cls._order.insert(0, ('date_signed', 'DESC NULLS FIRST'))
        cls._transitions |= {
            ('draft', 'in_force'),
            ('in_force', 'revoked'),
            }
        cls._buttons.update({
                'put_in_force': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'revoke': {
                    'invisible': Eval('state') != 'in_force',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_kind(cls):
        return 'sk_pengurus'

    def get_rec_name(self, name):
        return '%s - %s' % (self.number, self.title)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'title'])

    @classmethod
    def validate_fields(cls, documents, field_names):
        super().validate_fields(documents, field_names)
        if field_names & {'date_signed', 'effective_date'}:
            for document in documents:
                if (document.date_signed and document.effective_date
                        and document.effective_date < document.date_signed):
                    raise DocumentError(gettext(
                            'lsp_base.msg_document_dates',
                            document=document.rec_name))

    @classmethod
    def check_board_rights(cls, documents):
        "Check that only the Steering Board puts its own kinds in force"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        User = pool.get('res.user')
        if not Transaction().user:
            return
        groups = set(User.get_groups())
        board = ModelData.get_id('lsp_base', 'group_dewan_pengarah')
        for document in documents:
            if document.kind in BOARD_KINDS and board not in groups:
                raise AccessError(gettext(
                        'lsp_base.msg_document_board_kind',
                        document=document.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('in_force')
    def put_in_force(cls, documents):
        cls.check_board_rights(documents)
        replaced = [d.replaces for d in documents
            if d.replaces and d.replaces.state == 'in_force']
        if replaced:
            cls.retire(replaced)
        cls.write(documents, {'put_in_force_by': Transaction().user})

    @classmethod
    @ModelView.button
    def revoke(cls, documents):
        cls.check_board_rights(documents)
        cls.retire(documents)

    @classmethod
    @Workflow.transition('revoked')
    def retire(cls, documents):
        today = Pool().get('ir.date').today()
        cls.write(documents, {'revoked_date': today})
