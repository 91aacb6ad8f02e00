# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    'name': 'Customer Maintenance',
    'summary': 'Customer maintenance and management (客戶的維護與管理): tiers, '
               'relationship care, consumption cycles, profile cards, KPIs',
    'version': '11.0.1.0.0',
    'category': 'Sales',
    'website': 'https://github.com/customer-maintenance/customer_maintenance',
    'author': 'customer_maintenance authors',
    'license': 'LGPL-3',
    'application': True,
    'installable': True,
    'depends': [
        'contacts',
        'sale_management',
        'calendar',
        'mail',
    ],
    'external_dependencies': {
        'python': ['borax'],
    },
    'data': [
        'security/customer_maintenance_security.xml',
        'security/ir.model.access.csv',
        'security/consumption_security.xml',
        'data/customer_tier_data.xml',
        'views/menus.xml',
        'views/res_config_settings_views.xml',
        'views/res_partner_views.xml',
        'views/consumption_cycle_views.xml',
        'views/res_config_settings_consumption_views.xml',
        'report/consumption_forecast_views.xml',
        'data/ir_cron_consumption_data.xml',
    ],
    'demo': [
        'demo/res_users_demo.xml',
        'demo/customer_maintenance_demo.xml',
    ],
}
