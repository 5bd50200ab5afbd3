"""Documents: execution control (control.py) and the registry with its shared mechanisms (registry.py):
registration numbering, case files, documents and the attachment store."""

from documents.models.approval import *  # noqa: F403
from documents.models.control import *  # noqa: F403
from documents.models.control import POLICY_CODE_PATTERN, POLICY_CODE_VALIDATOR  # noqa: F401
from documents.models.execution import *  # noqa: F403
from documents.models.plans import *  # noqa: F403
from documents.models.registry import *  # noqa: F403
