"""Labels and sentences read as finished Dutch: no dangling colon, decimal commas."""


def test_an_audit_sentence_without_its_last_value_ends_without_a_colon(cop):
    from gilde.core.audit import audit_describe, audit_describe_html, audit_log

    entry = audit_log(community=cop, actor=None, action="question.changed", number=1, note="")
    assert audit_describe(entry).endswith("opgeslagen")
    assert str(audit_describe_html(entry)).endswith("opgeslagen")
    entry = audit_log(
        community=cop, actor=None, action="question.changed", number=2, note="Scherper"
    )
    assert audit_describe(entry).endswith("opgeslagen: Scherper")


def test_a_checkbox_label_has_no_colon_and_a_text_label_keeps_it():
    from django import forms

    class Form(forms.Form):
        agree = forms.BooleanField(label="Ik doe mee")
        name = forms.CharField(label="Naam")

    html = Form().as_div()
    assert '<label for="id_agree">Ik doe mee</label>' in html
    assert "Ik doe mee:" not in html
    assert "Naam:" in html


def test_numbers_in_running_text_take_a_decimal_comma_in_dutch():
    from django.utils import translation

    from gilde.accounts.personal_data import render_data_html
    from gilde.core.formatting import number

    with translation.override("nl"):
        assert number(4.0) == "4,0"
        assert str(render_data_html({"hours_per_meeting": 4.0})).endswith("<dd>4,0</dd></dl>")
    with translation.override("en"):
        assert number(4.0) == "4.0"
