# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The events of the nightly jobs, inserted set-based.

The planner and the replenishment calls create up to 350k events a night at 200k customers.
Their ORM create() costs about 0.9 ms an event in Python (defaults, field conversion, cache,
the create overrides), which put both jobs at 2-6 times their SQL floor in the bench. With
the jobs' context (tracking disabled: no follower, no creation message) what create() does
reduces to: our completion of the values (`_complete_create_vals`), the defaults, the rows,
the Python constraints and the activities. This helper does exactly that, in one INSERT per
batch (queries/relationship_events.py), and falls back to create() whenever it could do less
than create(): tracking on, a value that is not a stored column of a type it converts, a row
the contact check refuses (create() then raises its message), or a create() override of a
module other than those it reproduces. tests/test_relationship_event_bulk.py compares both.
"""
from odoo import api, models

from ..queries import relationship_events as queries
from . import relationship_event

# the field types whose write value is their column value (False meaning NULL)
BULK_FIELD_TYPES = {'char', 'text', 'selection', 'date', 'many2one', 'integer', 'float'}
# the modules whose create() of relationship events the helper reproduces (see above)
BULK_CREATE_MODULES = {'base', 'mail', 'customer_maintenance'}
# the event's own checks that pass on every row where this field is empty: not run when no
# row gives the field (the nightly jobs never plan follow-ups; reading the field of 2000
# new events would fetch every column of them, 4 s a night at 200k customers)
CHECKS_OF_EMPTY_FIELD = {'_check_followup': 'followup_of_id'}


class CustomerRelationshipEvent(models.Model):
    _inherit = 'customer.relationship.event'

    @api.model
    def _create_planned_events(self, vals_list, memo=None):
        """Create the events of a nightly job (called with tracking disabled and
        `mail_activity_quick_update`); returns them. `memo`: a dict the job keeps over its
        batches, for what is the same in each (the defaults)."""
        if not vals_list:
            return self.browse()
        vals_list = self._complete_create_vals([dict(vals) for vals in vals_list])
        defaults = self._bulk_defaults(vals_list, {} if memo is None else memo)
        if defaults is None:
            return self.create(vals_list)
        vals_list = [dict(defaults, **vals) for vals in vals_list]
        names = sorted(defaults.keys() | set().union(*vals_list))
        columns = [(name, self._fields[name].column_type[1]) for name in names]
        rows = [[None if (value := vals.get(name)) is False else value for name in names]
                for vals in vals_list]
        self.env.flush_all()
        self.env.cr.execute(queries.insert_events(columns, rows, self.env.uid))
        # the ids come from the sequence in the order of the rows
        ids = sorted(row[0] for row in self.env.cr.fetchall())
        events = self.browse(ids)
        # as create(): the Python constraints of the fields given, then the activities
        events._bulk_validate(names, vals_list)
        if self.env.context.get('mail_activity_quick_update'):
            types = self._activity_type_ids()
            self._create_quick_activities([
                (event_id, vals['name'], vals['date'], vals['user_id'],
                 types.get(vals['channel']) or types[None])
                for event_id, vals in zip(ids, vals_list)
                if vals.get('state') == 'planned' and vals.get('user_id')])
        else:
            events._sync_activities()
        return events

    def _bulk_validate(self, names, vals_list):
        """Run the constraints of the fields `names` on the new events, as create() does;
        but the contact check, which reads customers and contacts record by record
        (`_bulk_defaults` checked the rows for it in one query before), and the checks of
        CHECKS_OF_EMPTY_FIELD when no row of `vals_list` gives their field."""
        names = set(names)
        for check in self._constraint_methods:
            if names.isdisjoint(check._constrains) or _is_contact_check(check):
                continue
            field = CHECKS_OF_EMPTY_FIELD.get(check.__name__)
            if field and _is_own_check(check, check.__name__) \
                    and not any(vals.get(field) for vals in vals_list):
                continue
            check(self)

    @api.model
    def _bulk_defaults(self, vals_list, memo):
        """The default values the rows need (as create() would add them), or None when the
        set-based insert cannot stand for create(). The defaults of a set of fields are
        asked once per `memo`: they are the same for every batch of a night."""
        if not self.env.context.get('tracking_disable'):
            return None
        overrides = {cls._module for cls in type(self).mro()
                     if 'create' in vars(cls) and getattr(cls, '_module', None)}
        if overrides - BULK_CREATE_MODULES:
            return None
        given = set().union(*vals_list)
        stored = {name for name, field in self._fields.items()
                  if field.store and field.column_type and name not in models.MAGIC_COLUMNS}
        if not given <= stored or any(self._fields[name].type not in BULK_FIELD_TYPES
                                      for name in given):
            return None
        # the default of a field applies to each row that does not give it
        given_by_all = set.intersection(*(set(vals) for vals in vals_list))
        missing = tuple(sorted(stored - given_by_all))
        if missing not in memo:
            memo[missing] = self.default_get(list(missing))
        defaults = memo[missing]
        if any(self._fields[name].type not in BULK_FIELD_TYPES for name in defaults):
            return None
        # a row the contact check refuses: create() raises its message
        if any(_is_contact_check(check) for check in self._constraint_methods) and \
                self.env.execute_query(queries.contact_check_fails(
                    [vals['partner_id'] for vals in vals_list],
                    [vals.get('contact_id') or None for vals in vals_list]))[0][0]:
            return None
        return defaults


def _is_own_check(check, name):
    """Whether `check` is the event's own check `name` (not an override elsewhere)."""
    return check.__name__ == name and check.__module__ == relationship_event.__name__


def _is_contact_check(check):
    return _is_own_check(check, '_check_contact')
