# This file is part of the LSP Perkoperasian Indonesia ERP.
"Every string of every LSP module is translated into Indonesian."
import os
import unittest

import polib

from trytond.pool import Pool
from trytond.tests.test_tryton import (
    activate_module, drop_db, with_transaction)

from .tools import ADDONS, lsp_modules


class IndonesianTranslationTestCase(unittest.TestCase):
    "Test that the Indonesian translation of the LSP modules is complete"

    @classmethod
    def setUpClass(cls):
        drop_db()
        activate_module(lsp_modules())

    @classmethod
    def tearDownClass(cls):
        drop_db()

    def test_po_files_have_no_untranslated_or_fuzzy_entry(self):
        "The shipped id.po files are complete"
        for module in lsp_modules():
            path = os.path.join(ADDONS, module, 'locale', 'id.po')
            with self.subTest(module=module):
                self.assertTrue(os.path.isfile(path), path)
                self.assert_complete(polib.pofile(path), path)

    @with_transaction()
    def test_exported_strings_are_translated(self):
        "Exporting the translations again finds nothing untranslated"
        pool = Pool()
        Lang = pool.get('ir.lang')
        Translation = pool.get('ir.translation')
        TranslationSet = pool.get('ir.translation.set', type='wizard')
        TranslationUpdate = pool.get('ir.translation.update', type='wizard')

        language, = Lang.search([('code', '=', 'id')])
        Lang.load_translations([language])
        session_id, _, _ = TranslationSet.create()
        TranslationSet.execute(session_id, {}, 'set_')
        session_id, _, _ = TranslationUpdate.create()
        TranslationUpdate.execute(
            session_id, {'start': {'language': language.id}}, 'update')
        for module in lsp_modules():
            with self.subTest(module=module):
                content = Translation.translation_export('id', module)
                self.assertIsNotNone(content)
                self.assert_complete(
                    polib.pofile(content.decode('utf-8')), module)

    def assert_complete(self, po, name):
        missing = [
            '%s %r' % (e.msgctxt, e.msgid) for e in po
            if e.msgid and (not e.msgstr or 'fuzzy' in e.flags)]
        self.assertFalse(
            missing, "%s: untranslated or fuzzy:\n%s" % (
                name, '\n'.join(missing)))
