# Run INSIDE `odoo shell` by scripts/test_lifecycle.sh (stdin): one step of the upgrade and
# uninstall test, chosen by CM_LIFECYCLE_STEP. `env` is given by odoo shell (superuser).
# Every failure raises SystemExit with a message saying what was lost or left behind.
#
# The module's data is discovered, not listed, so every capability is covered without
# editing this file: its models are the ir.model rows whose only xmlids belong to
# customer_maintenance, its columns on other models' tables are its stored ir.model.fields
# there (res_partner.customer_tier_id, ...), its many2many tables are its ir.model.relation
# rows. The data a user would have made on top of the demo comes from
# scripts/lifecycle_data/*.py (one file per capability, each probing the registry itself).
import glob
import json
import os

from odoo import Command

MODULE = os.environ.get('CM_LIFECYCLE_MODULE', 'customer_maintenance')
STEP = os.environ['CM_LIFECYCLE_STEP']
SNAPSHOT = os.environ['CM_LIFECYCLE_SNAPSHOT']   # JSON file of the state before the upgrade
DATA_DIR = os.environ['CM_LIFECYCLE_DATA_DIR']   # scripts/lifecycle_data
cr = env.cr  # noqa: F821 (odoo shell)
# columns an upgrade legitimately rewrites on records loaded from data files
VOLATILE_COLUMNS = {'write_date', 'write_uid'}


def fail(message):
    print('LIFECYCLE FAILED: %s' % message)
    raise SystemExit('LIFECYCLE FAILED: %s' % message)


def q(sql, params=None):
    cr.execute(sql, params or ())
    return cr.fetchall()


def module_layout():
    """{'models': [...], 'tables': {model: table}, 'columns': [[model, table, column]],
    'relations': [table], 'fields': [[model, name]], 'params': [key]}"""
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
    columns, fields_ = [], []
    for model, name, store in q("""
            SELECT f.model, f.name, f.store FROM ir_model_fields f
              JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
                                  AND d.module = %s
             WHERE f.model <> ALL(%s)
             ORDER BY f.model, f.name""", [MODULE, owned or ['-']]):
        fields_.append([model, name])
        Model = env[model]  # noqa: F821
        field = Model._fields.get(name)
        if store and Model._auto and not Model._abstract and not Model._transient \
                and field is not None and field.column_type:
            columns.append([model, Model._table, name])
    relations = [row[0] for row in q("""
        SELECT DISTINCT r.name FROM ir_model_relation r
          JOIN ir_module_module mm ON mm.id = r.module WHERE mm.name = %s ORDER BY 1""", [MODULE])]
    params = [row[0] for row in q(
        "SELECT key FROM ir_config_parameter WHERE key LIKE %s ORDER BY 1", [MODULE + '.%'])]
    return {'models': owned, 'tables': tables, 'columns': columns, 'relations': relations,
            'fields': fields_, 'params': params}


def table_columns(table):
    return [row[0] for row in q("""
        SELECT column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = %s ORDER BY column_name""", [table])]


def table_state(table):
    """[row count, digest of every row's values except write_date/write_uid, {column: digest}]
    (table and column names come from the registry and information_schema, not input)."""
    cols = [c for c in table_columns(table) if c not in VOLATILE_COLUMNS]
    if not cols:
        return [0, None, {}]
    row = ', '.join('"%s"' % c for c in cols)
    order = '"id"' if 'id' in cols else 'r'
    count, digest = q('SELECT count(*), md5(coalesce(string_agg(r::text, %%s ORDER BY %s), %%s)) '
                      'FROM (SELECT %s FROM "%s") r' % (order, row, table), ['\n', ''])[0]
    per_column = {}
    if 'id' in cols:
        for column in cols:
            per_column[column] = q(
                'SELECT md5(coalesce(string_agg(id::text || %%s || coalesce("%s"::text, %%s), %%s '
                'ORDER BY id), %%s)) FROM "%s"' % (column, table), ['=', '<null>', ',', ''])[0][0]
    return [count, digest, per_column]


def column_state(table, column):
    """Non-null values and a digest of (id, value) pairs: the data itself is kept."""
    return list(q('SELECT count("{c}"), md5(coalesce(string_agg(id::text || %s || "{c}"::text, %s '
                  'ORDER BY id), %s)) FROM "{t}" WHERE "{c}" IS NOT NULL'.format(t=table, c=column),
                  ['=', ',', ''])[0])


def snapshot():
    layout = module_layout()
    layout['counts'] = {table: table_state(table)
                        for table in sorted(set(layout['tables'].values()) | set(layout['relations']))}
    layout['column_counts'] = {'%s.%s' % (t, c): column_state(t, c) for _m, t, c in layout['columns']}
    layout['partners'] = q('SELECT count(*) FROM res_partner')[0][0]
    layout['param_values'] = dict(q(
        'SELECT key, value FROM ir_config_parameter WHERE key LIKE %s', [MODULE + '.%']))
    return layout


