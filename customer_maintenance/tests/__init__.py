from . import test_foundation
from . import test_segmentation_abc_rule
from . import test_segmentation
from . import test_segmentation_claims
