# This file is part of the LSP Perkoperasian Indonesia ERP.
from dateutil.relativedelta import relativedelta

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction

from lsp_base.model import LockErrorMixin, WorkflowMixin

from .exceptions import DocumentRevisionError

#: the document kinds of the quality management system
QUALITY_KINDS = [
    ('panduan_mutu', "Quality Manual"),
    ('instruksi_kerja', "Work Instruction"),
    ('rekaman_template', "Record Template"),
    ]
#: the fields of the document control that change in force
CONTROL_FIELDS = {
    'controlled', 'owner_position', 'review_interval_months',
    'next_review_date', 'distribution', 'revisions'}


def next_review(effective_date, months):
    """Return the date of the next review of a document

    >>> import datetime as dt
    >>> next_review(dt.date(2026, 1, 31), 12)
    datetime.date(2027, 1, 31)
    >>> next_review(dt.date(2026, 1, 31), None)"""
    if not effective_date or not months:
        return None
    return effective_date + relativedelta(months=months)


class Document(metaclass=PoolMeta):
    __name__ = 'lsp.document'

    controlled = fields.Boolean(
        "Controlled",
        help="The document belongs to the quality management system: it "
        "has numbered revisions approved by someone other than their "
        "preparer and is reviewed periodically (ISO/IEC 17024 10.2.3).")
    owner_position = fields.Many2One(
        'lsp.position', "Owner Position", ondelete='RESTRICT',
        states={'invisible': ~Eval('controlled')})
    review_interval_months = fields.Integer(
        "Review Interval (Months)",
        domain=['OR',
            ('review_interval_months', '=', None),
            ('review_interval_months', '>', 0),
            ],
        states={'invisible': ~Eval('controlled')})
    next_review_date = fields.Date(
        "Next Review", states={'invisible': ~Eval('controlled')})
    review_overdue = fields.Boolean(
        "Review Overdue", readonly=True,
        states={'invisible': ~Eval('controlled')},
        help="The next review date has passed (set every day by the cron).")
    distribution = fields.Many2Many(
        'lsp.mutu.document.distribution', 'document', 'position',
        "Distribution", states={'invisible': ~Eval('controlled')},
        help="The positions that receive the effective revision.")
    revisions = fields.One2Many(
        'lsp.mutu.document.revision', 'document', "Revisions",
        states={'invisible': ~Eval('controlled')})
    effective_revision = fields.Function(fields.Many2One(
            'lsp.mutu.document.revision', "Effective Revision"),
        'get_effective_revision')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.kind.selection.extend(QUALITY_KINDS)
        cls._check_modify_exclude |= CONTROL_FIELDS

    @classmethod
    def default_controlled(cls):
        return False

    @classmethod
    def default_review_overdue(cls):
        return False

    def get_effective_revision(self, name):
        for revision in self.revisions:
            if revision.state == 'effective':
                return revision.id

    @classmethod
    def flag_overdue_reviews(cls, date=None):
        "Flag the controlled documents past their review date (cron)"
        Date = Pool().get('ir.date')
        if date is None:
            date = Date.today()
        documents = cls.search([('controlled', '=', True)])
        overdue = [d for d in documents
            if d.next_review_date and d.next_review_date < date
            and d.state != 'revoked']
        on_time = [d for d in documents
            if d not in overdue and d.review_overdue]
        overdue = [d for d in overdue if not d.review_overdue]
        if overdue:
            cls.write(overdue, {'review_overdue': True})
        if on_time:
            cls.write(on_time, {'review_overdue': False})
        return overdue


class DocumentDistribution(ModelSQL):
    __name__ = 'lsp.mutu.document.distribution'
    __string__ = "Document Distribution"
    document = fields.Many2One(
        'lsp.document', "Document", required=True, ondelete='CASCADE')
    position = fields.Many2One(
        'lsp.position', "Position", required=True, ondelete='RESTRICT')