def other_chatter(module_models):
    """Messages, followers and activities of the other models' records (partners, sale
    orders...), counted by record: the uninstall must not touch those of a record that is still
    there afterwards (records the module created, e.g. its demo users' partners, go with it;
    activities of the module's own activity types go with their type)."""
    types = [row[0] for row in q("SELECT res_id FROM ir_model_data WHERE module = %s "
                                 "AND model = 'mail.activity.type'", [MODULE])] or [0]
    models = module_models or ['-']
    state = {}
    for table, column, extra in (
            ('mail_message', 'model', ''),
            ('mail_activity', 'res_model', ' AND activity_type_id <> ALL(%s)')):
        for model, res_id, count in q(
                'SELECT "%s", res_id, count(*) FROM "%s" WHERE "%s" <> ALL(%%s) AND res_id > 0%s '
                'GROUP BY 1, 2' % (column, table, column, extra),
                [models] + ([types] if extra else [])):
            state['%s %s %s' % (table, model, res_id)] = count
    # a follower goes with its partner (the module's demo users' partners follow customers)
    for model, res_id, partner_id in q(
            'SELECT res_model, res_id, partner_id FROM mail_followers WHERE res_model <> ALL(%s)',
            [models]):
        state['follower %s %s %s' % (model, res_id, partner_id)] = 1
    return state


def record_exists(model, res_id):
    if model not in env.registry or not env[model]._auto:  # noqa: F821
        return False
    return bool(q('SELECT 1 FROM "%s" WHERE id = %%s' % env[model]._table, [res_id]))  # noqa: F821


def report(state):
    print('module models with tables: %d, many2many tables: %d, columns on other tables: %d, '
          'settings: %d' % (len(state['tables']), len(state['relations']), len(state['columns']),
                            len(state['params'])))
    for table, (count, _digest, _cols) in sorted(state['counts'].items()):
        print('  %-55s %8d rows' % (table, count))
    for column, (count, _digest) in sorted(state['column_counts'].items()):
        print('  %-55s %8d values' % (column, count))


def create_data():
    """Run every scripts/lifecycle_data/*.py with `env` and `fail` in scope (a file returns
    early by probing the registry when its capability is not installed)."""
    files = sorted(glob.glob(os.path.join(DATA_DIR, '*.py')))
    if not files:
        fail('no data file in %s' % DATA_DIR)
    for path in files:
        namespace = {'env': env, 'fail': fail, 'print': print}  # noqa: F821
        with open(path) as handle:
            code = compile(handle.read(), path, 'exec')
        exec(code, namespace)  # noqa: S102 - our own files, run in our own shell
        env.flush_all()  # noqa: F821
        print('data: %s' % (namespace.get('DONE') or '%s: nothing (capability not installed)'
                            % os.path.basename(path)))


if STEP == 'create_data':
    create_data()
    cr.commit()
    state = snapshot()
    if not state['tables']:
        fail('no table of %s found through ir.model: is the module installed?' % MODULE)
    empty = [table for table, (count, _d, _c) in sorted(state['counts'].items()) if not count]
    empty += [column for column, (count, _d) in sorted(state['column_counts'].items()) if not count]
    if empty:
        # no data, nothing proved for these: a capability adds a scripts/lifecycle_data/ file
        print('WARNING: empty, the upgrade check proves nothing for: %s' % ', '.join(empty))
    if len(empty) == len(state['counts']) + len(state['column_counts']):
        fail('every table and column of the module is empty: nothing to prove the upgrade keeps')
    with open(SNAPSHOT, 'w') as handle:
        json.dump(state, handle, indent=1, sort_keys=True)
    report(state)

elif STEP == 'compare_after_upgrade':
    with open(SNAPSHOT) as handle:
        before = json.load(handle)
    after = snapshot()
    report(after)
    problems = []
    for table, (count, digest, per_column) in sorted(before['counts'].items()):
        now = after['counts'].get(table)
        if now is None:
            problems.append('table %s disappeared' % table)
        elif now[0] != count:
            problems.append('%s: %d rows before the upgrade, %d after' % (table, count, now[0]))
        elif now[1] != digest:
            changed = sorted(c for c, d in per_column.items() if now[2].get(c) != d)
            problems.append('%s: same %d rows but different values (columns: %s)' % (
                table, count, ', '.join(changed) or 'a row without id'))
    for column, (count, digest) in sorted(before['column_counts'].items()):
        now = after['column_counts'].get(column)
        if now is None:
            problems.append('column %s disappeared' % column)
        elif now[0] != count:
            problems.append('%s: %d values before the upgrade, %d after' % (column, count, now[0]))
        elif now[1] != digest:
            problems.append('%s: same count (%d) but different values' % (column, count))
    for key, value in sorted(before['param_values'].items()):
        if after['param_values'].get(key) != value:
            problems.append('setting %s: %r before the upgrade, %r after' % (
                key, value, after['param_values'].get(key)))
    if after['partners'] != before['partners']:
        problems.append('res_partner: %d rows before, %d after' % (before['partners'], after['partners']))
    if problems:
        fail('the upgrade changed data:\n  ' + '\n  '.join(problems))
    print('upgrade kept everything: %d tables, %d columns, %d settings, %d partners' % (
        len(after['counts']), len(after['column_counts']), len(after['param_values']),
        after['partners']))

