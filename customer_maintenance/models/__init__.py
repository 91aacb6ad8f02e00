from . import customer_tier
from . import relationship_event
from . import res_config_settings
from . import demo_generator
