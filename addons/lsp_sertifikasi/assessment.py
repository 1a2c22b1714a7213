# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval

from lsp_base.tools import rec_name_domain

from .exceptions import AssessmentError


class Assessment(Workflow, ModelSQL, ModelView):
    __name__ = 'lsp.assessment'
    __string__ = "Assessment"

    event = fields.Many2One(
        'lsp.assessment.event', "Event", required=True, readonly=True,
        ondelete='RESTRICT')
    application = fields.Many2One(
        'lsp.application', "Application", required=True, readonly=True,
        ondelete='RESTRICT')
    candidate = fields.Many2One(
        'party.party', "Candidate", required=True, readonly=True,
        ondelete='RESTRICT')
    scheme = fields.Function(
        fields.Many2One('lsp.scheme', "Scheme"), 'on_change_with_scheme',
        searcher='search_scheme')
    assessor = fields.Many2One(
        'lsp.assessor', "Assessor", required=True, ondelete='RESTRICT',
        domain=[('id', 'in', Eval('event_assessors', []))],
        states={'readonly': Eval('state') != 'draft'},
        help="The assessor assigned to the candidate; the Direktur "
        "Sertifikasi may change it while the assessment is a draft.")
    event_assessors = fields.Function(
        fields.Many2Many('lsp.assessor', None, None, "Event Assessors"),
        'on_change_with_event_assessors')
    state = fields.Selection([
            ('draft', "Draft"),
            ('in_progress', "In Progress"),
            ('submitted', "Submitted"),
            ], "State", required=True, readonly=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('event_application_unique', Unique(t, t.event, t.application),
                'lsp_sertifikasi.msg_assessment_unique'),
            ]
        cls._order.insert(0, ('event', 'DESC'))

    @classmethod
    def default_state(cls):
        return 'draft'

    @fields.depends('event', '_parent_event.scheme')
    def on_change_with_scheme(self, name=None):
        return self.event.scheme if self.event else None

    @classmethod
    def search_scheme(cls, name, clause):
        return [('event.scheme' + clause[0][len(name):],)
            + tuple(clause[1:])]

    @fields.depends('event', '_parent_event.assessors')
    def on_change_with_event_assessors(self, name=None):
        if not self.event:
            return []
        return [l.assessor.id for l in self.event.assessors]

    def get_rec_name(self, name):
        return '%s - %s' % (self.event.rec_name, self.candidate.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        return rec_name_domain(
            clause, ['candidate.rec_name', 'candidate.nik', 'event.number'])

    @classmethod
    def validate_fields(cls, assessments, field_names):
        super().validate_fields(assessments, field_names)
        if field_names & {'assessor', 'event'}:
            for assessment in assessments:
                if assessment.assessor not in {
                        l.assessor for l in assessment.event.assessors}:
                    raise AssessmentError(gettext(
                            'lsp_sertifikasi.msg_assessment_assessor_event',
                            assessor=assessment.assessor.rec_name,
                            assessment=assessment.rec_name))

    @classmethod
    def check_modification(
            cls, mode, assessments, values=None, external=False):
        super().check_modification(
            mode, assessments, values=values, external=external)
        if mode == 'write' and 'assessor' in values:
            for assessment in assessments:
                if assessment.state != 'draft':
                    raise AccessError(gettext(
                            'lsp_sertifikasi.msg_assessment_assessor_locked',
                            assessment=assessment.rec_name))
        elif mode == 'delete':
            for assessment in assessments:
                if assessment.state != 'draft':
                    raise AccessError(gettext(
                            'lsp_sertifikasi.msg_assessment_delete_draft',
                            assessment=assessment.rec_name))
