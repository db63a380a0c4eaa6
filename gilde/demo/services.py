"""Loading the demo: two CoPs with their people, written so that running it again changes nothing.

Accounts are matched by e-mail, organisations by name and CoPs by slug, and updated in place.
Audit entries and join dates are written only when a membership is new, backdated along a
plausible timeline so the audit log reads like a CoP that started a few months ago.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from gilde.accounts.models import Organisation, User
from gilde.communities.models import (
    Application,
    ApplicationStatus,
    Community,
    Membership,
    Role,
    StepMark,
)
from gilde.communities.services import community_create
from gilde.core.audit import audit_log
from gilde.core.models import AuditEntry
from gilde.guide.models import CustomWorkForm

from . import data
from .api import load_api
from .communicate import load_communicate
from .decisions import load_decisions
from .group import load_group
from .home import load_home
from .impact import load_impact
from .learning import load_learning
from .meetings import load_meetings
from .monitoring import load_monitoring
from .question import load_question


@dataclass
class DemoResult:
    main: Community
    open: Community
    users_created: int
    memberships_created: int


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _log(*, community, actor, action: str, when: datetime, **fields) -> None:
    entry = audit_log(community=community, actor=actor, action=action, **fields)
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=when)


def _password_hash() -> str:
    """One hash of the demo password for every account. An existing demo account's hash is reused
    when it still matches, so a second run leaves the password fields as they are."""
    emails = [person.email for person in data.PEOPLE]
    existing = User.objects.filter(email__in=emails).values_list("password", flat=True).first()
    if existing and check_password(data.PASSWORD, existing):
        return existing
    return make_password(data.PASSWORD)


def _organisations() -> dict[str, Organisation]:
    organisations = {}
    for name in data.ORGANISATIONS:
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(name=name)
        organisations[name] = organisation
    return organisations


def _users(password: str) -> tuple[dict[str, User], int]:
    organisations = _organisations()
    users, created = {}, 0
    for person in data.PEOPLE:
        fields = {
            "name": person.name,
            "organisation": organisations[person.organisation],
            "function": person.function,
            "discipline": person.discipline,
            "industry": data.ORGANISATIONS[person.organisation],
            "knowledge_type": person.knowledge_type,
            "language": "nl",
            "is_active": True,
            "password": password,
        }
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User.objects.create(
                email=person.email, email_confirmed_at=timezone.now(), **fields
            )
            created += 1
        else:
            if user.email_confirmed_at is None:
                fields["email_confirmed_at"] = timezone.now()
            changed = [name for name, value in fields.items() if getattr(user, name) != value]
            if changed:
                for name in changed:
                    setattr(user, name, fields[name])
                user.save(update_fields=changed)
        users[person.email] = user
    return users, created


def _community(*, spec: dict, initiator: User, start: date, created: datetime) -> Community:
    fields = {key: value for key, value in spec.items() if key != "slug"}
    community = Community.objects.filter(slug=spec["slug"]).first()
    if community is None:
        community = community_create(
            creator=initiator, slug=spec["slug"], start_date=start, **fields
        )
        Community.objects.filter(pk=community.pk).update(created_at=created)
        community.memberships.filter(user=initiator).update(joined_at=created)
        community.audit_entries.filter(action="community.created").update(created_at=created)
        return community
    # The start date stays as first loaded, so later data hung on it keeps its place in time.
    changed = [name for name, value in fields.items() if getattr(community, name) != value]
    if changed:
        for name in changed:
            setattr(community, name, fields[name])
        community.save(update_fields=changed)
    return community


def _ensure_member(*, community: Community, user: User, role: str, focus: str = "") -> bool:
    """Give `user` exactly this role; True when the membership is new (and needs its history)."""
    membership = community.memberships.filter(user=user).first()
    if membership is None:
        Membership.objects.create(community=community, user=user, role=role, focus=focus)
        return True
    if (membership.role, membership.focus) != (role, focus):
        membership.role, membership.focus = role, focus
        membership.save(update_fields=["role", "focus"])
    return False


def _joined(*, community: Community, user: User, when: datetime) -> None:
    community.memberships.filter(user=user).update(joined_at=when)


def _load_main(users: dict[str, User], today: date) -> tuple[Community, int]:
    # A Tuesday about three months ago; invitations went out in the weeks before.
    start = _weekday_on_or_before(today - timedelta(days=91), 1)
    initiator = users[data.MAIN_INITIATOR]
    community = _community(
        spec=data.MAIN_COMMUNITY,
        initiator=initiator,
        start=start,
        created=_moment(start - timedelta(days=70), 9),
    )
    _ensure_member(community=community, user=initiator, role=Role.INITIATOR)
    content_facilitator = users["facilitator@example.org"]
    first_roles = {email: old for email, old, _new in data.MAIN_ROLE_CHANGES}
    created = 0
    for index, member in enumerate(data.MAIN_MEMBERS):
        user = users[member.email]
        if not _ensure_member(community=community, user=user, role=member.role, focus=member.focus):
            continue
        created += 1
        if member.role in (Role.FACILITATOR, Role.OBSERVER) and member.email not in first_roles:
            inviter, invited = initiator, start - timedelta(days=68 - index)
        else:
            inviter, invited = content_facilitator, start - timedelta(days=56 - index % 4)
        accepted = invited + timedelta(days=2 + index % 9)
        role = first_roles.get(member.email, member.role)
        if member.via == "application":
            _log(
                community=community,
                actor=user,
                action="application.submitted",
                member=user.name,
                when=_moment(accepted - timedelta(days=3), 14),
            )
            _log(
                community=community,
                actor=content_facilitator,
                action="application.approved",
                member=user.name,
                when=_moment(accepted, 11),
            )
        else:
            _log(
                community=community,
                actor=inviter,
                action="invitation.sent",
                email=user.email,
                role=role,
                when=_moment(invited, 9 + index % 3),
            )
            _log(
                community=community,
                actor=user,
                action="invitation.accepted",
                member=user.name,
                role=role,
                when=_moment(accepted, 16),
            )
        _joined(community=community, user=user, when=_moment(accepted, 16))
        if member.email in first_roles:
            _log(
                community=community,
                actor=initiator,
                action="member.role_changed",
                member=user.name,
                old_role=first_roles[member.email],
                new_role=member.role,
                when=_moment(start - timedelta(days=20), 13),
            )

    applicant = users[data.APPLICATION["email"]]
    already = (
        community.memberships.filter(user=applicant).exists()
        or community.applications.filter(user=applicant).exists()
    )
    if not already:
        submitted = _moment(today - timedelta(days=4), 20)
        Application.objects.create(
            community=community,
            user=applicant,
            motivation=data.APPLICATION["motivation"],
            status=ApplicationStatus.PENDING,
            created_at=submitted,
        )
        _log(
            community=community,
            actor=applicant,
            action="application.submitted",
            member=applicant.name,
            when=submitted,
        )
    return community, created


def _load_open(users: dict[str, User], today: date) -> tuple[Community, int]:
    # A Thursday about five weeks ago.
    start = _weekday_on_or_before(today - timedelta(days=35), 3)
    initiator = users[data.OPEN_INITIATOR]
    community = _community(
        spec=data.OPEN_COMMUNITY,
        initiator=initiator,
        start=start,
        created=_moment(start - timedelta(days=28), 15),
    )
    _ensure_member(community=community, user=initiator, role=Role.INITIATOR)
    created = 0
    for index, member in enumerate(data.OPEN_MEMBERS):
        user = users[member.email]
        if not _ensure_member(community=community, user=user, role=member.role, focus=member.focus):
            continue
        created += 1
        joined = _moment(start - timedelta(days=21 - 3 * index), 12)
        if member.role == Role.FACILITATOR:
            _log(
                community=community,
                actor=initiator,
                action="invitation.sent",
                email=user.email,
                role=member.role,
                when=joined - timedelta(days=2),
            )
            _log(
                community=community,
                actor=user,
                action="invitation.accepted",
                member=user.name,
                role=member.role,
                when=joined,
            )
        else:
            _log(
                community=community,
                actor=user,
                action="member.joined",
                member=user.name,
                role=member.role,
                when=joined,
            )
        _joined(community=community, user=user, when=joined)
    return community, created


def demo_exists() -> bool:
    """Whether the demo's main CoP has been loaded."""
    return Community.objects.filter(slug=data.MAIN_SLUG).exists()


