"""A fair rotation of meeting roles (host, timekeeper, note-taker, …) over the coming meetings.

Pure Python, no Django; the same approach as the facilitation rotation (gilde/meetings/rotation.py),
for roles instead of pairs. Given the people who take roles, the meetings in order and each
meeting's open roles, `roles_rotation` suggests one person per open role such that:

* nobody takes two roles in one meeting (a role stays open when there are more roles than
  people);
* turns go to whoever has had the fewest so far, counting the turns before (`history`) and
  roles already taken at the meetings (`taken`): without history, everybody's number of
  suggested turns differs by at most one;
* among them, to whoever held this role least often, so people try different roles;
* the result depends only on the input and the seed.
"""

import random
from collections import Counter
from collections.abc import Mapping, Sequence


def roles_rotation(
    people: Sequence[int],
    meetings: Sequence[int],
    roles: Sequence[int],
    *,
    taken: Mapping[tuple[int, int], int] | None = None,
    history: Mapping[int, int] | None = None,
    role_history: Mapping[tuple[int, int], int] | None = None,
    seed: int = 0,
) -> dict[tuple[int, int], int | None]:
    """{(meeting, role): person or None} for every role of every meeting that `taken` (a
    {(meeting, role): person} of what is assigned already) leaves open."""
    taken = dict(taken or {})
    unique = sorted(set(people))
    rng = random.Random(seed)
    order = {person: rng.random() for person in unique}  # the seed's tie-break
    counts = Counter({person: 0 for person in unique})
    counts.update({p: n for p, n in (history or {}).items() if p in counts})
    per_role = Counter({key: n for key, n in (role_history or {}).items() if key[0] in counts})
    for (_meeting, role), person in taken.items():
        if person in counts:
            counts[person] += 1
            per_role[(person, role)] += 1
    suggestion: dict[tuple[int, int], int | None] = {}
    for meeting in meetings:
        used = {person for (m, _role), person in taken.items() if m == meeting}
        for role in roles:
            if (meeting, role) in taken:
                continue
            free = [person for person in unique if person not in used]
            if not free:
                suggestion[(meeting, role)] = None
                continue
            chosen = min(
                free,
                key=lambda p: (counts[p], per_role[(p, role)], order[p], p),
            )
            suggestion[(meeting, role)] = chosen
            used.add(chosen)
            counts[chosen] += 1
            per_role[(chosen, role)] += 1
    return suggestion
