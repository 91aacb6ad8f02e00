from . import customer_handover_wizard
from . import customer_handover_wizard_segmentation
