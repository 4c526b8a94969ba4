"""The events language data loads, validates and means what an analyst reads in it."""

from __future__ import annotations

import pytest
import yaml

from rasad.events.lexicon import RESOURCE_DIR, load_lexicon, norm_phrase, transpositions


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_every_yaml_has_a_version_and_loads():
    for name in ("taxonomy.yaml", "triggers.yaml", "reporting.yaml", "modality.yaml", "nationalities.yaml"):
        data = yaml.safe_load((RESOURCE_DIR / name).read_text(encoding="utf-8"))
        assert data["version"] == 1, name


def test_every_trigger_names_a_known_subtype_and_cue(lex):
    for e in lex.entries.values():
        assert e.subtype in lex.subtypes
        assert all(c in lex.cues for c in e.cues)
        assert e.strength in ("strong", "weak") and e.pos in ("verb", "noun")


def test_taxonomy_covers_the_acled_subtypes_of_the_reading_format(lex):
    for sub in ("armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory",
                "air_drone_strike", "shelling_artillery_missile_attack", "suicide_bomb",
                "remote_explosive_landmine_ied", "grenade", "chemical_weapon", "attack",
                "abduction_forced_disappearance", "sexual_violence", "peaceful_protest", "mob_violence",
                "agreement", "arrests", "change_to_group_activity", "disrupted_weapons_use", "other"):
        assert sub in lex.subtypes, sub
    assert lex.subtypes["air_drone_strike"].acled_type == "explosions_remote_violence"
    for cat in ("evacuation", "humanitarian_aid", "return", "displacement", "surrender_amnesty", "demining",
                "prisoner_exchange", "ceasefire"):
        assert cat in lex.categories


def test_forms_are_normalised_and_typos_do_not_shadow_real_forms(lex):
    assert lex.form_entry["سيطره"] == "control_noun"  # ة → ه
    assert "سيرطت" in lex.typo_forms  # a swap of سيطرت
    assert not (lex.typo_forms & {f for f, e in lex.form_entry.items() if f not in lex.typo_forms})


def test_transpositions_keep_the_first_letter():
    assert transpositions("سيطرت") == {"سطيرت", "سيرطت", "سيطتر"}
    assert norm_phrase("وفقا لـ") == ("وفقا", "ل")


def test_reporting_and_modality_lists_are_loaded(lex):
    assert ("اوضح",) in lex.rep["verbs"] and ("نفي",) in lex.rep["denial"]
    assert ("لم",) in lex.mod["negation"] and ("تعتزم",) in lex.mod["intention"]
    assert ("انباء",) in lex.mod["unverified"]


def test_nationalities_and_outlets(lex):
    assert lex.nationalities["تركي"] == ("TR", "Turkey")
    assert lex.outlets["skynews"] == "Sky News Arabia"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("prepositions: [على]\n", "one normalised word"),  # على is written علي in the normalised script
        ("prepositions: []\n", "non-empty list"),
        ("- a list\n", "expected a mapping"),
    ],
)
def test_syntax_word_lists_load_and_bad_ones_are_refused(tmp_path, text, message):
    from rasad.events.lexicon import SYNTAX_KEYS, load_syntax

    syntax = load_syntax()
    assert set(syntax) == set(SYNTAX_KEYS)
    assert "علي" in syntax["prepositions"] and "شن" in syntax["doer_verbs"]
    bad = tmp_path / "syntax.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_syntax(bad)
