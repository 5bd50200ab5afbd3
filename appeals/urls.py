from django.urls import path

from appeals import reception_views, views
from appeals.models import CaseType

app_name = "appeals"
urlpatterns = [
    path("appeals/new/", views.submit, {"case_type": CaseType.APPEAL}, name="submit"),
    path("information-requests/new/", views.submit, {"case_type": CaseType.INFORMATION_REQUEST}, name="inforequest-submit"),
    path("appeals/track/", views.track_lookup, name="track-lookup"),
    path("appeals/track/<str:token>/", views.track, name="track"),
    path("appeals/track/<str:token>/letter.pdf", views.track_letter, name="track-letter"),
    path("appeals/track/<str:token>/files/<id:pk>/", views.track_file, name="track-file"),
    path("appeals/cases/", views.staff_cases, name="staff-cases"),
    path("appeals/cases/register/", views.staff_register, name="staff-register"),
    path("appeals/statistics/", views.statistics_page, name="statistics"),
    path("appeals/cases/<id:pk>/", views.staff_case, name="staff-case"),
    path("information-requests/answers/", views.published_list, name="published"),
    path("information-requests/answers/<id:pk>/", views.published_detail, name="published-detail"),
    path("reception/", reception_views.schedule, name="reception"),
    path("reception/<id:pk>/book/", reception_views.book, name="reception-book"),
    path("reception/booking/<str:token>/", reception_views.booking_page, name="reception-booking"),
    path("reception/manage/", reception_views.manage, name="reception-manage"),
    path("reception/manage/bookings/<id:pk>/record/", reception_views.record, name="reception-record"),
]