elif STEP == 'uninstall':
    module = env['ir.module.module'].search([('name', '=', MODULE)])  # noqa: F821
    if module.state != 'installed':
        fail('%s is %s, not installed, before the uninstall' % (MODULE, module.state))
    with open(SNAPSHOT) as handle:
        before = json.load(handle)
    before['other_chatter'] = other_chatter(before['models'])
    with open(SNAPSHOT, 'w') as handle:
        json.dump(before, handle, indent=1, sort_keys=True)
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
    for model, name in before['fields']:
        if q('SELECT 1 FROM ir_model_fields WHERE model = %s AND name = %s', [model, name]):
            problems.append('field %s.%s left in ir_model_fields' % (model, name))
    left = q("SELECT model, count(*) FROM ir_model_data WHERE module = %s GROUP BY 1 ORDER BY 1",
             [MODULE])
    if left:
        problems.append('xmlids left: %s' % ', '.join('%s: %d' % row for row in left))
    left = q('SELECT key FROM ir_config_parameter WHERE key LIKE %s', [MODULE + '.%'])
    if left:
        problems.append('settings left: %s' % [row[0] for row in left])
    for table, column in (('mail_activity', 'res_model'), ('mail_followers', 'res_model'),
                          ('mail_message', 'model')):
        n = q('SELECT count(*) FROM "%s" WHERE "%s" = ANY(%%s)' % (table, column),
              [before['models'] or ['-']])[0][0]
        if n:
            problems.append('%d %s rows of the module\'s models left (uninstall_hook)' % (n, table))
    chatter = other_chatter(before['models'])
    touched = []
    for key, count in sorted(before['other_chatter'].items()):
        _kind, model, res_id, *follower = key.split()
        if chatter.get(key, 0) == count \
                or not record_exists(model, int(res_id)) \
                or (follower and not record_exists('res.partner', int(follower[0]))):
            continue
        touched.append('%s: %d before, %d after' % (key, count, chatter.get(key, 0)))
    if touched:
        problems.append('the chatter of %d records that are not the module\'s changed: %s' % (
            len(touched), '; '.join(touched[:10])))
    for model in before['models']:
        if model in env.registry:  # noqa: F821
            problems.append('model %s still in the registry' % model)
    if problems:
        fail('the uninstall left things behind:\n  ' + '\n  '.join(problems))
    print('module tables, many2many tables, columns, fields, xmlids and settings are gone '
          '(%d tables, %d columns, %d fields)' % (len(before['counts']), len(before['columns']),
                                                 len(before['fields'])))

    # Odoo still works: partners read (every field) and the views of partners and sale orders
    # load (get_views checks every field they name exists)
    Partner = env['res.partner']  # noqa: F821
    partners = Partner.with_context(active_test=False).search([])
    if not partners:
        fail('no partner left after the uninstall')
    partners[:300].read()
    for model, view_types in (('res.partner', ('form', 'list', 'search', 'kanban')),
                              ('sale.order', ('form', 'list', 'search', 'kanban')),
                              ('res.users', ('form', 'list', 'search'))):
        env[model].get_views([(False, vt) for vt in view_types])  # noqa: F821
        for vt in view_types:
            env[model].get_view(view_type=vt)  # noqa: F821
    # every remaining action on partners and sale orders opens its views
    for action in env['ir.actions.act_window'].search(  # noqa: F821
            [('res_model', 'in', ['res.partner', 'sale.order'])]):
        env[action.res_model].get_views(  # noqa: F821
            [(view.view_id.id, view.view_mode) for view in action.view_ids]
            or [(False, vt) for vt in action.view_mode.split(',')])
    print('partners read: %d (all fields of the first 300); partner, sale and user views load'
          % len(partners))

    # ... and a sale order can be created and confirmed for a customer
    customer = Partner.search([('customer_rank', '>', 0), ('parent_id', '=', False),
                               ('name', '=like', 'CM Lifecycle%')], limit=1) or \
        Partner.search([('customer_rank', '>', 0)], limit=1)
    product = env['product.product'].search([('sale_ok', '=', True), ('type', '=', 'consu')],  # noqa: F821
                                            limit=1)
    if not customer or not product:
        fail('no customer (customer_rank > 0) or product to make a sale order with')
    order = env['sale.order'].create({  # noqa: F821
        'partner_id': customer.id,
        'order_line': [Command.create({'product_id': product.id, 'product_uom_qty': 3})],
    })
    order.action_confirm()
    if order.state != 'sale':
        fail('sale order %s is %s after confirming, not sale' % (order.name, order.state))
    print('sale order %s for %s confirmed (%s %s)' % (
        order.name, customer.name, order.amount_total, order.currency_id.name))
    cr.commit()
else:
    fail('unknown step %r' % STEP)
