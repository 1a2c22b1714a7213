# This file is part of the LSP Perkoperasian Indonesia ERP.
"Helpers for the scenarios of the certification process"
import datetime as dt
import itertools

from proteus import Model

__all__ = [
    'create_accepted_application', 'create_approved_decision', 'create_decree',
    'decide_status']

_serials = itertools.count(1)


def create_accepted_application(name, scheme, employer=None, config=None):
    """Register candidate name and accept an application to scheme

    The candidate is a man born on 1 January 1990 with a NIK of his own.
    Call it as the administrator."""
    Party = Model.get('party.party', config=config)
    Application = Model.get('lsp.application', config=config)
    Scheme = Model.get('lsp.scheme', config=config)
    candidate = Party(name=name, gender='male')
    candidate.nik = '3201010101%02d%04d' % (90, next(_serials))
    candidate.employer = employer
    candidate.save()
    application = Application(candidate=candidate)
    application.scheme = Scheme(scheme.id)
    for line in application.self_assessments:
        line.answer = 'k'
    application.save()
    application.click('submit')
    for line in application.requirements:
        line.check = 'memenuhi'
    application.save()
    application.click('accept')
    return application


_decrees = itertools.count(1)


def create_decree(title="Keputusan status sertifikat", config=None):
    """Create a decree of the management (SK pengurus) and put it in force

    Call it as the administrator."""
    Document = Model.get('lsp.document', config=config)
    decree = Document(
        kind='sk_pengurus', number='SK/%03d/LSP/2026' % next(_decrees),
        title=title)
    decree.save()
    decree.click('put_in_force')
    return decree


def decide_status(certificates, kind, reason, reason_category='other',
        suspension_end=None, config=None):
    """Suspend, restore or withdraw (kind) certificates by a status decision

    It is drafted from the certificate button, proposed and approved with a
    new decree in force: call it as a user who may press every button, such
    as the administrator. Return the decision."""
    Certificate = Model.get('lsp.certificate', config=config)
    Decision = Model.get('lsp.certificate.status.decision', config=config)
    wizard = Certificate(certificates[0].id).click(kind)
    wizard.form.reason_category = reason_category
    wizard.form.reason = reason
    if suspension_end:
        wizard.form.suspension_end = suspension_end
    wizard.execute('confirm')
    decision, = Decision.find([
            ('state', '=', 'draft'),
            ('certificates', '=', certificates[0].id),
            ])
    for certificate in certificates[1:]:
        decision.certificates.append(Certificate(certificate.id))
    decision.save()
    decision.click('propose')
    decision.decree = Model.get('lsp.document', config=config)(
        create_decree(config=config).id)
    decision.save()
    decision.click('approve')
    return decision


def create_approved_decision(
        scheme, tuk, assessor, maker, candidates, date=None, config=None):
    """Assess candidates at a held event and approve their decision

    candidates is a list of (name, result) with result 'k' or 'bk'; the
    event is on date (default today) at tuk with assessor as lead, the
    decision is taken by maker (an employee of the Komite Teknik) on that
    date and issues the certificates of the K candidates. Call it as the
    administrator."""
    Event = Model.get('lsp.assessment.event', config=config)
    Assessment = Model.get('lsp.assessment', config=config)
    Decision = Model.get('lsp.certification.decision', config=config)
    Employee = Model.get('company.employee', config=config)
    Assessor = Model.get('lsp.assessor', config=config)
    Scheme = Model.get('lsp.scheme', config=config)
    Tuk = Model.get('lsp.tuk', config=config)
    date = date or dt.date.today()
    applications = [
        create_accepted_application(name, scheme, config=config)
        for name, _ in candidates]
    event = Event(scheme=Scheme(scheme.id))
    event.tuk = Tuk(tuk.id)
    event.start_date = event.end_date = date
    event.quota = max(len(candidates), 1)
    event.assessors.new(assessor=Assessor(assessor.id), role='lead')
    Application = Model.get('lsp.application', config=config)
    event.participants.extend([Application(a.id) for a in applications])
    event.click('confirm')
    results = dict(candidates)
    for assessment in Assessment.find([('event', '=', event.id)]):
        result = results[assessment.candidate.name]
        assessment.click('start')
        assessment.consent = True
        for i, unit in enumerate(assessment.units):
            unit.result = 'bk' if result == 'bk' and i == 0 else 'k'
        assessment.save()
        assessment.click('submit')
    event.click('hold')
    decision = Decision(event=event, pleno_date=date)
    decision.decision_makers.append(Employee(maker.id))
    decision.click('fill_lines')
    decision.click('approve')
    return decision
