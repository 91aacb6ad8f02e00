"""First real-browser tests: logging in, the app menu, the customers, styling, zh_TW."""


def _assert_styled(ui):
    """lessc compiled the backend stylesheets: the navbar has Odoo's colour, not the
    browser default (unstyled pages have a transparent navbar and a visible hidden menu)."""
    background = ui.css('#oe_main_menu_navbar', 'background-color')
    assert background not in (None, '', 'rgba(0, 0, 0, 0)', 'transparent'), \
        'the web client is not styled (navbar background %r): is lessc working?' % background
    assert ui.css('.o_main_content', 'overflow') is not None


def _open_customers(ui):
    ui.open_menu('Customer Maintenance')
    assert 'Customers' in ui.sidebar_sections(), ui.sidebar_sections()
    ui.open_menu('Customers')
    ui.wait(lambda d: ui.visible('.o_kanban_view'), 'no customers kanban')


def _all_customers(ui):
    """Remove the default "My Customers" filter: every customer the user may read."""
    ui.wait(lambda d: ui.visible('.o_searchview_facet .o_facet_remove'),
            'no "My Customers" facet')[0].click()
    ui.wait_idle()
    ui.wait(lambda d: not ui.search_facets(), 'the "My Customers" facet did not go away')
    ui.wait(lambda d: ui.visible('.o_kanban_view .o_kanban_record'), 'no customer cards')


def test_login_page_is_styled(ui):
    ui.go('/web/login')
    assert ui.visible('.oe_login_form'), 'no login form'
    # Bootstrap from the compiled bundle: the submit button is a coloured .btn-primary
    assert ui.css('.oe_login_form .btn-primary', 'background-color') not in (None, 'rgba(0, 0, 0, 0)')


def test_account_manager_sees_own_customers(ui, demo_plan, rpc):
    ui.login('chen')
    _assert_styled(ui)
    assert 'Customer Maintenance' in ui.app_names(), ui.app_names()
    _open_customers(ui)
    ui.wait(lambda d: ui.visible('.o_kanban_view .o_kanban_record'), 'no customer cards')
    assert ui.breadcrumb() == ['Customers'], ui.breadcrumb()
    assert 'My Customers' in ui.search_facets(), ui.search_facets()
    cards = ui.kanban_titles()
    plan_names = [company['name'] for company in demo_plan['companies']]
    shown = [name for name in plan_names if any(name in card for card in cards)]
    assert shown, 'no demo customer of services/demo_plan.py on the page: %s' % cards[:5]
    # "My Customers": every card is one of chen's customers, and all of them are there
    mine = rpc('chen')('res.partner', 'search_read',
                       [('user_id.login', '=', 'chen'), ('customer', '=', True),
                        ('parent_id', '=', False)], fields=['name'])
    mine_names = {partner['name'] for partner in mine}
    assert mine_names, 'chen has no customers in the demo data'
    assert set(shown) <= mine_names, set(shown) - mine_names
    # the kanban loads 40 records at a time
    assert len(cards) == min(40, len(mine_names)), (len(cards), len(mine_names))
    # an account manager does not see the supervisor's menus
    assert 'Configuration' not in ui.sidebar_sections()
    assert 'Reporting' not in ui.sidebar_sections()
    ui.screenshot('customers_account_manager_en')


def test_supervisor_sees_all_customers_and_configuration(ui, demo_plan, rpc):
    ui.login('zhang')
    _assert_styled(ui)
    assert 'Customer Maintenance' in ui.app_names(), ui.app_names()
    _open_customers(ui)
    # the supervisor maintains no customer himself: "My Customers" is empty ...
    assert 'My Customers' in ui.search_facets(), ui.search_facets()
    assert not ui.kanban_titles()
    # ... and without the filter he sees every account manager's customers
    _all_customers(ui)
    cards = ui.kanban_titles()
    plan_names = [company['name'] for company in demo_plan['companies']]
    assert any(name in card for name in plan_names for card in cards), cards[:5]
    owners = {p['user_id'][1] for p in rpc('zhang')('res.partner', 'search_read', [
        ('customer', '=', True), ('parent_id', '=', False), ('user_id', '!=', False),
        ('ref', '=like', 'CM%')], fields=['user_id'])}
    assert len(owners) >= 3, 'zhang should read the customers of all managers: %s' % owners
    ui.screenshot('customers_supervisor_en')
    # Configuration: a folder menu is only shown when it holds a menu the user may open;
    # Settings is admin-only, but the supervisor configures tiers and festivals.
    assert 'Configuration' in ui.sidebar_sections(), ui.sidebar_sections()
    ui.open_menu('Customer Tiers')
    ui.wait(lambda d: ui.list_rows() or ui.kanban_titles(), 'no customer tiers')
    tiers = ' '.join(ui.list_rows() + ui.kanban_titles())
    assert 'Important' in tiers and 'Ordinary' in tiers, tiers


def test_admin_in_traditional_chinese(ui, rpc):
    admin = rpc('admin')
    admin_id = admin.uid
    try:
        ui.login('admin')
        assert 'Discuss' in ui.app_names(), ui.app_names()
        ui.open_menu('Customer Maintenance')
        assert 'Configuration' in ui.sidebar_sections(), ui.sidebar_sections()
        ui.set_language('zh_TW')
        apps = ui.app_names()
        # Odoo's own translations (Discuss → 討論) and ours (i18n/zh_TW.po)
        assert '討論' in apps and 'Discuss' not in apps, apps
        assert '客戶維護' in apps and 'Customer Maintenance' not in apps, apps
        assert admin('res.users', 'read', [admin_id], fields=['lang'])[0]['lang'] == 'zh_TW'
        ui.open_menu('客戶維護')
        assert '客情' in ui.sidebar_sections(), ui.sidebar_sections()
        ui.open_menu('客戶')
        ui.wait(lambda d: ui.visible('.o_kanban_view'), 'no customers kanban in zh_TW')
        _all_customers(ui)
        # web client's own strings in Chinese: the "Create" button is 建立 / 創建
        buttons = [b.text for b in ui.visible('.o_control_panel button')]
        assert any(text in ('建立', '創建', '新增') for text in buttons), buttons
        ui.screenshot('customers_admin_zh_TW')
    finally:
        admin('res.users', 'write', [admin_id], {'lang': 'en_US'})
