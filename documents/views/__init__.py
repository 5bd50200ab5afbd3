"""views of the documents app, by concept."""

from documents.views.approval import *  # noqa: F403
from documents.views.archive import *  # noqa: F403
from documents.views.control import *  # noqa: F403
from documents.views.plans import *  # noqa: F403
from documents.views.registry import *  # noqa: F403
