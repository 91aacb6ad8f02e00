# Lifecycle data of the relationship capability (see foundation.py): what a user would add on
# top of the demo: a hobby, a gift with its story, a festival of their own for a tier, a
# contact person with a lunar birthday, hobbies and preferences, a former contact, and the
# contacts of a customer (one planned, one done with a gift, an outcome and a cost).
if 'customer.relationship.event' in env:
    chen = env.ref('customer_maintenance.user_am_chen')
    tier = env.ref('customer_maintenance.customer_tier_key')
    hobby = env['customer.hobby'].create({'name': 'CM Lifecycle Tea Ceremony', 'color': 2})
    gift = env['customer.gift'].create({
        'name': 'CM Lifecycle Oolong', 'value': 680.0,
        'story': 'From the tea garden the customer visited as a child.'})
    festival = env['customer.festival'].create({
        'name': 'CM Lifecycle Company Day', 'calendar': 'solar', 'month': 11, 'day': 11,
        'lead_days': 5, 'channel': 'message', 'sequence': 50,
        'tier_ids': [(6, 0, tier.ids)]})
    tier.write({'greeting_festival_ids': [(4, festival.id)]})
    customer = env['res.partner'].create({
        'name': 'CM Lifecycle Relationship Customer', 'is_company': True, 'customer_rank': 1,
        'user_id': chen.id, 'customer_tier_id': tier.id, 'founding_date': '1998-04-01'})
    contact = env['res.partner'].create({
        'name': 'CM Lifecycle Buyer', 'parent_id': customer.id, 'type': 'contact',
        'birthday_calendar': 'lunar', 'birthday_month': 8, 'birthday_day': 15,
        'birth_year': 1975, 'hobby_ids': [(6, 0, hobby.ids)],
        'contact_preferences': 'Calls after 9 pm only.'})
    env['res.partner'].create({
        'name': 'CM Lifecycle Former Buyer', 'parent_id': customer.id, 'type': 'contact',
        'is_former_contact': True, 'contact_left_date': '2025-12-31',
        'contact_left_reason': 'Moved to a competitor in Taichung.'})
    Event = env['customer.relationship.event']
    Event.create([{
        'name': 'CM Lifecycle Visit', 'partner_id': customer.id, 'contact_id': contact.id,
        'user_id': chen.id, 'date': '2099-03-02', 'kind': 'business', 'channel': 'visit',
        'description': 'Present the new grade.'}, {
        'name': 'CM Lifecycle Gift', 'partner_id': customer.id, 'contact_id': contact.id,
        'user_id': chen.id, 'date': '2026-01-20', 'kind': 'personal', 'channel': 'gift',
        'gift_id': gift.id, 'state': 'done', 'cost': 120.0,
        'outcome': 'Delighted; asked about the garden.'}])
    # a regional care wizard opened and left (its regions many2many is the module's table)
    region = env['res.country.state'].search([], limit=1)
    env['customer.regional.care.wizard'].create({
        'state_ids': [(6, 0, region.ids)], 'description': 'CM Lifecycle Typhoon',
        'date': '2099-09-01'})
    if 'customer.manager.kpi.snapshot' in env:
        # what the supervisor's Refresh does: the upgrade's refresh then has nothing to change
        env['customer.manager.kpi.snapshot']._refresh()
    DONE = ('relationship: hobby, gift with a story, festival %s for the key tier, a customer '
            'with a lunar-birthday contact, a former contact, a planned and a done contact, '
            'a regional care wizard left open'
            % festival.name)
