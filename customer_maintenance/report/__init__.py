from . import consumption_forecast
