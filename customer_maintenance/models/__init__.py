from . import customer_tier
from . import customer_partner_record_mixin
from . import res_partner_team
# management
from . import res_config_settings_management
from . import customer_promotion_support
from . import customer_value_service
from . import customer_agreement
from . import res_partner_management
from . import customer_review_digest
