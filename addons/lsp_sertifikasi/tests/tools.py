# This file is part of the LSP Perkoperasian Indonesia ERP.
"Helpers for the scenarios of the certification process"
import itertools

from proteus import Model

__all__ = ['create_accepted_application']

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
