"""Comparing two versions of a document (goals, canvas) from `?a=&b=`."""

from gilde.core.versioning import version_diff


def compare(request, versions: list, labels: dict) -> dict:
    """The context `components/versions/*.html` need: the chosen pair (defaults: the last two),
    and their differences when both exist."""
    found = {v.number: v for v in versions}
    chosen = []
    for key, default in (("a", 1), ("b", 0)):
        raw = request.GET.get(key, "")
        number = int(raw) if raw.isdigit() and len(raw) < 9 else None
        if number is None and len(versions) > default:
            number = versions[default].number
        chosen.append(number)
    older, newer = found.get(chosen[0]), found.get(chosen[1])
    rows = []
    if older and newer and "a" in request.GET:
        if older.number > newer.number:
            older, newer = newer, older
        rows = version_diff(older, newer, labels)
    return {
        "rows": rows,
        "older": older,
        "newer": newer,
        "form": {"a": {"value": chosen[0]}, "b": {"value": chosen[1]}},
    }
