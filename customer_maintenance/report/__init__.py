from . import customer_profile_card
from . import consumption_forecast
