# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..queries import rfm_segmentation
from ..services.rfm import QUINTILES
from ..tools.job_lock import single_run
from .customer_rfm_history import RFM_SEGMENTS

_logger = logging.getLogger(__name__)

RFM_WRITTEN_FIELDS = ['rfm_recency', 'rfm_frequency', 'rfm_monetary', 'rfm_segment', 'rfm_date']
RFM_SCORES = ('rfm_recency', 'rfm_frequency', 'rfm_monetary')
SCORE_HELP = '1 (lowest fifth of the customers of the company) to 5 (highest fifth), over ' \
             'the ABC period.'


class ResPartner(models.Model):
    """RFM segments (recency, frequency, monetary value) of the customers, nightly, in one SQL
    statement (queries/rfm_segmentation.py, its rule in services/rfm.py)."""
    _inherit = 'res.partner'

    rfm_recency = fields.Integer(string='Recency Score', readonly=True,
                                 help='How recent the last order is: ' + SCORE_HELP)
    rfm_frequency = fields.Integer(string='Frequency Score', readonly=True,
                                   help='How many orders: ' + SCORE_HELP)
    rfm_monetary = fields.Integer(string='Monetary Score', readonly=True,
                                  help='How much the customer bought: ' + SCORE_HELP)
    rfm_segment = fields.Selection(RFM_SEGMENTS, string='RFM Segment', readonly=True,
                                   index=True)
    rfm_date = fields.Date(string='Segmented On', readonly=True,
                           help='The day the scores were measured from.')
    rfm_history_ids = fields.One2many('customer.rfm.history', 'partner_id',
                                      string='RFM Segment Moves', readonly=True)

    @api.constrains(*RFM_SCORES)
    def _check_rfm_scores(self):
        for partner in self:
            if any(not 0 <= partner[name] <= QUINTILES for name in RFM_SCORES):
                raise ValidationError(_(
                    '%(customer)s: an RFM score goes from 1 (lowest fifth) to 5 (highest '
                    'fifth), or 0 when not scored.', customer=partner.display_name))

    def write(self, vals):
        self._check_job_field_rights(vals)
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_job_field_rights({key: value for key, value in vals.items() if value})
        return super().create(vals_list)

    @api.model
    def _check_job_field_rights(self, vals):
        """Refuse the fields of `vals` that the nightly jobs of customer health write to a
        user who may not set them (extended by res_partner_health.py)."""
        self._check_rfm_rights(vals)

    @api.model
    def _check_rfm_rights(self, vals):
        # the nightly job writes them by SQL; a supervisor may correct them (or merge
        # partners), an account manager may not
        written = set(RFM_WRITTEN_FIELDS).intersection(vals)
        if written and not self.env.is_superuser() \
                and not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_(
                'The RFM segment and scores are computed every night from the orders; only a '
                'supervisor can correct them (fields: %s).', ', '.join(sorted(written))))

    @api.model
    @single_run('segment_customers_rfm')
    def cron_segment_customers_rfm(self, today=None, automatic=False):
        """Score and segment all commercial partners in one SQL statement over the ABC
        period; write only the changed partners, one history row per segment move.
        Idempotent."""
        _config, day, date_from = self._abc_period(today)
        # the statement reads orders and partners that the ORM may not have written yet
        self.env.flush_all()
        query = rfm_segmentation.segment_customers(
            today=day, date_from=date_from, date_to=day + datetime.timedelta(days=1),
            uid=self.env.uid)
        with self.env.cr.savepoint():
            updated, moves = self.env.execute_query(query)[0]
        self.invalidate_model(RFM_WRITTEN_FIELDS + ['rfm_history_ids'])
        self.env['customer.rfm.history'].invalidate_model()
        _logger.info('customer_maintenance: RFM segments of %s: %d partners updated, %d moves',
                     day, updated, moves)
        if automatic:
            self.env['ir.cron']._notify_progress(done=updated, remaining=0)
        return {'updated': updated, 'moves': moves}
