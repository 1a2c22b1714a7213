# This file is part of the LSP Perkoperasian Indonesia ERP.
"""sao, the web client, driven by Playwright in Debian's chromium

A Client is one browser context logged in as one demo user: it records the
page errors, the failed requests and the errors of the RPC answers, opens
the menu entries as a click on them does, and reads the texts a user sees.
"""
import json
import os
import re
import time

from ..server import DEMO_PASSWORD
from ..tools import ROOT
from .catalogue import normalize

CHROMIUM = '/usr/bin/chromium'
SCREENSHOTS = os.path.join(ROOT, 'tests', 'browser', 'screenshots')
#: the longest wait for an element, in milliseconds (a busy machine)
TIMEOUT = 30000

#: JavaScript returning the texts of the visible (or, in a form, all) labels,
#: buttons, tabs, column headers, menu entries, cells and titles under root
TEXTS = r'''
(root) => {
    const texts = new Set();
    const elements = root ? document.querySelectorAll(root) : [document.body];
    const visible = (el) => el.checkVisibility
        ? el.checkVisibility() : el.offsetParent !== null;
    for (const base of elements) {
        // a form's hidden notebook pages and fields count too
        const all = !!base.closest('.tab-form')
            || !!base.querySelector('.form');
        const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const parent = node.parentElement;
            if (!parent || ['SCRIPT', 'STYLE', 'OPTION', 'TEXTAREA']
                    .includes(parent.tagName)) {
                continue;
            }
            if (parent.closest('.form-char, .form-text, .cell-char, '
                    + '.form-richtext, input, textarea')) {
                // what the user typed is data, not a label
                continue;
            }
            if (!all && !visible(parent)) {
                continue;
            }
            const text = node.data.trim();
            if (text) {
                texts.add(text);
            }
        }
        for (const el of base.querySelectorAll('[title], [placeholder]')) {
            if (!all && !visible(el)) {
                continue;
            }
            for (const name of ['title', 'placeholder']) {
                const value = (el.getAttribute(name) || '').trim();
                if (value) {
                    texts.add(value);
                }
            }
        }
        for (const el of base.querySelectorAll('select option')) {
            texts.add(el.textContent.trim());
        }
    }
    return Array.from(texts);
}
'''

#: JavaScript calling an RPC method through sao's session
RPC = '''
([method, params]) => new Promise((resolve, reject) => {
    Sao.rpc({method: method, params: params},
        Sao.Session.current_session).then(resolve, (e) => reject(
            new Error(JSON.stringify(e))));
})
'''

#: what sao asks for and trytond does not serve: the optional customization
#: files and the catalogue of a regional language (id_ID before id)
EXPECTED_ERRORS = ['/custom.css', '/custom.js', '/locale/id_ID.json']

ERROR_DIALOGS = ('.modal.error-dialog, .modal.warning-dialog, '
    '.modal.user-warning-dialog')


