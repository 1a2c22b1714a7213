# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Every string a user reads is in Indonesian: those of the LSP modules,
those of the core modules they activate and those of the web client."""
import glob
import json
import os
import re
import unittest

import polib

from trytond.pool import Pool
from trytond.tests.test_tryton import (
    DB_NAME, activate_module, drop_db, with_transaction)
from trytond.transaction import Transaction

from .tools import ADDONS, ROOT, lsp_modules

#: the placeholders of Tryton's and sao's messages
PLACEHOLDER = re.compile(
    r'%\([^)]+\)[sdrfi]|%[sdrfi]|%[0-9]|\{[a-z_0-9]*\}|\$\{[a-z_]+\}')
#: the translations of names that need none
NAMES = {
    ('model', 'country.country,name'),
    ('model', 'country.subdivision,name'),
    }
SAO_LOCALE = os.path.join(ROOT, 'web', 'package', 'locale')


def load_indonesian():
    """Load the Indonesian catalogues (with the overrides) and give every
    source string of the activated modules its Indonesian row, empty when
    nothing translates it: what an administrator gets from "Load
    translations" and "Synchronize translations" do"""
    pool = Pool()
    Lang = pool.get('ir.lang')
    TranslationSet = pool.get('ir.translation.set', type='wizard')
    TranslationUpdate = pool.get('ir.translation.update', type='wizard')
    language, = Lang.search([('code', '=', 'id')])
    Lang.load_translations([language])
    session_id, _, _ = TranslationSet.create()
    TranslationSet.execute(session_id, {}, 'set_')
    session_id, _, _ = TranslationUpdate.create()
    TranslationUpdate.execute(
        session_id, {'start': {'language': language.id}}, 'update')


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text or ''))


def catalogues():
    "Return the paths of the override catalogues of the project"
    return sorted(
        glob.glob(os.path.join(ADDONS, '*', 'locale', 'override', 'id.po'))
        + [os.path.join(ADDONS, 'lsp_base', 'locale', 'sao', 'id.po')])


class IndonesianTranslationTestCase(unittest.TestCase):
    "Test that the Indonesian translation of the LSP modules is complete"

    @classmethod
    def setUpClass(cls):
        drop_db()
        activate_module(lsp_modules())
        with Transaction().start(DB_NAME, 0) as transaction:
            load_indonesian()
            transaction.commit()

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
        Translation = pool.get('ir.translation')
        for module in lsp_modules():
            with self.subTest(module=module):
                content = Translation.translation_export('id', module)
                self.assertIsNotNone(content)
                self.assert_complete(
                    polib.pofile(content.decode('utf-8')), module)

    @with_transaction()
    def test_core_modules_translated(self):
        "Every string of the core modules the LSP activates is translated"
        pool = Pool()
        Module = pool.get('ir.module')
        Translation = pool.get('ir.translation')
        core = [m.name for m in Module.search([('state', '=', 'activated')])
            if not m.name.startswith('lsp_')]
        self.assertTrue({'ir', 'res', 'party', 'company'} <= set(core))
        missing = [
            '%s %s %s %r' % (t.module, t.type, t.name, t.src)
            for t in Translation.search([
                    ('lang', '=', 'id'),
                    ('module', 'in', core),
                    ['OR', ('value', 'in', [None, '']), ('fuzzy', '=', True)],
                    ])
            if (t.type, t.name) not in NAMES]
        self.assertFalse(
            missing, "untranslated or fuzzy:\n%s" % '\n'.join(missing))

    def test_override_placeholders(self):
        "The overrides keep the placeholders of their source"
        for path in catalogues():
            for entry in polib.pofile(path):
                if 'placeholder-dropped' in (entry.tcomment or ''):
                    continue
                values = (list(entry.msgstr_plural.values())
                    if entry.msgid_plural else [entry.msgstr])
                for value in values:
                    with self.subTest(path=path, msgid=entry.msgid):
                        self.assertTrue(value, "untranslated")
                        self.assertNotIn('fuzzy', entry.flags)
                        self.assertEqual(
                            placeholders(value), placeholders(entry.msgid))

    def test_web_client_translated(self):
        "Every string of the web client is translated in its catalogue"
        with open(os.path.join(SAO_LOCALE, 'id.json'), encoding='utf-8') as fp:
            catalogue = json.load(fp)
        for entry in polib.pofile(os.path.join(SAO_LOCALE, 'id.po')):
            with self.subTest(msgid=entry.msgid):
                self.assertIn(entry.msgid, catalogue)
                value = catalogue[entry.msgid]
                self.assertTrue(all(value[1:]), value)

    def assert_complete(self, po, name):
        missing = [
            '%s %r' % (e.msgctxt, e.msgid) for e in po
            if e.msgid and (not e.msgstr or 'fuzzy' in e.flags)]
        self.assertFalse(
            missing, "%s: untranslated or fuzzy:\n%s" % (
                name, '\n'.join(missing)))
