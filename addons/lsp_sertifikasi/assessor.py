# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from lsp_base.tools import (
    company_language, group_addresses, group_users, send_email)


class AssessorConflict(metaclass=PoolMeta):
    __name__ = 'lsp.assessor.conflict'

    @classmethod
    def on_modification(cls, mode, conflicts, field_names=None):
        super().on_modification(mode, conflicts, field_names=field_names)
        if mode in {'create', 'write'}:
            cls.report_open_cases(conflicts)

    def open_cases(self):
        '''Return the open cases the conflict touches: the assessments of
        confirmed or held events not yet decided and the draft decisions
        whose maker is the assessor, of a candidate who is the party or
        works for it'''
        pool = Pool()
        Assessment = pool.get('lsp.assessment')
        Line = pool.get('lsp.certification.decision.line')
        party = self.party.id
        touches = ['OR',
            ('candidate', '=', party),
            ('candidate.employer', '=', party),
            ]
        assessments = Assessment.search([
                ('assessor', '=', self.assessor.id),
                ('event.state', 'in', ['confirmed', 'held']),
                touches,
                ])
        decided = Line.decided_applications(
            [a.application for a in assessments])
        cases = [a for a in assessments if a.application.id not in decided]
        lines = Line.search([
                ('decision.state', '=', 'draft'),
                ('decision.decision_makers', '=', self.assessor.employee.id),
                ['OR',
                    ('assessment.candidate', '=', party),
                    ('assessment.candidate.employer', '=', party),
                    ],
                ])
        cases.extend(sorted({l.decision for l in lines}, key=lambda d: d.id))
        return cases

    @classmethod
    def report_open_cases(cls, conflicts):
        '''Tell the Direktur Sertifikasi which open cases the conflicts
        touch, by a notification and an e-mail'''
        for conflict in conflicts:
            cases = conflict.open_cases()
            if not cases:
                continue
            with Transaction().set_context(language=company_language()):
                names = ', '.join(c.rec_name for c in cases)
                values = {
                    'assessor': conflict.assessor.rec_name,
                    'party': conflict.party.rec_name,
                    'cases': names,
                    }
                subject = gettext(
                    'lsp_sertifikasi.msg_conflict_open_cases_subject',
                    **values)
                body = gettext(
                    'lsp_sertifikasi.msg_conflict_open_cases', **values)
            for user in group_users('group_direktur_sertifikasi'):
                cls.notify_user(
                    [conflict], 'tryton-warning', subject, body,
                    user=user.id)
            send_email(
                group_addresses('group_direktur_sertifikasi'), subject, body)
