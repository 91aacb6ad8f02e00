# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    'name': 'Customer Maintenance',
    'summary': 'Customer maintenance and management (客戶的維護與管理): tiers, '
               'relationship care, consumption cycles, profile cards, KPIs',
    'version': '18.0.1.0.0',
    'category': 'Sales/Sales',
    'website': 'https://github.com/customer-maintenance/customer_maintenance',
    'author': 'customer_maintenance authors',
    'license': 'LGPL-3',
    'application': True,
    'installable': True,
    'uninstall_hook': 'uninstall_hook',
    'depends': [
        'contacts',
        'sale_management',
        'calendar',
        'mail',
        'resource',  # relationship: the company's working days and public holidays
        'account',  # collections: the customer invoices overdue
        'spreadsheet_dashboard',  # health: the supervisors' dashboard
        'base_geolocalize',  # routing: the customers' coordinates, geocoded
    ],
    'external_dependencies': {
        'python': ['borax', 'ortools'],
    },
    # by capability, security first within each
    'data': [
        # foundation
        'security/customer_maintenance_groups.xml',
        'security/ir.model.access.csv',
        'data/customer_tier_data.xml',
        'views/menus.xml',
        'views/res_config_settings_views.xml',
        'views/customer_tier_views.xml',
        'views/res_partner_views.xml',
        # segmentation
        'security/segmentation_security.xml',
        'data/ir_cron_segmentation_data.xml',
        'data/mail_activity_type_segmentation_data.xml',
        'views/res_config_settings_segmentation_views.xml',
        'views/customer_purchase_purpose_views.xml',
        'views/res_partner_segmentation_views.xml',
        'views/customer_abc_analysis_views.xml',
        'views/customer_prospect_claim_views.xml',
        # management
        'security/management_security.xml',
        'data/mail_activity_type_management_data.xml',
        'data/ir_cron_management_data.xml',
        'data/mail_template_digest_data.xml',
        'views/customer_ledger_views.xml',
        'views/res_partner_management_views.xml',
        'views/res_config_settings_management_views.xml',
        'views/customer_manager_kpi_report_views.xml',
        'data/customer_maintenance_home_data.xml',
        'views/customer_maintenance_home_views.xml',
        'report/customer_profile_card_templates.xml',
        'wizard/customer_handover_wizard_views.xml',
        # relationship
        'security/relationship_security.xml',
        'data/mail_activity_type_relationship_data.xml',
        'data/ir_cron_relationship_data.xml',
        'data/customer_festival_data.xml',
        'data/customer_tier_greeting_data.xml',
        'data/mail_template_greeting_data.xml',
        'views/customer_relationship_event_views.xml',
        'views/customer_festival_views.xml',
        'views/customer_gift_views.xml',
        'views/res_partner_relationship_views.xml',
        'wizard/relationship_wizard_views.xml',
        'views/res_config_settings_relationship_views.xml',
        # consumption
        'security/consumption_security.xml',
        'data/mail_activity_type_consumption_data.xml',
        'data/ir_cron_consumption_data.xml',
        'data/customer_maintenance_home_consumption_data.xml',
        'views/consumption_cycle_views.xml',
        'views/res_config_settings_consumption_views.xml',
        'report/consumption_forecast_views.xml',
        'views/relationship_event_cycle_views.xml',
        # management, on relationship
        'views/customer_maintenance_home_relationship_views.xml',
        'report/customer_profile_card_relationship_templates.xml',
        # management, on segmentation and consumption
        'report/customer_profile_card_segmentation_templates.xml',
        'report/customer_profile_card_consumption_templates.xml',
        # collections
        'data/mail_activity_type_collection_data.xml',
        'data/ir_cron_collection_data.xml',
        'views/relationship_event_collection_views.xml',
        'report/customer_profile_card_collection_templates.xml',
        # health (RFM segments, cycles at order confirmation)
        'security/health_security.xml',
        'data/ir_cron_health_data.xml',
        'views/customer_rfm_views.xml',
        'views/customer_health_views.xml',
        'views/customer_win_back_views.xml',
        'views/consumption_cycle_graph_views.xml',
        'data/spreadsheet_dashboard_data.xml',
        # incentives
        'security/incentive_security.xml',
        'data/ir_cron_incentive_data.xml',
        'views/customer_incentive_views.xml',
        'report/customer_incentive_statement_templates.xml',
        # routing
        'security/routing_security.xml',
        'data/ir_cron_routing_data.xml',
        'views/relationship_event_route_views.xml',
        'views/res_config_settings_routing_views.xml',
        'report/route_day_sheet_templates.xml',
        'views/customer_route_report_views.xml',
    ],
    'demo': [
        'demo/res_users_demo.xml',
        # segmentation (the base demo world, then its segmentation step)
        'demo/customer_maintenance_demo.xml',
        # management (last: the KPI snapshot of the demo world)
        'demo/customer_manager_kpi_demo.xml',
        # incentives (after the demo's orders)
        'demo/customer_incentive_demo.xml',
    ],
    'assets': {
        # platform: the browser tours of tests/test_ui*.py (make test-ui)
        'web.assets_tests': [
            'customer_maintenance/static/tests/tours/**/*',
        ],
    },
}
