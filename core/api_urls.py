from django.urls import path

from core import apis

urlpatterns = [
    path("me/", apis.MeApi.as_view(), name="me"),
    path("notifications/", apis.NotificationListApi.as_view(), name="notification-list"),
    path("auth/token/", apis.ApiTokenObtainApi.as_view(), name="token-obtain"),
    path("auth/tokens/", apis.ApiTokenListApi.as_view(), name="token-list"),
    path("auth/tokens/<str:token_key>/", apis.ApiTokenRevokeApi.as_view(), name="token-revoke"),
]
