from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("control/calculator/", views.calculator, name="calculator"),
    path("control/my/", views.my_control_page, name="my-control"),
    path("control/units/", views.unit_control_page, name="unit-control"),
    path("control/cards/<id:pk>/", views.card_detail, name="card"),
    path("control/cards/<id:pk>/<str:action>/", views.card_action, name="card-action"),
    path("documents/", views.registry, name="registry"),
    path("documents/register/", views.document_register_page, name="document-register"),
    path("documents/<id:pk>/", views.document_page, name="document"),
    path("documents/<id:pk>/letter.pdf", views.document_letter_pdf, name="document-letter"),
    path("documents/attachments/<id:pk>/", views.attachment_download, name="attachment"),
    path("documents/archive/", views.archive_page, name="archive"),
    path("documents/archive/disposal/", views.disposal_create_page, name="disposal-create"),
    path("documents/archive/disposal/<id:pk>/approve/", views.disposal_approve_page, name="disposal-approve"),
    path("documents/drafts/", views.drafts_page, name="drafts"),
    path("documents/drafts/<id:pk>/", views.draft_page, name="draft"),
    path("documents/drafts/<id:pk>/letter.pdf", views.draft_letter_pdf, name="draft-letter"),
    path("documents/approvals/", views.approval_queue_page, name="approval-queue"),
    path("documents/approvals/<id:pk>/decide/", views.approval_decide_page, name="approval-decide"),
    path("documents/approvals/routes/<id:pk>/withdraw/", views.approval_withdraw_page, name="approval-withdraw"),
    path("documents/<id:pk>/resolution/", views.resolution_page, name="resolution"),
    path("documents/assignments/<id:pk>/report/", views.assignment_report_page, name="assignment-report"),
    path("documents/assignments/<id:pk>/hand-on/", views.assignment_hand_on_page, name="assignment-hand-on"),
    path("documents/reports/<id:pk>/<str:decision>/", views.report_decision_page, name="report-decision"),
    path("plans/", views.plans_page, name="plans"),
    path("plans/<id:pk>/", views.plan_page, name="plan"),
    path("plans/<id:pk>/report/", views.plan_report_page, name="plan-report"),
]
