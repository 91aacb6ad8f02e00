"""Reusable helpers to drive Odoo 11's web client in headless Chromium (selenium 4.10).

Every helper waits for the web client to be idle (no pending RPC, no "Loading" banner) so
that feature tests read like a user's steps::

    ui.login('chen')
    ui.open_menu('Customer Maintenance')
    ui.open_menu('Customers')
    ui.wait_text('My Customers')
    ui.click_button('Create')
    ui.screenshot('customers_chen')

Selectors follow Odoo 11 Community's DOM: top navbar with the apps
(`#oe_main_menu_navbar a.oe_menu_toggler`), left sidebar with the app's menus
(`.o_sub_menu a.oe_menu_leaf`), views in `.o_main_content`, dialogs in `.modal`.
"""
import os
import re
import time

from selenium import webdriver
from selenium.common.exceptions import (
    StaleElementReferenceException, TimeoutException, WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

DEFAULT_TIMEOUT = float(os.environ.get('CM_UI_TIMEOUT', '30'))

# Demo logins (customer_maintenance/demo/res_users_demo.xml); password = login.
PASSWORDS = {'admin': 'admin', 'chen': 'chen', 'lin': 'lin', 'wang': 'wang', 'zhang': 'zhang'}

CHROMIUM_FLAGS = (
    # RUNTIME.md / machines/python.md: headless, as root, on a closed network
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-extensions',
    '--window-size=1400,900', '--lang=en-US',
)


def make_driver(user_data_dir):
    """A headless Debian Chromium with a fresh profile in `user_data_dir`."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get('CM_UI_CHROMIUM', '/usr/bin/chromium')
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument('--user-data-dir=%s' % user_data_dir)
    service = Service(executable_path=os.environ.get('CM_UI_CHROMEDRIVER', '/usr/bin/chromedriver'))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(DEFAULT_TIMEOUT * 2)
    return driver


def _norm(text):
    return re.sub(r'\s+', ' ', text or '').strip()


class OdooUI(object):
    """One browser session on one Odoo server and database."""

    def __init__(self, driver, base_url, db, screenshot_dir, timeout=DEFAULT_TIMEOUT):
        self.driver = driver
        self.base_url = base_url.rstrip('/')
        self.db = db
        self.screenshot_dir = screenshot_dir
        self.timeout = timeout
        self.user = None

    # ------------------------------------------------------------------ waiting
    def wait(self, condition, message, timeout=None):
        """Wait until `condition(driver)` is truthy; fail with `message` (and a screenshot)."""
        try:
            return WebDriverWait(self.driver, timeout or self.timeout,
                                 ignored_exceptions=(StaleElementReferenceException,)).until(condition)
        except TimeoutException:
            path = self.screenshot('FAILED_%s' % re.sub(r'\W+', '_', message)[:60], failure=True)
            raise AssertionError('%s (after %ss; page %s; screenshot %s)\nvisible text: %s' % (
                message, timeout or self.timeout, self.driver.current_url, path,
                self.page_text()[:1500]))

    def wait_idle(self):
        """Wait until the page is loaded and the web client has no RPC in flight."""
        def idle(driver):
            if driver.execute_script('return document.readyState') != 'complete':
                return False
            loading = driver.find_elements(By.CSS_SELECTOR, '.o_loading')
            return not any(el.is_displayed() for el in loading)
        self.wait(idle, 'the web client did not become idle')
        time.sleep(0.3)  # let the last rendering (kanban, dialogs) settle
        return self

    def page_text(self):
        try:
            return self.driver.find_element(By.TAG_NAME, 'body').text
        except WebDriverException:
            return ''

    def wait_text(self, text, timeout=None):
        """Wait until `text` is visible somewhere on the page; return the page's text."""
        self.wait(lambda d: text in self.page_text(), 'text %r never appeared' % text, timeout)
        return self.page_text()

    def wait_no_text(self, text, timeout=None):
        self.wait(lambda d: text not in self.page_text(), 'text %r never went away' % text, timeout)

    def visible(self, css):
        return [el for el in self.driver.find_elements(By.CSS_SELECTOR, css) if el.is_displayed()]

    # ------------------------------------------------------------------ session
    def go(self, path):
        self.driver.get(self.base_url + path)
        return self.wait_idle()

    def login(self, login, password=None):
        """Log in through /web/login and wait for the web client (navbar) to show."""
        self.driver.delete_all_cookies()
        self.driver.get('%s/web/login?db=%s' % (self.base_url, self.db))
        self.wait(lambda d: d.find_elements(By.ID, 'login'), 'no login form at /web/login')
        self.driver.find_element(By.ID, 'login').send_keys(login)
        self.driver.find_element(By.ID, 'password').send_keys(password or PASSWORDS.get(login, login))
        self.driver.find_element(By.CSS_SELECTOR, '.oe_login_form button[type=submit]').click()
        self.wait(lambda d: self.visible('#oe_main_menu_navbar') or self.visible('.alert-danger'),
                  'the web client did not load after logging in as %s' % login)
        errors = self.visible('.oe_login_form .alert-danger')
        assert not errors, 'login as %s refused: %s' % (login, errors[0].text)
        self.wait(lambda d: self.visible('.o_user_menu'), 'no user menu after login')
        self.user = login
        return self.wait_idle()

    def logout(self):
        self.driver.get(self.base_url + '/web/session/logout')
        self.user = None

    # ------------------------------------------------------------------ navigation
    def menu_texts(self):
        """Names of the visible apps (top bar) and menus (left sidebar)."""
        return [_norm(el.text) for el in self.visible('.oe_menu_text')] + \
            [_norm(el.text) for el in self.visible('.oe_secondary_menu_section')]

    def app_names(self):
        """All apps of the top bar, including those folded into "More"."""
        return [_norm(el.get_attribute('textContent'))
                for el in self.driver.find_elements(
                    By.CSS_SELECTOR, '.oe_application_menu_placeholder a.oe_menu_toggler .oe_menu_text, '
                                     '.oe_application_menu_placeholder a.oe_menu_leaf .oe_menu_text')]

    def open_menu(self, text):
        """Click the app (top bar) or menu (left sidebar) whose label is `text`."""
        def find(driver):
            for link in driver.find_elements(By.CSS_SELECTOR, 'a.oe_menu_toggler, a.oe_menu_leaf'):
                if link.is_displayed() and _norm(link.text) == text:
                    return link
            more = self.visible('#menu_more_container > a')
            if more and not self.visible('#menu_more'):
                more[0].click()  # an app folded into the "More" dropdown
            return False
        self.wait(find, 'no menu %r (visible menus: %s)' % (text, self.menu_texts())).click()
        return self.wait_idle()

    def sidebar_sections(self):
        """Labels of the visible left-sidebar sections of the current app (e.g. Configuration)."""
        return [_norm(el.text) for el in self.visible('.oe_secondary_menu_section')]

    def click_button(self, text, scope=None):
        """Click the visible button (or button-like link) labelled `text`; a dialog first."""
        def find(driver):
            roots = [scope] if scope else (self.visible('.modal') or [driver])
            for root in roots:
                for el in root.find_elements(By.CSS_SELECTOR, 'button, a.btn, a.o_button'):
                    if el.is_displayed() and el.is_enabled() and _norm(el.text) == text:
                        return el
            return False
        self.wait(find, 'no button %r' % text).click()
        return self.wait_idle()

    def breadcrumb(self):
        return [_norm(el.text) for el in self.visible('.o_control_panel .breadcrumb li')]

    def kanban_titles(self):
        return [_norm(el.text) for el in self.visible('.o_kanban_record')]

    def list_rows(self):
        return [_norm(el.text) for el in self.visible('.o_list_view tbody tr.o_data_row')]

    def search_facets(self):
        return [_norm(el.text) for el in self.visible('.o_searchview_facet')]

    def switch_view(self, view_type):
        """Switch the current action to 'list', 'kanban', 'form', 'pivot', 'graph', ..."""
        self.wait(lambda d: self.visible('.o_cp_switch_%s' % view_type),
                  'no %s view switch' % view_type).__getitem__(0).click()
        return self.wait_idle()

    # ------------------------------------------------------------------ preferences
    def set_language(self, code):
        """Change the current user's language in Preferences (user menu), like a user does."""
        self.visible('.o_user_menu > a')[0].click()
        self.wait(lambda d: self.visible('.o_user_menu a[data-menu=settings]'),
                  'no Preferences entry in the user menu')[0].click()
        select = self.wait(lambda d: self.visible('.modal select[name=lang], .modal .o_field_widget[name=lang]'),
                           'no language field in Preferences')[0]
        if select.tag_name != 'select':
            select = select.find_element(By.TAG_NAME, 'select')
        choice = Select(select)
        for option in choice.options:
            if code in (option.get_attribute('value') or ''):
                choice.select_by_visible_text(option.text)
                break
        else:
            raise AssertionError('language %s not offered in Preferences: %s' % (
                code, [o.text for o in choice.options]))
        footer = self.visible('.modal .modal-footer')[0]
        self.click_button(footer.find_elements(By.CSS_SELECTOR, '.btn-primary')[0].text, scope=footer)
        # preference_save reloads the web client
        self.wait(lambda d: not self.visible('.modal'), 'Preferences dialog did not close')
        time.sleep(1)
        self.wait(lambda d: self.visible('#oe_main_menu_navbar'), 'web client did not reload')
        return self.wait_idle()

    # ------------------------------------------------------------------ evidence
    def screenshot(self, name, failure=False):
        """Save a PNG as <screenshot_dir>/<name>.png (failures go to a scratch directory)."""
        folder = self.screenshot_dir if not failure else os.environ.get(
            'CM_UI_FAILURE_DIR', os.path.join(self.screenshot_dir, '..', '..', '.local', 'ui-failures'))
        os.makedirs(folder, exist_ok=True)
        path = os.path.abspath(os.path.join(folder, '%s.png' % name))
        try:
            self.driver.save_screenshot(path)
        except WebDriverException:
            return None
        return path

    def css(self, selector, prop):
        """A computed CSS property of the first element matching `selector`."""
        return self.driver.execute_script(
            'var e = document.querySelector(arguments[0]);'
            'return e ? window.getComputedStyle(e).getPropertyValue(arguments[1]) : null;',
            selector, prop)
