# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class LSPKeuanganTestCase(CompanyTestMixin, ModuleTestCase):
    "Test the LSP finance module"
    module = 'lsp_keuangan'


del ModuleTestCase
