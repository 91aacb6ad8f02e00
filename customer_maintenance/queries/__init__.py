# Set-based SQL of the module: small functions returning odoo.tools.SQL, every value
# (today, settings) passed in as a parameter.