class DocumentRevision(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.document.revision'
    __string__ = "Document Revision"
    _lock_message = 'lsp_mutu.msg_revision_locked'
    _lock_parameter = 'revision'

    _draft = {'readonly': Eval('state') != 'draft'}

    document = fields.Many2One(
        'lsp.document', "Document", required=True, ondelete='RESTRICT',
        domain=[('controlled', '=', True)], states=_draft)
    revision = fields.Integer(
        "Revision", readonly=True,
        help="The number of the revision in its document, from 1.")
    file = fields.Binary(
        "File", filename='file_name', file_id='file_id', states=_draft)
    file_name = fields.Char("File Name", states=_draft)
    file_id = fields.Char("File ID", readonly=True)
    change_summary = fields.Text(
        "Change Summary", required=True, states=_draft)
    prepared_by = fields.Many2One('res.user', "Prepared By", readonly=True)
    reviewed_by = fields.Many2One(
        'res.user', "Reviewed By", ondelete='RESTRICT',
        states={'readonly': ~Eval('state').in_(['draft', 'submitted'])})
    approved_by = fields.Many2One('res.user', "Approved By", readonly=True)
    approved_date = fields.Date("Approved On", readonly=True)
    effective_date = fields.Date(
        "Effective From",
        states={
            'readonly': ~Eval('state').in_(['draft', 'submitted', 'approved']),
            'required': Bool(Eval('state').in_(['effective', 'superseded'])),
            })
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('approved', "Approved"),
            ('effective', "Effective"),
            ('superseded', "Superseded"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    del _draft

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('document', 'ASC'), ('revision', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'draft'),
            ('submitted', 'approved'),
            ('approved', 'effective'),
            ('effective', 'superseded'),
            ('draft', 'cancelled'),
            ('submitted', 'cancelled'),
            ('approved', 'cancelled'),
            }
        cls._buttons.update({
                'draft': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'make_effective': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(
                        ['draft', 'submitted', 'approved']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    def get_rec_name(self, name):
        return '%s rev. %s' % (
            self.document.rec_name if self.document else '',
            self.revision or '-')

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create' and values.get('document'):
            others = cls.search([
                    ('document', '=', values['document']),
                    ], order=[('revision', 'DESC')], limit=1)
            values['revision'] = (
                (others[0].revision or 0) + 1 if others else 1)
        return values

    @classmethod
    def check_modification(cls, mode, revisions, values=None,
            external=False):
        super().check_modification(
            mode, revisions, values=values, external=external)
        if mode == 'delete':
            for revision in revisions:
                if revision.state not in {'draft', 'cancelled'}:
                    raise cls.lock_error(revision)
        elif mode == 'write':
            names = values.keys() - cls._workflow_fields
            for revision in revisions:
                if revision.state == 'draft':
                    continue
                allowed = set()
                if revision.state == 'submitted':
                    allowed = {'reviewed_by', 'effective_date'}
                elif revision.state == 'approved':
                    allowed = {'effective_date'}
                if names - allowed:
                    raise cls.lock_error(revision)

    @classmethod
    def validate_fields(cls, revisions, field_names):
        super().validate_fields(revisions, field_names)
        if field_names & {'state', 'document'}:
            cls.check_one_effective(revisions)

    @classmethod
    def check_one_effective(cls, revisions):
        "Check that a document has one effective revision at most"
        documents = {r.document.id for r in revisions
            if r.state == 'effective'}
        for document in documents:
            effective = cls.search([
                    ('document', '=', document),
                    ('state', '=', 'effective'),
                    ])
            if len(effective) > 1:
                raise DocumentRevisionError(gettext(
                        'lsp_mutu.msg_revision_one_effective',
                        document=effective[0].document.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, revisions):
        cls.write(revisions, {'prepared_by': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, revisions):
        for revision in revisions:
            if not revision.document.controlled:
                raise DocumentRevisionError(gettext(
                        'lsp_mutu.msg_revision_not_controlled',
                        revision=revision.rec_name))
        cls.write(revisions, {'prepared_by': Transaction().user})

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, revisions):
        user = Transaction().user
        for revision in revisions:
            if revision.prepared_by and revision.prepared_by.id == user:
                raise AccessError(gettext(
                        'lsp_mutu.msg_revision_four_eyes',
                        revision=revision.rec_name))
        cls.write(revisions, {
                'approved_by': user,
                'approved_date': Pool().get('ir.date').today(),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('effective')
    def make_effective(cls, revisions):
        pool = Pool()
        Date = pool.get('ir.date')
        Document = pool.get('lsp.document')
        today = Date.today()
        documents = set()
        for revision in revisions:
            if revision.document in documents:
                raise DocumentRevisionError(gettext(
                        'lsp_mutu.msg_revision_one_effective',
                        document=revision.document.rec_name))
            documents.add(revision.document)
        previous = cls.search([
                ('document', 'in', [d.id for d in documents]),
                ('state', '=', 'effective'),
                ])
        if previous:
            cls.supersede(previous)
        for revision in revisions:
            date = revision.effective_date or today
            if not revision.effective_date:
                revision.effective_date = date
            revision.save()
            document = revision.document
            Document.write([document], {
                    'next_review_date': next_review(
                        date, document.review_interval_months),
                    'review_overdue': False,
                    })

    @classmethod
    @Workflow.transition('superseded')
    def supersede(cls, revisions):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, revisions):
        pass
