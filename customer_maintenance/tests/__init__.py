from . import test_foundation
from . import test_i18n
from . import test_consumption
from . import test_consumption_jobs
from . import test_consumption_access
