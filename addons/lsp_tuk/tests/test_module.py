# This file is part of the LSP Perkoperasian Indonesia ERP.
from decimal import Decimal

from trytond.modules.company.tests import CompanyTestMixin
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

from lsp_base.tests.tools import ListViewTestMixin, WorkQueueTestMixin


class LspTukTestCase(
        ListViewTestMixin, WorkQueueTestMixin, CompanyTestMixin,
        ModuleTestCase):
    "Test LSP TUK module"
    module = 'lsp_tuk'

    @with_transaction()
    def test_evaluation_score(self):
        "The score is the average of the three scores, once all are given"
        Evaluation = Pool().get('lsp.tuk.evaluation')
        evaluation = Evaluation(
            facilities_score='4', administration_score='5')
        self.assertIsNone(evaluation.on_change_with_score())
        evaluation.safety_score = '2'
        self.assertEqual(evaluation.on_change_with_score(), Decimal('3.67'))

    @with_transaction()
    def test_verification_result(self):
        "Only the mandatory lines decide; an unanswered line leaves no result"
        pool = Pool()
        Verification = pool.get('lsp.tuk.verification')
        Line = pool.get('lsp.tuk.verification.line')
        verification = Verification(lines=[])
        self.assertIsNone(verification.get_result('result'))
        verification.lines = [
            Line(mandatory=True, fulfilled='yes'),
            Line(mandatory=False, fulfilled='no'),
            ]
        self.assertEqual(verification.get_result('result'), 'pass')
        verification.lines += (Line(mandatory=True, fulfilled=None),)
        self.assertIsNone(verification.get_result('result'))
        verification.lines[-1].fulfilled = 'no'
        self.assertEqual(verification.get_result('result'), 'fail')

    @with_transaction()
    def test_default_verification_months(self):
        "A TUK mandiri stays verified 12 months by default"
        Configuration = Pool().get('lsp.configuration')
        self.assertEqual(Configuration(1).tuk_verification_months, 12)


del ModuleTestCase
