"""The README's screenshots, taken in headless Chromium through the DevTools protocol (run by
scripts/screenshots.sh, which serves the demo database; see there).

Every page of PAGES is opened by its URL as its user, once with the user's language set to
en_US and once to zh_TW, and captured at 1440x900 into <out>/<page>.<lang>.png when it is idle:
its own element is there, no "Loading", no blocked UI, no request in flight for a while. A page
showing an error dialog or notification, the login form, sample data or an empty view stops
the run with an error: a screenshot must show the demo's real records. The profile card is
the PDF's first page, printed by the server and rendered by pdftoppm. The users' languages are
set back at the end. The pictures are saved with a 256-colour palette (flat UI colours, no
visible loss, less than half the bytes): they are committed. Only the standard library and
what Odoo's venv has (requests, websocket-client, Pillow)."""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import requests
import websocket
from PIL import Image

WIDTH, HEIGHT = 1440, 900
LANGS = ('en_US', 'zh_TW')
# password = login (demo/res_users_demo.xml; admin's is set by Odoo's base data)
USERS = ('chen', 'zhang', 'admin')
TIMEOUT = 60  # seconds for one page to become ready

# What makes a page unfit to show, checked on every poll (a string: the reason).
PAGE_STATE_JS = r"""
(() => {
    const error = document.querySelector('.o_error_dialog');
    if (error) { return 'error dialog: ' + error.innerText.slice(0, 1500); }
    const warning = document.querySelector('.o_notification:has(.o_notification_bar.bg-danger)');
    if (warning) { return 'error notification: ' + warning.innerText.slice(0, 1500); }
    if (document.querySelector('.oe_login_form')) { return 'login page'; }
    if (document.querySelector('.o_view_sample_data')) { return 'sample data (no real records)'; }
    if (document.querySelector('.o_view_nocontent')) { return 'empty view (no records)'; }
    if (document.readyState !== 'complete') { return 'busy'; }
    if (document.querySelector('.o_loading_indicator, .o_blockUI:not(.o_blockUI_invisible)')) {
        return 'busy';
    }
    if (!document.querySelector(%s)) { return 'waiting'; }
    return 'ready';
})()
"""
FATAL = ('error dialog', 'error notification', 'login page', 'sample data', 'empty view')


class ShotError(Exception):
    pass


