from . import customer_tier
from . import customer_partner_record_mixin
from . import res_partner_team
# segmentation
from . import customer_purchase_purpose
from . import customer_abc_history
from . import customer_prospect_claim
from . import res_partner_segmentation
from . import res_partner_prospect_claim
from . import res_config_settings_segmentation
from . import sale_order_segmentation
# management
from . import res_config_settings_management
from . import customer_promotion_support
from . import customer_value_service
from . import customer_agreement
from . import res_partner_management
# relationship
from . import customer_partner_record_mixin_sender
from . import customer_gift
from . import relationship_event
from . import relationship_event_bulk
from . import relationship_planner
from . import res_config_settings_relationship
from . import customer_festival
from . import customer_tier_greeting
from . import res_partner_relationship
from . import customer_hobby
from . import customer_review_digest
from . import customer_manager_kpi_figures
from . import customer_manager_kpi_snapshot
from . import customer_maintenance_home
# consumption
from . import consumption_cycle
from . import product_consumption
from . import res_partner_consumption
from . import res_config_settings_consumption
from . import relationship_event_cycle
from . import consumption_cycle_replenishment
from . import customer_maintenance_home_consumption
from . import res_config_settings_routing
from . import customer_tier_route
from . import res_partner_routing
from . import relationship_event_route
# the bounds of every numeric setting (tools/settings.py)
from . import res_config_settings
# collections
from . import account_move_collection
from . import relationship_event_collection
from . import relationship_event_collection_planner
from . import res_partner_collection
# health
from . import consumption_cycle_order
from . import sale_order_consumption
from . import customer_rfm_history
from . import res_partner_rfm
from . import customer_health_history
from . import res_partner_health
from . import res_config_settings_health
from . import res_partner_win_back
from . import customer_review_digest_health
from . import customer_incentive_plan
from . import customer_handover_log
from . import customer_incentive_statement
from . import customer_incentive_statement_line
