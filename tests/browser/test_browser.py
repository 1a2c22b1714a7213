# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The web client in a real browser, as every demo role uses it

A trytond server on a copy of the demo database (tests/server.py) is driven
through sao in Debian's chromium (Playwright, no browser download). Each demo
role logs in through sao's dialogs and opens every menu entry it has: the
entry must open (no dead end), its list shows, the form of its first record
opens (each list's form once per run, see FORMS_ONCE), and the test fails on
a page error, a failed request, an error answered to an RPC, an sao error
dialog, or any text shown that is an English msgid of the catalogues of the
activated modules and of sao. The public verification page is checked at
1280 and 390 pixels wide: no value is wider than its card. Screenshots of the
failures go to tests/browser/screenshots/.
"""
import os
import time
import unittest

from ..server import Server
from .catalogue import english_strings
from .sao import CHROMIUM, SCREENSHOTS, Client

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

#: the demo logins, one test each (README, "Demo logins")
ROLES = [
    'kepala', 'wakil_kepala1', 'wakil_kepala2', 'wakil_kepala3',
    'sekretaris', 'wakil_sekretaris1', 'wakil_sekretaris2',
    'kepala_sekretariat', 'bendahara', 'direktur_sertifikasi',
    'direktur_standarisasi', 'direktur_tuk', 'direktur_mutu',
    'direktur_humas_ti', 'komite_skema', 'komite_teknik', 'dewan_pengarah',
    'asesor1', 'asesor2', 'lsp_admin',
    ]

#: open the form of each list once per run (by the first role whose list
#: has a record) instead of once per role, which keeps the wall time of
#: the suite bounded; LSP_BROWSER_ALL_FORMS=1 opens it for every role
FORMS_ONCE = not os.environ.get('LSP_BROWSER_ALL_FORMS')


@unittest.skipIf(not os.path.exists(CHROMIUM) or sync_playwright is None,
    "chromium or playwright is missing (./lsp.sh setup installs both)")
class BrowserTestCase(unittest.TestCase):
    "Every role's screens in sao, three workflows and the public page"

    @classmethod
    def setUpClass(cls):
        cls.start = time.monotonic()
        cls.server = Server().start()
        cls.base_url = 'http://127.0.0.1:%s' % cls.server.port
        admin = cls.server.login('admin')
        modules = [m['name'] for m in admin.call(
                'ir.module', 'search_read',
                [('state', '=', 'activated')], 0, None, None, ['name'])]
        cls.english = english_strings(modules)
        cls.admin = admin
        cls.forms_seen = set()
        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM, args=['--no-sandbox'])
        print('\nbrowser suite: screenshots of failures in %s' % SCREENSHOTS)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        cls.server.stop()
        print('\nbrowser suite: wall time %.1f s' % (
                time.monotonic() - cls.start))

    def client(self, login, **kwargs):
        client = Client(
            self.browser, self.base_url, self.server.database, login,
            **kwargs)
        self.addCleanup(client.close)
        return client

    def english_in(self, texts):
        return sorted(t for t in set(texts) if t in self.english)

    def walk_role(self, login):
        "Open every menu entry of login, its list and one form"
        client = self.client(login)
        client.log_in()
        failures = []
        english = self.english_in(client.login_texts + client.texts('#menu')
            + client.texts('nav'))
        if english:
            failures.append('login and menu: English %s' % english)
        menus = client.menus()
        for menu in menus:
            english = self.english_in([menu['name']])
            if english:
                failures.append('%s: English menu entry' % (
                        menu['complete_name']))
        for menu in menus:
            if not menu['action']:
                continue
            name = menu['complete_name']
            problems = len(client.problems)
            kind = client.open_menu(menu['id'])
            found = []
            if kind is None:
                found.append('opens nothing')
            elif kind == 'dialog':
                found += ['English %s' % t
                    for t in self.english_in(client.texts('.modal.in'))]
            else:
                found += ['English %s' % t for t in self.english_in(
                        client.texts('#tabs .tab-pane.active')
                        + client.texts('#tablist'))]
                action = menu['action']
                if (client.view_type() == 'tree'
                        and (not FORMS_ONCE
                            or action not in self.forms_seen)):
                    if client.open_first_record():
                        self.forms_seen.add(action)
                        found += ['English in the form %s' % t
                            for t in self.english_in(client.texts(
                                    '#tabs .tab-pane.active'))]
            error = client.error_dialog()
            if error:
                found.append('error dialog: %s' % error)
            found += client.problems[problems:]
            if found:
                path = client.screenshot('%s-%s' % (login, name))
                failures.append('%s: %s (screenshot %s)' % (
                        name, '; '.join(found), path))
            client.close_dialogs()
            client.close_tabs()
        if client.problems:
            failures += client.problems
        self.assertFalse(failures, '\n' + '\n'.join(failures))

    # the public verification page

    def certificate(self, state='active'):
        certificates = self.admin.call(
            'lsp.certificate', 'search_read', [('state', '=', state)], 0, None,
            [('id', 'ASC')], ['number', 'verification_url'])
        self.assertTrue(certificates)
        return certificates[0]

    def test_verify_page_widths(self):
        "The public page wraps long values at 1280 and 390 px"
        certificate = self.certificate()
        url = self.base_url + '/%s/lsp/verify/%s' % (
            self.server.database,
            certificate['verification_url'].rsplit('/', 1)[-1])
        # a number and a scheme name longer than any real one
        long_number = 'LSPPI/SSK.01.01/LSPPI/PEN/IV/2018/2026/00007'
        long_scheme = ('Skema Sertifikasi Okupasi Manajer Koperasi Simpan '
            'Pinjam dan Pembiayaan Syariah Tingkat Nasional/Internasional')
        for width in [1280, 390]:
            with self.subTest(width=width):
                client = self.client('kepala', width=width, height=800)
                page = client.page
                page.goto(url)
                self.assertIn('Aktif', page.inner_text('main'))
                page.evaluate('''([number, scheme]) => {
                    const dds = document.querySelectorAll('dd');
                    dds[1].textContent = number;
                    dds[2].firstChild.textContent = scheme + scheme;
                }''', [long_number, long_scheme])
                overflow = page.evaluate('''() => {
                    const card = document.querySelector('main');
                    const box = card.getBoundingClientRect();
                    const out = [];
                    if (document.documentElement.scrollWidth
                            > window.innerWidth) {
                        out.push('page wider than the window');
                    }
                    for (const el of card.querySelectorAll('*')) {
                        const r = el.getBoundingClientRect();
                        if (r.right > box.right + 0.5
                                || r.left < box.left - 0.5
                                || el.scrollWidth > el.clientWidth + 1) {
                            out.push(el.tagName + ': ' + el.textContent);
                        }
                    }
                    return out;
                }''')
                if overflow:
                    client.screenshot('verify-%s' % width)
                self.assertFalse(overflow, overflow)


def _role_test(login):
    def test(self):
        self.walk_role(login)
    test.__name__ = 'test_role_%s' % login
    test.__doc__ = "%s opens every menu entry, list and form in Indonesian" % (
        login)
    return test


for _login in ROLES:
    setattr(BrowserTestCase, 'test_role_%s' % _login, _role_test(_login))
del _login
