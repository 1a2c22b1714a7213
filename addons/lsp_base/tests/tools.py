# This file is part of the LSP Perkoperasian Indonesia ERP.
"Helpers for the scenarios of the modules built on lsp_base"
import datetime as dt

from proteus import Model

from trytond.modules.company.tests.tools import get_company

from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


def create_active_scheme(
        code='SSK.01.01/LSPPI/PEN/IV/2018',
        name="Konsultan Pendamping UMKM Junior", sector_code='PEN',
        units=2, elements=2, config=None):
    """Create a standard and an active scheme of its units

    Each unit has elements with one criterion (KUK) each; the scheme has a
    mandatory and an optional requirement and is assessed by portfolio and
    oral questions. Run it as a user who may press every button of the
    scheme workflow, such as the administrator."""
    Sector = Model.get('lsp.sector', config=config)
    Standard = Model.get('lsp.standard', config=config)
    Scheme = Model.get('lsp.scheme', config=config)
    sector, = Sector.find([('code', '=', sector_code)])
    standard = Standard(
        reference="Kepmenaker 181/2017 (%s)" % code,
        title="SKKNI %s" % name, sector=sector, year=2017)
    for i in range(1, units + 1):
        unit = standard.units.new(
            code='%s.U%02d' % (code, i), title="Unit %s %s" % (name, i))
        for j in range(1, elements + 1):
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
    """Create an assessor employee, with scheme in scope when given

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


class ListViewTestMixin:
    "Test the list views of the module of a ModuleTestCase"

    @with_transaction()
    def test_list_views_give_datetime_widgets(self):
        "The web client has no list column for datetime fields"
        from lxml import etree
        pool = Pool()
        View = pool.get('ir.ui.view')
        for view in View.search([
                    ('module', '=', self.module),
                    ('type', '=', 'tree'),
                    ]):
            Model = pool.get(view.model)
            for field in etree.fromstring(view.arch).iter('field'):
                type_ = Model._fields[field.get('name')]._type
                if type_ in {'datetime', 'timestamp'}:
                    self.assertIn(
                        field.get('widget'), {'date', 'time'},
                        msg="%s: %s" % (view.name, field.get('name')))


class WorkQueueTestMixin:
    "Test the work queues of the module of a ModuleTestCase"

    @with_transaction()
    def test_work_queue_domains(self):
        "Every work queue of the module searches its model without error"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Queue = pool.get('lsp.work.queue')
        data = ModelData.search([
                ('module', '=', self.module),
                ('model', '=', 'lsp.work.queue'),
                ])
        for queue in Queue.browse([d.db_id for d in data]):
            with self.subTest(queue=queue.name):
                self.assertTrue(queue.groups)
                Model = pool.get(queue.model)
                domain = queue.get_domain()
                Model.search_count(domain)
                if queue.action:
                    self.assertEqual(queue.action.res_model, queue.model)