class Client:
    "One demo user logged in to sao"

    def __init__(self, browser, base_url, database, login,
            width=1280, height=900):
        self.browser = browser
        self.base_url = base_url
        self.database = database
        self.login = login
        self.context = browser.new_context(
            viewport={'width': width, 'height': height}, locale='id-ID',
            accept_downloads=False)
        self.context.set_default_timeout(TIMEOUT)
        self.page = self.context.new_page()
        self.problems = []
        self.pending = 0
        self.last_activity = time.monotonic()
        self.expected_errors = list(EXPECTED_ERRORS)
        self.page.on('pageerror', self._page_error)
        self.page.on('request', self._request)
        self.page.on('requestfinished', self._finished)
        self.page.on('requestfailed', self._failed)
        self.page.on('response', self._response)
        self.page.on('dialog', self._dialog)

    # events

    def _page_error(self, error):
        self.problems.append('page error: %s' % error)

    def _request(self, request):
        if request.resource_type in {'xhr', 'fetch'}:
            self.pending += 1
        self.last_activity = time.monotonic()

    def _finished(self, request):
        if request.resource_type in {'xhr', 'fetch'}:
            self.pending -= 1
        self.last_activity = time.monotonic()

    def _failed(self, request):
        self._finished(request)
        if request.url.startswith('blob:'):
            # the icons sao makes and revokes once shown
            return
        if any(e in request.url for e in self.expected_errors):
            return
        self.problems.append('request failed: %s %s (%s)' % (
                request.method, request.url, request.failure))

    def _response(self, response):
        url = response.url
        if response.status >= 400:
            if not any(e in url for e in self.expected_errors):
                self.problems.append('HTTP %s: %s %s' % (
                        response.status, response.request.method, url))
            return
        if '/rpc/' not in url:
            return
        try:
            body = json.loads(response.body())
        except Exception:
            return
        if isinstance(body, dict) and body.get('error'):
            error = body['error']
            self.problems.append('RPC error of %s: %s' % (
                    url.rsplit('#', 1)[-1], json.dumps(
                        error, ensure_ascii=False)[:500]))

    def _dialog(self, dialog):
        # window.alert, e.g. sao's "No action defined."
        self.problems.append('alert: %s' % dialog.message)
        dialog.dismiss()

    # actions

    def settle(self, timeout=10, quiet=0.08):
        "Wait until no RPC is pending for quiet seconds"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(25)
            if (self.pending <= 0
                    and time.monotonic() - self.last_activity >= quiet):
                return True
        return False

    def log_in(self, password=DEMO_PASSWORD):
        """Log in through sao's dialogs: database, user name, then password

        On a busy machine the password dialog can fail to come: the page
        is loaded again once."""
        from playwright.sync_api import TimeoutError
        try:
            self._log_in(password)
        except TimeoutError:
            self._log_in(password)

    def _log_in(self, password):
        page = self.page
        page.goto(self.base_url + '/')
        page.wait_for_selector('.login-dialog #login')
        self.login_texts = self.texts('.login-dialog')
        # sao shows the list of the databases, or an entry without a list
        database = page.locator(
            '.login-dialog select#database, .login-dialog input#database'
            ).filter(visible=True).first
        database.wait_for()
        if database.evaluate('(el) => el.tagName') == 'SELECT':
            database.select_option(self.database)
        else:
            database.fill(self.database)
        page.fill('.login-dialog #login', self.login)
        page.press('.login-dialog #login', 'Enter')
        password_input = page.locator('.modal input[type=password]')
        password_input.wait_for()
        self.login_texts += self.texts('.modal.in')
        password_input.fill(password)
        password_input.press('Enter')
        page.wait_for_selector('#menu tbody tr')
        self.settle()

    def rpc(self, method, *params):
        "Call method with params and the user's context through sao"
        return self.page.evaluate(RPC, [method, list(params)])

    def menus(self):
        "Return the menu entries of the user: id, complete name and action"
        return self.rpc(
            'model.ir.ui.menu.search_read', [], 0, None,
            [['complete_name', 'ASC']],
            ['name', 'complete_name', 'action', 'parent'], {})

    def texts(self, selector=None):
        "Return the normalized texts shown under selector"
        return sorted({normalize(t) for t in self.page.evaluate(
                    TEXTS, selector)} - {''})

    def error_dialog(self):
        "Return the text of the error dialog shown or None"
        dialog = self.page.locator(ERROR_DIALOGS).filter(visible=True)
        if dialog.count():
            return ' '.join(dialog.first.inner_text().split())
        return None

    def close_dialogs(self):
        "Close the dialogs shown (Escape, as a user would)"
        for _ in range(3):
            if not self.page.locator('.modal.in').count():
                return
            self.page.keyboard.press('Escape')
            self.page.wait_for_timeout(200)

    def tab_count(self):
        return self.page.locator('#tablist > li').count()

    def open_menu(self, menu_id):
        """Open the menu entry as a click on it does; return the kind of
        what opened: 'tab', 'dialog' or None for nothing"""
        before = self.tab_count()
        self.page.evaluate('''(id) => Sao.Action.exec_keyword('tree_open',
            {model: 'ir.ui.menu', id: id}, null, false)''', menu_id)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if self.tab_count() > before:
                self.settle()
                return 'tab'
            if self.page.locator('.modal.in').count():
                self.settle()
                return 'dialog'
            if (self.pending <= 0
                    and time.monotonic() - self.last_activity > 1):
                break
            self.page.wait_for_timeout(25)
        return None

    def current_tab(self):
        return self.page.locator('#tabcontent > .tab-pane.active').first

    def view_type(self):
        return self.page.evaluate(
            '() => Sao.Tab.tabs.get_current().current_view_type')

    def open_first_record(self, text=None):
        """Open the form of the first record of the current list (with text
        in its row); return False when the list has no such record"""
        tab = self.current_tab()
        rows = tab.locator('.treeview tbody tr:not(.more-row)')
        if text:
            rows = rows.filter(has_text=text)
        row = rows.filter(visible=True).first
        if not row.count():
            return False
        # a double click on a cell that is no link (a link opens the
        # record it points to)
        cell = row.locator('td:has(.cell):not(:has(a, button, input))').filter(
            visible=True).first
        if cell.count():
            cell.dblclick()
        else:
            row.locator('td.selection-state input').click()
            self.page.evaluate(
                "() => Sao.Tab.tabs.get_current().screen.switch_view('form')")
        self.settle()
        for _ in range(30):
            if self.view_type() == 'form':
                self.settle()
                return True
            self.page.wait_for_timeout(100)
        return False

    def wait_for_tab(self, name, timeout=30000):
        """Wait until a tab named name is open (the actions of the login
        open theirs after the menu shows); tell whether it came"""
        from playwright.sync_api import TimeoutError
        try:
            self.page.wait_for_function('''(name) => Array.from(
                document.querySelectorAll('#tablist a')).some(
                a => a.textContent.includes(name))''', arg=name,
                timeout=timeout)
        except TimeoutError:
            return False
        self.settle()
        return True

    def close_tabs(self):
        "Close every tab (nothing is modified, so nothing asks to save)"
        self.page.evaluate('''() => new Promise((resolve, reject) =>
            Sao.Tab.tabs.close(false).then(resolve, () => resolve()))''')
        self.settle(quiet=0.05)

    def screenshot(self, name):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(
            SCREENSHOTS, re.sub(r'[^\w.-]+', '_', name)[:120] + '.png')
        try:
            self.page.screenshot(path=path, full_page=True)
        except Exception:
            return None
        return path

    def close(self):
        self.context.close()


