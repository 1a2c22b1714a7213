# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class LspSertifikasiTestCase(CompanyTestMixin, ModuleTestCase):
    "Test LSP Sertifikasi module"
    module = 'lsp_sertifikasi'


del ModuleTestCase