# ---------------------------------------------------------------- Odoo over JSON-RPC
class Odoo:
    """One logged-in session of one user (requests), for the data a page's URL needs."""

    def __init__(self, url, db, login):
        self.url, self.login = url, login
        self.http = requests.Session()
        info = self.rpc('/web/session/authenticate',
                        {'db': db, 'login': login, 'password': login})
        self.uid = info['uid']
        self.session_id = self.http.cookies['session_id']

    def rpc(self, path, params):
        response = self.http.post(self.url + path, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': params}, timeout=120)
        response.raise_for_status()
        body = response.json()
        if body.get('error'):
            error = body['error'].get('data', {}).get('message') or body['error']
            raise ShotError('%s as %s: %s' % (path, self.login, error))
        return body['result']

    def call(self, model, method, *args, **kwargs):
        return self.rpc('/web/dataset/call_kw/%s/%s' % (model, method), {
            'model': model, 'method': method, 'args': list(args), 'kwargs': kwargs})


# ---------------------------------------------------------------- Chromium over CDP
class Chromium:
    """A headless Chromium with one tab, driven synchronously: send() waits for its answer and
    records the events meanwhile (requests in flight, uncaught exceptions)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix='cm-screenshots-chromium-')
        self.process = subprocess.Popen([
            shutil.which('chromium'), '--headless=new', '--no-sandbox', '--disable-gpu',
            '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check',
            '--disable-extensions', '--hide-scrollbars', '--remote-debugging-port=0',
            '--user-data-dir=' + self.profile, '--window-size=%d,%d' % (WIDTH, HEIGHT),
            'about:blank'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, 'DevToolsActivePort')
        deadline = time.time() + 30
        while not (os.path.exists(port_file) and open(port_file).read().count('\n') >= 1):
            if time.time() > deadline or self.process.poll() is not None:
                self.close()
                raise ShotError('Chromium did not start its DevTools endpoint')
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        tabs = requests.get('http://127.0.0.1:%s/json/list' % port, timeout=10).json()
        page = next(tab for tab in tabs if tab['type'] == 'page')
        self.ws = websocket.create_connection(page['webSocketDebuggerUrl'], timeout=TIMEOUT,
                                              suppress_origin=True)
        self.next_id = 0
        self.in_flight = {}  # request id: URL
        self.last_network = time.time()
        self.exceptions = []
        for domain in ('Page', 'Network', 'Runtime'):
            self.send(domain + '.enable')
        self.send('Emulation.setDeviceMetricsOverride',
                  width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)

    def close(self):
        if getattr(self, 'ws', None):
            self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def send(self, method, **params):
        self.next_id += 1
        message_id = self.next_id
        self.ws.send(json.dumps({'id': message_id, 'method': method, 'params': params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get('id') == message_id:
                if 'error' in message:
                    raise ShotError('%s: %s' % (method, message['error']))
                return message.get('result', {})
            self._event(message)

    def pump(self, seconds):
        """Record the events of the next `seconds`."""
        self.ws.settimeout(seconds)
        try:
            while True:
                self._event(json.loads(self.ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(TIMEOUT)

    def _event(self, message):
        method, params = message.get('method'), message.get('params', {})
        if method == 'Network.requestWillBeSent':
            # the bus's shared worker loads its script outside the page: never "finished" here
            if '/bus/' not in params['request']['url']:
                self.in_flight[params['requestId']] = params['request']['url']
            self.last_network = time.time()
        elif method in ('Network.loadingFinished', 'Network.loadingFailed'):
            self.in_flight.pop(params['requestId'], None)
            self.last_network = time.time()
        elif method == 'Runtime.exceptionThrown':
            details = params['exceptionDetails']
            self.exceptions.append(details.get('exception', {}).get('description')
                                   or details.get('text'))

    def evaluate(self, expression):
        result = self.send('Runtime.evaluate', expression=expression, returnByValue=True,
                           awaitPromise=True)
        if 'exceptionDetails' in result:
            raise ShotError('script failed: %s\n%s' % (
                result['exceptionDetails'].get('exception', {}).get('description'), expression))
        return result['result'].get('value')

    def login(self, url, session_id):
        self.send('Network.clearBrowserCookies')
        self.send('Network.setCookie', name='session_id', value=session_id, url=url,
                  path='/', httpOnly=True)

    def open(self, url):
        self.in_flight.clear()
        self.exceptions.clear()
        self.send('Page.navigate', url=url)

    def wait_ready(self, selector, what):
        """Until the page shows `selector` and is idle; ShotError on what must not be shown."""
        script = PAGE_STATE_JS % json.dumps(selector)
        deadline = time.time() + TIMEOUT
        state = None
        while time.time() < deadline:
            self.pump(0.25)
            state = self.evaluate(script)
            if state.startswith(FATAL):
                raise ShotError('%s shows %s' % (what, state))
            if self.exceptions:
                raise ShotError('%s: uncaught exception in the page: %s'
                                % (what, self.exceptions[0]))
            if state == 'ready' and not self.in_flight and time.time() - self.last_network > 0.8:
                # the fonts (CJK glyphs) and the last paint before the picture
                self.evaluate('document.fonts.ready.then(() => new Promise('
                              'r => requestAnimationFrame(() => requestAnimationFrame(r))))')
                self.pump(0.3)
                if not self.in_flight and self.evaluate(script) == 'ready':
                    return
        failed = os.path.join(tempfile.gettempdir(), 'screenshot-not-ready.png')
        self.capture(failed)
        raise ShotError('%s not ready after %d s (%s; in flight: %s); the page: %s'
                        % (what, TIMEOUT, state, ', '.join(self.in_flight.values()) or 'nothing',
                           failed))

    def capture(self, path):
        data = self.send('Page.captureScreenshot', format='png',
                         clip={'x': 0, 'y': 0, 'width': WIDTH, 'height': HEIGHT, 'scale': 1})
        with open(path, 'wb') as image:
            image.write(base64.b64decode(data['data']))


def compact(path):
    """The picture with a 256-colour palette, without dithering (sharp text)."""
    with Image.open(path) as image:
        palette = image.convert('RGB').quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(path, optimize=True)


# ---------------------------------------------------------------- the pages
def showcase_customer(odoo):
    """The account manager's customer with the most to show: a key account, class A first."""
    partners = odoo.call('res.partner', 'search_read', [
        ('user_id', '=', odoo.uid), ('is_company', '=', True), ('customer_rank', '>', 0),
        ('customer_tier_id', '!=', False)],
        fields=['name'], order='is_key_account desc, abc_class, id', limit=1)
    if not partners:
        raise ShotError('%s has no customer with a tier in the demo data' % odoo.login)
    return partners[0]['id']


def action(xmlid, suffix=''):
    return '/odoo/action-customer_maintenance.%s%s' % (xmlid, suffix)


class Step:
    """Click (or scroll to the top) the one element matching `selector` (and whose text is
    `text[lang]` when given), then wait for `ready`."""

    def __init__(self, do, selector, ready, text=None):
        self.do, self.selector, self.ready, self.text = do, selector, ready, text


# the one element a step acts on, or an exception (the run stops and says which)
STEP_JS = r"""
((action, selector, text) => {
    const nodes = [...document.querySelectorAll(selector)]
        .filter(node => text === null || node.textContent.trim() === text);
    if (nodes.length !== 1) {
        throw new Error(nodes.length + ' elements match ' + selector + ' ' + (text || ''));
    }
    if (action === 'click') { nodes[0].click(); }
    else { nodes[0].scrollIntoView({block: 'start'}); }
    return true;
})(%s, %s, %s)
"""
class Page:
    """A page: its user, its URL (a function of the user's session), the element that shows it
    is there, then steps (click or scroll, element to wait for after each)."""

    def __init__(self, name, login, url, ready, steps=()):
        self.name, self.login, self.url, self.ready, self.steps = name, login, url, ready, steps

    def shoot(self, browser, odoo, lang, path):
        what = '%s (%s)' % (self.name, os.path.basename(path))
        browser.open(odoo.url + self.url(odoo))
        browser.wait_ready(self.ready, what)
        for step in self.steps:
            browser.evaluate(STEP_JS % (json.dumps(step.do), json.dumps(step.selector),
                                        json.dumps(step.text[lang] if step.text else None)))
            browser.wait_ready(step.ready, what)
        browser.capture(path)


class PdfPage:
    """The first page of a PDF report of the user's showcase customer, printed by the server
    in the user's language and rendered by pdftoppm."""

    def __init__(self, name, login, report):
        self.name, self.login, self.report = name, login, report

    def shoot(self, browser, odoo, lang, path):
        response = odoo.http.get('%s/report/pdf/%s/%d' % (
            odoo.url, self.report, showcase_customer(odoo)), timeout=300)
        if response.status_code != 200 or not response.content.startswith(b'%PDF'):
            raise ShotError('%s: the server answered %s %s, not a PDF' % (
                os.path.basename(path), response.status_code, response.text[:500]))
        with tempfile.TemporaryDirectory() as tmp:
            pdf = os.path.join(tmp, 'report.pdf')
            with open(pdf, 'wb') as out:
                out.write(response.content)
            # about the height of a screenshot, the whole page
            subprocess.run(['pdftoppm', '-png', '-f', '1', '-l', '1', '-singlefile',
                            '-scale-to', '1100', pdf, os.path.join(tmp, 'page')], check=True)
            shutil.move(os.path.join(tmp, 'page.png'), path)


# the search facet of the group-by ("Customer") and its remove button
GROUP_BY_FACET = '.o_searchview_facet:has(.o_searchview_facet_label.text-bg-action)'
FILTERS_TOGGLE = '.o_searchview_dropdown_toggler'

PAGES = [
    # an account manager's day in one page
    Page('my_maintenance', 'chen', lambda odoo: action('customer_maintenance_home_action'),
         '.o_kanban_view .o_cm_home_open'),
    # their customers (filter My Customers) with tier, ABC class, key account, credit rating
    Page('customers', 'chen',
         lambda odoo: action('res_partner_action_customers', '?view_type=list'),
         '.o_list_view .o_data_row'),
    # a key account's Maintenance page (team, tier, ABC, loyalty, credit, pipeline)
    Page('customer_maintenance_page', 'chen',
         lambda odoo: action('res_partner_action_customers', '/%d' % showcase_customer(odoo)),
         '.o_form_view .o_notebook a[name="customer_maintenance"]', [
             Step('click', '.o_notebook a[name="customer_maintenance"]',
                  '.o_notebook a[name="customer_maintenance"].active'),
             # the page's groups rather than the address: the tabs at the top of the screen
             Step('scroll', '.o_form_view .o_notebook', '.o_notebook .tab-content')]),
    # the planned calls, visits and greetings of the month
    Page('my_contacts_calendar', 'chen',
         lambda odoo: action('customer_relationship_event_action_my', '?view_type=calendar'),
         '.o_calendar_view .fc-event'),
    # the consumption-cycle table, one row per customer and product (not grouped)
    Page('consumption_cycles', 'chen',
         lambda odoo: action('customer_consumption_cycle_action'),
         '.o_list_view .o_group_header', [
             Step('click', GROUP_BY_FACET + ' .o_facet_remove',
                  '.o_list_view:not(:has(.o_group_header)) .o_data_row')]),
    # the supervisor's KPIs of last month: every figure of every account manager
    Page('kpi_pivot', 'zhang',
         lambda odoo: action('customer_manager_kpi_report_action'),
         '.o_pivot table td.o_pivot_cell_value', [
             Step('click', '.o_searchview_facet .o_facet_remove',
                  '.o_searchview:not(:has(.o_searchview_facet))'),
             Step('click', FILTERS_TOGGLE, '.o_filter_menu .o_menu_item'),
             Step('click', '.o_filter_menu .o_menu_item', '.o_searchview_facet',
                  text={'en_US': 'Last Month', 'zh_TW': '上個月'}),
             Step('click', FILTERS_TOGGLE, 'body:not(:has(.o_filter_menu)) .o_pivot table')]),
    # the card an account manager prints before a visit (客戶資料卡)
    PdfPage('profile_card', 'chen', 'customer_maintenance.report_profile_card'),
    # the supervisor's incentive statements (提成結算單) of the open months, one per manager
    Page('incentive_statements', 'zhang',
         lambda odoo: action('customer_incentive_statement_action'),
         '.o_list_view .o_data_row'),
    # an account manager's own statement of last month: a line per customer with its rule
    Page('incentive_statement', 'chen',
         lambda odoo: action('customer_incentive_statement_action', '/%d' % odoo.call(
             'customer.incentive.statement', 'search', [('user_id', '=', odoo.uid)],
             order='month', limit=1)[0]),
         '.o_form_view .o_field_widget[name=line_ids] .o_data_row'),
    # the supervisor's customers to win back: at risk (health) or lapsed, with the reasons
    Page('customers_to_win_back', 'zhang', lambda odoo: action('res_partner_action_win_back'),
         '.o_list_view .o_data_row'),
    # the supervisor's Customer Maintenance dashboard in Odoo's Dashboards app
    Page('dashboard', 'zhang',
         lambda odoo: '/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action',
         '.o_spreadsheet_dashboard_search_panel', [
             Step('click', '.o_spreadsheet_dashboard_search_panel li',
                  '.o_spreadsheet_dashboard_action .o-figure canvas',
                  text={'en_US': 'Customer Maintenance', 'zh_TW': '客戶維護'})]),
    # the module's settings (administrators)
    Page('settings', 'admin', lambda odoo: action('res_config_settings_action'),
         '.app_settings_block[data-key="customer_maintenance"] .o_settings_container'),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--url', required=True)
    parser.add_argument('--db', required=True)
    parser.add_argument('--out', required=True)
    parser.add_argument('--only', help='comma-separated page names (default: all)')
    options = parser.parse_args()
    only = set(options.only.split(',')) if options.only else None
    pages = [page for page in PAGES if not only or page.name in only]
    if only and only - {page.name for page in pages}:
        raise ShotError('no page named %s (pages: %s)' % (
            ', '.join(sorted(only - {page.name for page in pages})),
            ', '.join(page.name for page in PAGES)))

    admin = Odoo(options.url, options.db, 'admin')
    users = admin.call('res.users', 'search_read', [('login', 'in', list(USERS))],
                       fields=['login', 'lang'])
    if len(users) != len(USERS):
        raise ShotError('demo users missing: %s' % sorted(
            set(USERS) - {user['login'] for user in users}))
    languages = {lang['code'] for lang in admin.call(
        'res.lang', 'search_read', [('active', '=', True)], fields=['code'])}
    if set(LANGS) - languages:
        raise ShotError('languages not loaded in %s: %s (scripts/load_languages.py loads them)'
                        % (options.db, sorted(set(LANGS) - languages)))
    saved = {user['id']: user['lang'] for user in users}

    written = []
    browser = Chromium()
    try:
        for lang in LANGS:
            admin.call('res.users', 'write', list(saved), {'lang': lang})
            for login in USERS:
                mine = [page for page in pages if page.login == login]
                if not mine:
                    continue
                odoo = Odoo(options.url, options.db, login)  # a session in the new language
                browser.login(options.url, odoo.session_id)
                for page in mine:
                    path = os.path.join(options.out, '%s.%s.png' % (page.name, lang))
                    start = time.time()
                    page.shoot(browser, odoo, lang, path)
                    compact(path)
                    written.append(path)
                    print('%-48s %-6s %4.1f s' % (os.path.relpath(path), login,
                                                  time.time() - start), flush=True)
    finally:
        browser.close()
        for user_id, lang in saved.items():
            admin.call('res.users', 'write', [user_id], {'lang': lang})
    print('%d screenshots' % len(written))


if __name__ == '__main__':
    try:
        main()
    except ShotError as error:
        sys.exit('screenshots: %s' % error)
