# This file is part of the LSP Perkoperasian Indonesia ERP.
from collections import Counter

from dateutil.relativedelta import relativedelta

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import StateAction, StateTransition, Wizard

from lsp_base.model import (
    LockErrorMixin, WorkflowFieldsMixin, WorkflowMixin)

from .exceptions import MutuValidationError

#: the threats to impartiality (ISO/IEC 17024 4.3)
THREATS = [
    ('self_interest', "Self-interest"),
    ('self_review', "Self-review"),
    ('familiarity', "Familiarity"),
    ('intimidation', "Intimidation"),
    ('financial', "Financial"),
    ('management', "Management"),
    ]
#: the scale of the likelihood and of the impact
SCALE = [(None, "")] + [(str(i), str(i)) for i in range(1, 6)]
#: the share of the events of a year above which one funding source is a
#: financial threat
FUNDING_SHARE = 0.5
#: the months between two reviews of a risk
REVIEW_MONTHS = 12


def risk_score(likelihood, impact):
    """Return likelihood × impact, or None when one is missing

    >>> risk_score('4', '5')
    20
    >>> risk_score('2', None)"""
    if not likelihood or not impact:
        return None
    return int(likelihood) * int(impact)


def dominant_sources(sources, share=FUNDING_SHARE):
    """Return the sources of more than share of the items, with their share

    >>> dominant_sources([1, 1, 1, 2, None])
    [(1, 0.6)]
    >>> dominant_sources([])
    []"""
    counts = Counter(sources)
    total = len(sources)
    return sorted(
        (s, c / total) for s, c in counts.items()
        if s is not None and total and c / total > share)