class Form:
    "The form of the current tab of a Client, filled in as a user does"

    def __init__(self, client):
        self.client = client
        self.page = client.page

    @property
    def tab(self):
        return self.page.locator('#tabcontent > .tab-pane.active').first

    def widget(self, name):
        return self.tab.locator(
            '.form [name="%s"]' % name).filter(visible=True).first

    def toolbar(self, id_):
        self.tab.locator('button#%s' % id_).click()
        self.client.settle()

    def new(self):
        self.toolbar('new_')

    def save(self):
        self.toolbar('save')

    def fill(self, name, value):
        """Type value in the field name and leave it

        A form that is still being displayed (a new record whose defaults
        arrive) can show its fields again after the typing and empty them:
        then the value is typed again."""
        for _ in range(5):
            widget = self.widget(name)
            widget.fill(value)
            widget.press('Tab')
            self.client.settle()
            if not value or widget.input_value():
                return
            self.page.wait_for_timeout(200)
        raise AssertionError("the field %s stays empty" % name)

    def select(self, name, label):
        self.widget(name).select_option(label=label)
        self.client.settle()

    def many2one(self, name, text):
        "Type text in the many2one name and take the first match"
        widget = self.widget(name)
        widget.fill(text)
        widget.press('Tab')
        self.client.settle()
        dialog = self.page.locator('.modal.in')
        # one match fills the field; several open the search dialog, which
        # can show up after the calls have settled (late on a busy machine)
        for _ in range(300):
            if dialog.count():
                # take the first match of the dialog
                dialog.locator('.treeview tbody tr').first.locator(
                    'td:has(.cell)').filter(visible=True).first.dblclick()
                self.client.settle()
                break
            if widget.input_value() != text:
                break
            self.page.wait_for_timeout(100)

    def button(self, name, confirm=True):
        "Press the button name of the form and confirm what it asks"
        self.tab.locator('.form button[name="%s"]' % name).filter(
            visible=True).first.click()
        self.client.settle()
        dialog = self.page.locator('.modal.confirmation-dialog').filter(
            visible=True)
        for _ in range(10):
            if dialog.count() or not confirm:
                break
            self.page.wait_for_timeout(100)
        if confirm and dialog.count():
            dialog.locator('.modal-footer button.btn-primary').click()
            self.client.settle()

    def selection(self, name):
        "Return the label shown by the selection name"
        return self.widget(name).evaluate(
            '(el) => el.options[el.selectedIndex].text')

    def page_tab(self, label):
        "Show the notebook page label of the form"
        # the visible one: a form of a list of the form has its own pages
        # (the click event itself: on a busy machine the tab bar is still
        # moving when it is clicked)
        self.tab.locator('.form .nav-tabs a', has_text=label).filter(
            visible=True).first.dispatch_event('click')
        self.client.settle()

    def edit_column(self, column, label):
        """Choose label in the selection column of every line of the list
        shown in the form, as a user does: a click on the cell edits it"""
        rows = self.tab.locator('.form .treeview tbody tr').filter(
            visible=True)
        for i in range(rows.count()):
            cell = rows.nth(i).locator('td[data-title^="%s"]' % column)
            select = cell.locator('select').filter(visible=True)
            for _ in range(3):
                cell.click()
                self.client.settle()
                if select.count():
                    break
            select.first.select_option(label=label)
            self.client.settle()

    def value(self, name):
        return self.widget(name).input_value()

    def text(self):
        return self.tab.inner_text()
