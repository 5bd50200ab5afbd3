"""Settings shared by every environment. Defaults are embedded so that a fresh clone runs as is:
SQLite, a filesystem Celery broker and e-mail written to files, all under var/."""

from datetime import timedelta

from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, VAR_DIR, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

PORTAL_ORGANISATION_NAME = env("PORTAL_ORGANISATION_NAME", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "axes",
    "csp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Ours, lowest layer first: core <- units <- documents <- {appeals, media_relations, protocol}.
    "core",
    "units",
    "documents",
    "appeals",
    "media_relations",
    "protocol",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ApiErrorShapeMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PortalLocaleMiddleware",
    "core.middleware.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.zones.UserTimeZoneMiddleware",
    "core.middleware.RejectNullCharactersMiddleware",
    "core.middleware.PageRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # last, as django-axes asks: it turns a locked-out login into the lockout answer
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # the embedded default serves a few clerks at once: readers never block the writer (WAL), a writer
    # waits for the lock instead of failing, and a transaction takes the write lock when it begins, so
    # two transactions cannot both read and then deadlock on upgrading to write ("database is locked")
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=20),
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # shared by the web server and the Celery worker (the calendar's invalidation stamp lives here)
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "cache")}}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:staff-home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Azerbaijani is the default; Russian and English are complete.
LANGUAGE_CODE = "az"
LANGUAGES = [("az", "Azərbaycanca"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "portal_language"
USE_I18N = True
FORMAT_MODULE_PATH = ["config.formats"]  # English short dates as read here: 06.12.2026
TIME_ZONE = "Asia/Baku"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: every message Django sends goes into the outbox table (same transaction as the change that
# caused it); the outbox task delivers it through the backend EMAIL_URL describes.
_email = env.email_url("EMAIL_URL", default="filemail://")
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend" and not _email.get("EMAIL_FILE_PATH"):
    # the default, under var/ (a path inside the URL would come back relative and land wherever the process starts)
    _email["EMAIL_FILE_PATH"] = str(VAR_DIR / "mail")
EMAIL_BACKEND = "core.mail.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
OUTBOX_DELIVERY_OPTIONS = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    "file_path": _email.get("EMAIL_FILE_PATH"),
    "timeout": env.int("EMAIL_TIMEOUT", default=10),
}
OUTBOX_DELIVERY_OPTIONS = {k: v for k, v in OUTBOX_DELIVERY_OPTIONS.items() if v not in (None, "")}
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=12)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@ministry.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: a broker that needs no server by default (files under var/), Redis when configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost//")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker" / "queue"),
        "data_folder_out": str(VAR_DIR / "broker" / "queue"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        # the exchange tables; without this kombu writes them to ./control in whatever folder the worker starts
        "control_folder": str(VAR_DIR / "broker" / "control"),
        "store_processed": False,
        "polling_interval": 0.5,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_TIMER_PRECISION = 0.2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# How many reverse proxies of ours stand in front of the portal. Each appends the address it saw to
# X-Forwarded-For, so the client is the entry that many places from the right; anything to its left was
# written by the client and is never believed. 0 (the default): the peer address is the client. One
# number for the page limiter, django-axes and DRF's throttles alike (core.ratelimit.client_address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    # the token comes first so that an anonymous request is told (401, WWW-Authenticate: Token) how to log in
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["core.filters.PortalFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", default="60/minute"),
        "user": env("API_USER_RATE", default="600/minute"),
        "token": env("API_TOKEN_RATE", default="10/minute"),
        "regulation_preview": env("RATE_LIMIT_REGULATION_PREVIEW", default="20/hour"),
        "appeal_submit": env("RATE_LIMIT_APPEAL_SUBMIT", default="10/hour"),
        "journalist_apply": env("RATE_LIMIT_JOURNALIST_APPLY", default="20/hour"),
    },
    # only the configured proxies' X-Forwarded-For is believed (see TRUSTED_PROXY_COUNT)
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ministry Portal API",
    "DESCRIPTION": "Units and regulations, execution control, appeals, media relations and protocol.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999}},
    "ENUM_NAME_OVERRIDES": {
        "TermUnitEnum": "documents.models.TermUnit",
        "UnitKindEnum": "units.models.UnitKind",
        "ClauseKindEnum": "units.models.ClauseKind",
        "CardStateEnum": "documents.models.ControlCard.State",
        "DocumentStateEnum": "documents.models.Document.State",
        "DirectionEnum": "documents.models.Direction",
        "AccessLevelEnum": "documents.models.AccessLevel",
        "WorkPlanStateEnum": "documents.models.WorkPlan.State",
        "ReportOutcomeEnum": "documents.models.AssignmentReport.Outcome",
        "AssignmentRoleEnum": "documents.models.Assignment.Role",
        "ApprovalStepKindEnum": "documents.models.ApprovalStep.Kind",
        "ApprovalStepStateEnum": "documents.models.ApprovalStep.State",
        "ApprovalRouteStateEnum": "documents.models.ApprovalRoute.State",
        "DraftStateEnum": "documents.models.OutgoingDraft.State",
        "DisposalActStateEnum": "documents.models.DisposalAct.State",
        "WorkPlanReportStateEnum": "documents.models.WorkPlanReport.State",
        "CaseStateEnum": "appeals.models.Case.State",
        "CaseTypeEnum": "appeals.models.CaseType",
        "AppealKindEnum": "appeals.models.AppealKind",
        "CaseChannelEnum": "appeals.models.Channel",
        "CaseOutcomeEnum": "appeals.models.Outcome",
        "ReceptionBookingStateEnum": "appeals.models.ReceptionBooking.State",
        "OutletKindEnum": "media_relations.models.MediaOutlet.Kind",
        "AccreditationKindEnum": "media_relations.models.Accreditation.Kind",
        "AccreditationStateEnum": "media_relations.models.Accreditation.State",
        "PressEventKindEnum": "media_relations.models.PressEvent.Kind",
        "PressEventStateEnum": "media_relations.models.PressEvent.State",
        "EventRegistrationStateEnum": "media_relations.models.EventRegistration.State",
        "PressReleaseLanguageEnum": "media_relations.models.PressRelease.Language",
        "PressReleaseStateEnum": "media_relations.models.PressRelease.State",
        "MentionToneEnum": "media_relations.models.MediaMention.Tone",
        "ArchiveItemKindEnum": "media_relations.models.ArchiveItem.Kind",
        "ArchiveAccessEnum": "media_relations.models.ArchiveItem.Access",
        "SubscriptionKindEnum": "media_relations.models.Subscription.Kind",
        "PartnerKindEnum": "protocol.models.Partner.Kind",
        "VisitStateEnum": "protocol.models.Visit.State",
        "VisitDirectionEnum": "protocol.models.Visit.Direction",
        "DelegationRoleEnum": "protocol.models.DelegationMember.Role",
        "AgreementKindEnum": "protocol.models.Agreement.Kind",
        "ObligationStateEnum": "protocol.models.Obligation.State",
        "MinutesStateEnum": "protocol.models.Meeting.MinutesState",
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # no e-mail address, phone number or private link in any log line (core.logging)
    "filters": {"personal_data": {"()": "core.logging.PersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # every failed login is an INFO line in django-axes; lockouts (WARNING) are what operators need
    "loggers": {"axes": {"level": "WARNING"},
                # the development server's request lines (make run), through the same filter as every other line
                "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

PORTAL_NAME = _("Ministry Portal")
# a list filter left empty means every value, and says so in the reader's language (django-filter shows "---------")
FILTERS_EMPTY_CHOICE_LABEL = _("all")
# an entry form's empty choice says "choose" or "none" instead of dashes (core.forms.PortalFormRenderer)
FORM_RENDERER = "core.forms.PortalFormRenderer"
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
DEMO_PASSWORD = env("DEMO_PASSWORD", default="portal-demo")

# Execution control (domain.md §3.3): when reminders and escalations go out, in working days.
CONTROL_DUE_SOON_WORKING_DAYS = env.int("CONTROL_DUE_SOON_WORKING_DAYS", default=2)
CONTROL_ESCALATE_AFTER_WORKING_DAYS = env.int("CONTROL_ESCALATE_AFTER_WORKING_DAYS", default=3)
# A visa or signature waiting longer than this many working days reminds its approver (once).
APPROVAL_REMIND_AFTER_WORKING_DAYS = env.int("APPROVAL_REMIND_AFTER_WORKING_DAYS", default=2)
# how long before an agreement expires (or before its renewal must be decided) its unit and the protocol service hear
PROTOCOL_EXPIRY_ALERT_DAYS = env.int("PROTOCOL_EXPIRY_ALERT_DAYS", default=60)

# Public HTML endpoints, per client address (the API uses DRF throttles above).
PUBLIC_RATE_LIMITS = {
    "pages": env("RATE_LIMIT_PAGES", default="300/m"),
    "search": env("RATE_LIMIT_SEARCH", default="60/m"),
    "calculator": env("RATE_LIMIT_CALCULATOR", default="60/m"),
    "login": env("RATE_LIMIT_LOGIN", default="10/m"),
    "password_reset": env("RATE_LIMIT_PASSWORD_RESET", default="5/m"),
    "regulation_preview": env("RATE_LIMIT_REGULATION_PREVIEW", default="20/hour"),
    "bad_token": env("RATE_LIMIT_BAD_TOKEN", default="10/m"),
    "appeal_submit": env("RATE_LIMIT_APPEAL_SUBMIT", default="10/h"),
    "appeal_track": env("RATE_LIMIT_APPEAL_TRACK", default="120/m"),
    "journalist_join": env("RATE_LIMIT_JOURNALIST_JOIN", default="10/h"),
    "press_verify": env("RATE_LIMIT_PRESS_VERIFY", default="60/m"),
}

# Login lockout (django-axes) for every login form (site, admin, API token endpoint): an account, and
# separately an address, is locked for AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT wrong passwords.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "core.errors.lockout_response"
AXES_VERBOSE = False

# API tokens (django-rest-knox), named and with an expiry; only their digests are stored.
KNOX_TOKEN_MODEL = "core.ApiToken"
# knox's own migrations create its default token table even when the model is swapped for ours; without
# them no such orphan table exists (it would reference users and block flushes and user deletion)
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_MODEL": "core.ApiToken",
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DEFAULT_DAYS", default=90)),
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": None,
}
API_TOKEN_MAX_DAYS = 365

# Largest request body the API reads (bytes); bigger ones get 413 before anything parses them.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=2_500_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
# Attachments (documents, reports, appeals…): size of one file and files per item
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_MB", default=10) * 1024 * 1024
ATTACHMENT_MAX_COUNT = env.int("ATTACHMENT_MAX_COUNT", default=20)
# a multipart upload (attachments) may be larger; each file is still checked against ATTACHMENT_MAX_BYTES
API_MAX_UPLOAD_BYTES = env.int("API_MAX_UPLOAD_BYTES", default=52_428_800)

# Content-Security-Policy (django-csp): our own origin only; inline script only with the page's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
