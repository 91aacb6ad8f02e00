# Piped into `odoo shell` by scripts/test.sh and scripts/run.sh: activate zh_TW and zh_CN and
# load every installed module's translations for them. Not `--load-language`: given to the run
# that creates the database it makes zh_TW every user's language, and on a later run it loads
# the terms while only `base` is in the registry, so the module's records (tier names...) stay
# untranslated.
langs = env['res.lang'].with_context(active_test=False).search([('code', 'in', ['zh_TW', 'zh_CN'])])
assert len(langs) == 2, langs
env['base.language.install'].create({'lang_ids': [(6, 0, langs.ids)], 'overwrite': False}).lang_install()
env.cr.commit()
print('languages loaded: %s' % ', '.join(langs.mapped('code')))
