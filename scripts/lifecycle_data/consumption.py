# Lifecycle data of the consumption cycle table (see foundation.py for the rules): orders of a
# customer of the user's own, the cycles learned from them with what the manager added (known
# interval, note), an anomaly activity and a replenishment call, and changed settings.
import datetime

from odoo import Command

if 'customer.consumption.cycle' in env:
    chen = env.ref('customer_maintenance.user_am_chen')
    customer = env['res.partner'].create({
        'name': 'CM Lifecycle Consumer', 'is_company': True, 'customer_rank': 1,
        'user_id': chen.id})
    product = env['product.product'].create({'name': 'CM Lifecycle Oil', 'type': 'consu',
                                             'list_price': 10.0})
    today = datetime.date.today()
    # rising consumption: the last two reorders came sooner
    days = [today - datetime.timedelta(days=d) for d in (160, 130, 100, 70, 40, 28, 16)]
    for day in days:
        order = env['sale.order'].create({'partner_id': customer.id, 'order_line': [
            Command.create({'product_id': product.id, 'product_uom_qty': 10, 'price_unit': 10.0})]})
        order.action_confirm()
        order.date_order = datetime.datetime.combine(day, datetime.time(9, 0))
    params = env['ir.config_parameter'].sudo()
    params.set_param('customer_maintenance.consumption_lookback_months', '18')
    params.set_param('customer_maintenance.consumption_anomaly_factor', '1.4')
    params.set_param('customer_maintenance.consumption_reminder_lead_days', '20')
    Cycle = env['customer.consumption.cycle']
    Cycle.cron_learn_consumption_cycles()
    cycle = Cycle.search([('partner_id', '=', customer.id), ('product_id', '=', product.id)])
    if not cycle or cycle.anomaly != 'rising':
        fail('consumption: the cycle was not learned as rising (%s)' % cycle.read())
    cycle.write({'note': 'Kept across the upgrade.', 'manual_interval_days': 14})
    Cycle.cron_learn_consumption_cycles()
    calls = env['customer.relationship.event'].search([('consumption_cycle_id', '=', cycle.id)]) \
        if 'consumption_cycle_id' in env['customer.relationship.event']._fields else []
    if not cycle.activity_ids:
        fail('consumption: no anomaly activity on the cycle')
    DONE = 'consumption: 7 orders, cycle %s (%s, due %s), %d anomaly activity, %d call' % (
        cycle.id, cycle.anomaly, cycle.next_due_date, len(cycle.activity_ids), len(calls))
