"""selectors of the documents app, by concept."""

from documents.selectors.approval import *  # noqa: F403
from documents.selectors.control import *  # noqa: F403
from documents.selectors.plans import *  # noqa: F403
from documents.selectors.registry import *  # noqa: F403
