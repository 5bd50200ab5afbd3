"""A visit's life cycle as a pure map: state -> {action: next state}. The service performs the moves."""

PROPOSED, APPROVED, CONFIRMED, IN_PROGRESS, COMPLETED, REPORT_FILED, CANCELLED = (
    "proposed", "approved", "confirmed", "in_progress", "completed", "report_filed", "cancelled")

TRANSITIONS = {
    PROPOSED: {"approve": APPROVED, "cancel": CANCELLED},
    APPROVED: {"confirm": CONFIRMED, "cancel": CANCELLED},
    CONFIRMED: {"start": IN_PROGRESS, "cancel": CANCELLED},
    IN_PROGRESS: {"complete": COMPLETED},
    COMPLETED: {"file_report": REPORT_FILED},
    REPORT_FILED: {},
    CANCELLED: {},
}

# moves only the organisation's leadership (the minister's office) makes
LEADERSHIP_ACTIONS = frozenset({"approve"})
# a visit is planned (programme, delegation, letters) until it is over
EDITABLE_STATES = frozenset({PROPOSED, APPROVED, CONFIRMED, IN_PROGRESS})


class ForbiddenMoveError(Exception):
    def __init__(self, state, action):
        super().__init__(f"{action} is not possible from {state}")
        self.state, self.action = state, action


def next_state(state, action):
    try:
        return TRANSITIONS[state][action]
    except KeyError:
        raise ForbiddenMoveError(state, action) from None


def actions_from(state):
    return list(TRANSITIONS.get(state, {}))
