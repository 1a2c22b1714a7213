# This file is part of the LSP Perkoperasian Indonesia ERP.
import datetime as dt

from dateutil.relativedelta import relativedelta

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, Id, If
from trytond.report import Report
from trytond.transaction import Transaction

from lsp_base.model import (
    LockErrorMixin, NumberedMixin, ParentLockMixin, WorkflowMixin)
from lsp_base.report import position_holder_name, selection_string
from lsp_base.tools import (
    company_language, group_addresses, rec_name_domain, send_email)

from .exceptions import VerificationError, VerifierError
from .requirement import CATEGORIES

#: days before the end of a TUK mandiri's verification when the Direktur
#: Pengembangan TUK is told
EXPIRY_WARNING_DAYS = 60
#: the groups that manage verifications
MANAGER_GROUPS = ['group_direktur_tuk', 'group_lsp_admin']


_is_manager = (
    Id('lsp_base', 'group_direktur_tuk').in_(
        Eval('context', {}).get('groups', []))
    | Id('lsp_base', 'group_lsp_admin').in_(
        Eval('context', {}).get('groups', [])))


def is_manager():
    "Tell whether the user manages TUK verifications"
    pool = Pool()
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    if Transaction().user == 0:
        return True
    groups = set(User.get_groups())
    return any(
        ModelData.get_id('lsp_base', g) in groups for g in MANAGER_GROUPS)


