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
from . import test_segmentation_bad_input
from . import test_segmentation_crons
from . import test_management_ledgers
from . import test_management_profile_card
from . import test_management_handover
from . import test_segmentation_handover
from . import test_management_digest
from . import test_management_kpi
