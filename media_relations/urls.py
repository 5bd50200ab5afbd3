from django.urls import path

from media_relations.views import office, public

app_name = "media_relations"
urlpatterns = [
    path("press/", public.press, name="press"),
    path("press/feed/", public.release_feed, name="feed"),
    path("press/releases/<id:pk>/", public.release_detail, name="release-public"),
    path("press/events/", public.events, name="events"),
    path("press/events.ics", public.events_ics, name="events-ics"),
    path("press/events/<id:pk>/", public.event_detail, name="event"),
    path("press/events/<id:pk>/materials/<id:attachment_pk>/", public.event_material, name="event-material"),
    path("press/join/", public.join, name="join"),
    path("press/join/sent/", public.join_sent, name="join-sent"),
    path("press/join/confirm/<str:uidb64>/<str:token>/", public.confirm, name="confirm"),
    path("press/accreditation/", public.my_accreditation, name="my-accreditation"),
    path("press/accreditation/<id:pk>/badge.pdf", public.badge, name="badge"),
    path("press/accreditation/verify/<str:token>/", public.verify, name="verify"),
    path("press/registrations/<id:pk>/cancel/", public.registration_withdraw, name="registration-cancel"),
    path("press/office/", office.office, name="office"),
    path("press/office/accreditations/", office.accreditations, name="accreditations"),
    path("press/office/accreditations/<id:pk>/", office.accreditation, name="accreditation"),
    path("press/office/accreditations/<id:pk>/files/<id:attachment_pk>/", office.accreditation_file, name="accreditation-file"),
    path("press/office/events/", office.events, name="events-office"),
    path("press/office/events/<id:pk>/", office.event_manage, name="event-manage"),
    path("press/office/releases/", office.releases, name="releases"),
    path("press/office/releases/<id:pk>/", office.release, name="release"),
    path("press/office/mentions/", office.mentions, name="mentions"),
    path("press/office/mentions/import/", office.mentions_import, name="mentions-import"),
    path("press/office/mentions/report/", office.mentions_report, name="mentions-report"),
    path("press/office/mentions/<id:pk>/", office.mention, name="mention"),
    path("press/office/outlets/", office.outlets, name="outlets"),
    path("press/archive/", office.archive, name="archive"),
    path("press/archive/<id:pk>/", office.archive_item, name="archive-item"),
    path("press/archive/<id:pk>/thumbnail.jpg", office.archive_thumbnail, name="archive-thumbnail"),
    path("press/archive/<id:pk>/files/<id:attachment_pk>/", office.archive_file, name="archive-file"),
    path("press/office/subscriptions/", office.subscriptions, name="subscriptions"),
]
