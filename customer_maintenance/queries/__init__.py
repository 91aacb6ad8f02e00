# The set-based SQL of the nightly jobs: small functions returning odoo.tools.SQL, every
# parameter (today, settings) passed in. Tested against the oracles in services/.
