from django.urls import path

from documents import apis

urlpatterns = [
    path("deadlines/calculate/", apis.DeadlineCalculateApi.as_view(), name="deadline-calculate"),
    path("deadlines/policies/", apis.DeadlinePolicyListApi.as_view(), name="deadline-policies"),
    path("control/cards/", apis.ControlCardListApi.as_view(), name="card-list"),
    path("control/cards/<id:pk>/", apis.ControlCardDetailApi.as_view(), name="card-detail"),
    path("control/cards/<id:pk>/extend/", apis.ControlCardExtendApi.as_view(), name="card-extend"),
    path("control/cards/<id:pk>/pause/", apis.ControlCardPauseApi.as_view(), name="card-pause"),
    path("control/cards/<id:pk>/resume/", apis.ControlCardResumeApi.as_view(), name="card-resume"),
    path("control/cards/<id:pk>/report/", apis.ControlCardReportApi.as_view(), name="card-report"),
    path("control/cards/<id:pk>/close/", apis.ControlCardCloseApi.as_view(), name="card-close"),
    path("documents/", apis.DocumentListApi.as_view(), name="document-list"),
    path("documents/<id:pk>/", apis.DocumentDetailApi.as_view(), name="document-detail"),
    path("documents/<id:pk>/attachments/", apis.DocumentAttachmentsApi.as_view(), name="document-attachments"),
    path("documents/<id:pk>/resolutions/", apis.ResolutionCreateApi.as_view(), name="resolution-create"),
    path("documents/assignments/<id:pk>/report/", apis.AssignmentReportApi.as_view(), name="assignment-report"),
    path("documents/assignments/<id:pk>/hand-on/", apis.AssignmentHandOnApi.as_view(), name="assignment-hand-on"),
    path("documents/reports/<id:pk>/accept/", apis.ReportDecisionApi.as_view(decision="accept"), name="report-accept"),
    path("documents/reports/<id:pk>/return/", apis.ReportDecisionApi.as_view(decision="return"), name="report-return"),
    path("documents/approvals/", apis.ApprovalQueueApi.as_view(), name="approval-queue"),
    path("documents/approvals/<id:pk>/decide/", apis.ApprovalDecideApi.as_view(), name="approval-decide"),
    path("documents/case-files/", apis.CaseFileListApi.as_view(), name="case-file-list"),
    path("work-plans/", apis.WorkPlanListApi.as_view(), name="work-plan-list"),
    path("work-plans/new/", apis.WorkPlanCreateApi.as_view(), name="work-plan-create"),
    path("work-plans/<id:pk>/", apis.WorkPlanDetailApi.as_view(), name="work-plan-detail"),
    path("work-plans/<id:pk>/items/", apis.WorkPlanCreateItemApi.as_view(), name="work-plan-item-create"),
    path("work-plans/<id:pk>/submit/", apis.WorkPlanActionApi.as_view(action="submit"), name="work-plan-submit"),
    path("work-plans/<id:pk>/approve/", apis.WorkPlanActionApi.as_view(action="approve"), name="work-plan-approve"),
    path("work-plans/<id:pk>/return/", apis.WorkPlanActionApi.as_view(action="return"), name="work-plan-return"),
]
