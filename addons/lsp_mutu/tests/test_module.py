# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class LSPMutuTestCase(CompanyTestMixin, ModuleTestCase):
    "Test the LSP quality management module"
    module = 'lsp_mutu'


del ModuleTestCase
