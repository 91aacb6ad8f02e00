from . import relationship_event_done_wizard
