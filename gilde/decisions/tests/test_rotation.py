"""The fair rotation of meeting roles, as a pure function."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from gilde.decisions.rotation import roles_rotation

PEOPLE = st.lists(st.integers(1, 60), min_size=0, max_size=12, unique=True)
MEETINGS = st.lists(st.integers(100, 200), min_size=1, max_size=8, unique=True)
ROLES = st.lists(st.integers(1000, 1010), min_size=1, max_size=5, unique=True)


@given(PEOPLE, MEETINGS, ROLES, st.integers(0, 10))
def test_nobody_takes_two_roles_in_one_meeting(people, meetings, roles, seed):
    plan = roles_rotation(people, meetings, roles, seed=seed)
    assert set(plan) == {(m, r) for m in meetings for r in roles}
    for meeting in meetings:
        taken = [plan[(meeting, role)] for role in roles if plan[(meeting, role)] is not None]
        assert len(taken) == len(set(taken))
        assert len(taken) == min(len(roles), len(people))


@given(PEOPLE, MEETINGS, ROLES, st.integers(0, 10))
def test_turns_differ_by_at_most_one(people, meetings, roles, seed):
    plan = roles_rotation(people, meetings, roles, seed=seed)
    turns = Counter({person: 0 for person in people})
    turns.update(person for person in plan.values() if person is not None)
    if people:
        assert max(turns.values()) - min(turns.values()) <= 1


@given(PEOPLE, MEETINGS, ROLES, st.integers(0, 10))
def test_the_same_input_and_seed_give_the_same_rotation(people, meetings, roles, seed):
    assert roles_rotation(people, meetings, roles, seed=seed) == roles_rotation(
        list(reversed(people)), meetings, roles, seed=seed
    )


def test_people_with_fewer_turns_go_first_and_taken_roles_stay():
    plan = roles_rotation([1, 2, 3], [10], [7, 8], history={1: 5, 2: 0, 3: 0}, taken={}, seed=0)
    assert set(plan.values()) == {2, 3}
    plan = roles_rotation([1, 2, 3], [10], [7, 8], taken={(10, 7): 2}, seed=0)
    assert (10, 7) not in plan and plan[(10, 8)] in {1, 3}


def test_people_try_the_roles_they_had_least():
    for seed in range(5):
        plan = roles_rotation(
            [1, 2], [10], [7], history={1: 2, 2: 2}, role_history={(1, 7): 2}, seed=seed
        )
        assert plan[(10, 7)] == 2