class ImpartialityRisk(LockErrorMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.impartiality.risk'
    __string__ = "Impartiality Risk"
    _lock_message = 'lsp_mutu.msg_risk_locked'
    _lock_parameter = 'risk'

    _open = {'readonly': Eval('state').in_(['closed'])}

    name = fields.Char("Activity or Source", required=True, states=_open)
    source = fields.Reference(
        "Source Record", selection='get_sources', states=_open,
        help="The scheme, TUK, partner, assessor, conflict of interest or "
        "funding source the threat comes from.")
    threat = fields.Selection(
        THREATS, "Threat", required=True, sort=False, states=_open)
    description = fields.Text("Description", states=_open)
    likelihood = fields.Selection(
        SCALE, "Likelihood", required=True, sort=False, states=_open,
        help="From 1 (rare) to 5 (almost certain).")
    impact = fields.Selection(
        SCALE, "Impact", required=True, sort=False, states=_open,
        help="From 1 (negligible) to 5 (severe).")
    score = fields.Function(
        fields.Integer("Score"), 'on_change_with_score')
    controls = fields.One2Many(
        'lsp.mutu.impartiality.risk.control', 'risk', "Controls",
        states=_open)
    residual_likelihood = fields.Selection(
        SCALE, "Residual Likelihood", sort=False, states=_open)
    residual_impact = fields.Selection(
        SCALE, "Residual Impact", sort=False, states=_open)
    residual_score = fields.Function(
        fields.Integer("Residual Score"), 'on_change_with_residual_score')
    owner = fields.Many2One(
        'company.employee', "Owner", ondelete='RESTRICT', states=_open)
    next_review_date = fields.Date("Next Review", states=_open)
    review_overdue = fields.Function(
        fields.Boolean("Review Overdue"), 'get_review_overdue',
        searcher='search_review_overdue')
    reviews = fields.One2Many(
        'lsp.mutu.impartiality.risk.review', 'risk', "Reviews",
        readonly=True)
    actions = fields.One2Many(
        'lsp.mutu.action', 'origin', "Actions", states=_open)
    state = fields.Selection([
            ('open', "Open"),
            ('mitigated', "Mitigated"),
            ('accepted', "Accepted"),
            ('closed', "Closed"),
            ], "State", required=True, readonly=True, sort=False)
    del _open

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('next_review_date', 'ASC NULLS LAST'))
        cls._transitions |= {
            ('open', 'mitigated'),
            ('open', 'accepted'),
            ('mitigated', 'accepted'),
            ('mitigated', 'open'),
            ('accepted', 'open'),
            ('open', 'closed'),
            ('mitigated', 'closed'),
            ('accepted', 'closed'),
            }
        cls._buttons.update({
                'reopen': {
                    'invisible': ~Eval('state').in_(['mitigated', 'accepted']),
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                'mitigate': {
                    'invisible': Eval('state') != 'open',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'accept': {
                    'invisible': ~Eval('state').in_(['open', 'mitigated']),
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': Eval('state') == 'closed',
                    'icon': 'tryton-close',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'open'

    @classmethod
    def _get_sources(cls):
        "Return the models an impartiality threat may come from"
        return [
            'lsp.scheme', 'lsp.tuk', 'party.party', 'lsp.assessor',
            'lsp.assessor.conflict', 'lsp.funding.source',
            ]

    @classmethod
    def get_sources(cls):
        pool = Pool()
        IrModel = pool.get('ir.model')
        models = []
        for name in cls._get_sources():
            try:
                pool.get(name)
            except KeyError:
                continue
            models.append(name)
        return [(None, '')] + [(m, IrModel.get_name(m)) for m in models]

    @fields.depends('likelihood', 'impact')
    def on_change_with_score(self, name=None):
        return risk_score(self.likelihood, self.impact)

    @fields.depends('residual_likelihood', 'residual_impact')
    def on_change_with_residual_score(self, name=None):
        return risk_score(self.residual_likelihood, self.residual_impact)

    @classmethod
    def get_review_overdue(cls, risks, name):
        today = Pool().get('ir.date').today()
        return {r.id: bool(
                r.state != 'closed' and r.next_review_date
                and r.next_review_date < today) for r in risks}

    @classmethod
    def search_review_overdue(cls, name, clause):
        today = Pool().get('ir.date').today()
        _, operator, value = clause
        overdue = [
            ('state', '!=', 'closed'),
            ('next_review_date', '<', today),
            ]
        if (operator == '=') == bool(value):
            return overdue
        return ['OR',
            ('state', '=', 'closed'),
            ('next_review_date', '=', None),
            ('next_review_date', '>=', today),
            ]

    @classmethod
    def validate_fields(cls, risks, field_names):
        super().validate_fields(risks, field_names)
        if field_names & {
                'likelihood', 'impact', 'residual_likelihood',
                'residual_impact'}:
            for risk in risks:
                risk.check_residual()

    def check_residual(self):
        "Check that the controls do not raise the risk"
        residual = self.on_change_with_residual_score()
        score = self.on_change_with_score()
        if residual is not None and score is not None and residual > score:
            raise MutuValidationError(gettext(
                    'lsp_mutu.msg_risk_residual_above',
                    risk=self.rec_name, residual=residual, score=score))

    @classmethod
    def check_modification(cls, mode, risks, values=None, external=False):
        super().check_modification(
            mode, risks, values=values, external=external)
        if mode == 'delete':
            for risk in risks:
                if risk.reviews or risk.state == 'closed':
                    raise cls.lock_error(risk)
        elif mode == 'write':
            names = values.keys() - cls._workflow_fields
            for risk in risks:
                if risk.state == 'closed' and names:
                    raise cls.lock_error(risk)

    @classmethod
    @ModelView.button
    @Workflow.transition('open')
    def reopen(cls, risks):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('mitigated')
    def mitigate(cls, risks):
        for risk in risks:
            if not risk.controls:
                raise MutuValidationError(gettext(
                        'lsp_mutu.msg_risk_no_control', risk=risk.rec_name))

    @classmethod
    @ModelView.button
    @Workflow.transition('accepted')
    def accept(cls, risks):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, risks):
        pass

    @classmethod
    def suggestions(cls, date=None):
        """Return the values of the risks the data suggest that the register
        does not hold yet: the declared conflicts of the assessors, a
        funding source paying more than half of the events of the last
        year, a TUK whose provider also trains candidates"""
        pool = Pool()
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        known = {str(r.source) for r in cls.search([
                    ('source', '!=', None), ('state', '!=', 'closed')])}
        values = []

        def add(source, name, threat, description, likelihood, impact):
            if str(source) in known:
                return
            known.add(str(source))
            values.append({
                    'name': name, 'source': str(source), 'threat': threat,
                    'description': description,
                    'likelihood': likelihood, 'impact': impact,
                    'next_review_date': date,
                    })

        Conflict = pool.get('lsp.assessor.conflict')
        for conflict in Conflict.search([]):
            add(conflict,
                gettext('lsp_mutu.msg_risk_suggest_conflict',
                    assessor=conflict.assessor.rec_name,
                    party=conflict.party.rec_name),
                'familiarity', conflict.reason, '3', '4')

        Event = pool.get('lsp.assessment.event')
        if 'funding_source' in Event._fields:
            events = Event.search([
                    ('start_date', '>=', date - relativedelta(years=1)),
                    ('start_date', '<=', date),
                    ('state', '!=', 'cancelled'),
                    ])
            for source, share in dominant_sources(
                    [e.funding_source for e in events]):
                add(source,
                    gettext('lsp_mutu.msg_risk_suggest_funding',
                        source=source.rec_name,
                        share='%d %%' % round(share * 100)),
                    'financial', None, '3', '4')

        Tuk = pool.get('lsp.tuk')
        for tuk in Tuk.search([
                    ('provider.lsp_training_provider', '=', True),
                    ('state', '!=', 'closed'),
                    ]):
            add(tuk,
                gettext('lsp_mutu.msg_risk_suggest_training',
                    tuk=tuk.rec_name, provider=tuk.provider.rec_name),
                'self_review', None, '3', '3')
        return values


class ImpartialityRiskControl(ModelSQL, ModelView):
    __name__ = 'lsp.mutu.impartiality.risk.control'
    __string__ = "Impartiality Risk Control"

    risk = fields.Many2One(
        'lsp.mutu.impartiality.risk', "Risk", required=True,
        ondelete='CASCADE')
    description = fields.Text("Control", required=True)
    owner = fields.Many2One(
        'company.employee', "Owner", ondelete='RESTRICT')

    def get_rec_name(self, name):
        text = (self.description or '').splitlines()
        return text[0] if text else ''

    @classmethod
    def check_modification(cls, mode, controls, values=None,
            external=False):
        super().check_modification(
            mode, controls, values=values, external=external)
        Risk = Pool().get('lsp.mutu.impartiality.risk')
        for control in controls:
            if control.risk.state == 'closed':
                raise Risk.lock_error(control.risk)


class ImpartialityRiskReview(WorkflowFieldsMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.impartiality.risk.review'
    __string__ = "Impartiality Risk Review"

    risk = fields.Many2One(
        'lsp.mutu.impartiality.risk', "Risk", required=True,
        ondelete='RESTRICT', domain=[('state', '!=', 'closed')])
    date = fields.Date("Date", required=True)
    meeting = fields.Many2One(
        'lsp.meeting', "Meeting", ondelete='RESTRICT',
        help="The meeting of the Komite Ketidakberpihakan that reviewed "
        "the risk.")
    decision = fields.Text("Decision", required=True)
    likelihood = fields.Selection(SCALE, "Likelihood", sort=False)
    impact = fields.Selection(SCALE, "Impact", sort=False)
    residual_likelihood = fields.Selection(
        SCALE, "Residual Likelihood", sort=False)
    residual_impact = fields.Selection(
        SCALE, "Residual Impact", sort=False)
    score_before = fields.Integer("Score Before", readonly=True)
    score = fields.Function(
        fields.Integer("New Score"), 'on_change_with_score')
    reviewed_by = fields.Many2One('res.user', "Reviewed By", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_reviewed_by(cls):
        return Transaction().user

    @fields.depends('likelihood', 'impact')
    def on_change_with_score(self, name=None):
        return risk_score(self.likelihood, self.impact)

    def get_rec_name(self, name):
        return '%s %s' % (self.risk.rec_name, self.date.isoformat())

    @classmethod
    def check_modification(cls, mode, reviews, values=None, external=False):
        super().check_modification(
            mode, reviews, values=values, external=external)
        if mode in {'write', 'delete'} and external:
            raise MutuValidationError(gettext(
                    'lsp_mutu.msg_risk_review_final',
                    review=reviews[0].rec_name if reviews else ''))

    @classmethod
    def create(cls, vlist):
        "Apply the new scores of the reviews to their risks"
        Risk = Pool().get('lsp.mutu.impartiality.risk')
        reviews = super().create(vlist)
        for review in reviews:
            risk = review.risk
            changes = {
                name: getattr(review, name) for name in [
                    'likelihood', 'impact', 'residual_likelihood',
                    'residual_impact']
                if getattr(review, name)}
            changes['next_review_date'] = (
                review.date + relativedelta(months=REVIEW_MONTHS))
            with without_check_access():
                cls.write([review], {'score_before': risk.score})
                Risk.write([risk], changes)
        return reviews


class SuggestRisks(Wizard):
    __name__ = 'lsp.mutu.impartiality.risk.suggest'
    __string__ = "Suggest Impartiality Risks"
    start = StateTransition()
    open_ = StateAction('lsp_mutu.act_impartiality_risk_form')

    def transition_start(self):
        Risk = Pool().get('lsp.mutu.impartiality.risk')
        values = Risk.suggestions()
        self._created = Risk.create(values) if values else []
        return 'open_'

    def do_open_(self, action):
        created = getattr(self, '_created', None)
        if created is not None:
            action['domain'] = [('id', 'in', [r.id for r in created])]
        return action, {}

    def transition_open_(self):
        return 'end'

