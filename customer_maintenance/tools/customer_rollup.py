# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The company and its contacts: one customer.

A record about a customer (relationship event, gift, promotion support, value-added service,
agreement) may be logged on the company or on one of its contact persons; it belongs to the
company either way, as the KPI SQL counts it (by the commercial partner) and as Odoo's CRM
counts a company's opportunities (`crm/models/res_partner.py` `_compute_opportunity_count`):
a partner's records are those of the partner and of every contact under it. The smart
buttons, the profile card, the gift budget and the hand-over ask these two helpers, so that
they all see the same records.
"""
from collections import defaultdict


def customer_domain(partners, field='partner_id'):
    """The domain of the records whose `field` is one of `partners` or a contact under one
    of them (any depth, archived contacts included)."""
    return [(field, 'child_of', partners.ids)]


def read_group_rolled_up(model, partners, domain=(), aggregate='__count',
                         field='partner_id'):
    """{partner: aggregate} for each of `partners`, over the records of `model` (an env model,
    under the caller's rights) of the partner and of its contacts, in one grouped query; a
    partner without records is absent."""
    result = defaultdict(int)
    partners = partners.filtered('id')
    if not partners:
        return result
    ids = set(partners.ids)
    for partner, value in model._read_group(customer_domain(partners, field) + list(domain),
                                            [field], [aggregate]):
        # a contact's records count for it and for every partner above it
        while partner:
            if partner.id in ids:
                result[partner.browse(partner.id)] += value or 0
            partner = partner.parent_id
    return result
