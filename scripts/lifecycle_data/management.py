# Lifecycle data of the management capability (see foundation.py): what a user would add on
# top of the demo: promotion support, a value-added service and an agreement for a customer,
# a supervisor's review marks, a renamed card of My Maintenance (noupdate data: -u must keep
# it), then the supervisor's refresh of the KPIs.
if 'customer.agreement' in env:
    chen = env.ref('customer_maintenance.user_am_chen')
    customer = env['res.partner'].create({
        'name': 'CM Lifecycle Managed Customer', 'is_company': True, 'customer_rank': 1,
        'user_id': chen.id, 'last_review_date': '2026-02-02',
        'review_note': 'Check the agreement before renewal.'})
    env['customer.promotion.support'].create({
        'name': 'CM Lifecycle Shelf Display', 'partner_id': customer.id, 'user_id': chen.id,
        'date': '2026-01-12', 'support_type': 'display', 'cost': 450.0, 'state': 'done',
        'description': 'End-cap display for the spring season.'})
    env['customer.value.service'].create({
        'name': 'CM Lifecycle Training', 'partner_id': customer.id, 'user_id': chen.id,
        'date': '2026-01-19', 'service_type': 'training', 'hours': 3.5, 'cost': 200.0,
        'outcome': 'Two operators trained.'})
    agreement = env['customer.agreement'].create({
        'name': 'CM Lifecycle Supply 2026', 'partner_id': customer.id,
        'agreement_type': 'long_term_supply', 'date_start': '2026-01-01',
        'date_end': '2099-12-31', 'terms': 'Monthly delivery, net 60.', 'state': 'active'})
    # a hand-over wizard opened and left (its customers many2many is the module's table)
    env['customer.handover.wizard'].create({
        'from_user_id': chen.id, 'to_user_id': env.ref('customer_maintenance.user_am_lin').id,
        'partner_ids': [(6, 0, customer.ids)], 'note': 'Left open by the supervisor.'})
    card = env.ref('customer_maintenance.customer_maintenance_home_claims')
    card.write({'name': 'CM Lifecycle Claims to renew', 'sequence': 45})
    env['customer.manager.kpi.snapshot']._refresh()
    DONE = ('management: promotion support, a service and agreement %s for a reviewed '
            'customer, a hand-over wizard left open, a renamed home card, the KPI snapshot '
            'refreshed' % agreement.name)
