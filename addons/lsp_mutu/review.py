# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The management review (ISO/IEC 17024 §10.2.5, PBNSP 201)

The Direktur Manajemen Mutu *prepares* the review: the inputs are written
from the data of the period, one line per category with its figures and
links to the records behind them. The review is held at a meeting chaired
by the Kepala, who *closes* it: each output becomes a quality action, and
the next review reports on them first."""
import datetime as dt
import io
from collections import Counter

from sql.aggregate import Count

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

from lsp_base.model import DraftLockMixin, ParentLockMixin, WorkflowMixin
from lsp_base.report import selection_string

from .exceptions import ReviewError
from .indicator import (
    IndicatorContext, first_field, is_negative_feedback, to_date)

#: the categories of the inputs, in the order of design §4.1
CATEGORIES = [
    ('previous_outputs', "Outputs of the Previous Review"),
    ('internal_audits', "Internal Audits"),
    ('external_audits', "External Audits and BNSP Licence"),
    ('nonconformities', "Non-Conformities and Actions"),
    ('appeals', "Appeals"),
    ('complaints', "Complaints"),
    ('impartiality_risks', "Impartiality Risks"),
    ('indicators', "Indicators against Targets"),
    ('feedback', "Candidate and Holder Feedback"),
    ('assessor_outliers', "Assessor Statistics Outliers"),
    ('certification_volume', "Certification Volume and Surveillance"),
    ('document_control', "Document Control"),
    ('changes', "Changes in Schemes, Standards and TUK"),
    ]

#: the models an input may link, when their module is activated
LINK_MODELS = [
    'lsp.mutu.review.output', 'lsp.mutu.action', 'lsp.mutu.audit',
    'lsp.mutu.audit.line', 'lsp.mutu.external.audit',
    'lsp.mutu.nonconformity', 'lsp.appeal', 'lsp.complaint',
    'lsp.mutu.impartiality.risk', 'lsp.mutu.indicator.value',
    'lsp.assessment', 'lsp.assessor', 'lsp.certificate', 'lsp.surveillance',
    'lsp.document', 'lsp.mutu.document.revision', 'lsp.scheme',
    'lsp.standard', 'lsp.tuk',
    ]

#: the links of the inputs created (and the records read) by one call
LINK_SLICE = 200

UPHELD_OUTCOMES = {'upheld_reassess', 'upheld_reverse', 'partially_upheld'}
CLOSED_NC_STATES = {'closed', 'cancelled'}


def get_model(name):
    "Return the model name of the pool, None when its module is not active"
    try:
        return Pool().get(name)
    except KeyError:
        return None


def in_period(Model, names, start, end):
    "Return the domain of the records of Model with a date field in period"
    name = first_field(Model, names)
    if not name:
        return None
    return [(name, '>=', start), (name, '<=', end)]


class Review(DraftLockMixin, WorkflowMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.review'
    __string__ = "Management Review"
    _lock_message = 'lsp_mutu.msg_review_locked'
    _delete_message = 'lsp_mutu.msg_review_delete_draft'
    _lock_parameter = 'review'
    _open_states = {'draft', 'prepared', 'held'}

    _states = {'readonly': Eval('state').in_(['held', 'closed'])}

    company = fields.Many2One(
        'company.company', "Company", required=True,
        states={'readonly': True})
    title = fields.Char("Title", required=True, states=_states)
    period_start = fields.Date(
        "Period Start", required=True, states=_states)
    period_end = fields.Date(
        "Period End", required=True, states=_states,
        domain=[('period_end', '>=', Eval('period_start'))])
    meeting = fields.Many2One(
        'lsp.meeting', "Meeting", ondelete='RESTRICT',
        domain=[('kind', '=', 'management_review')],
        states=_states,
        help="The meeting, chaired by the Kepala, where the review is held.")
    chair = fields.Function(
        fields.Many2One('company.employee', "Chair"),
        'on_change_with_chair')
    previous_review = fields.Many2One(
        'lsp.mutu.review', "Previous Review", readonly=True,
        help="The last closed review before this one, whose outputs are "
        "followed up.")
    inputs = fields.One2Many(
        'lsp.mutu.review.input', 'review', "Inputs",
        states={'readonly': Eval('state') == 'closed'},
        help="Written by \"Prepare\" from the data of the period; only "
        "their comment is written by hand.")
    outputs = fields.One2Many(
        'lsp.mutu.review.output', 'review', "Outputs",
        states={'readonly': Eval('state') == 'closed'},
        help="The decisions of the review; each becomes a quality action "
        "when the review is closed.")
    conclusion = fields.Text(
        "Conclusion", states={'readonly': Eval('state') == 'closed'},
        help="The conclusion on the suitability, adequacy and "
        "effectiveness of the management system.")
    prepared_by = fields.Many2One('res.user', "Prepared By", readonly=True)
    prepared_date = fields.Date("Prepared On", readonly=True)
    closed_by = fields.Many2One('res.user', "Closed By", readonly=True)
    closed_date = fields.Date("Closed On", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('prepared', "Prepared"),
            ('held', "Held"),
            ('closed', "Closed"),
            ], "State", required=True, readonly=True, sort=False)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('period_end', 'DESC'))
        cls._check_modify_exclude = {'inputs', 'outputs', 'conclusion'}
        cls._transitions |= {
            ('draft', 'prepared'),
            ('prepared', 'prepared'),
            ('prepared', 'held'),
            ('held', 'closed'),
            }
        cls._buttons.update({
                'prepare': {
                    'invisible': ~Eval('state').in_(['draft', 'prepared']),
                    'icon': 'tryton-refresh',
                    'depends': ['state'],
                    },
                'hold': {
                    'invisible': Eval('state') != 'prepared',
                    'readonly': ~Eval('meeting'),
                    'icon': 'tryton-forward',
                    'depends': ['state', 'meeting'],
                    },
                'close': {
                    'invisible': Eval('state') != 'held',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @fields.depends('meeting', '_parent_meeting.chair')
    def on_change_with_chair(self, name=None):
        if self.meeting and self.meeting.chair:
            return self.meeting.chair.id

    def get_rec_name(self, name):
        return '%s (%s - %s)' % (
            self.title, self.period_start, self.period_end)

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('title',) + tuple(clause[1:])]

    @classmethod
    def check_modification(cls, mode, reviews, values=None, external=False):
        super().check_modification(
            mode, reviews, values=values, external=external)
        if mode == 'write' and values.keys() - cls._workflow_fields:
            # the conclusion, outputs and comments are closed with it
            for review in reviews:
                if review.state == 'closed':
                    raise cls.lock_error(review)

    @classmethod
    def copy(cls, reviews, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('inputs', None)
        default.setdefault('outputs', None)
        default.setdefault('meeting', None)
        return super().copy(reviews, default=default)

    # --- the workflow

    @classmethod
    @ModelView.button
    @Workflow.transition('prepared')
    def prepare(cls, reviews):
        pool = Pool()
        Input = pool.get('lsp.mutu.review.input')
        Link = pool.get('lsp.mutu.review.input.link')
        Date = pool.get('ir.date')
        Input.delete([i for r in reviews for i in r.inputs])
        to_create, links = [], []
        for review in reviews:
            review.previous_review = review.find_previous()
            sequence = 0
            for category, _ in CATEGORIES:
                sequence += 10
                values = getattr(review, '_input_%s' % category)()
                values.update({
                        'review': review.id,
                        'sequence': sequence,
                        'category': category,
                        })
                links.append(values.pop('links', []))
                to_create.append(values)
            review.prepared_by = Transaction().user
            review.prepared_date = Date.today()
        with Transaction().set_context(_lsp_review_prepare=True):
            inputs = Input.create(to_create)
            # the links are created by slices: the records of one create
            # are instantiated, validated and read back together, which
            # costs the square of their number (thousands of links)
            to_link = [{
                    'input': input_.id,
                    'record': str(r),
                    'name': r.rec_name,
                    'note': note,
                    } for input_, records in zip(inputs, links)
                for r, note in records]
            for sub in grouped_slice(to_link, LINK_SLICE):
                Link.create(list(sub))
        cls.save(reviews)

    @classmethod
    @ModelView.button
    @Workflow.transition('held')
    def hold(cls, reviews):
        for review in reviews:
            review.check_hold()

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, reviews):
        pool = Pool()
        Action = pool.get('lsp.mutu.action')
        Date = pool.get('ir.date')
        Output = pool.get('lsp.mutu.review.output')
        to_create, outputs = [], []
        for review in reviews:
            for output in review.outputs:
                if output.action:
                    continue
                to_create.append(output.action_values())
                outputs.append(output)
            review.closed_by = Transaction().user
            review.closed_date = Date.today()
        actions = Action.create(to_create)
        for output, action in zip(outputs, actions):
            output.action = action
        with Transaction().set_context(_lsp_review_close=True):
            Output.save(outputs)
        cls.save(reviews)

    def check_hold(self):
        "Check the review is held at a meeting chaired by the Kepala"
        pool = Pool()
        Holder = pool.get('lsp.position.holder')
        if not self.meeting:
            raise ReviewError(gettext(
                    'lsp_mutu.msg_review_no_meeting', review=self.rec_name))
        chair = self.meeting.chair
        date = self.meeting.start.date()
        kepala = Holder.search([
                ('position.code', '=', 'KEP'),
                ('employee', '=', chair.id if chair else -1),
                ('date_from', '<=', date),
                ['OR',
                    ('date_to', '=', None),
                    ('date_to', '>=', date),
                    ],
                ])
        if not kepala:
            raise ReviewError(gettext(
                    'lsp_mutu.msg_review_chair_not_kepala',
                    review=self.rec_name, meeting=self.meeting.rec_name))

    def find_previous(self):
        "Return the last closed review before this one"
        reviews = self.search([
                ('id', '!=', self.id),
                ('state', '=', 'closed'),
                ('period_end', '<', self.period_start),
                ], order=[('period_end', 'DESC'), ('id', 'DESC')], limit=1)
        return reviews[0] if reviews else None

    # --- the inputs: each returns the values of its line with its links

    def _figures(self, category, **counts):
        return gettext('lsp_mutu.msg_review_figures_%s' % category, **counts)

    def _input_previous_outputs(self):
        outputs = list(self.previous_review.outputs
            if self.previous_review else [])
        actions = [o.action for o in outputs if o.action]
        done = sum(1 for a in actions if a.state in {'done', 'verified'})
        links = [(o, selection_string(o.action, 'state') if o.action else None)
            for o in outputs]
        return {
            'count': len(outputs),
            'figures': self._figures('previous_outputs',
                outputs=len(outputs), done=done,
                open=len(actions) - done),
            'links': links,
            }

    def _input_internal_audits(self):
        Audit = get_model('lsp.mutu.audit')
        if Audit is None:
            return self._not_active()
        domain = in_period(Audit, [
                'plan_date', 'date', 'start_date'], self.period_start,
            self.period_end)
        if domain is None:
            return self._not_active()
        if 'state' in Audit._fields:
            domain.append(('state', '!=', 'cancelled'))
        audits = Audit.search(domain, order=[('id', 'ASC')])
        severities = Counter()
        links = [(a, selection_string(a, 'state')
                if 'state' in a._fields else None) for a in audits]
        for audit in audits:
            for line in getattr(audit, 'lines', []):
                result = getattr(line, 'result', None)
                if result in {'minor', 'major', 'observation'}:
                    severities[result] += 1
        return {
            'count': len(audits),
            'figures': self._figures('internal_audits',
                audits=len(audits), major=severities['major'],
                minor=severities['minor'],
                observation=severities['observation']),
            'links': links,
            }

    def _input_external_audits(self):
        Audit = get_model('lsp.mutu.external.audit')
        if Audit is None:
            return self._not_active()
        domain = in_period(Audit, ['date', 'start_date'],
            self.period_start, self.period_end)
        if domain is None:
            return self._not_active()
        audits = Audit.search(domain, order=[('id', 'ASC')])
        findings = sum(len(getattr(a, 'lines', [])) for a in audits)
        return {
            'count': len(audits),
            'figures': self._figures('external_audits',
                audits=len(audits), findings=findings),
            'links': [(a, None) for a in audits],
            }

    def _input_nonconformities(self):
        Nonconformity = get_model('lsp.mutu.nonconformity')
        Action = get_model('lsp.mutu.action')
        if Nonconformity is None:
            return self._not_active()
        start, end = self.period_start, self.period_end
        opened = Nonconformity.search([
                ('detected_on', '>=', start),
                ('detected_on', '<=', end),
                ('state', '!=', 'cancelled'),
                ], order=[('id', 'ASC')])
        closed = Nonconformity.search_count([
                ('closed_date', '>=', start),
                ('closed_date', '<=', end),
                ])
        overdue = Nonconformity.search([
                ('state', 'not in', list(CLOSED_NC_STATES)),
                ('due_date', '<', end),
                ], order=[('id', 'ASC')])
        effective = Counter(n.effectiveness_result for n in
            Nonconformity.search([
                    ('effectiveness_date', '>=', start),
                    ('effectiveness_date', '<=', end),
                    ]))
        actions_overdue = []
        if Action is not None:
            actions_overdue = Action.search([
                    ('state', '=', 'open'),
                    ('deadline', '<', end),
                    ], order=[('id', 'ASC')])
        overdue_ids = {n.id for n in overdue}
        links = [(n, gettext('lsp_mutu.msg_review_link_overdue')
                if n.id in overdue_ids else selection_string(n, 'state'))
            for n in opened]
        links += [(n, gettext('lsp_mutu.msg_review_link_overdue'))
            for n in overdue if n not in opened]
        links += [(a, gettext('lsp_mutu.msg_review_link_overdue'))
            for a in actions_overdue]
        return {
            'count': len(opened),
            'figures': self._figures('nonconformities',
                opened=len(opened), closed=closed, overdue=len(overdue),
                actions_overdue=len(actions_overdue),
                effective=effective['effective'],
                not_effective=effective['not_effective']),
            'links': links,
            }

    def _input_appeals(self):
        Appeal = get_model('lsp.appeal')
        if Appeal is None:
            return self._not_active()
        domain = in_period(Appeal, ['received_on', 'date'],
            self.period_start, self.period_end)
        if domain is None:
            return self._not_active()
        appeals = Appeal.search(domain, order=[('id', 'ASC')])
        upheld = [a for a in appeals
            if getattr(a, 'outcome', None) in UPHELD_OUTCOMES]
        return {
            'count': len(appeals),
            'figures': self._figures('appeals',
                appeals=len(appeals), upheld=len(upheld)),
            'links': [(a, getattr(a, 'outcome', None)) for a in appeals],
            }

    def _input_complaints(self):
        Complaint = get_model('lsp.complaint')
        if Complaint is None:
            return self._not_active()
        domain = in_period(Complaint, ['received_on', 'date'],
            self.period_start, self.period_end)
        if domain is None:
            return self._not_active()
        complaints = Complaint.search(domain, order=[('id', 'ASC')])
        subjects = Counter(
            getattr(c, 'subject_kind', None) for c in complaints)
        acknowledged = sum(1 for c in complaints
            if getattr(c, 'acknowledged_on', None))
        return {
            'count': len(complaints),
            'figures': self._figures('complaints',
                complaints=len(complaints), acknowledged=acknowledged,
                subjects=', '.join('%s: %s' % (k, v)
                    for k, v in sorted(subjects.items(), key=str) if k)),
            'links': [(c, getattr(c, 'subject_kind', None))
                for c in complaints],
            }

    def _input_impartiality_risks(self):
        Risk = get_model('lsp.mutu.impartiality.risk')
        if Risk is None:
            return self._not_active()
        start, end = self.period_start, self.period_end
        risks = Risk.search([], order=[('id', 'ASC')])
        new, raised, overdue = [], [], []
        for risk in risks:
            created = to_date(risk.create_date)
            if start <= created <= end:
                new.append(risk)
            for review in getattr(risk, 'reviews', []):
                date = getattr(review, 'date', None)
                before = getattr(review, 'score_before', None)
                after = getattr(review, 'score', None)
                if (date and start <= date <= end
                        and before is not None and after is not None
                        and after > before):
                    raised.append(risk)
                    break
            next_review = getattr(risk, 'next_review_date', None)
            if (next_review and next_review < end
                    and getattr(risk, 'state', None) not in {'closed'}):
                overdue.append(risk)
        links, seen = [], set()
        for group, note in [
                (new, 'msg_review_link_new'),
                (raised, 'msg_review_link_raised'),
                (overdue, 'msg_review_link_overdue')]:
            for risk in group:
                if (risk.id, note) not in seen:
                    seen.add((risk.id, note))
                    links.append((risk, gettext('lsp_mutu.%s' % note)))
        return {
            'count': len(set(new) | set(raised) | set(overdue)),
            'figures': self._figures('impartiality_risks',
                risks=len(risks), new=len(new), raised=len(raised),
                overdue=len(overdue)),
            'links': links,
            }

    def _input_indicators(self):
        pool = Pool()
        Value = pool.get('lsp.mutu.indicator.value')
        values = Value.search([
                ('period_start', '>=', self.period_start),
                ('period_start', '<=', self.period_end),
                ('scheme', '=', None),
                ('assessor', '=', None),
                ], order=[('indicator', 'ASC'), ('period_start', 'ASC')])
        below = [v for v in values if v.on_target is False]
        return {
            'count': len(below),
            'figures': self._figures('indicators',
                values=len(values),
                on_target=sum(1 for v in values if v.on_target),
                below=len(below)),
            'links': [(v, '%s / %s' % (v.value, v.target)) for v in below],
            }

    def _input_feedback(self):
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        # in SQL: a year holds hundreds of thousands of assessments, only
        # the feedbacks given are read
        context = IndicatorContext(self.period_start, self.period_end)
        feedbacks = context.feedbacks()
        negative = [i for i, f in feedbacks if is_negative_feedback(f)]
        given = sum(1 for _, f in feedbacks if f.strip())
        return {
            'count': len(negative),
            'figures': self._figures('feedback',
                assessments=context.assessment_count(), given=given,
                negative=len(negative)),
            'links': [(a, (a.feedback or '')[:100])
                for sub in grouped_slice(negative, LINK_SLICE)
                for a in Assessment.browse(list(sub))],
            }

    def _input_assessor_outliers(self):
        pool = Pool()
        Statistic = pool.get('lsp.mutu.assessor.statistic')
        outliers = Statistic.outliers(self.period_start, self.period_end)
        return {
            'count': len(outliers),
            'figures': self._figures('assessor_outliers',
                outliers=len(outliers)),
            'links': [(s.assessor, '%s %s: %s %% (%s %%)' % (
                        s.scheme.rec_name, s.year, s.k_rate, s.scheme_mean))
                for s in outliers],
            }

    def _input_certification_volume(self):
        pool = Pool()
        Event = pool.get('lsp.certificate.event')
        start, end = self.period_start, self.period_end
        event = Event.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*event.select(
                event.kind, Count(event.id),
                where=(event.date >= start) & (event.date <= end),
                group_by=[event.kind]))
        kinds = Counter(dict(cursor))
        events = Event.search([
                ('date', '>=', start),
                ('date', '<=', end),
                ('kind', 'in', ['suspended', 'withdrawn']),
                ], order=[('id', 'ASC')])
        done = overdue = 0
        Surveillance = get_model('lsp.surveillance')
        if Surveillance is not None:
            done = Surveillance.search_count([
                    ('reviewed_on', '>=', start),
                    ('reviewed_on', '<=', end),
                    ])
            overdue = Surveillance.search_count([
                    ('state', '=', 'overdue'),
                    ])
        labels = dict(Event.fields_get(['kind'])['kind']['selection'])
        links = [(e.certificate, labels.get(e.kind)) for e in events]
        return {
            'count': kinds['issued'],
            'figures': self._figures('certification_volume',
                issued=kinds['issued'], renewed=kinds['renewed'],
                suspended=kinds['suspended'], withdrawn=kinds['withdrawn'],
                expired=kinds['expired'], surveillance_done=done,
                surveillance_overdue=overdue),
            'links': links,
            }

    def _input_document_control(self):
        pool = Pool()
        Document = pool.get('lsp.document')
        start, end = self.period_start, self.period_end
        approved = 0
        Revision = get_model('lsp.mutu.document.revision')
        if Revision is not None:
            domain = in_period(Revision, [
                    'approved_date', 'effective_date'], start, end)
            if domain:
                approved = Revision.search_count(domain)
        overdue, dpia_in_date = [], None
        if 'next_review_date' in Document._fields:
            overdue = Document.search([
                    ('state', '=', 'in_force'),
                    ('next_review_date', '<', end),
                    ], order=[('id', 'ASC')])
            dpias = Document.search([
                    ('kind', '=', 'dpia'),
                    ('state', '=', 'in_force'),
                    ]) if 'dpia' in dict(
                Document.fields_get(['kind'])['kind']['selection']) else []
            dpia_in_date = bool(dpias) and all(
                d.next_review_date is None or d.next_review_date >= end
                for d in dpias)
        return {
            'count': len(overdue),
            'figures': self._figures('document_control',
                approved=approved, overdue=len(overdue),
                dpia=gettext('lsp_mutu.msg_review_yes'
                    if dpia_in_date else 'lsp_mutu.msg_review_no')),
            'links': [(d, str(d.next_review_date)) for d in overdue],
            }

    def _input_changes(self):
        pool = Pool()
        Scheme = pool.get('lsp.scheme')
        Standard = pool.get('lsp.standard')
        Tuk = pool.get('lsp.tuk')
        start, end = self.period_start, self.period_end
        schemes = Scheme.search([
                ('activated_date', '>=', start),
                ('activated_date', '<=', end),
                ], order=[('id', 'ASC')])
        start_ts = dt.datetime.combine(start, dt.time())
        end_ts = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
        standards = Standard.search([
                ('create_date', '>=', start_ts),
                ('create_date', '<', end_ts),
                ], order=[('id', 'ASC')])
        tuks = Tuk.search_count([('state', '=', 'active')])
        return {
            'count': len(schemes) + len(standards),
            'figures': self._figures('changes',
                schemes=len(schemes), standards=len(standards), tuks=tuks),
            'links': [(s, selection_string(s, 'state')) for s in schemes]
            + [(s, None) for s in standards],
            }

    def _not_active(self):
        return {
            'count': 0,
            'figures': gettext('lsp_mutu.msg_review_not_active'),
            'links': [],
            }


class ReviewInput(ParentLockMixin, ModelSQL, ModelView):
    __name__ = 'lsp.mutu.review.input'
    __string__ = "Management Review Input"
    _parent_field = 'review'

    review = fields.Many2One(
        'lsp.mutu.review', "Review", required=True, ondelete='CASCADE',
        readonly=True)
    sequence = fields.Integer("Sequence", readonly=True)
    category = fields.Selection(
        CATEGORIES, "Category", required=True, readonly=True)
    category_string = category.translated('category')
    count = fields.Integer(
        "Count", readonly=True,
        help="The number of records the input is about.")
    figures = fields.Text("Figures", readonly=True)
    comment = fields.Text(
        "Comment", help="What the review says about the input.")
    links = fields.One2Many(
        'lsp.mutu.review.input.link', 'input', "Records", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('review', 'DESC'), ('sequence', 'ASC'), ('id', 'ASC')]

    def get_rec_name(self, name):
        return self.category_string

    @classmethod
    def parent_lock_error(cls, review):
        return AccessError(gettext(
                'lsp_mutu.msg_review_locked', review=review.rec_name))

    @classmethod
    def check_modification(cls, mode, inputs, values=None, external=False):
        super().check_modification(
            mode, inputs, values=values, external=external)
        if Transaction().context.get('_lsp_review_prepare'):
            return
        if external and (mode in {'create', 'delete'} or (
                    mode == 'write' and values.keys() - {'comment'})):
            raise AccessError(gettext('lsp_mutu.msg_review_input_prepared'))


class ReviewInputLink(ModelSQL, ModelView):
    __name__ = 'lsp.mutu.review.input.link'
    __string__ = "Management Review Input Record"

    input = fields.Many2One(
        'lsp.mutu.review.input', "Input", required=True, ondelete='CASCADE',
        readonly=True)
    record = fields.Reference(
        "Record", selection='get_models', readonly=True)
    name = fields.Char("Name", readonly=True)
    note = fields.Char("Note", readonly=True)

    @classmethod
    def get_models(cls):
        pool = Pool()
        IrModel = pool.get('ir.model')
        models = [m for m in LINK_MODELS if get_model(m) is not None]
        return [(None, '')] + [(m, IrModel.get_name(m)) for m in models]

    @classmethod
    def check_modification(cls, mode, links, values=None, external=False):
        super().check_modification(
            mode, links, values=values, external=external)
        if external and not Transaction().context.get('_lsp_review_prepare'):
            raise AccessError(gettext('lsp_mutu.msg_review_input_prepared'))


class ReviewOutput(ModelSQL, ModelView):
    __name__ = 'lsp.mutu.review.output'
    __string__ = "Management Review Output"

    _states = {'readonly': Eval('review_state') == 'closed'}

    review = fields.Many2One(
        'lsp.mutu.review', "Review", required=True, ondelete='CASCADE',
        states=_states)
    description = fields.Text("Decision", required=True, states=_states)
    kind = fields.Selection([
            ('improvement', "Improvement"),
            ('resource', "Resource Need"),
            ('policy_change', "Policy Change"),
            ('objective', "Objective"),
            ], "Kind", required=True, states=_states)
    kind_string = kind.translated('kind')
    owner = fields.Many2One(
        'company.employee', "Owner", required=True, ondelete='RESTRICT',
        states=_states)
    due_date = fields.Date("Due Date", required=True, states=_states)
    action = fields.Many2One(
        'lsp.mutu.action', "Action", readonly=True, ondelete='RESTRICT',
        help="The quality action made of the output when the review was "
        "closed.")
    review_state = fields.Function(
        fields.Selection('get_review_states', "Review State"),
        'on_change_with_review_state')
    del _states

    @classmethod
    def default_kind(cls):
        return 'improvement'

    @classmethod
    def get_review_states(cls):
        Review = Pool().get('lsp.mutu.review')
        return Review.fields_get(['state'])['state']['selection']

    @fields.depends('review', '_parent_review.state')
    def on_change_with_review_state(self, name=None):
        return self.review.state if self.review else None

    def get_rec_name(self, name):
        return (self.description or '').splitlines()[0][:80] if (
            self.description) else str(self.id)

    @classmethod
    def check_modification(cls, mode, outputs, values=None, external=False):
        super().check_modification(
            mode, outputs, values=values, external=external)
        if Transaction().context.get('_lsp_review_close'):
            return
        if mode == 'create':
            reviews = {o.review for o in outputs}
        else:
            reviews = {o.review for o in outputs}
            if mode == 'write' and 'review' in values:
                reviews.add(Pool().get('lsp.mutu.review')(values['review']))
        for review in reviews:
            if review.state == 'closed':
                raise AccessError(gettext(
                        'lsp_mutu.msg_review_locked',
                        review=review.rec_name))
        if external and mode == 'write' and 'action' in values:
            raise AccessError(gettext('lsp_mutu.msg_review_output_action'))

    def action_values(self):
        "Return the values of the quality action made of the output"
        kind = 'preventive' if self.kind == 'policy_change' else 'improvement'
        return {
            'name': self.rec_name,
            'kind': kind,
            'origin': str(self),
            'description': self.description,
            'owner': self.owner.id,
            'deadline': self.due_date,
            }


class ReviewMinutes(Report):
    "The minutes of the management review (Notulen Kaji Ulang Manajemen)"
    __name__ = 'lsp.mutu.review.minutes'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['selection'] = lambda r, n: selection_string(r, n) or ''
        return context


class ReviewAnnex(Report):
    "The annex of the management review: inputs, records and outputs"
    __name__ = 'lsp.mutu.review.annex'

    @classmethod
    def _execute(cls, records, header, data, action):
        review = records[0]
        return 'xlsx', review_workbook(review)


def review_workbook(review):
    "Return the XLSX annex of review: inputs, their records and outputs"
    import xlsxwriter
    pool = Pool()
    Input = pool.get('lsp.mutu.review.input')
    Output = pool.get('lsp.mutu.review.output')
    Link = pool.get('lsp.mutu.review.input.link')
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {'in_memory': True})
    bold = book.add_format({'bold': True})

    def header(sheet, Model, names):
        fields_ = Model.fields_get(names)
        for col, name in enumerate(names):
            sheet.write(0, col, fields_[name]['string'], bold)
            sheet.set_column(col, col, 30)

    sheet = book.add_worksheet(Input.__names__()['model'][:31])
    header(sheet, Input, ['category', 'count', 'figures', 'comment'])
    for row, input_ in enumerate(review.inputs, 1):
        sheet.write(row, 0, input_.category_string)
        sheet.write_number(row, 1, input_.count or 0)
        sheet.write(row, 2, input_.figures or '')
        sheet.write(row, 3, input_.comment or '')
    sheet = book.add_worksheet(Link.__names__()['model'][:31])
    header(sheet, Link, ['input', 'record', 'name', 'note'])
    row = 1
    for input_ in review.inputs:
        for link in input_.links:
            sheet.write(row, 0, input_.category_string)
            sheet.write(row, 1, str(link.record) if link.record else '')
            sheet.write(row, 2, link.name or '')
            sheet.write(row, 3, link.note or '')
            row += 1
    sheet = book.add_worksheet(Output.__names__()['model'][:31])
    header(sheet, Output, ['description', 'kind', 'owner', 'due_date',
            'action'])
    for row, output in enumerate(review.outputs, 1):
        sheet.write(row, 0, output.description)
        sheet.write(row, 1, output.kind_string)
        sheet.write(row, 2, output.owner.rec_name)
        sheet.write(row, 3, str(output.due_date))
        sheet.write(row, 4, output.action.rec_name if output.action else '')
    book.close()
    return out.getvalue()
