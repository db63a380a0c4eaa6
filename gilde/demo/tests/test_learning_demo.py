"""The demo's step 7: records at every tier (mostly private), goals in two versions for some,
experiments in every status, two rounds of buddies without repeats, a canvas with six steps."""

import itertools

import pytest
from django.db.models import Count

from gilde.communities.models import Community
from gilde.demo import data
from gilde.demo.learning import load_learning
from gilde.demo.services import demo_load
from gilde.learning.models import (
    BuddyPeriod,
    Entry,
    Experiment,
    ExperimentStatus,
    GoalsVersion,
    Tier,
)


@pytest.mark.django_db
def test_the_demo_fills_step_seven():
    demo_load()
    cop = Community.objects.get(slug=data.MAIN_SLUG)
    tiers = dict(Entry.objects.filter(community=cop).values_list("tier").annotate(n=Count("pk")))
    assert {Tier.PRIVATE, Tier.BUDDY, Tier.FACILITATORS, Tier.GROUP} <= set(tiers)
    assert tiers[Tier.PRIVATE] > sum(tiers.values()) / 2
    assert cop.learning_records.count() == 20
    assert GoalsVersion.objects.filter(community=cop, number=2).exists()
    statuses = set(Experiment.objects.filter(community=cop).values_list("status", flat=True))
    assert statuses == set(ExperimentStatus.values)
    assert Experiment.objects.filter(community=cop, reported_at__isnull=False).exists()
    periods = list(BuddyPeriod.objects.filter(community=cop, confirmed_at__isnull=False))
    assert len(periods) == 2
    pairs = [
        {
            frozenset(p)
            for g in period.groups.all()
            for p in itertools.combinations(g.members.values_list("pk", flat=True), 2)
        }
        for period in periods
    ]
    assert not pairs[0] & pairs[1]
    canvas = cop.canvases.get()
    assert canvas.steps.count() == 6 and canvas.versions.count() == 2
    assert Experiment.objects.filter(canvas_step__canvas=canvas).count() == 2


@pytest.mark.django_db
def test_loading_learning_twice_changes_nothing():
    demo_load()
    cop = Community.objects.get(slug=data.MAIN_SLUG)
    before = (Entry.objects.count(), Experiment.objects.count(), BuddyPeriod.objects.count())
    from django.utils import timezone

    load_learning(community=cop, users={}, now=timezone.now())
    demo_load()
    assert (
        Entry.objects.count(),
        Experiment.objects.count(),
        BuddyPeriod.objects.count(),
    ) == before
