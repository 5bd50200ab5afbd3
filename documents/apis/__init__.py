"""apis of the documents app, by concept."""

from documents.apis.approval import *  # noqa: F403
from documents.apis.archive import *  # noqa: F403
from documents.apis.control import *  # noqa: F403
from documents.apis.drafts import *  # noqa: F403
from documents.apis.execution import *  # noqa: F403
from documents.apis.plans import *  # noqa: F403
from documents.apis.registry import *  # noqa: F403
