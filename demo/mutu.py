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
