# Lifecycle data of the segmentation (see foundation.py): what a user would add on top of the
# demo: a purchase purpose of their own, the manager's and the supervisor's marks on a
# customer (loyalty, purposes, credit rating, key account), a prospect claim with its plan, and
# a class change recorded by the classification.
if 'customer.prospect.claim' in env:
    chen = env.ref('customer_maintenance.user_am_chen')
    purpose = env['customer.purchase.purpose'].create(
        {'name': 'CM Lifecycle Resale', 'color': 3})
    customer = env['res.partner'].create({
        'name': 'CM Lifecycle Segmented Customer', 'is_company': True, 'customer_rank': 1,
        'user_id': chen.id, 'loyalty_type': 'switcher',
        'purchase_purpose_ids': [(6, 0, purpose.ids)], 'credit_rating': 'AA',
        'credit_rating_override': True, 'is_key_account': True,
        'is_key_account_override': True, 'tier_locked': True})
    prospect = env['res.partner'].create({'name': 'CM Lifecycle Prospect', 'is_company': True})
    claim = env['customer.prospect.claim'].create({
        'partner_id': prospect.id, 'user_id': chen.id, 'date_claim': '2026-01-05',
        'date_expiry': '2099-04-05', 'note': 'Visit with the technical team.'})
    env['customer.abc.history'].create({
        'partner_id': customer.id, 'old_class': 'C', 'new_class': 'B', 'date': '2026-01-31'})
    if 'customer.manager.kpi.snapshot' in env:
        # what the supervisor's Refresh does: the upgrade's refresh then has nothing to change
        env['customer.manager.kpi.snapshot']._refresh()
    DONE = ('segmentation: purpose %s, a segmented key account of chen, claim %s, '
            'an ABC change' % (purpose.name, claim.display_name))
