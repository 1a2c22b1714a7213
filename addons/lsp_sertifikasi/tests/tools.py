# This file is part of the LSP Perkoperasian Indonesia ERP.
"Helpers for the scenarios of the certification process"
import datetime as dt
import itertools

from proteus import Model

from trytond.modules.company.tests.tools import get_company

__all__ = [
    'create_active_scheme', 'create_user', 'create_assessor',
    'create_accepted_application']

_serials = itertools.count(1)


def create_active_scheme(
        code='SSK.01.01/LSPPI/PEN/IV/2018',
        name="Konsultan Pendamping UMKM Junior", units=2, config=None):
    """Create and activate a scheme with units of two elements each

    The scheme has a mandatory and an optional requirement. Call it as the
    administrator."""
    Sector = Model.get('lsp.sector', config=config)
    Standard = Model.get('lsp.standard', config=config)
    Scheme = Model.get('lsp.scheme', config=config)
    sector, = Sector.find([('code', '=', 'PEN')])
    standard = Standard(
        reference="Kepmenaker 181/2017 (%s)" % code,
        title="SKKNI Pendamping UMKM", sector=sector, year=2017)
    for i in range(1, units + 1):
        unit = standard.units.new(
            code='M.70PEN00.%03d.1 (%s)' % (i, code),
            title="Unit %s" % i)
        for j in range(1, 3):
            element = unit.elements.new(
                number=str(j), title="Elemen %s.%s" % (i, j))
            element.criteria.new(
                number='%s.1' % j, text="KUK %s.%s.1" % (i, j))
    standard.save()
    scheme = Scheme(code=code, name=name, sector=sector)
    for unit in standard.units:
        scheme.units.new(unit=unit)
    scheme.requirements.new(
        kind='basic', description="Ijazah minimal D3", mandatory=True)
    scheme.requirements.new(
        kind='administrative', description="Pas foto 3x4", mandatory=False)
    scheme.assessment_methods = ['portfolio', 'oral']
    scheme.save()
    for button in ['submit', 'validate_scheme', 'approve', 'activate']:
        scheme.click(button)
    return scheme


def create_user(login, group, employee=None, language=None, config=None):
    "Create a user of the lsp_base group, with employee when given"
    User = Model.get('res.user', config=config)
    Group = Model.get('res.group', config=config)
    ModelData = Model.get('ir.model.data', config=config)
    Employee = Model.get('company.employee', config=config)
    Company = Model.get('company.company', config=config)
    user = User(login=login, name=login, language=language)
    user.groups.append(Group(ModelData.get_id('lsp_base', group, {})))
    company, = Company.find([])
    user.companies.append(Company(company.id))
    user.company = Company(company.id)
    if employee:
        user.employees.append(Employee(employee.id))
        user.employee = Employee(employee.id)
    user.save()
    return user


def create_assessor(
        name, scheme=None, licence_from=None, licence_until=None,
        config=None):
    """Create an assessor employee with scheme in scope

    The licence is valid from a year before today to three years after
    unless given. Call it as the administrator."""
    Party = Model.get('party.party', config=config)
    Employee = Model.get('company.employee', config=config)
    Assessor = Model.get('lsp.assessor', config=config)
    Scheme = Model.get('lsp.scheme', config=config)
    today = dt.date.today()
    party = Party(name=name)
    party.save()
    employee = Employee(party=party, company=get_company(config))
    employee.save()
    assessor = Assessor(employee=employee)
    assessor.met_number = 'MET.000.%06d.2020' % employee.id
    assessor.licence_issue_date = (
        licence_from or today - dt.timedelta(days=365))
    assessor.licence_expiry_date = (
        licence_until or today + dt.timedelta(days=3 * 365))
    if scheme:
        assessor.schemes.append(Scheme(scheme.id))
    assessor.save()
    return assessor


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
