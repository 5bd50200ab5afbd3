from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.converters import register as register_converters

register_converters()  # before the apps' URL modules use <id:…>

api_v1 = [
    path("", include("core.api_urls")),
    path("", include("units.api_urls")),
    path("", include("documents.api_urls")),
    path("", include("appeals.api_urls")),
    path("", include("media_relations.api_urls")),
    path("", include("protocol.api_urls")),
]

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("core.account_urls")),
    path("structure/", include("units.urls")),
    path("agenda/", include("units.agenda_urls")),
    path("", include("documents.urls")),
    path("", include("appeals.urls")),
    path("", include("media_relations.urls")),
    path("", include("protocol.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "v1"), namespace="v1")),
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    # the split view serves Swagger UI's start-up script as a file, so the page needs no inline script (CSP)
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
         name="api-docs"),
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
