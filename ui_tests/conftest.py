"""Fixtures for the real-browser UI tests (`make test-ui`, scripts/test_ui.sh).

Plain pytest + selenium, not pytest-odoo: the tests talk to a running Odoo server whose URL
and database scripts/test_ui.sh passes in CM_UI_URL and CM_UI_DB. Not collected by
`make test` (that one only collects customer_maintenance/tests).
"""
import importlib.util
import os
import shutil
import tempfile
import xmlrpc.client

import pytest

from odoo_ui import OdooUI, PASSWORDS, make_driver

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pytest_configure(config):
    if not os.environ.get('CM_UI_URL'):
        raise pytest.UsageError('CM_UI_URL is not set: run the UI tests with `make test-ui`')


@pytest.fixture(scope='session')
def base_url():
    return os.environ['CM_UI_URL'].rstrip('/')


@pytest.fixture(scope='session')
def db():
    return os.environ['CM_UI_DB']


@pytest.fixture(scope='session')
def screenshot_dir():
    return os.environ.get('CM_UI_SCREENSHOTS', os.path.join(ROOT, 'docs', 'screenshots'))


@pytest.fixture
def ui(base_url, db, screenshot_dir):
    """A fresh headless Chromium (new profile) driven through OdooUI; closed after the test."""
    profile = tempfile.mkdtemp(prefix='cm-ui-chromium-')
    driver = make_driver(profile)
    try:
        yield OdooUI(driver, base_url, db, screenshot_dir)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Rpc(object):
    """XML-RPC as a given user: for test set-up and clean-up, never for the assertions."""

    def __init__(self, base_url, db, login, password=None):
        self.db, self.password = db, password or PASSWORDS.get(login, login)
        common = xmlrpc.client.ServerProxy('%s/xmlrpc/2/common' % base_url, allow_none=True)
        self.uid = common.authenticate(db, login, self.password, {})
        assert self.uid, 'XML-RPC login as %s failed' % login
        self.models = xmlrpc.client.ServerProxy('%s/xmlrpc/2/object' % base_url, allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, self.password, model, method,
                                      list(args), kwargs)


@pytest.fixture(scope='session')
def rpc(base_url, db):
    """rpc('chen')('res.partner', 'search_count', [...])"""
    return lambda login, password=None: Rpc(base_url, db, login, password)


@pytest.fixture(scope='session')
def demo_plan():
    """The demo world (customer_maintenance/services/demo_plan.py, pure Python), loaded by
    path so that the add-on's package (which imports odoo) is not imported here."""
    path = os.path.join(ROOT, 'customer_maintenance', 'services', 'demo_plan.py')
    spec = importlib.util.spec_from_file_location('cm_demo_plan', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_plan()
