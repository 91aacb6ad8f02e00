# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Draw the cost curve (seconds vs customers, log-log) of bench/out/results.json into
bench/out/cost_curve.png: one colour per job, solid = module, dashed = SQL floor,
dotted = naive ORM (a triangle: a lower bound, the loop ran out of its time budget);
the generation time in grey. The legend sits beside the plot so that it hides no point."""
import json
import os
import sys

import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main(src=None, dst=None):
    src = src or os.path.join(HERE, 'out', 'results.json')
    dst = dst or os.path.join(HERE, 'out', 'cost_curve.png')
    with open(src) as f:
        data = json.load(f)
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
    colours = {'abc': 'tab:blue', 'cycles': 'tab:orange', 'plan': 'tab:green',
               'kpi_refresh': 'tab:red', 'partner_list': 'tab:purple', 'kpi_report': 'tab:brown'}
    styles = (('module_s', '-', 'module'), ('sql_floor_s', '--', 'SQL floor'),
              ('naive_orm_s', ':', 'naive ORM'))
    for job, colour in colours.items():
        rows = sorted((r for r in data['runs'] if r['job'] == job),
                      key=lambda r: r['size_customers'])
        for key, style, label in styles:
            pts = [(r['size_customers'], r[key]) for r in rows if r.get(key)]
            if not pts:
                continue
            xs, ys = zip(*pts)
            ax.plot(xs, ys, style, marker='o', color=colour, label='%s %s' % (job, label))
            if key == 'naive_orm_s':
                bounds = [(r['size_customers'], r[key]) for r in rows
                          if r.get(key) and r.get('naive_complete') is False]
                if bounds:
                    ax.plot(*zip(*bounds), linestyle='none', marker='^', markersize=9,
                            color=colour)
    gen = sorted(data.get('generation', []), key=lambda g: g['size'])
    pts = [(g['companies'], g['seconds']) for g in gen if g.get('added') == g.get('size')]
    if pts:
        xs, ys = zip(*pts)
        ax.plot(xs, ys, '-.', marker='s', color='grey', label='data generation (from empty)')
    ax.set_xscale('log')
    ax.set_yscale('log')
    ax.set_xlabel('customers (about 10 order lines each)')
    ax.set_ylabel('seconds')
    ax.set_title('customer_maintenance nightly jobs: cost vs size (2 cores)')
    ax.grid(True, which='both', alpha=0.3)
    ax.plot([], [], linestyle='none', marker='^', color='black',
            label='naive ORM out of time: at least this')
    ax.legend(fontsize=7, loc='upper left', bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    fig.savefig(dst)
    print('curve: %s' % dst)


if __name__ == '__main__':
    main(*sys.argv[1:3])
