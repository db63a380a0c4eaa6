from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from gilde.meetings.rotation import Person, rotation_generate

focus = st.sampled_from(["", "content", "process"])
people_lists = st.lists(
    st.builds(Person, key=st.integers(1, 60), focus=focus), max_size=15, unique_by=lambda p: p.key
)


@given(people=people_lists, meetings=st.integers(0, 30), seed=st.integers(0, 1000))
def test_rotation_is_fair_and_complete(people, meetings, seed):
    plan = rotation_generate(people, meetings, seed=seed)
    assert len(plan) == meetings
    counts = Counter({p.key: 0 for p in people})
    for turns in plan:
        keys = [turn.key for turn in turns]
        assert len(keys) == min(2, len(people))
        assert len(set(keys)) == len(keys)  # nobody paired with themselves
        counts.update(keys)
    if people and meetings:
        assert max(counts.values()) - min(counts.values()) <= 1


@given(people=people_lists, meetings=st.integers(0, 20), seed=st.integers(0, 1000))
def test_rotation_is_deterministic_given_a_seed(people, meetings, seed):
    assert rotation_generate(people, meetings, seed=seed) == rotation_generate(
        list(reversed(people)), meetings, seed=seed
    )


@given(
    content=st.integers(1, 5),
    process=st.integers(1, 5),
    meetings=st.integers(1, 20),
    seed=st.integers(0, 99),
)
def test_each_pair_covers_content_and_process_when_the_group_is_balanced(
    content, process, meetings, seed
):
    people = [Person(i, "content") for i in range(content)]
    people += [Person(100 + i, "process") for i in range(process)]
    plan = rotation_generate(people, meetings, seed=seed)
    if content == process:
        assert all({turn.focus for turn in turns} == {"content", "process"} for turns in plan)


def test_people_without_a_focus_take_the_role_left_open():
    plan = rotation_generate([Person(1, "content"), Person(2), Person(3), Person(4)], 4)
    for turns in plan:
        assert sorted(turn.focus for turn in turns) == ["content", "process"]


def test_known_complements_are_paired_before_unknowns():
    people = [Person(1, "content"), Person(2, "process"), Person(3), Person(4)]
    first = rotation_generate(people, 1)[0]
    assert {turn.key for turn in first} == {1, 2}


def test_one_person_gets_every_meeting_alone_and_nobody_gets_nothing():
    assert rotation_generate([Person(7)], 2) == [
        rotation_generate([Person(7)], 1)[0],
        rotation_generate([Person(7)], 1)[0],
    ]
    assert rotation_generate([], 3) == [(), (), ()]


def test_a_different_seed_can_give_a_different_rotation():
    people = [Person(i) for i in range(8)]
    plans = {
        tuple(tuple(t.key for t in turns) for turns in rotation_generate(people, 4, seed=s))
        for s in range(10)
    }
    assert len(plans) > 1
