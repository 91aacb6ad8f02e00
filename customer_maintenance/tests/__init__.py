from . import test_foundation
from . import test_i18n
from . import test_relationship
from . import test_relationship_planning
from . import test_relationship_greetings
from . import test_relationship_care
