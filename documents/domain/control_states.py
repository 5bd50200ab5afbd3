"""Which actions a control card allows in which state, and where each leads. Pure Python."""

OPEN, PAUSED, DONE, CANCELLED = "open", "paused", "done", "cancelled"

TRANSITIONS = {
    "extend": {OPEN: OPEN, PAUSED: PAUSED},
    "pause": {OPEN: PAUSED},
    "resume": {PAUSED: OPEN},
    "close": {OPEN: DONE, PAUSED: DONE},
    "cancel": {OPEN: CANCELLED, PAUSED: CANCELLED},
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


def allowed_actions(state):
    return [action for action, moves in TRANSITIONS.items() if state in moves]
