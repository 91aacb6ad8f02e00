"""Compare two logs of Odoo's test runner: the suites run without and with customer_maintenance.

  odoo_suites_compare.py compare WITHOUT.log WITH.log MODULE[,MODULE...] NEW_IDS_FILE
  odoo_suites_compare.py tags NEW_IDS_FILE
  odoo_suites_compare.py confirm RERUN_WITHOUT.log RERUN_WITH.log NEW_IDS_FILE

Reads what Odoo 18's runner logs (odoo/tests/result.py):
  <logger odoo.addons.M.tests.F>: Starting Class.method ...          a test ran
  <logger>: FAIL: Class.method / ERROR: Class.method                   it failed / errored
  <logger>: FAIL: Subtest Class.method (params)                        one of its subtests
  ERROR: setUpClass (odoo.addons.M.tests.F.Class)                      its class never ran
  <logger>: skipped Class.method : reason
  odoo.tests.result: N failed, M error(s) of K tests when loading database 'db'
and the line scripts/odoo_suites_run.py logs before the tests ("customer_maintenance LOADED"
or "NOT LOADED").

compare prints, per module, the tests run / failed / errored / skipped in each database and the
failing test ids of each; it writes the tests that fail only with the module to NEW_IDS_FILE
(one a line) and exits
  1 when a log has no summary line, a module ran no test in either database, the registry of
    the WITH run does not hold customer_maintenance (or the baseline's does), or the two runs
    did not run the same tests (the counts must be comparable);
  3 when, besides, tests fail with the module that do not fail without it;
  0 otherwise.
tags turns NEW_IDS_FILE into a --test-tags spec (/M:Class.method, /M:Class for a setUpClass).
confirm reads the re-run of those tests alone in each database (a browser tour can time out on
a busy machine) and exits 1 when one of them fails again with the module and passes without.
A test is identified as M.tests.F.Class.method; a failing subtest counts as its test failing.
"""
import collections
import re
import sys

LINE = re.compile(
    r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) '
    r'(?P<logger>[\w.]+): (?P<msg>.*)$')
TEST_LOGGER = re.compile(r'^odoo\.addons\.(?P<module>\w+)\.tests\.(?P<file>[\w.]+)$')
SUMMARY = re.compile(r'^(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database')
# what OdooTestResult.getDescription() writes for a test, a subtest, a class that failed to set up
TEST_DESC = re.compile(r'^(?:Subtest )?(?P<cls>[\w.]+)\.(?P<method>\w+)(?P<sub> \(.*\))?\s*$')
HOLDER_DESC = re.compile(r'^(?P<what>\w+) \((?:odoo\.addons\.)?(?P<path>[\w.]+)\)\s*$')
REGISTRY = re.compile(r'^registry of \S+: (\d+) modules, customer_maintenance (LOADED|NOT LOADED);')


