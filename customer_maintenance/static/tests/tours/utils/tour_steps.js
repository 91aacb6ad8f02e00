/** @odoo-module **/
// Steps shared by the module's browser tours (imported as
// "@customer_maintenance/../tests/tours/utils/tour_steps").
import { stepUtils } from "@web_tour/tour_service/tour_utils";

export function openApp(label) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: `the app menu shows "${label}"`,
            trigger: `.o_app[data-menu-xmlid='customer_maintenance.menu_root']:contains(${label})`,
            run: "click",
        },
        {
            content: "the app is open",
            trigger: `.o_main_navbar .o_menu_brand:contains(${label})`,
        },
    ];
}

export function openMenu(sectionXmlid, menuXmlid) {
    return [
        {
            content: `open the section ${sectionXmlid}`,
            trigger: `.o_menu_sections [data-menu-xmlid='${sectionXmlid}']`,
            run: "click",
        },
        {
            content: `open ${menuXmlid}`,
            trigger: `.o-dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}
