from . import customer_handover_wizard
