# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The rows of the financial statements of the LSP (FINANCE.md 6.8)

Pure functions: they receive the amounts that the database aggregates and
return the rows of the sheets of the monthly and annual pack, so that the
rules (the aging buckets, the sections of the cash
flows, the balance checks) are tested without a database."""
import datetime as dt
from collections import defaultdict
from decimal import Decimal

ZERO = Decimal(0)

#: the aging buckets of the receivables: (first day, last day) past due;
#: a receivable not yet due counts in the first one
AGING_BUCKETS = [(0, 30), (31, 60), (61, 90), (91, None)]

#: the activities of the statement of cash flows, in their order; None
#: gathers the counterparts without activity
CASH_FLOW_ACTIVITIES = ['operating', 'investing', 'financing', None]


def aging_bucket(days):
    "Return the index in AGING_BUCKETS of a receivable due days ago"
    for index, (_, last) in enumerate(AGING_BUCKETS):
        if last is None or days <= last:
            return index


def aged_rows(balances, date):
    """Return the aged receivables at date per party

    balances is an iterable of (party, due date, amount); the result is the
    list of (party, [amount per bucket], total) sorted by party, without
    the parties whose total is zero."""
    parties = defaultdict(lambda: [ZERO] * len(AGING_BUCKETS))
    for party, due_date, amount in balances:
        days = (date - due_date).days if due_date else 0
        parties[party][aging_bucket(days)] += amount
    rows = []
    for party in sorted(parties, key=lambda p: (p is None, p or '')):
        buckets = parties[party]
        total = sum(buckets, ZERO)
        if total:
            rows.append((party, buckets, total))
    return rows


def column_totals(rows, index):
    "Return the sums of the list of amounts at index of each row"
    totals = None
    for row in rows:
        values = row[index]
        if totals is None:
            totals = [ZERO] * len(values)
        totals = [t + (v or ZERO) for t, v in zip(totals, values)]
    return totals or []


def tree_rows(nodes, roots, keep=None, expand=None):
    """Return the rows (level, id) of the trees under roots, depth first

    nodes is an iterable of (id, parent id) in the order of the siblings;
    keep(id) tells whether a node is shown (with its children), expand(id)
    whether its children are."""
    children = defaultdict(list)
    for node_id, parent_id in nodes:
        children[parent_id].append(node_id)
    rows = []

    def walk(node_id, level):
        rows.append((level, node_id))
        if expand is not None and not expand(node_id):
            return
        for child in children.get(node_id, []):
            if keep is None or keep(child):
                walk(child, level + 1)
    for root in roots:
        walk(root, 0)
    return rows


def balance_check(assets, others):
    """Return assets minus the sum of others (liabilities and net assets):
    zero when the statement of financial position balances"""
    return assets - sum(others, ZERO)


def net_asset_row(opening, surplus, closing):
    """Return (opening, surplus, other, closing) of a class of net assets

    other is what the surplus of the period does not explain (the
    reclassifications, a previous year not closed yet); zero otherwise."""
    return opening, surplus, closing - opening - surplus, closing


def cash_flow_sections(rows):
    """Return the sections of the statement of cash flows

    rows is an iterable of (activity, label, amount) of the counterparts of
    the cash moves, amount being positive for cash received; the result is
    the list of (activity, [(label, amount)], total) in the order of
    CASH_FLOW_ACTIVITIES, the activity None only when it has rows."""
    sections = defaultdict(list)
    for activity, label, amount in rows:
        if activity not in CASH_FLOW_ACTIVITIES:
            activity = None
        sections[activity].append((label, amount))
    result = []
    for activity in CASH_FLOW_ACTIVITIES:
        lines = sorted(sections.get(activity, []))
        if activity is None and not lines:
            continue
        result.append((activity, lines, sum((a for _, a in lines), ZERO)))
    return result


def monthly_totals(rows):
    """Return the totals per (key, month) of rows of (key, date, base, tax)

    month is the first day of the month of date; the result is the sorted
    list of (key, month, base, tax)."""
    totals = defaultdict(lambda: [ZERO, ZERO])
    for key, date, base, tax in rows:
        month = dt.date(date.year, date.month, 1)
        totals[key, month][0] += base or ZERO
        totals[key, month][1] += tax or ZERO
    return [(key, month, base, tax)
        for (key, month), (base, tax) in sorted(
            totals.items(), key=lambda i: (str(i[0][0]), i[0][1]))]


def previous_month(date):
    "Return the first and the last day of the month before the one of date"
    last = date.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last
