#!/usr/bin/env python3
# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Time reading the organisation chart as the web client does.

Creates a temporary SQLite database with lsp_base and the demo data, then
reads every position with its current holders (the org-chart tree view) N
times, and as a baseline reads the same number of res.group records with
their names in the same process. Prints the figures and their ratio.

    .venv/bin/python bench/org_chart.py [-n 200]
"""
import argparse
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def timed(function, repeat):
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('-n', '--repeat', type=int, default=200)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix='lsp-bench-')
    os.environ['TRYTOND_DATABASE__URI'] = 'sqlite://'
    os.environ['TRYTOND_DATABASE__PATH'] = tmp
    os.environ.pop('TRYTOND_CONFIG', None)

    os.environ['DB_NAME'] = 'bench'
    from trytond.pool import Pool
    from trytond.tests.tools import activate_modules
    from trytond.transaction import Transaction

    from demo.load import load

    activate_modules(['lsp_base'])
    load()
    pool = Pool('bench')

    with Transaction().start('bench', 0, readonly=True):
        Position = pool.get('lsp.position')
        Group = pool.get('res.group')
        position_ids = [p.id for p in Position.search([])]
        group_ids = [g.id for g in Group.search([], limit=len(position_ids))]
        chart = timed(lambda: Position.read(
                position_ids, ['name', 'code', 'kind',
                    'current_holder_names', 'parent', 'children']),
            args.repeat)
        baseline = timed(lambda: Group.read(
                group_ids, ['name', 'parent']), args.repeat)

    print("positions read per call     %d" % len(position_ids))
    print("org chart read              %.2f ms" % (chart * 1000))
    print("baseline res.group read     %.2f ms" % (baseline * 1000))
    print("ratio org chart / baseline  %.1f" % (chart / baseline))


if __name__ == '__main__':
    main()