class Verification(
        LockErrorMixin, NumberedMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.tuk.verification'
    __string__ = "TUK Verification"
    _rec_name = 'number'
    _number_sequence_field = 'tuk_verification_sequence'
    _lock_message = 'lsp_tuk.msg_verification_locked'
    _delete_message = 'lsp_tuk.msg_verification_delete'
    _lock_parameter = 'verification'
    _open_states = {'draft'}
    _deletable_states = {'draft', 'cancelled'}

    _states = {'readonly': Eval('state') != 'draft'}
    # the verifier fills in the checklist only
    _managed = {'readonly': (Eval('state') != 'draft') | ~_is_manager}

    number = fields.Char("Number", readonly=True)
    tuk = fields.Many2One(
        'lsp.tuk', "TUK", required=True, ondelete='RESTRICT',
        states=_managed)
    tuk_kind = fields.Function(
        fields.Selection('get_tuk_kinds', "TUK Kind"),
        'on_change_with_tuk_kind')
    schemes = fields.Many2Many(
        'lsp.tuk.verification-lsp.scheme', 'verification', 'scheme',
        "Schemes Covered", states=_managed,
        domain=[('id', 'in', Eval('tuk_schemes', []))],
        help="The schemes whose technical requirements are verified.")
    tuk_schemes = fields.Function(
        fields.Many2Many('lsp.scheme', None, None, "TUK Schemes"),
        'on_change_with_tuk_schemes')
    date = fields.Date("Verification Date", required=True, states=_managed)
    verifier = fields.Many2One(
        'lsp.assessor', "Verifier", required=True, ondelete='RESTRICT',
        states=_managed,
        help="The assessor assigned to verify the TUK: "
        "with a valid licence and no conflict of interest with the TUK.")
    lines = fields.One2Many(
        'lsp.tuk.verification.line', 'verification', "Checklist",
        states=_states)
    result = fields.Function(
        fields.Selection([
                (None, ""),
                ('pass', "Meets the Requirements"),
                ('fail', "Does Not Meet the Requirements"),
                ], "Result"),
        'get_result')
    recommendation = fields.Text(
        "Verifier's Recommendation", states=_states)
    valid_from = fields.Date(
        "Valid From",
        states={
            'readonly': ((Eval('state') != 'draft')
                | (Eval('tuk_kind') == 'mandiri') | ~_is_manager),
            'required': Eval('tuk_kind').in_(['sewaktu', 'tempat_kerja']),
            },
        help="For a TUK sewaktu or tempat kerja, the first day of the use "
        "verified; for a TUK mandiri, set on validation.")
    valid_until = fields.Date(
        "Valid Until",
        domain=[If(Bool(Eval('valid_until')) & Bool(Eval('valid_from')),
                ('valid_until', '>=', Eval('valid_from')),
                ())],
        states={
            'readonly': ((Eval('state') != 'draft')
                | (Eval('tuk_kind') == 'mandiri') | ~_is_manager),
            'required': Eval('tuk_kind').in_(['sewaktu', 'tempat_kerja']),
            },
        help="For a TUK sewaktu or tempat kerja, the last day of the use "
        "verified; for a TUK mandiri, set on validation.")
    notes = fields.Text("Notes")
    state = fields.Selection([
            ('draft', "Draft"),
            ('done', "Done"),
            ('validated', "Validated"),
            ('expired', "Expired"),
            ('cancelled', "Cancelled"),
            ], "State", required=True, readonly=True, sort=False)
    validated_by = fields.Many2One('res.user', "Validated By", readonly=True)
    validated_date = fields.Date("Validated On", readonly=True)
    reminder_date = fields.Date(
        "Expiry Reminder Sent On", readonly=True,
        states={'invisible': ~Eval('reminder_date')})
    del _states, _managed

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))
        # what may change once the verification is done
        cls._check_modify_exclude = {'notes'}
        # the fields the verifier fills in; the rest is the Direktur's
        cls._verifier_fields = {'lines', 'recommendation', 'notes'}
        cls._transitions |= {
            ('draft', 'done'),
            ('done', 'draft'),
            ('done', 'validated'),
            ('draft', 'cancelled'),
            ('done', 'cancelled'),
            ('validated', 'expired'),
            }
        cls._buttons.update({
                'fill_checklist': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-refresh',
                    'depends': ['state'],
                    },
                'done': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'draft': {
                    'invisible': Eval('state') != 'done',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'validate_verification': {
                    'invisible': Eval('state') != 'done',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'done']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def get_tuk_kinds(cls):
        pool = Pool()
        Tuk = pool.get('lsp.tuk')
        return [(None, '')] + Tuk.fields_get(['kind'])['kind']['selection']

    @fields.depends('tuk')
    def on_change_with_tuk_kind(self, name=None):
        return self.tuk.kind if self.tuk else None

    @fields.depends('tuk')
    def on_change_with_tuk_schemes(self, name=None):
        return [s.id for s in self.tuk.schemes] if self.tuk else []

    @fields.depends('tuk', 'schemes')
    def on_change_tuk(self):
        if self.tuk and not self.schemes:
            self.schemes = self.tuk.schemes

    def get_rec_name(self, name):
        return '%s - %s' % (self.number or '', self.tuk.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['number', 'tuk.rec_name'])

    def get_result(self, name):
        if not self.lines:
            return None
        if any(l.fulfilled is None for l in self.lines):
            return None
        if all(l.fulfilled == 'yes' for l in self.lines if l.mandatory):
            return 'pass'
        return 'fail'

    @classmethod
    def copy(cls, verifications, default=None):
        default = default.copy() if default is not None else {}
        for name in ['valid_from', 'valid_until']:
            default.setdefault(name)
        default.setdefault('date', cls.default_date())
        return super().copy(verifications, default=default)

    @classmethod
    def validate_fields(cls, verifications, field_names):
        super().validate_fields(verifications, field_names)
        if field_names & {'verifier', 'date', 'tuk'}:
            for verification in verifications:
                if verification.state == 'draft':
                    verification.check_verifier()

    def check_verifier(self):
        "Check the verifier may verify the TUK on the verification date"
        verifier = self.verifier
        if not verifier.is_licence_valid(self.date):
            raise VerifierError(gettext(
                    'lsp_tuk.msg_verification_verifier_licence',
                    verifier=verifier.rec_name,
                    verification=self.rec_name))
        for party in filter(None, [self.tuk.provider, self.tuk.manager]):
            if verifier.has_conflict(party):
                raise VerifierError(gettext(
                        'lsp_tuk.msg_verification_verifier_conflict',
                        verifier=verifier.rec_name,
                        party=party.rec_name,
                        tuk=self.tuk.rec_name))

    @classmethod
    def check_modification(
            cls, mode, verifications, values=None, external=False):
        super().check_modification(
            mode, verifications, values=values, external=external)
        if mode == 'delete':
            for verification in verifications:
                if verification.state not in cls._deletable_states:
                    raise cls.delete_error(verification)
        elif mode == 'write' and external:
            # the validation writes the validity of a TUK mandiri
            changed = values.keys() - cls._check_modify_exclude
            for verification in verifications:
                if changed and verification.state not in cls._open_states:
                    raise cls.lock_error(verification)
            if values.keys() - cls._verifier_fields and not is_manager():
                raise AccessError(gettext(
                        'lsp_tuk.msg_verification_verifier_fields'))

    @classmethod
    @ModelView.button
    def fill_checklist(cls, verifications):
        "Add the requirements of the templates missing from the checklist"
        pool = Pool()
        Template = pool.get('lsp.tuk.requirement.template')
        Line = pool.get('lsp.tuk.verification.line')
        to_create = []
        for verification in verifications:
            present = {l.requirement for l in verification.lines
                if l.requirement}
            for template in Template.for_schemes(verification.schemes):
                for requirement in template.lines:
                    if requirement in present:
                        continue
                    values = requirement.checklist_values()
                    values['verification'] = verification.id
                    to_create.append(values)
        if to_create:
            Line.create(to_create)

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def done(cls, verifications):
        for verification in verifications:
            # a conflict may have been declared since the assignment
            verification.check_verifier()
            if not verification.schemes:
                raise VerificationError(gettext(
                        'lsp_tuk.msg_verification_no_scheme',
                        verification=verification.rec_name))
            if not verification.lines:
                raise VerificationError(gettext(
                        'lsp_tuk.msg_verification_no_line',
                        verification=verification.rec_name))
            for line in verification.lines:
                if line.fulfilled is None:
                    raise VerificationError(gettext(
                            'lsp_tuk.msg_verification_line_unanswered',
                            verification=verification.rec_name,
                            requirement=line.rec_name))
            if not verification.recommendation:
                raise VerificationError(gettext(
                        'lsp_tuk.msg_verification_no_recommendation',
                        verification=verification.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, verifications):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('validated')
    def validate_verification(cls, verifications):
        pool = Pool()
        Date = pool.get('ir.date')
        Configuration = pool.get('lsp.configuration')
        Tuk = pool.get('lsp.tuk')
        today = Date.today()
        months = Configuration(1).tuk_verification_months
        for verification in verifications:
            if verification.result != 'pass':
                raise VerificationError(gettext(
                        'lsp_tuk.msg_verification_validate_failed',
                        verification=verification.rec_name))
        for verification in verifications:
            # The state is written before the transition does it, for the
            # TUK to see the verification validated
            values = {
                'state': 'validated',
                'validated_by': Transaction().user,
                'validated_date': today,
                }
            if verification.tuk.kind == 'mandiri':
                values['valid_from'] = verification.date
                values['valid_until'] = (verification.date
                    + relativedelta(months=months) - dt.timedelta(days=1))
            cls.write([verification], values)
        Tuk.update_verification(list({v.tuk for v in verifications}))

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, verifications):
        pass

    @classmethod
    @Workflow.transition('expired')
    def _expire(cls, verifications):
        pass

    @classmethod
    def check_expiry(cls, date=None):
        """Mark the verifications past their end as expired and tell the
        Direktur Pengembangan TUK of the TUK mandiri whose verification
        ends soon or has ended (cron)"""
        pool = Pool()
        Date = pool.get('ir.date')
        Tuk = pool.get('lsp.tuk')
        if date is None:
            date = Date.today()
        expired = cls.search([
                ('state', '=', 'validated'),
                ('valid_until', '<', date),
                ])
        if expired:
            cls._expire(expired)
        ended = [v.tuk for v in expired
            if v.tuk.kind == 'mandiri' and v.tuk.verification == v
            and v.tuk.state in {'active', 'suspended'}]
        limit = date + dt.timedelta(days=EXPIRY_WARNING_DAYS)
        ending = Tuk.search([
                ('kind', '=', 'mandiri'),
                ('state', 'in', ['active', 'suspended']),
                ('verification.state', '=', 'validated'),
                ('verification.reminder_date', '=', None),
                ('verified_until', '<=', limit),
                ])
        if ending or ended:
            cls._send_expiry_message(ending, ended)
        if ending:
            cls.write(
                [t.verification for t in ending], {'reminder_date': date})
        return expired

    @classmethod
    def _send_expiry_message(cls, ending, ended):
        pool = Pool()
        Lang = pool.get('ir.lang')
        to_addrs = group_addresses('group_direktur_tuk')
        if not to_addrs:
            return
        # The cron runs in the server language: write in the language of the
        # company, Indonesian for the LSP
        with Transaction().set_context(language=company_language()):
            lang = Lang.get()
            lines = []
            for message, tuks in [
                    ('lsp_tuk.msg_verification_expiring_line', ending),
                    ('lsp_tuk.msg_verification_expired_line', ended)]:
                for tuk in tuks:
                    lines.append(gettext(message,
                            tuk=tuk.rec_name,
                            date=lang.strftime(tuk.verified_until)))
            send_email(to_addrs, gettext(
                    'lsp_tuk.msg_verification_expiry_subject'),
                '\n'.join(lines))


class VerificationScheme(ParentLockMixin, ModelSQL):
    __name__ = 'lsp.tuk.verification-lsp.scheme'
    __string__ = "TUK Verification - Scheme"
    _parent_field = 'verification'

    verification = fields.Many2One(
        'lsp.tuk.verification', "Verification", required=True,
        ondelete='CASCADE')
    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", required=True, ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('verification')


class VerificationLine(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.tuk.verification.line'
    __string__ = "TUK Verification Checklist Line"
    _parent_field = 'verification'

    _states = {'readonly': Eval('verification_state') != 'draft'}

    verification = fields.Many2One(
        'lsp.tuk.verification', "Verification", required=True,
        ondelete='CASCADE', states=_states)
    sequence = fields.Integer("Sequence", states=_states)
    requirement = fields.Many2One(
        'lsp.tuk.requirement.template.line', "Template Requirement",
        ondelete='SET NULL', readonly=True)
    category = fields.Selection(
        CATEGORIES, "Category", required=True, sort=False, states=_states)
    name = fields.Text("Requirement", required=True, states=_states)
    specification = fields.Char("Specification", states=_states)
    mandatory = fields.Boolean("Mandatory", states=_states)
    fulfilled = fields.Selection([
            (None, ""),
            ('yes', "Yes"),
            ('no', "No"),
            ], "Fulfilled", states=_states)
    evidence = fields.Text(
        "Evidence", states=_states,
        help="What the verifier saw: documents, rooms, equipment counted.")
    note = fields.Char("Note", states=_states)
    verification_state = fields.Function(
        fields.Selection('get_verification_states', "Verification State"),
        'on_change_with_verification_state')
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('verification')
        # the fields of the checklist the verifier fills in
        cls._verifier_fields = {'fulfilled', 'evidence', 'note'}
        cls._order = [
            ('verification', 'ASC'),
            ('sequence', 'ASC NULLS LAST'),
            ('id', 'ASC'),
            ]

    @classmethod
    def default_category(cls):
        return 'facilities'

    @classmethod
    def default_mandatory(cls):
        return True

    @classmethod
    def get_verification_states(cls):
        pool = Pool()
        Verification = pool.get('lsp.tuk.verification')
        return Verification.fields_get(['state'])['state']['selection']

    @fields.depends('verification', '_parent_verification.state')
    def on_change_with_verification_state(self, name=None):
        return self.verification.state if self.verification else None

    def get_rec_name(self, name):
        return self.name.splitlines()[0] if self.name else ''

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if not external:
            return
        if mode in {'create', 'delete'} or (
                values.keys() - cls._verifier_fields):
            if not is_manager():
                raise AccessError(gettext(
                        'lsp_tuk.msg_verification_line_verifier_fields'))


class VerificationReport(Report):
    __name__ = 'lsp.tuk.verification'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = selection_string
        context['director_name'] = position_holder_name('DTUK')
        return context
