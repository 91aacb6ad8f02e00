"""Merge the module's .pot into zh_TW.po / zh_CN.po and fill untranslated entries from a
translation memory (see scripts/i18n.sh). Prints what is still untranslated; exits 1 then."""
import glob
import os
import sys

import polib

i18n, fragments, legacy = sys.argv[1:4]
odoo_dirs = sys.argv[4:]
pot = polib.pofile(os.path.join(i18n, 'customer_maintenance.pot'))
missing_any = False
for lang in ('zh_TW', 'zh_CN'):
    memory = {}
    # later sources win: Odoo's own < 11.0 < fragments < what the .po already says
    sources = [os.path.join(d, '%s.po' % lang) for d in odoo_dirs]
    sources.append(os.path.join(legacy, '11.0.%s.po' % lang))
    sources += sorted(glob.glob(os.path.join(fragments, '*.%s.po' % lang)))
    path = os.path.join(i18n, lang + '.po')
    sources.append(path)
    for source in sources:
        if os.path.exists(source) and os.path.getsize(source):
            for entry in polib.pofile(source):
                if entry.msgstr and not entry.obsolete and 'fuzzy' not in entry.flags:
                    memory[entry.msgid] = entry.msgstr
    po = polib.POFile()
    po.metadata = dict(pot.metadata, Language=lang,
                       **{'Plural-Forms': 'nplurals=1; plural=0;'})
    missing = []
    for entry in pot:
        new = polib.POEntry(msgid=entry.msgid, msgstr=memory.get(entry.msgid, ''),
                            occurrences=entry.occurrences, comment=entry.comment,
                            tcomment=entry.tcomment, flags=list(entry.flags))
        po.append(new)
        if not new.msgstr:
            missing.append(entry.msgid)
    po.save(path)
    print('%s: %d entries, %d untranslated' % (lang, len(po), len(missing)))
    for msgid in missing:
        print('  untranslated: %r' % msgid[:100])
    missing_any = missing_any or bool(missing)
sys.exit(1 if missing_any else 0)
