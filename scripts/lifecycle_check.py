# Run INSIDE `odoo shell` by scripts/test_lifecycle.sh (stdin): one step of the upgrade and
# uninstall test, chosen by CM_LIFECYCLE_STEP. `env` is given by odoo shell (superuser).
# Every failure raises SystemExit with a message saying what was lost or left behind.
#
# The module's data is discovered, not listed: its models are the ir.model rows whose only
# xmlids belong to customer_maintenance (so new models are covered automatically), its
# columns on other models' tables are its stored ir.model.fields there (res_partner, ...),
# and its many2many tables are its ir.model.relation rows.
import json
import os

MODULE = os.environ.get('CM_LIFECYCLE_MODULE', 'customer_maintenance')  # another: self-check
STEP = os.environ['CM_LIFECYCLE_STEP']
SNAPSHOT = os.environ['CM_LIFECYCLE_SNAPSHOT']   # JSON file of the state before the upgrade
cr = env.cr  # noqa: F821 (odoo shell)


def fail(message):
    print('LIFECYCLE FAILED: %s' % message)
    raise SystemExit('LIFECYCLE FAILED: %s' % message)


def q(sql, params=None):
    cr.execute(sql, params or ())
    return cr.fetchall()


def module_layout():
    """{'tables': {model: table}, 'columns': [[model, table, column]], 'relations': [table]}"""
    owned = [row[0] for row in q("""
        SELECT m.model FROM ir_model m
          JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id AND d.module = %s
         WHERE NOT EXISTS (SELECT 1 FROM ir_model_data o WHERE o.model = 'ir.model'
                              AND o.res_id = m.id AND o.module <> %s)
         ORDER BY m.model""", [MODULE, MODULE])]
    tables = {}
    for model in owned:
        Model = env[model]  # noqa: F821
        if Model._auto and not Model._abstract and not Model._transient:
            tables[model] = Model._table
    columns = []
    for model, name in q("""
            SELECT f.model, f.name FROM ir_model_fields f
              JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
                                  AND d.module = %s
             WHERE f.store AND f.model <> ALL(%s)
             ORDER BY f.model, f.name""", [MODULE, owned or ['-']]):
        Model = env[model]  # noqa: F821
        field = Model._fields.get(name)
        if Model._auto and not Model._abstract and not Model._transient and field is not None \
                and field.column_type:
            columns.append([model, Model._table, name])
    relations = [row[0] for row in q("""
        SELECT DISTINCT r.name FROM ir_model_relation r
          JOIN ir_module_module mm ON mm.id = r.module WHERE mm.name = %s ORDER BY 1""", [MODULE])]
    return {'models': owned, 'tables': tables, 'columns': columns, 'relations': relations}


def table_state(table):
    """Row count and a digest of the ids (which rows), not of their values: an upgrade
    legitimately rewrites write_date of records loaded from data files."""
    has_id = q("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'id'",
               [table])
    if has_id:
        return list(q('SELECT count(*), md5(coalesce(string_agg(id::text, \',\' ORDER BY id), \'\')) '
                      'FROM "%s"' % table)[0])  # table names come from the registry, not input
    return [q('SELECT count(*) FROM "%s"' % table)[0][0], None]


def column_state(table, column):
    """Non-null values and a digest of (id, value) pairs: the data itself is kept."""
    return list(q('SELECT count("{c}"), md5(coalesce(string_agg(id::text || \'=\' || "{c}"::text, '
                  '\',\' ORDER BY id), \'\')) FROM "{t}" WHERE "{c}" IS NOT NULL'
                  .format(t=table, c=column))[0])


def snapshot():
    layout = module_layout()
    layout['counts'] = {table: table_state(table)
                        for table in sorted(set(layout['tables'].values()) | set(layout['relations']))}
    layout['column_counts'] = {'%s.%s' % (t, c): column_state(t, c) for _m, t, c in layout['columns']}
    layout['partners'] = q('SELECT count(*) FROM res_partner')[0][0]
    return layout


def report(state):
    print('module models with tables: %d, many2many tables: %d, columns on other tables: %d' % (
        len(state['tables']), len(state['relations']), len(state['columns'])))
    for table, (count, _digest) in sorted(state['counts'].items()):
        print('  %-50s %8d rows' % (table, count))
    for column, (count, _digest) in sorted(state['column_counts'].items()):
        print('  %-50s %8d values' % (column, count))


if STEP == 'create_data':
    # Data a user would have made on top of the demo: one contact per demo customer's
    # manager, so that even a module without demo records of its own has rows to keep.
    if 'customer.relationship.event' in env:  # noqa: F821
        customers = env['res.partner'].search(  # noqa: F821
            [('customer', '=', True), ('parent_id', '=', False), ('user_id', '!=', False)], limit=5)
        for partner in customers:
            env['customer.relationship.event'].create({  # noqa: F821
                'name': 'Lifecycle test call', 'partner_id': partner.id,
                'user_id': partner.user_id.id, 'kind': 'periodic', 'channel': 'call',
                'state': 'done', 'outcome': 'kept across upgrade', 'cost': 12.5})
    cr.commit()
    state = snapshot()
    if not state['tables']:
        fail('no table of %s found through ir.model: is the module installed?' % MODULE)
    if not any(count for count, _d in state['counts'].values()):
        fail('every table of the module is empty: nothing to prove the upgrade keeps')
    with open(SNAPSHOT, 'w') as handle:
        json.dump(state, handle, indent=1, sort_keys=True)
    report(state)

