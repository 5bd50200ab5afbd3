"""Which actions a control card allows in which state, where each leads, and who may take it. Pure Python.

Two roles: the executor does the work and reports; the controller (a head, deputy or acting head of the
responsible unit or above, or the registry that put the card under control) extends, closes or cancels.
Either may stop and restart the clock (e.g. waiting for an appellant's clarification)."""

OPEN, PAUSED, DONE, CANCELLED = "open", "paused", "done", "cancelled"
EXECUTOR, CONTROLLER = "executor", "controller"

TRANSITIONS = {
    "extend": {OPEN: OPEN, PAUSED: PAUSED},
    "pause": {OPEN: PAUSED},
    "resume": {PAUSED: OPEN},
    "report": {OPEN: OPEN, PAUSED: PAUSED},
    "close": {OPEN: DONE, PAUSED: DONE},
    "cancel": {OPEN: CANCELLED, PAUSED: CANCELLED},
}

PERMITTED_ROLES = {
    "extend": {CONTROLLER},
    "pause": {EXECUTOR, CONTROLLER},
    "resume": {EXECUTOR, CONTROLLER},
    "report": {EXECUTOR},
    "close": {CONTROLLER},
    "cancel": {CONTROLLER},
}


class ForbiddenTransitionError(Exception):
    def __init__(self, action, state):
        super().__init__(f"{action} is not possible in state {state}")
        self.action, self.state = action, state


def next_state(action, state):
    try:
        return TRANSITIONS[action][state]
    except KeyError:
        raise ForbiddenTransitionError(action, state) from None


def is_permitted(action, roles):
    return bool(PERMITTED_ROLES[action] & set(roles))


def allowed_actions(state, roles=None):
    """The actions possible in `state`; with `roles`, only those someone holding them may take."""
    return [action for action, moves in TRANSITIONS.items()
            if state in moves and (roles is None or is_permitted(action, roles))]
