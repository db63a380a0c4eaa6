"""The guide's content is complete in both languages and rendered safely."""

from gilde.guide.content import LANGUAGES, load_guide, problems, render_markdown, seed_ids


def test_content_has_no_problems():
    assert problems() == []


def test_every_seed_tip_and_tool_has_dutch_and_english_content():
    for language in LANGUAGES:
        guide = load_guide(language)
        for item_id, step, kind in seed_ids():
            item = guide.item(item_id)
            assert item is not None, f"{item_id} missing in {language}"
            assert (item.step, item.kind) == (step, kind)
            assert item.title.strip() and len(item.body) > 40


def test_eight_steps_in_order_in_both_languages():
    for language in LANGUAGES:
        assert [step.number for step in load_guide(language).steps] == list(range(1, 9))


def test_the_library_has_the_33_liberating_structures_and_at_least_eleven_others():
    forms = load_guide("nl").work_forms
    families = [form.family for form in forms]
    assert families.count("liberating-structures") >= 33
    assert families.count("other") >= 11
    assert all(form.source or form.source_url for form in forms if form.family != "other")
    assert all(
        form.licence == "CC BY-NC 3.0" for form in forms if form.family == "liberating-structures"
    )


def test_dutch_and_english_texts_differ():
    nl, en = load_guide("nl"), load_guide("en")
    assert nl.step(1).title != en.step(1).title
    assert nl.about.title != en.about.title


def test_markdown_is_sanitised():
    html = render_markdown("Hallo <script>alert(1)</script> [x](javascript:alert(1)) **vet**")
    assert "<script>" not in html
    assert "javascript:" not in html
    assert "<strong>vet</strong>" in html
    assert 'rel="noopener noreferrer"' in render_markdown("[site](https://example.org)")