elif STEP == 'compare_after_upgrade':
    with open(SNAPSHOT) as handle:
        before = json.load(handle)
    after = snapshot()
    report(after)
    problems = []
    for key in ('counts', 'column_counts'):
        for name, was in sorted(before[key].items()):
            now = after[key].get(name)
            if now is None:
                problems.append('%s disappeared' % name)
            elif now[0] != was[0]:
                problems.append('%s: %d before the upgrade, %d after' % (name, was[0], now[0]))
            elif now[1] != was[1]:
                problems.append('%s: same count (%d) but different %s' % (
                    name, now[0], 'rows' if key == 'counts' else 'values'))
    if after['partners'] != before['partners']:
        problems.append('res_partner: %d rows before, %d after' % (before['partners'], after['partners']))
    if problems:
        fail('the upgrade changed data:\n  ' + '\n  '.join(problems))
    print('upgrade kept everything: %d tables, %d columns, %d partners' % (
        len(after['counts']), len(after['column_counts']), after['partners']))

elif STEP == 'uninstall':
    module = env['ir.module.module'].search([('name', '=', MODULE)])  # noqa: F821
    if module.state != 'installed':
        fail('%s is %s, not installed, before the uninstall' % (MODULE, module.state))
    module.button_immediate_uninstall()
    print('uninstalled %s' % MODULE)

elif STEP == 'check_uninstalled':
    with open(SNAPSHOT) as handle:
        before = json.load(handle)
    problems = []
    state = q('SELECT state FROM ir_module_module WHERE name = %s', [MODULE])[0][0]
    if state != 'uninstalled':
        problems.append('module state is %r, not uninstalled' % state)
    for table in sorted(set(before['tables'].values()) | set(before['relations'])):
        if q('SELECT to_regclass(%s)', ['"%s"' % table])[0][0]:
            problems.append('table %s is still there' % table)
    for _model, table, column in before['columns']:
        if q('SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s',
             [table, column]):
            problems.append('column %s.%s is still there' % (table, column))
    left = q('SELECT model FROM ir_model WHERE model = ANY(%s)', [before['models'] or ['-']])
    if left:
        problems.append('ir.model rows left: %s' % [row[0] for row in left])
    left = q("SELECT count(*) FROM ir_model_data WHERE module = %s AND model IN "
             "('ir.model', 'ir.model.fields', 'ir.ui.view', 'ir.ui.menu', 'ir.rule', "
             "'ir.model.access', 'ir.cron', 'ir.actions.act_window')", [MODULE])[0][0]
    if left:
        problems.append('%d xmlids of models, fields, views, menus, rules, crons left' % left)
    for model in before['models']:
        if model in env.registry:  # noqa: F821
            problems.append('model %s still in the registry' % model)
    if problems:
        fail('the uninstall left things behind:\n  ' + '\n  '.join(problems))
    print('module tables, many2many tables and columns are gone (%d tables, %d columns)' % (
        len(before['counts']), len(before['columns'])))

    # Odoo still works: partners read (every field) and their views load
    Partner = env['res.partner']  # noqa: F821
    partners = Partner.search([])
    if len(partners.with_context(active_test=False).search([])) < 1:
        fail('no partner left after the uninstall')
    partners[:300].read()
    for model in ('res.partner', 'sale.order', 'res.users'):
        for view_type in ('form', 'tree', 'search', 'kanban'):
            if view_type == 'kanban' and model != 'res.partner':
                continue
            env[model].fields_view_get(view_type=view_type)  # noqa: F821
    print('partners read: %d (all fields of the first 300); partner and sale views load' % len(partners))

    # ... and a sale order can be created and confirmed for a (former demo) customer
    customer = Partner.search([('customer', '=', True), ('parent_id', '=', False),
                               ('ref', '=like', 'CM%')], limit=1) or \
        Partner.search([('customer', '=', True)], limit=1)
    product = env['product.product'].search([('sale_ok', '=', True), ('type', '!=', 'service')],  # noqa: F821
                                            limit=1)
    if not customer or not product:
        fail('no customer or product to make a sale order with')
    order = env['sale.order'].create({  # noqa: F821
        'partner_id': customer.id,
        'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': 3})],
    })
    order.action_confirm()
    if order.state != 'sale':
        fail('sale order %s is %s after confirming, not sale' % (order.name, order.state))
    print('sale order %s for %s confirmed (%s %s)' % (
        order.name, customer.name, order.amount_total, order.currency_id.name))
    cr.commit()
else:
    fail('unknown step %r' % STEP)