class Run:
    """What one log says."""

    def __init__(self, path, modules):
        self.path = path
        self.modules = modules
        self.ran = set()  # test ids
        self.failed = collections.OrderedDict()  # test id -> first line of what failed
        self.errored = collections.OrderedDict()
        self.skipped = set()
        self.summary = None  # (failed, errors, total)
        self.registry = None  # (module count, 'LOADED' / 'NOT LOADED')
        self.error_lines = []  # ERROR/CRITICAL lines that are no test's failure
        self._parse()

    def _test_id(self, logger, desc):
        """M.tests.F.Class.method for a description logged by `logger`, or None."""
        holder = HOLDER_DESC.match(desc)
        if holder:  # setUpClass (odoo.addons.M.tests.F.Class): the whole class
            return '%s.%s' % (holder['path'], holder['what'])
        test_logger = TEST_LOGGER.match(logger)
        test = TEST_DESC.match(desc)
        if test_logger and test:
            return '%s.tests.%s.%s.%s' % (
                test_logger['module'], test_logger['file'], test['cls'], test['method'])
        return None

    def _parse(self):
        with open(self.path, encoding='utf-8', errors='replace') as log:
            lines = log.read().splitlines()
        for index, line in enumerate(lines):
            match = LINE.match(line)
            if not match:
                continue
            logger, msg, level = match['logger'], match['msg'].rstrip(), match['level']
            if logger == 'odoo.tests.result' and SUMMARY.match(msg):
                self.summary = tuple(int(n) for n in SUMMARY.match(msg).groups())
                continue
            registry = REGISTRY.match(msg) if logger == 'odoo.tests.odoo_suites_run' else None
            if registry:
                self.registry = (int(registry[1]), registry[2])
                continue
            if msg.startswith('Starting ') and msg.endswith(' ...'):
                test_id = self._test_id(logger, msg[len('Starting '):-len(' ...')])
                if test_id:
                    self.ran.add(test_id)
                continue
            if msg.startswith('skipped '):
                test_id = self._test_id(logger, msg[len('skipped '):].split(' : ', 1)[0])
                if test_id:
                    self.skipped.add(test_id)
                continue
            if level in ('ERROR', 'CRITICAL'):
                flavour, _, desc = msg.partition(': ')
                test_id = self._test_id(logger, desc) if flavour in ('FAIL', 'ERROR') else None
                if test_id:
                    # the exception's line: the first unindented line after the traceback
                    detail = ''
                    seen_traceback = False
                    for follow in lines[index + 1:]:
                        if LINE.match(follow):
                            break
                        if follow.startswith('Traceback'):
                            seen_traceback = True
                        elif seen_traceback and follow.strip() and not follow[0].isspace():
                            detail = follow.strip()
                            break
                    target = self.failed if flavour == 'FAIL' else self.errored
                    target.setdefault(test_id, detail[:200])
                elif not msg.startswith('At least one test failed') and not SUMMARY.match(msg):
                    self.error_lines.append('%s %s: %s' % (level, logger, msg[:200]))

    def module_of(self, test_id):
        return test_id.split('.', 1)[0]

    def per_module(self, module):
        def count(ids):
            return sum(1 for test_id in ids if self.module_of(test_id) == module)
        return (count(self.ran), count(self.failed), count(self.errored), count(self.skipped))

    @property
    def failing(self):
        return set(self.failed) | set(self.errored)


def compare(without_log, with_log, modules, new_ids_file):
    modules = modules.split(',')
    without, with_ = Run(without_log, modules), Run(with_log, modules)
    problems = []

    print('%-12s %28s | %28s' % ('', 'WITHOUT customer_maintenance', 'WITH customer_maintenance'))
    print('%-12s %28s | %28s' % ('module', 'run  failed  error  skipped', 'run  failed  error  skipped'))
    for module in modules:
        row = []
        for run in (without, with_):
            ran, failed, errored, skipped = run.per_module(module)
            row.append('%5d %7d %6d %8d' % (ran, failed, errored, skipped))
            if ran == 0:
                problems.append('%s: no test of %s ran (%s)' % (run.path, module, 'with' if run is with_ else 'without'))
        print('%-12s %28s | %28s' % (module, row[0], row[1]))
    for name, run in (('without', without), ('with', with_)):
        if run.summary is None:
            problems.append('%s: no "N failed, M error(s) of K tests" line: the run did not finish' % run.path)
        else:
            print("odoo's summary %-8s %d failed, %d error(s) of %d tests" % ((name + ':',) + run.summary))

    # the registry the tests ran against
    for name, run, want in (('without', without, 'NOT LOADED'), ('with', with_, 'LOADED')):
        if run.registry is None:
            problems.append('%s: no "odoo.tests.odoo_suites_run: registry of ..." line: not run by scripts/odoo_suites_run.py?' % run.path)
        else:
            print('registry %-8s %d modules, customer_maintenance %s' % ((name + ':',) + run.registry))
            if run.registry[1] != want:
                problems.append('%s: customer_maintenance %s in the registry, expected %s' % (run.path, run.registry[1], want))

    only_without = sorted(without.ran - with_.ran)
    only_with = sorted(with_.ran - without.ran)
    for label, ids in (('ran only WITHOUT the module', only_without), ('ran only WITH the module', only_with)):
        if ids:
            problems.append('%d tests %s (the two runs must run the same tests)' % (len(ids), label))
            print('\n%s (%d):' % (label, len(ids)))
            for test_id in ids:
                print('  ' + test_id)

    for name, run in (('WITHOUT', without), ('WITH', with_)):
        print('\nfailing %s customer_maintenance (%d):' % (name, len(run.failing)))
        for test_id in sorted(run.failing):
            kind = 'FAIL ' if test_id in run.failed else 'ERROR'
            detail = run.failed.get(test_id) or run.errored.get(test_id)
            print('  %s %s  -- %s' % (kind, test_id, detail))
        if run.error_lines:
            print('  other ERROR lines in the log %s the module (%d, not counted):' % (name.lower(), len(run.error_lines)))
            for line in run.error_lines[:10]:
                print('    ' + line)

    new = sorted(with_.failing - without.failing)
    fixed = sorted(without.failing - with_.failing)
    if fixed:
        print('\nfailing only WITHOUT the module (%d): %s' % (len(fixed), ', '.join(fixed)))
    with open(new_ids_file, 'w') as out:
        out.writelines(test_id + '\n' for test_id in new)
    print('\nodoo suites: %d tests ran without the module, %d with it; %d failing without, %d with it, %d only with it'
          % (len(without.ran), len(with_.ran), len(without.failing), len(with_.failing), len(new)))
    if problems:
        print('\nFAILED:')
        for problem in problems:
            print('  - ' + problem)
        return 1
    if new:
        print('failing only WITH customer_maintenance (%d): %s' % (len(new), ', '.join(new)))
        return 3
    print('OK: no test of %s fails with customer_maintenance that passes without it' % ', '.join(modules))
    return 0


