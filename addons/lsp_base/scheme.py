# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import (
    ModelSQL, ModelView, Unique, Workflow, fields, sequence_ordered)
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction, check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import SchemeValidationError
from .model import DraftLockMixin, ParentLockMixin, WorkflowMixin
from .report import (
    committee_chair_name, multiselection_string, position_holder_name,
    selection_string)
from .tools import rec_name_domain

ASSESSMENT_METHODS = [
    ('observation', "Direct Observation"),
    ('demonstration', "Demonstration / Simulation"),
    ('written', "Written Test"),
    ('oral', "Oral Questions / Interview"),
    ('portfolio', "Portfolio"),
    ('third_party', "Third-Party Verification"),
    ('project', "Project Assignment"),
    ]

SURVEILLANCE_METHODS = [
    ('self_declaration', "Self-Declaration"),
    ('logbook', "Logbook"),
    ('portfolio', "Portfolio"),
    ('workplace_visit', "Workplace Visit"),
    ]

RECERTIFICATION_METHODS = [
    ('full', "Full Assessment"),
    ('reduced', "Reduced Assessment"),
    ('portfolio_rcc', "Portfolio / RCC"),
    ]


class Scheme(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.scheme'
    __string__ = "Certification Scheme"
    _lock_message = 'lsp_base.msg_scheme_locked'
    _delete_message = 'lsp_base.msg_scheme_delete_draft'
    _lock_parameter = 'scheme'

    _states = {'readonly': Eval('state') != 'draft'}

    code = fields.Char(
        "Code", required=True, strip=True, states=_states,
        help='Such as "SSK.01.01/LSPPI/PEN/IV/2018".')
    name = fields.Char("Name", required=True, states=_states)
    bnsp_number = fields.Char(
        "BNSP Registration Number", strip=True, states=_states)
    kind = fields.Selection([
            ('kkni', "KKNI"),
            ('okupasi', "Occupation (Okupasi)"),
            ('klaster', "Cluster (Klaster)"),
            ], "Kind", required=True, states=_states)
    kkni_level = fields.Integer(
        "KKNI Level", states={
            'readonly': Eval('state') != 'draft',
            'invisible': Eval('kind') != 'kkni',
            'required': (Eval('kind') == 'kkni') & (Eval('state') != 'draft'),
            },
        domain=['OR',
            ('kkni_level', '=', None),
            [('kkni_level', '>=', 1), ('kkni_level', '<=', 9)],
            ],
        help="1-3 operator, 4-6 technician or analyst, 7-9 expert.")
    sector = fields.Many2One(
        'lsp.sector', "Sector", required=True, ondelete='RESTRICT',
        states=_states)
    units = fields.One2Many(
        'lsp.scheme.unit', 'scheme', "Competency Units", states=_states)
    requirements = fields.One2Many(
        'lsp.scheme.requirement', 'scheme', "Requirements", states=_states)
    assessment_methods = fields.MultiSelection(
        ASSESSMENT_METHODS, "Assessment Methods", states=_states)
    validity_years = fields.Integer(
        "Certificate Validity (Years)", required=True, states=_states,
        domain=[('validity_years', '>', 0)])
    surveillance_months = fields.Integer(
        "Surveillance Interval (Months)", required=True, states=_states,
        domain=[('surveillance_months', '>', 0)])
    surveillance_method = fields.Selection(
        SURVEILLANCE_METHODS, "Surveillance Method", required=True,
        states=_states,
        help="How the holders show that they still practise.")
    surveillance_grace_days = fields.Integer(
        "Surveillance Grace (Days)", required=True, states=_states,
        domain=[('surveillance_grace_days', '>=', 0)],
        help="The days after the due date before a surveillance is overdue.")
    recertification_window_months = fields.Integer(
        "Recertification Window (Months)", required=True, states=_states,
        domain=[('recertification_window_months', '>', 0)],
        help="How many months before the expiry a holder may apply for "
        "recertification.")
    recertification_method = fields.Selection(
        RECERTIFICATION_METHODS, "Recertification Method", required=True,
        states=_states)
    max_suspension_months = fields.Integer(
        "Maximum Suspension (Months)", states=_states,
        domain=['OR',
            ('max_suspension_months', '=', None),
            ('max_suspension_months', '>', 0),
            ],
        help="The longest a certificate may stay suspended; empty for no "
        "limit.")
    appeal_period_days = fields.Integer(
        "Appeal Period (Working Days)", required=True, states=_states,
        domain=[('appeal_period_days', '>', 0)],
        help="The working days after a decision within which an appeal "
        "may be filed.")
    version = fields.Integer("Version", required=True, readonly=True)
    previous_version = fields.Many2One(
        'lsp.scheme', "Previous Version", readonly=True,
        ondelete='RESTRICT')
    description = fields.Text("Description", states=_states)
    state = fields.Selection([
            ('draft', "Draft"),
            ('submitted', "Submitted"),
            ('validated', "Validated"),
            ('approved', "Approved"),
            ('active', "Active"),
            ('retired', "Retired"),
            ], "State", required=True, readonly=True, sort=False)
    submitted_by = fields.Many2One('res.user', "Submitted By", readonly=True)
    validated_by = fields.Many2One('res.user', "Validated By", readonly=True)
    validated_date = fields.Date("Validated On", readonly=True)
    approved_by = fields.Many2One('res.user', "Approved By", readonly=True)
    approved_date = fields.Date("Approved On", readonly=True)
    activated_date = fields.Date("Activated On", readonly=True)
    return_reason = fields.Text(
        "Reason for Return", readonly=True,
        states={'invisible': ~Eval('return_reason')})
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_version_unique', Unique(t, t.code, t.version),
                'lsp_base.msg_scheme_code_version_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))
        cls._order.insert(1, ('version', 'DESC'))
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'validated'),
            ('validated', 'approved'),
            ('approved', 'active'),
            ('active', 'retired'),
            ('submitted', 'draft'),
            ('validated', 'draft'),
            }
        cls._buttons.update({
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'validate_scheme': {
                    'invisible': Eval('state') != 'submitted',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'approve': {
                    'invisible': Eval('state') != 'validated',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'activate': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-launch',
                    'depends': ['state'],
                    },
                'return_draft': {
                    'invisible': ~Eval('state').in_(
                        ['submitted', 'validated']),
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'new_version': {
                    'invisible': Eval('state') != 'active',
                    'icon': 'tryton-copy',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_version(cls):
        return 1

    @classmethod
    def default_kind(cls):
        return 'okupasi'

    @classmethod
    def default_validity_years(cls):
        Configuration = Pool().get('lsp.configuration')
        return Configuration(1).certificate_validity_years

    @classmethod
    def default_surveillance_months(cls):
        return 12

    @classmethod
    def default_surveillance_method(cls):
        return 'logbook'

    @classmethod
    def default_surveillance_grace_days(cls):
        return 30

    @classmethod
    def default_recertification_window_months(cls):
        return 6

    @classmethod
    def default_recertification_method(cls):
        return 'full'

    @classmethod
    def default_appeal_period_days(cls):
        return 14

    def successor_versions(self):
        "Return the ids of the later versions of the scheme, nearest first"
        successors, ids = [], [self.id]
        while ids:
            ids = [s.id for s in self.search(
                        [('previous_version', 'in', ids)])]
            successors.extend(ids)
        return successors

    def get_rec_name(self, name):
        return '%s - %s (v%s)' % (self.code, self.name, self.version)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(clause, ['code', 'name'])

    @classmethod
    def copy(cls, schemes, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('code', lambda data: gettext(
                'lsp_base.msg_scheme_copy_code', code=data['code']))
        return super().copy(schemes, default=default)

    @classmethod
    def check_sector_rights(cls, schemes):
        "Check that the user may change schemes of their sectors"
        Rule = Pool().get('ir.rule')
        with check_access():
            domain = Rule.domain_get(cls.__name__, mode='write')
        if not domain:
            return
        allowed = set(cls.search([
                    ('id', 'in', [s.id for s in schemes]),
                    domain,
                    ]))
        for scheme in schemes:
            if scheme not in allowed:
                raise AccessError(gettext(
                        'lsp_base.msg_scheme_sector_rights',
                        scheme=scheme.rec_name,
                        sector=scheme.sector.rec_name))

    def check_ready(self):
        "Check that the scheme may leave draft"
        if not self.units:
            raise SchemeValidationError(gettext(
                    'lsp_base.msg_scheme_no_unit', scheme=self.rec_name))
        if self.kind == 'kkni' and not self.kkni_level:
            raise SchemeValidationError(gettext(
                    'lsp_base.msg_scheme_kkni_level_missing',
                    scheme=self.rec_name))
        if self.kind != 'kkni' and self.kkni_level:
            raise SchemeValidationError(gettext(
                    'lsp_base.msg_scheme_kkni_level_kind',
                    scheme=self.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('submitted')
    def submit(cls, schemes):
        cls.check_sector_rights(schemes)
        for scheme in schemes:
            scheme.check_ready()
        cls.write(schemes, {
                'submitted_by': Transaction().user,
                'return_reason': None,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('validated')
    def validate_scheme(cls, schemes):
        today = Pool().get('ir.date').today()
        cls.write(schemes, {
                'validated_by': Transaction().user,
                'validated_date': today,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    def approve(cls, schemes):
        today = Pool().get('ir.date').today()
        cls.write(schemes, {
                'approved_by': Transaction().user,
                'approved_date': today,
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('active')
    def activate(cls, schemes):
        today = Pool().get('ir.date').today()
        previous = [s.previous_version for s in schemes
            if s.previous_version and s.previous_version.state == 'active']
        if previous:
            cls.retire(previous)
        cls.write(schemes, {'activated_date': today})
        cls.transfer_assessor_scope(schemes)

    @classmethod
    def transfer_assessor_scope(cls, schemes):
        "Give the assessors of previous versions the new versions instead"
        AssessorScheme = Pool().get('lsp.assessor.scheme')
        for scheme in schemes:
            if scheme.previous_version:
                AssessorScheme.write(AssessorScheme.search([
                            ('scheme', '=', scheme.previous_version.id),
                            ]), {'scheme': scheme.id})

    @classmethod
    @Workflow.transition('retired')
    def retire(cls, schemes):
        pass

    @classmethod
    @ModelView.button_action('lsp_base.wizard_scheme_return_draft')
    def return_draft(cls, schemes):
        pass

    @classmethod
    @Workflow.transition('draft')
    def to_draft(cls, schemes, reason):
        cls.write(schemes, {'return_reason': reason})

    @classmethod
    @ModelView.button_action('lsp_base.act_scheme_form')
    def new_version(cls, schemes):
        "Copy active schemes into drafts of their next version"
        cls.check_sector_rights(schemes)
        new_schemes = []
        for scheme in schemes:
            new_scheme, = cls.copy([scheme], default={
                    'code': scheme.code,
                    'version': scheme.version + 1,
                    'previous_version': scheme.id,
                    })
            new_schemes.append(new_scheme)
        return {
            'res_id': [s.id for s in new_schemes],
            'views': [(None, 'form'), (None, 'tree')],
            }


class SchemeUnit(ParentLockMixin, sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.scheme.unit'
    __string__ = "Scheme Unit"
    _parent_field = 'scheme'

    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", required=True, ondelete='CASCADE')
    unit = fields.Many2One(
        'lsp.competency.unit', "Competency Unit", required=True,
        ondelete='RESTRICT')
    unit_code = fields.Function(
        fields.Char("Unit Code"), 'on_change_with_unit_code')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls.__access__.add('scheme')
        cls._sql_constraints += [
            ('scheme_unit_unique', Unique(t, t.scheme, t.unit),
                'lsp_base.msg_scheme_unit_unique'),
            ]

    @fields.depends('unit')
    def on_change_with_unit_code(self, name=None):
        return self.unit.code if self.unit else None

    def get_rec_name(self, name):
        return self.unit.rec_name

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('unit.rec_name',) + tuple(clause[1:])]


class SchemeRequirement(
        ParentLockMixin, sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'lsp.scheme.requirement'
    __string__ = "Scheme Requirement"
    _parent_field = 'scheme'

    scheme = fields.Many2One(
        'lsp.scheme', "Scheme", required=True, ondelete='CASCADE')
    kind = fields.Selection([
            ('basic', "Basic"),
            ('administrative', "Administrative"),
            ], "Kind", required=True)
    description = fields.Text("Description", required=True)
    mandatory = fields.Boolean(
        "Mandatory",
        help="An application cannot be accepted without it.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('scheme')

    @classmethod
    def default_kind(cls):
        return 'basic'

    @classmethod
    def default_mandatory(cls):
        return True

    def get_rec_name(self, name):
        return self.description.splitlines()[0] if self.description else ''

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('description',) + tuple(clause[1:])]


class SchemeReturnDraftStart(ModelView):
    __name__ = 'lsp.scheme.return_draft.start'
    __string__ = "Return Scheme to Draft"

    reason = fields.Text(
        "Reason", required=True,
        help="Tell the author what to change before submitting again.")


class SchemeReturnDraft(Wizard):
    __name__ = 'lsp.scheme.return_draft'
    __string__ = "Return Scheme to Draft"

    start = StateView(
        'lsp.scheme.return_draft.start',
        'lsp_base.scheme_return_draft_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Return to Draft", 'return_', 'tryton-ok', default=True),
            ])
    return_ = StateTransition()

    def transition_return_(self):
        Scheme = Pool().get('lsp.scheme')
        schemes = [s for s in self.records
            if s.state in {'submitted', 'validated'}]
        Scheme.to_draft(schemes, self.start.reason)
        return 'end'


class SchemeReport(Report):
    __name__ = 'lsp.scheme'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = selection_string
        context['methods'] = lambda s: multiselection_string(
            s, 'assessment_methods')
        context['committee_chair'] = committee_chair_name
        context['position_holder'] = position_holder_name
        return context
