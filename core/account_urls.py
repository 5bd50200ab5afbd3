from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from core.identity import portal_identity
from core.ratelimit import rate_limit


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with the message in the portal's voice: the ministry's name and how long the link works
    (Django's own says "Thanks for using our site! The localhost team")."""

    def form_valid(self, form):
        self.extra_email_context = {"organisation": portal_identity()["organisation"] or settings.PORTAL_NAME,
                                    "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)}
        return super().form_valid(form)


urlpatterns = [
    path("login/", rate_limit("login", methods=("POST",))(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", rate_limit("password_reset", methods=("POST",))(PasswordResetView.as_view()),
         name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
