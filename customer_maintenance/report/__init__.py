from . import customer_profile_card
