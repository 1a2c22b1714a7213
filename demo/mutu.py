# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of lsp_mutu, the quality management system: the Komite
Ketidakberpihakan, an audit programme with one audit reported, whose
findings opened non-conformities now in three states (one closed after an
independent effectiveness check), and an impartiality risk register."""
import datetime as dt

from proteus import Model, Wizard

from .tools import as_user


def employee(shared, login):
    Employee = Model.get('company.employee')
    return Employee(shared['users'][login].employee.id)


def load_komite(shared):
    "The chair of the Komite Ketidakberpihakan gets its group"
    as_user('admin')
    ModelData = Model.get('ir.model.data')
    Group = Model.get('res.group')
    User = Model.get('res.user')
    group = Group(ModelData.get_id(
            'lsp_mutu', 'group_komite_ketidakberpihakan', {}))
    user = User(shared['users']['dewan_pengarah'].id)
    if group not in user.groups:
        user.groups.append(group)
        user.save()


def load_audit(shared):
    """The programme of the year approved by the Kepala and the audit of the
    certification area, reported: its minor and major findings opened
    non-conformities"""
    today = dt.date.today()
    as_user('direktur_mutu')
    Programme = Model.get('lsp.mutu.audit.programme')
    Audit = Model.get('lsp.mutu.audit')
    Clause = Model.get('lsp.mutu.clause')
    name = "Program Audit Internal %s" % today.year
    programmes = Programme.find([('name', '=', name)])
    if programmes:
        return
    programme = Programme(name=name, year=today.year)
    programme.objectives = (
        "Memastikan sistem manajemen mutu LSP sesuai PBNSP 201 dan "
        "efektif; menyiapkan surveilans lisensi BNSP.")
    programme.save()
    as_user('kepala')
    Programme(programme.id).click('approve')
    as_user('direktur_mutu')

    def clause(code):
        clause, = Clause.find([
                ('standard', '=', 'pbnsp_201'), ('code', '=', code)])
        return clause

    audit = Audit(programme=Programme(programme.id))
    audit.name = "Audit Bidang Sertifikasi"
    audit.area = 'sertifikasi'
    audit.lead_auditor = employee(shared, 'direktur_tuk')
    audit.auditors.append(employee(shared, 'wakil_sekretaris1'))
    audit.clauses.extend([clause('9.4'), clause('9.8'), clause('7.1')])
    audit.start_date = today - dt.timedelta(days=30)
    audit.end_date = today - dt.timedelta(days=29)
    audit.scope = "Proses keputusan sertifikasi, banding dan rekaman asesi."
    audit.save()
    audit.click('plan')
    audit.click('start')
    for code, question, result in [
            ('9.4', "Keputusan sertifikasi diambil oleh Komite Teknik yang "
                "tidak menguji asesi?", 'conform'),
            ('9.8', "Banding ditangani oleh orang yang tidak terlibat dalam "
                "keputusan?", 'major'),
            ('7.1', "Rekaman asesi lengkap dan disimpan aman?", 'minor'),
            ('9.4', "Notulen rapat Komite Teknik ditandatangani?",
                'observation'),
            ]:
        line = audit.lines.new(question=question, result=result)
        line.clause = clause(code)
        if result == 'observation':
            line.observation_decision = 'noted'
    audit.strong_points = "Keputusan sertifikasi tepat waktu."
    audit.improvement_points = "Penanganan banding dan rekaman asesi."
    audit.save()
    audit.click('report')


def load_nonconformities(shared):
    """The major non-conformity in progress with its action, the minor one
    in analysis, and an observation closed after an effectiveness check by
    the Direktur Manajemen Mutu, who owns none of its actions"""
    today = dt.date.today()
    as_user('direktur_mutu')
    Nonconformity = Model.get('lsp.mutu.nonconformity')
    if Nonconformity.find([('state', '!=', 'draft')], limit=1):
        return
    ncs = Nonconformity.find([('state', '=', 'draft')], order=[('id', 'ASC')])
    by_severity = {nc.severity: nc for nc in ncs}
    major = by_severity.get('major')
    minor = by_severity.get('minor')
    if major:
        major.responsible = employee(shared, 'direktur_sertifikasi')
        major.due_date = today + dt.timedelta(days=60)
        major.save()
        major.click('analyse')
        major.root_cause_category = 'procedure_not_defined'
        major.root_cause = (
            "Prosedur banding tidak mengatur penunjukan penangan yang "
            "independen.")
        major.click('plan')
        major.action_plan = "Revisi prosedur banding dan latih Komite."
        action = major.actions.new(name="Revisi prosedur banding P-09")
        action.kind = 'corrective'
        action.owner = employee(shared, 'direktur_sertifikasi')
        action.deadline = today + dt.timedelta(days=8)
        major.save()
        major.click('start')
    if minor:
        minor.click('analyse')

    closed = Nonconformity(severity='observation')
    closed.description = "Daftar hadir rapat Komite Teknik tidak diarsipkan."
    closed.responsible = employee(shared, 'sekretaris')
    closed.save()
    closed.click('analyse')
    closed.root_cause_category = 'communication'
    closed.root_cause = "Tidak ada yang ditugasi mengarsip daftar hadir."
    closed.click('plan')
    closed.action_plan = "Tugaskan Sekretaris mengarsip setiap rapat."
    action = closed.actions.new(name="Arsipkan daftar hadir rapat 2026")
    action.kind = 'correction'
    action.owner = employee(shared, 'sekretaris')
    action.deadline = today + dt.timedelta(days=14)
    closed.save()
    closed.click('start')
    as_user('sekretaris')
    Action = Model.get('lsp.mutu.action')
    action, = Action.find([
            ('origin', '=', 'lsp.mutu.nonconformity,%s' % closed.id)])
    action.result = "Daftar hadir enam rapat diarsipkan."
    action.save()
    action.click('do')
    as_user('direktur_mutu')
    closed = Nonconformity(closed.id)
    closed.click('submit_verification')
    closed.effectiveness_comment = "Arsip rapat terakhir lengkap."
    closed.save()
    closed.click('effective')
    closed.click('close')


def load_risks(shared):
    "The impartiality risk register, one risk reviewed by the Komite"
    today = dt.date.today()
    as_user('direktur_mutu')
    Risk = Model.get('lsp.mutu.impartiality.risk')
    if Risk.find([], limit=1):
        return
    for name, threat, likelihood, impact, residual in [
            ("Asesor juga melatih calon asesi", 'self_review', '4', '4',
                ('2', '3')),
            ("Satu sponsor membiayai sebagian besar uji kompetensi",
                'financial', '3', '4', None),
            ("Pengurus koperasi menekan hasil asesmen anggotanya",
                'intimidation', '2', '5', ('1', '5')),
            ]:
        risk = Risk(name=name, threat=threat)
        risk.likelihood = likelihood
        risk.impact = impact
        risk.owner = employee(shared, 'direktur_mutu')
        risk.next_review_date = today + dt.timedelta(days=90)
        if residual:
            risk.residual_likelihood, risk.residual_impact = residual
            risk.controls.new(
                description="Asesor menyatakan konflik kepentingan "
                "sebelum setiap penugasan.")
        risk.save()
        if residual:
            risk.click('mitigate')
    Wizard('lsp.mutu.impartiality.risk.suggest')
    as_user('dewan_pengarah')
    Risk = Model.get('lsp.mutu.impartiality.risk')
    Review = Model.get('lsp.mutu.impartiality.risk.review')
    risk, = Risk.find([('name', '=', "Asesor juga melatih calon asesi")])
    review = Review(risk=risk, date=today)
    review.decision = (
        "Pengendalian memadai; pantau jumlah asesor yang juga pelatih.")
    review.likelihood = '3'
    review.impact = '4'
    review.save()


#: the steps of the demo of lsp_mutu, in order
STEPS = [
    load_komite,
    load_audit,
    load_nonconformities,
    load_risks,
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


def load_external_audit(shared):
    """The surveillance of the licence by BNSP this year, reported: its minor
    finding opened a non-conformity; it waits to be closed"""
    today = dt.date.today()
    as_user('direktur_mutu')
    External = Model.get('lsp.mutu.external.audit')
    Clause = Model.get('lsp.mutu.clause')
    team = "Tim Surveilans Lisensi BNSP %s" % today.year
    if External.find([('team', '=', team)]):
        return
    external = External(body='bnsp', kind='surveillance', date=today)
    external.team = team
    finding = external.lines.new(
        question="Rekaman verifikasi TUK sewaktu tidak lengkap")
    finding.result = 'minor'
    finding.clause, = Clause.find([
            ('standard', '=', 'pbnsp_201'), ('code', '=', '9.4')])
    external.save()
    external.click('report')


def load_document_revision(shared):
    """The quality manual, a controlled document in force: its first
    revision effective, the second submitted to the Direktur Manajemen Mutu"""
    as_user('sekretaris')
    Document = Model.get('lsp.document')
    Position = Model.get('lsp.position')
    Revision = Model.get('lsp.mutu.document.revision')
    if Document.find([('number', '=', 'PM-LSPPI-01')]):
        return
    manual = Document(kind='panduan_mutu', number='PM-LSPPI-01')
    manual.title = "Panduan Mutu LSP Perkoperasian Indonesia"
    manual.controlled = True
    manual.owner_position, = Position.find([('code', '=', 'DMM')])
    manual.review_interval_months = 12
    manual.distribution.extend(
        Position.find([('code', 'in', ['KEP', 'DSR'])]))
    manual.save()
    manual.click('put_in_force')
    first = Revision(document=manual)
    first.change_summary = "Terbitan pertama Panduan Mutu."
    first.file = b'%PDF-1.4 Panduan Mutu LSP revisi 1'
    first.file_name = 'panduan-mutu-r1.pdf'
    first.save()
    first.click('submit')
    as_user('direktur_mutu')
    first = Revision(first.id)
    first.click('approve')
    first.click('make_effective')
    as_user('sekretaris')
    second = Revision(document=Document(manual.id))
    second.change_summary = (
        "Menambah prosedur banding dan keluhan (ISO/IEC 17024 9.8-9.9).")
    second.save()
    second.click('submit')


STEPS.extend([
    load_external_audit,
    load_document_revision,
    ])
