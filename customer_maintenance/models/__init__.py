from . import customer_tier
from . import customer_partner_record_mixin
from . import res_partner_team
from . import consumption_cycle
from . import product_consumption
from . import res_partner_consumption
from . import res_config_settings_consumption
