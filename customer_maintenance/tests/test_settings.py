# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The module's settings: one table (tools/settings.py) read by every capability, the same
bounds at save and at read."""
from odoo.exceptions import ValidationError

from ..models.res_config_settings_management import management_param
from ..tools.settings import PREFIX, SETTINGS, setting
from .common import CustomerMaintenanceCase


class TestSettings(CustomerMaintenanceCase):

    def _params(self):
        return sorted(self.env['ir.config_parameter'].sudo().search(
            [('key', '=like', PREFIX + '%')]).mapped(lambda p: (p.key, p.value)))

    def test_every_numeric_setting_in_the_table(self):
        """A number of the module's settings form that the table does not bound fails here."""
        fields = self.env['res.config.settings']._fields
        numeric = {name for name, field in fields.items()
                   if field.type in ('integer', 'float')
                   and (getattr(field, 'config_parameter', None) or '').startswith(PREFIX)}
        self.assertGreaterEqual(len(numeric), 14)
        self.assertEqual(numeric, set(SETTINGS))
        for name, spec in SETTINGS.items():
            with self.subTest(name):
                self.assertEqual(fields[name].config_parameter, PREFIX + spec.key)
                self.assertEqual(fields[name].default(self.env['res.config.settings']),
                                 spec.default)

    def test_stored_values_read_within_bounds(self):
        """What an import or a script stored: read as stored when it is a value of the
        setting; else the default, with a warning that names the parameter."""
        params = self.env['ir.config_parameter'].sudo()
        for name, spec in SETTINGS.items():
            inside = spec.high if spec.cast is int else (spec.low + spec.high) / 2
            below = spec.low if spec.above else spec.low - 1
            cases = [(str(inside), inside, False), ('', spec.default, False),
                     ('many', spec.default, True), (str(below), spec.default, True),
                     (str(spec.high + 1), spec.default, True), ('100000', spec.default, True)]
            if spec.cast is int:
                cases += [('%s.0' % inside, inside, False), ('1.5', spec.default, True)]
            for raw, expected, warned in cases:
                with self.subTest(name, stored=raw):
                    params.set_param(PREFIX + spec.key, raw)
                    if warned:
                        with self.assertLogs('odoo.addons.customer_maintenance.tools.settings',
                                             'WARNING') as logs:
                            value = setting(self.env, name)
                        self.assertIn(PREFIX + spec.key, logs.output[0])
                    else:
                        with self.assertNoLogs('odoo.addons.customer_maintenance.tools.settings',
                                               'WARNING'):
                            value = setting(self.env, name)
                    self.assertEqual(value, expected)
                    self.assertIs(type(value), spec.cast)

    def test_every_capability_reads_the_same(self):
        """The readers of the capabilities answer what the table says for a bad value."""
        params = self.env['ir.config_parameter'].sudo()
        Event = self.env['customer.relationship.event']
        Cycle = self.env['customer.consumption.cycle']
        for key in ('planning_horizon_days', 'consumption_lookback_months',
                    'agreement_reminder_days'):
            params.set_param(PREFIX + key, '100000')
        self.assertEqual(Event._planner_settings()['horizon'], 30)
        self.assertEqual(Cycle._consumption_settings()[0], 24)
        self.assertEqual(management_param(self.env, 'agreement_reminder_days'), 30)

    def test_out_of_range_refused_at_save(self):
        """Below or above its range, each setting is refused when saved, with the range in a
        translated message, and nothing is written."""
        Settings = self.env['res.config.settings'].with_user(self.admin)
        for name, spec in SETTINGS.items():
            if not spec.form_check:
                continue
            step = 1 if spec.cast is int else 0.5
            for value in (spec.low if spec.above else spec.low - step, spec.high + step):
                with self.subTest(name, value=value):
                    before = self._params()
                    with self.assertRaises(ValidationError) as caught, \
                            self.env.cr.savepoint():
                        Settings.create({name: value}).execute()
                    self.assertIn('%s' % spec.high, str(caught.exception))
                    self.assertEqual(self._params(), before)
            with self.subTest(name, value='in range'):
                Settings.create({name: spec.high}).execute()
                self.assertEqual(setting(self.env, name), spec.high)
        zh = Settings.with_context(lang='zh_TW')
        with self.assertRaisesRegex(ValidationError, '必須'):
            zh.create({'cm_calls_per_day': -1}).execute()
        with self.assertRaisesRegex(ValidationError, '必須大於'):
            zh.create({'consumption_anomaly_factor': 1.0}).execute()

    def test_zero_is_kept(self):
        """A 0 saved in the form is read as 0 (Odoo deletes the parameter of a number 0, which
        would read back as the default): "no limit" of calls a day stays no limit."""
        Settings = self.env['res.config.settings'].with_user(self.admin)
        zeros = [name for name, spec in SETTINGS.items()
                 if spec.form_check and spec.default and spec.low <= 0 and not spec.above]
        self.assertIn('cm_calls_per_day', zeros)
        Settings.create(dict.fromkeys(zeros, 0)).execute()
        fresh = Settings.create({})
        for name in zeros:
            with self.subTest(name):
                self.assertEqual(setting(self.env, name), 0)
                self.assertEqual(fresh[name], 0)
        self.assertEqual(self.env['customer.relationship.event']._planner_settings()[
            'capacity'], {'call': 0, 'visit': 0})
