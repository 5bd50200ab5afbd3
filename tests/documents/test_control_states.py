"""The control card's transition map, without Django."""

import pytest

from documents.domain.control_states import ForbiddenTransitionError, allowed_actions, next_state


@pytest.mark.parametrize(("action", "state", "result"), [
    ("pause", "open", "paused"), ("resume", "paused", "open"), ("close", "open", "done"), ("close", "paused", "done"),
    ("cancel", "paused", "cancelled"), ("extend", "paused", "paused"),
])
def test_allowed_moves(action, state, result):
    assert next_state(action, state) == result


@pytest.mark.parametrize(("action", "state"), [("pause", "paused"), ("resume", "open"), ("extend", "done"), ("close", "cancelled")])
def test_forbidden_moves(action, state):
    with pytest.raises(ForbiddenTransitionError):
        next_state(action, state)


def test_a_closed_card_allows_nothing():
    assert allowed_actions("done") == [] and allowed_actions("cancelled") == []
