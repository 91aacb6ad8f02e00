# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The events of the nightly jobs, inserted set-based.

The planner and the replenishment calls create up to 350k events a night at 200k customers.
Their ORM create() costs about 0.9 ms an event in Python (defaults, field conversion, cache,
the create overrides), which put both jobs at 2-6 times their SQL floor in the bench. With
the jobs' context (tracking disabled: no follower, no creation message) what create() does
reduces to: our completion of the values (`_complete_create_vals`), the defaults, the rows,
the Python constraints and the activities. This helper
does exactly that, in one INSERT per batch (queries/relationship_events.py), and falls back
to create() whenever it could do less than create(): values of a field type it does not
convert, or a create() override of a module other than those it reproduces.
"""
from odoo import api, models

from ..queries import relationship_events as queries

# the field types whose write value is their column value (False meaning NULL)
BULK_FIELD_TYPES = {'char', 'text', 'selection', 'date', 'many2one', 'integer', 'float'}
# the modules whose create() of relationship events the helper reproduces (see above)
BULK_CREATE_MODULES = {'base', 'mail', 'customer_maintenance'}


class CustomerRelationshipEvent(models.Model):
    _inherit = 'customer.relationship.event'

    @api.model
    def _create_planned_events(self, vals_list):
        """Create the events of a nightly job (called with tracking disabled and
        `mail_activity_quick_update`); returns them."""
        if not vals_list:
            return self.browse()
        vals_list = self._complete_create_vals([dict(vals) for vals in vals_list])
        defaults = self._bulk_defaults(vals_list)
        if defaults is None:
            return self.create(vals_list)
        vals_list = [dict(defaults, **vals) for vals in vals_list]
        names = sorted(defaults.keys() | set().union(*vals_list))
        columns = [(name, self._fields[name].column_type[1]) for name in names]
        rows = [[None if vals.get(name) is False else vals.get(name) for name in names]
                for vals in vals_list]
        self.env.flush_all()
        self.env.cr.execute(queries.insert_events(columns, rows, self.env.uid))
        events = self.browse([row[0] for row in self.env.cr.fetchall()])
        # as create(): the Python constraints of the fields given, then the activities
        events._validate_fields(names)
        events._sync_activities()
        return events

    @api.model
    def _bulk_defaults(self, vals_list):
        """The default values the rows need (as create() would add them), or None when the
        set-based insert cannot stand for create()."""
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
        defaults = self.default_get(sorted(stored - given_by_all))
        if any(self._fields[name].type not in BULK_FIELD_TYPES for name in defaults):
            return None
        return defaults
