from . import customer_tier
from . import customer_partner_record_mixin
from . import res_partner_team
