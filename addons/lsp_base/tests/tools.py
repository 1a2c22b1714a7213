# This file is part of the LSP Perkoperasian Indonesia ERP.
"Helpers for the scenarios of the modules built on lsp_base"
from proteus import Model

from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


def create_active_scheme(
        code, name, sector_code='KSP', units=2, elements=2, config=None):
    """Create a standard with units and an active scheme of them

    Run it as a user who may press every button of the scheme workflow,
    such as the admin."""
    Sector = Model.get('lsp.sector', config=config)
    Standard = Model.get('lsp.standard', config=config)
    Scheme = Model.get('lsp.scheme', config=config)
    sector, = Sector.find([('code', '=', sector_code)])
    standard = Standard(
        reference="Kepmenaker %s" % code, title="SKKNI %s" % name,
        sector=sector, year=2020)
    for u in range(1, units + 1):
        unit = standard.units.new(
            code='%s.U%02d' % (code, u), title="Unit %s %d" % (name, u))
        for e in range(1, elements + 1):
            element = unit.elements.new(
                number=str(e), title="Elemen %d unit %d" % (e, u))
            element.criteria.new(
                number='%d.1' % e, text="Kriteria unjuk kerja %d.1" % e)
    standard.save()
    scheme = Scheme(code=code, name=name, sector=sector, kind='okupasi')
    for unit in standard.units:
        scheme.units.new(unit=unit)
    scheme.requirements.new(
        kind='basic', description="Pengalaman kerja minimal 2 tahun")
    scheme.save()
    for button in ['submit', 'validate_scheme', 'approve', 'activate']:
        scheme.click(button)
    return scheme


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
