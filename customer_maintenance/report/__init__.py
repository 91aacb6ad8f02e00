from . import customer_profile_card
from . import customer_manager_kpi_report
from . import consumption_forecast
from . import customer_profile_card_relationship
from . import customer_profile_card_segmentation
from . import customer_profile_card_consumption
from . import route_day_sheet
from . import customer_route_report
