# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class LspTukTestCase(CompanyTestMixin, ModuleTestCase):
    "Test LSP TUK module"
    module = 'lsp_tuk'


del ModuleTestCase