def demo_logins() -> list[tuple[str, str]]:
    """The demo logins to show an operator, as (label, e-mail), for accounts that exist."""
    existing = set(
        User.objects.filter(email__in=[email for _label, email in data.LOGINS]).values_list(
            "email", flat=True
        )
    )
    return [(label, email) for label, email in data.LOGINS if email in existing]


OWN_WORK_FORM = {
    "name": "Voorwerp uit je werkweek",
    "purpose": (
        "Een opening die meteen bij de praktijk begint: iedereen neemt een voorwerp mee dat "
        "iets zegt over de afgelopen zes weken."
    ),
    "how_to": (
        "1. Leg de voorwerpen in het midden (2 min).\n"
        "2. In drietallen vertelt ieder in twee minuten wat het voorwerp over het werk "
        "zegt (8 min).\n"
        "3. Plenair: welke vraag nemen we mee naar vandaag? (5 min)"
    ),
    "min_minutes": 15,
    "max_minutes": 20,
    "stages": ["trio", "plenary"],
    "min_group": 6,
    "max_group": 30,
    "tgi": ["i", "we"],
    "sides": ["creative", "intuitive"],
    "purposes": ["connect", "share-practice"],
    "steps": [4, 7],
}


def _load_guide_extras(community: Community, users: dict[str, User]) -> None:
    """The main CoP's own work form, and the facilitators' judgement that step 4 is done."""
    facilitator = users["facilitator@example.org"]
    if not community.work_forms.filter(name=OWN_WORK_FORM["name"]).exists():
        CustomWorkForm.objects.create(community=community, created_by=facilitator, **OWN_WORK_FORM)
    StepMark.objects.get_or_create(
        community=community,
        step=4,
        defaults={
            "done": True,
            "note": "Sanne (inhoud) en Ruben (proces) begeleiden samen; de rollen zijn verdeeld.",
            "marked_by": facilitator,
        },
    )


