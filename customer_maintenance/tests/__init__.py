from . import test_foundation
from . import test_i18n
# segmentation
from . import test_segmentation
from . import test_segmentation_abc_rule
from . import test_segmentation_abc_oracle
from . import test_segmentation_claims
from . import test_segmentation_credit
from . import test_segmentation_demo
from . import test_segmentation_access
from . import test_segmentation_crons
from . import test_management_ledgers
from . import test_management_profile_card
from . import test_management_handover
from . import test_segmentation_handover
from . import test_ui
from . import test_relationship
from . import test_relationship_planning
from . import test_relationship_event_bulk
from . import test_relationship_greetings
from . import test_relationship_care
from . import test_relationship_demo
from . import test_management_digest
from . import test_management_kpi
from . import test_maintenance_home
from . import test_management_demo
from . import test_consumption
from . import test_consumption_jobs
from . import test_consumption_replenishment
from . import test_ui_management
from . import test_segmentation_profile_card
from . import test_consumption_profile_card
# reliability: the access matrix and the bad-input catalogue over every capability
from . import test_access_matrix
from . import test_bad_input_catalogue
from . import test_method_access_matrix
from . import test_settings
from . import test_ui_profile_card
from . import test_overdue
from . import test_customer_rollup
from . import test_profile_card_readers
# collections
from . import test_collections
from . import test_collections_oracle
from . import test_collections_profile_card
from . import test_collections_demo
from . import test_ui_collections
# health
from . import test_consumption_confirm
from . import test_rfm_segments
from . import test_customer_health
from . import test_health_win_back
from . import test_ui_health
from . import test_health_demo
# incentives
from . import test_incentive_oracle
from . import test_incentive_statement
from . import test_ui_incentive
# visit routes
from . import test_routing_solver
from . import test_routing
from . import test_routing_places_oracle
from . import test_routing_day_sheet
from . import test_routing_supervisor
from . import test_ui_routing
