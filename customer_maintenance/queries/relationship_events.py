# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Set-based insertion of the events the nightly jobs plan (planned contacts, greetings,
replenishment calls), for `models/relationship_event_bulk.py`."""
from odoo.tools import SQL

from .arrays import array


def insert_events(columns, rows, uid):
    """One customer_relationship_event row per row of `rows` (values in the order of
    `columns`, a list of (column name, PostgreSQL type)), with the create/write user and
    date the ORM stores; the ids are given in the order of the rows, and returned.

    A column holding the same value in every row (the state, the company, the defaults)
    is passed once, not as an array: half the columns of a night's batch."""
    names = [SQL.identifier(name) for name, _type in columns]
    values, varying = [], []
    for index, (name, column_type) in enumerate(columns):
        column = [row[index] for row in rows]
        # the unnest needs one array: the last column is one if no other varies
        last_chance = not varying and index == len(columns) - 1
        if column.count(column[0]) == len(column) and not last_chance:
            values.append(SQL('%s::%s', column[0], SQL(column_type)))
        else:
            varying.append((SQL.identifier(name), array(column, column_type)))
            values.append(SQL('x.%s', SQL.identifier(name)))
    return SQL(
        """INSERT INTO customer_relationship_event (%(names)s, create_uid, create_date,
                                                    write_uid, write_date)
           SELECT %(values)s, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                  now() AT TIME ZONE 'UTC'
             FROM unnest(%(arrays)s) WITH ORDINALITY AS x(%(varying)s, position)
            ORDER BY x.position
        RETURNING id""",
        names=SQL(', ').join(names),
        values=SQL(', ').join(values),
        arrays=SQL(', ').join(column for _name, column in varying),
        varying=SQL(', ').join(name for name, _column in varying),
        uid=uid)


def contact_check_fails(partner_ids, contact_ids):
    """Whether the contact check (relationship_event._check_contact) fails for one of the
    events of customers `partner_ids[i]` with contact `contact_ids[i]` (or None): a contact
    person as customer, or a contact of another customer."""
    return SQL(
        """SELECT EXISTS (
               SELECT 1 FROM res_partner p
                WHERE p.id = ANY(%(partners)s) AND p.parent_id IS NOT NULL
           ) OR EXISTS (
               SELECT 1 FROM unnest(%(partners)s, %(contacts)s)
                             AS x(partner_id, contact_id)
                 JOIN res_partner c ON c.id = x.contact_id
                WHERE c.commercial_partner_id IS DISTINCT FROM x.partner_id)""",
        partners=array(partner_ids, 'int'), contacts=array(contact_ids, 'int'))
