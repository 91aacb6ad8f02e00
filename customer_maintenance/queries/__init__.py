# The set-based SQL of the nightly jobs: small functions returning odoo.tools.SQL, every value
# (today, settings) passed in as a parameter.
