# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Set-based creation of the activities the nightly jobs give the account managers (planned
contacts, replenishment calls, consumption anomalies), for `tools/activities.py`."""
from odoo.tools import SQL

from .arrays import array


def insert_activities(model, model_id, rows, uid):
    """One mail.activity per row (res_id, res_name, summary, note, date_deadline, user_id,
    activity_type_id), as mail.activity's create() stores it (the user's time zone copied);
    returns (res_id, user_id, date_deadline) of each."""
    res_ids, names, summaries, notes, deadlines, users, types = (
        [row[k] for row in rows] for k in range(7))
    # the planned events' activities are named as their event: the names are sent once
    name_array = array(names, 'varchar')
    summary_array = name_array if summaries == names else array(summaries, 'varchar')
    return SQL("""
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, summary, note,
                                   date_deadline, user_id, user_tz, activity_type_id, active,
                                   automated, create_uid, create_date, write_uid, write_date)
        SELECT %(model_id)s, %(model)s, x.res_id, x.res_name, x.summary, x.note, x.deadline,
               x.user_id, up.tz, x.type_id, TRUE, FALSE, %(uid)s, now() AT TIME ZONE 'UTC',
               %(uid)s, now() AT TIME ZONE 'UTC'
          FROM unnest(%(res_ids)s, %(names)s, %(summaries)s, %(notes)s, %(deadlines)s,
                      %(users)s, %(types)s)
               AS x(res_id, res_name, summary, note, deadline, user_id, type_id)
          LEFT JOIN res_users u ON u.id = x.user_id
          LEFT JOIN res_partner up ON up.id = u.partner_id
        RETURNING res_id, user_id, date_deadline""",
               model=model, model_id=model_id, uid=uid, res_ids=array(res_ids, 'int'),
               names=name_array, summaries=summary_array,
               notes=array(notes, 'text'), deadlines=array(deadlines, 'date'),
               users=array(users, 'int'), types=array(types, 'int'))


def subscribe_users(model, res_ids, user_ids, subtype_ids, external_subtype_ids):
    """The users (res_ids[i], user_ids[i]) follow the records, as mail.activity's create()
    subscribes the assignees: missing followers only, with the model's default subtypes (the
    external ones for a partner without internal user)."""
    return SQL("""
        WITH new AS (
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT DISTINCT %(model)s, x.res_id, u.partner_id
              FROM unnest(%(res_ids)s, %(users)s) AS x(res_id, user_id)
              JOIN res_users u ON u.id = x.user_id
            ON CONFLICT DO NOTHING
            RETURNING id, partner_id
        )
        INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id,
                                                             mail_message_subtype_id)
        SELECT new.id, s.subtype_id
          FROM new
          JOIN res_partner p ON p.id = new.partner_id
         CROSS JOIN LATERAL unnest(CASE WHEN p.partner_share THEN %(external)s::int[]
                                        ELSE %(internal)s::int[] END) AS s(subtype_id)""",
               model=model, res_ids=array(res_ids, 'int'), users=array(user_ids, 'int'),
               internal=list(subtype_ids), external=list(external_subtype_ids))
