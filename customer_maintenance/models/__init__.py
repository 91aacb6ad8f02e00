from . import customer_tier
from . import customer_partner_record_mixin
from . import res_partner_team
# relationship
from . import customer_partner_record_mixin_sender
from . import customer_gift
from . import relationship_event
from . import relationship_planner
from . import res_config_settings_relationship
from . import customer_festival
from . import customer_tier_greeting
from . import res_partner_relationship
from . import customer_hobby
