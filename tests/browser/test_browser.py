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
import datetime as dt
import os
import queue
import threading
import time
import unittest
from concurrent.futures import Future
from urllib.parse import urlsplit

from ..server import DEMO_LOGINS, Server
from .catalogue import english_strings
from .sao import CHROMIUM, SCREENSHOTS, Client, Form

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

#: the demo logins, one test each (README, "Demo logins")
ROLES = DEMO_LOGINS

#: the tab of the work queues that opens at login
WORK_QUEUES = "Antrean Kerja"

#: open the form of each list once per run (by the first role whose list
#: has a record) instead of once per role, which keeps the wall time of
#: the suite bounded; LSP_BROWSER_ALL_FORMS=1 opens it for every role
FORMS_ONCE = not os.environ.get('LSP_BROWSER_ALL_FORMS')

#: the roles walked at the same time, each in a browser of its own
WORKERS = max(1, int(os.environ.get('LSP_BROWSER_WORKERS', '2')))


class Walker(threading.Thread):
    "A thread with a Playwright and a chromium of its own walking roles"

    def __init__(self, case):
        super().__init__(daemon=True)
        self.case = case
        self.queue = queue.Queue()
        self.load = 0

    def submit(self, login):
        future = Future()
        self.load += 1
        self.queue.put((login, future))
        return future

    def run(self):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=['--no-sandbox'])
            while True:
                item = self.queue.get()
                if item is None:
                    break
                login, future = item
                try:
                    future.set_result(self.case.walk(browser, login))
                except BaseException as exception:
                    future.set_exception(exception)
                finally:
                    self.load -= 1
            browser.close()

    def stop(self):
        self.queue.put(None)
        self.join(timeout=300)


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
        cls.lock = threading.Lock()
        cls.stopping = threading.Event()
        cls.walks = {}
        cls.walkers = [Walker(cls) for _ in range(WORKERS)]
        for walker in cls.walkers:
            walker.start()
        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM, args=['--no-sandbox'])
        print('\nbrowser suite: screenshots of failures in %s' % SCREENSHOTS)

    @classmethod
    def tearDownClass(cls):
        cls.stopping.set()
        for walker in cls.walkers:
            walker.stop()
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

    @classmethod
    def english_in(cls, texts):
        return sorted(t for t in set(texts) if t in cls.english)

    @classmethod
    def walk(cls, browser, login):
        """Open every menu entry of login, its list and one form; return
        the failures, the number of entries and the seconds it took"""
        start = time.monotonic()
        client = Client(
            browser, cls.base_url, cls.server.database, login)
        try:
            return cls._walk(client, login), time.monotonic() - start
        finally:
            client.close()

    @classmethod
    def _walk(cls, client, login):
        english_in = cls.english_in
        client.log_in()
        failures = list(client.problems)
        # the list of the user's work queues opens at login
        if not client.wait_for_tab(WORK_QUEUES):
            failures.append('login: no tab %s' % WORK_QUEUES)
        english = english_in(client.login_texts + client.texts('#menu')
            + client.texts('nav')
            + client.texts('#tabcontent > .tab-pane.active'))
        if english:
            failures.append('login and menu: English %s' % english)
        client.close_tabs()
        menus = client.menus()
        parents = {m['parent'] for m in menus}
        for menu in menus:
            english = english_in([menu['name']])
            if english:
                failures.append('%s: English menu entry' % (
                        menu['complete_name']))
            if not menu['action'] and menu['id'] not in parents:
                failures.append('%s: a folder with no entry' % (
                        menu['complete_name']))
        for menu in menus:
            if not menu['action']:
                continue
            if cls.stopping.is_set():
                break
            name = menu['complete_name']
            problems = len(client.problems)
            kind = client.open_menu(menu['id'])
            found = []
            if kind is None:
                found.append('opens nothing')
            elif kind == 'dialog':
                found += ['English %s' % t
                    for t in english_in(client.texts('.modal.in'))]
            else:
                found += ['English %s' % t for t in english_in(
                        client.texts('#tabcontent > .tab-pane.active')
                        + client.texts('#tablist'))]
                action = menu['action']
                with cls.lock:
                    form = not FORMS_ONCE or action not in cls.forms_seen
                    cls.forms_seen.add(action)
                if form and client.view_type() == 'tree':
                    if client.open_first_record():
                        found += ['English in the form %s' % t
                            for t in english_in(client.texts(
                                    '#tabcontent > .tab-pane.active'))]
                    else:
                        with cls.lock:
                            # no record: the next role may have one
                            cls.forms_seen.discard(action)
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
        return failures

    @classmethod
    def submit(cls, login):
        "Queue the walk of login on the least busy walker"
        with cls.lock:
            if login in cls.walks:
                return
            walker = min(cls.walkers, key=lambda w: w.load)
            cls.walks[login] = walker.submit(login)

    def walk_role(self, login):
        """Walk login's screens while the walkers walk the next roles: the
        roles' walks run WORKERS at a time"""
        logins = sorted(ROLES)
        index = logins.index(login)
        for other in logins[index:index + WORKERS]:
            self.submit(other)
        failures, seconds = self.walks[login].result(timeout=900)
        print('\n%s: %.1f s' % (login, seconds), end=' ')
        self.assertFalse(failures, '\n' + '\n'.join(failures))

    # three workflows end to end

    def logged_in(self, login):
        # the work queues open at login, after the menu, and on a busy
        # machine late enough to take the place of the workflow's tab: the
        # walk of each role checks them, the workflows log in without them
        user_ids = self.admin.call(
            'res.user', 'search', [('login', '=', login)], 0, None, None)
        for user in self.admin.call('res.user', 'read', user_ids, ['actions']):
            if user['actions']:
                self.admin.call('res.user', 'write', [user['id']], {
                        'actions': [('remove', user['actions'])],
                        })
        client = self.client(login)
        client.log_in()
        menus = {m['complete_name']: m['id'] for m in client.menus()}
        return client, menus, Form(client)

    def assertClean(self, client, name):
        "Fail on the problems client met, with a screenshot"
        problems = list(client.problems)
        error = client.error_dialog()
        if error:
            problems.append('error dialog: %s' % error)
        if problems:
            path = client.screenshot(name)
            self.fail('%s (screenshot %s)' % ('\n'.join(problems), path))

    def test_workflow_meeting(self):
        "The Sekretaris creates and schedules a meeting"
        client, menus, form = self.logged_in('sekretaris')
        self.assertEqual(client.open_menu(menus['LSP / Rapat / Rapat']), 'tab')
        form.new()
        form.fill('title', "Rapat Koordinasi Persiapan Uji Kompetensi")
        form.many2one('organiser', "Sekretaris")
        # a start to come: scheduling a past meeting asks to confirm
        start = dt.date.today() + dt.timedelta(days=14)
        form.fill('start', start.strftime('%d/%m/%Y 09:00:00'))
        form.fill('place', "Ruang Rapat LSP, Depok")
        form.save()
        form.button('schedule')
        self.assertClean(client, 'workflow-meeting')
        self.assertEqual(form.selection('state'), "Terjadwal")
        self.assertRegex(form.value('number'), r'^RPT/\d{4}/\d+$')

    def test_workflow_application(self):
        """The Direktur Sertifikasi registers a candidate, files an
        application, submits and accepts it"""
        client, menus, form = self.logged_in('direktur_sertifikasi')
        nik = '3201011203920007'  # a man born on 12 March 1992
        client.open_menu(menus['LSP / Sertifikasi / Asesi'])
        form.new()
        # the candidate's form shows the identity first
        form.fill('name', "Rahmat Hidayat")
        form.fill('nik', nik)
        form.select('gender', "Laki-laki")
        form.fill('birth_place', "Bogor")
        form.fill('birth_date', '12/03/1992')
        form.save()
        self.assertClean(client, 'workflow-candidate')
        client.close_tabs()

        client.open_menu(menus['LSP / Sertifikasi / Permohonan'])
        form.new()
        form.fill('nik', nik)
        # typing a known NIK picks its candidate
        client.page.wait_for_function(
            '''() => Array.from(document.querySelectorAll(
                '.tab-pane.active .form [name="candidate"]')).some(
                el => el.value == 'Rahmat Hidayat')''', timeout=30000)
        form.many2one('scheme', 'SSK.01.01')
        form.page_tab("Asesmen Mandiri")
        form.edit_column("Jawaban", "Kompeten (K)")
        form.save()
        form.button('submit')
        self.assertClean(client, 'workflow-application-submit')
        self.assertEqual(form.selection('state'), "Diajukan")
        form.page_tab("Persyaratan")
        form.edit_column("Pemeriksaan", "Ada, Memenuhi Syarat")
        form.page_tab("Rekomendasi")
        form.select('admin_recommendation', "Terima")
        form.select('assessor_recommendation', "Asesmen Dapat Dilanjutkan")
        form.save()
        form.button('accept')
        self.assertClean(client, 'workflow-application-accept')
        self.assertEqual(form.selection('state'), "Diterima")

    def test_workflow_suspend_certificate(self):
        """The Direktur Sertifikasi drafts the suspension of a certificate
        from its button and proposes it, the Kepala approves it with its
        decree (SK); the public page of the certificate says Dibekukan"""
        certificate = self.certificate()
        client, menus, form = self.logged_in('direktur_sertifikasi')
        client.open_menu(menus['LSP / Sertifikasi / Sertifikat'])
        self.assertTrue(client.open_first_record(certificate['number']))
        self.assertEqual(form.value('number'), certificate['number'])
        form.button('suspend')
        dialog = client.page.locator('.modal').filter(visible=True)
        category = dialog.locator('select[name="reason_category"]').first
        category.wait_for(state='visible')
        # the wizard's defaults arrive after the dialog shows, and a text
        # counts only once its field is left: each value is given, left
        # with Tab and given again until the dialog shows it
        client.settle()
        end = dialog.locator('[name="suspension_end"]').first
        reason = dialog.locator('[name="reason"]').first
        label = '(el) => el.options[el.selectedIndex].text'
        suspension_end = (dt.date.today() + dt.timedelta(days=60)).strftime(
            '%d/%m/%Y')
        for _ in range(5):
            category.select_option(label="Surveilans Tidak Lulus")
            client.settle()
            end.fill(suspension_end)
            end.press('Tab')
            client.settle()
            reason.fill("Pemegang tidak hadir pada surveilans tahunan.")
            reason.press('Tab')
            client.settle()
            if (category.evaluate(label) == "Surveilans Tidak Lulus"
                    and end.input_value() == suspension_end
                    and reason.input_value()):
                break
            client.page.wait_for_timeout(200)
        # the default button of the wizard: Buat Draf Keputusan
        dialog.locator('.modal-footer button.btn-primary').click()
        client.settle()
        self.assertClean(client, 'workflow-suspend-draft')
        # the draft decision opens in a tab of its own, once the wizard's
        # action is read
        client.page.wait_for_selector(
            '#tabcontent > .tab-pane.active .form [name="suspension_end"]',
            state='attached', timeout=30000)
        client.settle()
        self.assertEqual(form.selection('state'), "Draf")
        form.button('propose')
        self.assertClean(client, 'workflow-suspend-propose')
        self.assertEqual(form.selection('state'), "Diajukan")
        number = form.value('number')
        client, menus, form = self.logged_in('kepala')
        client.open_menu(menus[
                'LSP / Sertifikasi / Sertifikat / '
                'Keputusan Status Sertifikat'])
        self.assertTrue(client.open_first_record(number))
        form.many2one('decree', "SK-021/PENGURUS/LSPPI/2026")
        form.save()
        form.button('approve')
        self.assertClean(client, 'workflow-suspend')
        self.assertEqual(form.selection('state'), "Selesai")
        page = client.context.new_page()
        page.goto(self.public_url(certificate))
        self.assertIn("Dibekukan", page.inner_text('main'))

    # the public verification page

    def certificate(self, state='active'):
        """Return the first certificate in state on which no status decision
        is open (the demo proposes some: a certificate takes one at a time)"""
        open_decisions = self.admin.call(
            'lsp.certificate.status.decision', 'search_read',
            [('state', 'in', ['draft', 'proposed', 'approved'])], 0, None,
            None, ['certificates'])
        busy = {c for d in open_decisions for c in d['certificates']}
        certificates = [c for c in self.admin.call(
                'lsp.certificate', 'search_read', [('state', '=', state)],
                0, None, [('id', 'ASC')], ['number', 'verification_url'])
            if c['id'] not in busy]
        self.assertTrue(certificates)
        return certificates[0]

    def public_url(self, certificate):
        "Return the address of the public page of certificate on the server"
        return self.base_url + urlsplit(certificate['verification_url']).path

    def test_verify_page_widths(self):
        "The public page wraps long values at 1280 and 390 px"
        certificate = self.certificate()
        url = self.public_url(certificate)
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