def _read_ids(path):
    with open(path) as ids:
        return [line.strip() for line in ids if line.strip()]


def _tag(test_id):
    """M.tests.F.Class.method -> /M:Class.method; M.tests.F.Class.setUpClass -> /M:Class."""
    module, _, rest = test_id.partition('.tests.')
    *_, cls, method = rest.split('.')
    return '/%s:%s' % (module, cls) if method == 'setUpClass' else '/%s:%s.%s' % (module, cls, method)


def tags(new_ids_file):
    print(','.join(sorted({_tag(test_id) for test_id in _read_ids(new_ids_file)})))
    return 0


def confirm(without_log, with_log, new_ids_file):
    """Each test that failed only with the module, run again alone in both databases."""
    candidates = _read_ids(new_ids_file)
    without, with_ = Run(without_log, []), Run(with_log, [])
    confirmed = []
    print('re-run alone of the %d tests that failed only with customer_maintenance:' % len(candidates))
    for test_id in candidates:
        holder = test_id.endswith('.setUpClass')
        states = []
        for run in (without, with_):
            cls_prefix = test_id.rsplit('.', 1)[0] + '.'
            if test_id in run.failing:
                states.append('fails')
            elif holder and any(ran.startswith(cls_prefix) for ran in run.ran) or test_id in run.ran:
                states.append('passes')
            else:
                states.append('did not run')
        if states[1] != 'passes' and states[0] == 'passes':
            verdict = 'FAILS WITH THE MODULE'
            confirmed.append(test_id)
        elif states[1] == 'did not run' or states[0] == 'did not run':
            verdict = 'NOT CONFIRMED: did not run in both (counts as failing)'
            confirmed.append(test_id)
        else:
            verdict = 'not due to the module (flaky on this machine or failing either way)'
        print('  %s: without %s, with %s -> %s' % (test_id, states[0], states[1], verdict))
    if confirmed:
        print('FAILED: %d tests fail with customer_maintenance and pass without it: %s'
              % (len(confirmed), ', '.join(confirmed)))
        return 1
    print('OK: every test that failed only with the module passed when run again with it')
    return 0


if __name__ == '__main__':
    commands = {'compare': (compare, 4), 'tags': (tags, 1), 'confirm': (confirm, 3)}
    if len(sys.argv) < 2 or sys.argv[1] not in commands or len(sys.argv) - 2 != commands[sys.argv[1]][1]:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]][0](*sys.argv[2:]))
