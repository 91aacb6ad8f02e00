from . import customer_handover_wizard
from . import customer_handover_wizard_segmentation
from . import relationship_event_done_wizard
from . import regional_care_wizard
from . import contact_left_wizard
from . import customer_handover_wizard_relationship
from . import customer_handover_wizard_consumption
from . import relationship_event_done_wizard_collection
