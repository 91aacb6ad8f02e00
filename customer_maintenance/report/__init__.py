# the figures both define, then the snapshot: the report's view reads its table
from . import customer_manager_kpi_figures
from . import customer_manager_kpi_snapshot
from . import customer_manager_kpi_report
from . import customer_profile_card
from . import consumption_forecast
