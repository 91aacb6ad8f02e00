from . import models
from . import demo
from .hooks import uninstall_hook
