from . import test_foundation
from . import test_i18n
from . import test_management_ledgers
from . import test_management_profile_card
from . import test_management_handover
from . import test_management_digest
