# Demo data generators (the model customer.maintenance.demo), called from demo XML files.
from . import customer_maintenance_demo
from . import customer_maintenance_demo_segmentation
from . import customer_maintenance_demo_relationship
from . import customer_maintenance_demo_management
from . import customer_maintenance_demo_consumption
from . import customer_maintenance_demo_collection
from . import customer_maintenance_demo_routing
from . import customer_maintenance_demo_health
