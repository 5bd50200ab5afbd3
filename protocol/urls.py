from django.urls import path

from protocol.views import registers, visits

app_name = "protocol"
urlpatterns = [
    path("protocol/", visits.visits, name="visits"),
    path("protocol/visits/<id:pk>/", visits.visit_detail, name="visit"),
    path("protocol/visits/<id:pk>/programme.pdf", visits.programme_pdf, name="programme-pdf"),
    path("protocol/visits/<id:pk>/programme.ics", visits.programme_ics, name="programme-ics"),
    path("protocol/visits/<id:pk>/delegation.xlsx", visits.delegation_xlsx, name="delegation-xlsx"),
    path("protocol/partners/", registers.partners, name="partners"),
    path("protocol/partners/<id:pk>/", registers.partner_detail, name="partner"),
    path("protocol/meetings/", registers.meetings, name="meetings"),
    path("protocol/meetings/<id:pk>/", registers.meeting_detail, name="meeting"),
    path("protocol/agreements/", registers.agreements, name="agreements"),
    path("protocol/agreements/<id:pk>/", registers.agreement_detail, name="agreement"),
    path("protocol/agreements/<id:pk>/files/<id:attachment_pk>/", registers.agreement_file, name="agreement-file"),
]
