# Lifecycle data of the foundation (run by scripts/lifecycle_check.py, step create_data, in
# `odoo shell` as superuser; `env` and `fail` are given). One file per capability in this
# folder, named after it: probe the registry first (e.g.
# `if 'customer.relationship.event' in env:`) and leave without DONE when it is not
# installed; set DONE to a one-line summary of what was created. Create what a user would
# have made by hand (not demo data: upgrades must keep user data), touching every table and
# column of the capability, so that the upgrade check has values to compare.
from odoo import Command

Users = env['res.users']
chen = env.ref('customer_maintenance.user_am_chen', raise_if_not_found=False)
zhang = env.ref('customer_maintenance.user_supervisor', raise_if_not_found=False)
if not chen or not zhang:
    fail('the demo users chen and zhang are missing: the template database needs demo data')
lin = env.ref('customer_maintenance.user_am_lin')

# a tier of the user's own, and a changed policy on a default tier (noupdate data: -u must
# not reset it)
tier = env['customer.tier'].create({
    'name': 'CM Lifecycle Strategic', 'code': 'CMLIFE', 'sequence': 5, 'color': 4,
    'call_interval_days': 7, 'care_call_interval_days': 21, 'visit_interval_days': 45,
    'birthday_greeting': True, 'annual_gift_budget': 5000.0, 'min_team_size': 3,
    'requires_sponsor': True, 'description': '<p>Kept across the upgrade.</p>'})
key = env.ref('customer_maintenance.customer_tier_key')
key.write({'call_interval_days': 10, 'annual_gift_budget': 3500.0})

# customers with manager, team, sponsor and tier (customer_rank > 0: the module's customers)
customers = env['res.partner'].create([{
    'name': 'CM Lifecycle Customer %d' % i, 'is_company': True, 'customer_rank': 1,
    'user_id': chen.id, 'customer_tier_id': (tier if i % 2 else key).id,
    'customer_team_ids': [Command.set([lin.id, zhang.id][:i % 2 + 1])],
    'executive_sponsor_id': zhang.id,
} for i in range(1, 5)])
env['res.partner'].create({'name': 'CM Lifecycle Contact', 'parent_id': customers[0].id,
                           'type': 'contact'})
DONE = 'foundation: tier %s, 4 customers of chen with team, sponsor and tier, one contact' % tier.code