def demo_fill(*, community: Community, users: dict[str, User], now: datetime) -> None:
    """Fill a CoP with the main demo CoP's work in every app; `users` maps the demo's e-mail
    addresses to the accounts that play those people (the scale seeder passes copies)."""
    load_question(community=community, users=users, start=community.start_date)
    load_group(community=community, users=users)
    load_impact(community=community)
    load_meetings(community=community, users=users, now=now)
    load_learning(community=community, users=users, now=now)
    load_monitoring(community=community, users=users, now=now)
    load_decisions(community=community, users=users, now=now)
    load_api(community=community, users=users, now=now)
    load_home(community=community, users=users, now=now)
    load_communicate(community=community, users=users, now=now)


@transaction.atomic
def demo_load(*, stdout=None) -> DemoResult:
    """Create or refresh the demo CoPs and accounts (password `gilde-demo`). Safe to repeat."""
    today = timezone.localdate()
    users, users_created = _users(_password_hash())
    main, main_created = _load_main(users, today)
    open_, open_created = _load_open(users, today)
    _load_guide_extras(main, users)
    demo_fill(community=main, users=users, now=timezone.now())
    result = DemoResult(
        main=main,
        open=open_,
        users_created=users_created,
        memberships_created=main_created + open_created,
    )
    if stdout is not None:
        stdout.write(
            f"Demo geladen: {main.name} en {open_.name}; "
            f"{users_created} nieuwe accounts, {result.memberships_created} nieuwe lidmaatschappen."
        )
    return result
