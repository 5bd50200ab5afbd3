from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/notifications/read/", views.notifications_mark_read, name="notifications-read"),
    path("staff/tokens/", views.api_tokens, name="api-tokens"),
    path("staff/tokens/<str:token_key>/revoke/", views.api_token_revoke_page, name="api-token-revoke"),
    path("healthz", views.healthz, name="healthz"),
    path("identity/emblem", views.emblem, name="emblem"),
    path("favicon.ico", views.favicon, name="favicon"),
]
