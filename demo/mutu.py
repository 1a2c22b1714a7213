# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of lsp_mutu, the quality management system: an audit
programme with one audit reported, non-conformities in three states and an
impartiality risk register."""

#: the steps of the demo of lsp_mutu, in order
STEPS = [
    ]


# --- lsp_mutu part 2: a year of indicator values and a prepared review

#: the manual indicators' values of the last twelve months, by code, as a
#: ratio of their target (the months alternate above and below it)
MANUAL_RATIOS = [
    1.1, 0.9, 1.0, 1.2, 0.8, 1.05, 0.95, 1.1, 0.7, 1.0, 1.15, 0.85]


def _months(today, count=12):
    "Return the (first, last) days of the count months before today's"
    from lsp_mutu.indicator import previous_month
    months, date = [], today
    for _ in range(count):
        start, end = previous_month(date)
        months.append((start, end))
        date = start
    return list(reversed(months))


def load_indicator_values(shared):
    """The Direktur Manajemen Mutu computes the indicators of each of the
    last twelve months and enters the manual ones"""
    import datetime as dt
    from decimal import Decimal

    from proteus import Model, Wizard

    from .tools import as_user
    former = as_user('direktur_mutu')
    try:
        Indicator = Model.get('lsp.mutu.indicator')
        Value = Model.get('lsp.mutu.indicator.value')
        months = _months(dt.date.today())
        computed = Indicator.find([('method', '=', 'computed')])
        for start, end in months:
            if Value.find([('period_start', '=', start),
                        ('computed', '=', True)], limit=1):
                continue
            compute = Wizard('lsp.mutu.indicator.compute', computed)
            compute.form.period_start = start
            compute.form.period_end = end
            compute.execute('compute')
        for indicator in Indicator.find([('method', '=', 'manual')]):
            for (start, end), ratio in zip(months, MANUAL_RATIOS):
                if Value.find([('indicator', '=', indicator.id),
                            ('period_start', '=', start)], limit=1):
                    continue
                target = indicator.target or Decimal(1)
                value = (target * Decimal(str(ratio))).quantize(
                    Decimal('0.01'))
                if indicator.unit == 'percent':
                    value = min(value, Decimal(100))
                Value(indicator=indicator, period_start=start,
                    period_end=end, value=value,
                    note="Laporan bulanan").save()
    finally:
        as_user(former)


def load_review(shared):
    """The Direktur Manajemen Mutu prepares the management review of the
    last twelve months, with two outputs proposed to the Kepala"""
    import datetime as dt

    from proteus import Model

    from .tools import as_user
    months = _months(dt.date.today())
    start, end = months[0][0], months[-1][1]
    former = as_user('direktur_mutu')
    try:
        Review = Model.get('lsp.mutu.review')
        Employee = Model.get('company.employee')
        title = "Kaji Ulang Manajemen %s" % end.year
        if Review.find([('title', '=', title)]):
            return
        review = Review(title=title, period_start=start, period_end=end)
        users = shared['users']
        for description, kind, login in [
                ("Pelatihan penyegaran asesor untuk skema dengan tingkat K "
                    "di bawah target.", 'resource', 'direktur_sertifikasi'),
                ("Tinjau prosedur banding dan keluhan agar pengakuan "
                    "penerimaan dalam 5 hari kerja.", 'policy_change',
                    'direktur_mutu'),
                ]:
            review.outputs.new(
                description=description, kind=kind,
                owner=Employee(users[login].employee.id),
                due_date=end + dt.timedelta(days=90))
        review.save()
        review.click('prepare')
    finally:
        as_user(former)


def load_monev(shared):
    """The Direktur Manajemen Mutu drafts the monev of certification of the
    last month, with a finding to open as a non-conformity"""
    import datetime as dt

    from proteus import Model

    from .tools import as_user
    start, end = _months(dt.date.today(), 1)[0]
    former = as_user('direktur_mutu')
    try:
        Monev = Model.get('lsp.mutu.monev')
        if Monev.find([('area', '=', 'sertifikasi'),
                    ('period_start', '=', start)]):
            return
        monev = Monev(area='sertifikasi', period_start=start, period_end=end)
        monev.summary = ("Keputusan sertifikasi perlu dipantau terhadap "
            "target 5 hari kerja.")
        monev.findings.new(
            description="Sebagian pleno Komite Teknik melewati 5 hari kerja.",
            follow_up='nonconformity', severity='minor')
        monev.save()
    finally:
        as_user(former)


STEPS.extend([
        load_indicator_values,
        load_monev,
        load_review,
        ])
