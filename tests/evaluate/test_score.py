"""Scorer tests with hand-made gold items and coded events (no model)."""

from __future__ import annotations

import pytest

from eventcoder.evaluate.gold import GoldActor, GoldEvent, GoldItem, GoldSet
from eventcoder.evaluate.render import error_summary, render_markdown, render_table, report_to_dict
from eventcoder.evaluate.score import Counts, score_gold

from .helpers import event

TEXT = "Freedonian officials scolded the Sylvanian envoy on Monday."


def gact(code: str | None) -> GoldActor | None:
    if code is None:
        return None
    return GoldActor(country=code[:3], role=code[3:6] or None, code=code)


def gold_event(src: str | None, tgt: str | None, root: str, cameo: str | None = None, plover: str | None = None) -> GoldEvent:
    return GoldEvent(source=gact(src), target=gact(tgt), root=root, cameo=cameo, plover=plover)


def one_item_set(*events: GoldEvent, levels=("root", "code", "quad", "type", "plover", "actors"), single_label=False) -> GoldSet:
    item = GoldItem(id="d1", text=TEXT, date=None, events=tuple(events))
    return GoldSet(name="toy", path="", items=(item,), levels=tuple(levels), single_label=single_label)


def prf(report, level):
    c = report.levels[level].counts
    return c.tp, c.fp, c.fn


def test_counts_micro_prf():
    c = Counts(3, 1, 2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 0.0


def test_score_exact_match_is_perfect_at_every_level():
    gold = one_item_set(gold_event("FRDGOV", "SYLGOV", "11", "112", "ACCUSE"))
    report = score_gold(gold, {"d1": [event("FRDGOV", "SYLGOV", "112")]})
    for level in ("root", "code", "quad", "type", "plover", "actors"):
        assert prf(report, level) == (1, 0, 0), level


@pytest.mark.parametrize(
    ("coded", "expected"),
    [
        # wrong root, same quad class (11 vs 10 are both verbal conflict)
        (event("FRDGOV", "SYLGOV", "100"), {"root": (0, 1, 1), "quad": (1, 0, 0), "type": (0, 1, 1), "actors": (1, 0, 0)}),
        # right root, wrong target country
        (event("FRDGOV", "ZZZGOV", "112"), {"root": (0, 1, 1), "quad": (0, 1, 1), "type": (1, 0, 0), "actors": (0, 1, 1)}),
        # right countries, wrong role: dyad levels still match, the actor level does not
        (event("FRDMIL", "SYL", "112"), {"root": (1, 0, 0), "code": (1, 0, 0), "actors": (0, 1, 1)}),
        # right root, different full code
        (event("FRDGOV", "SYLGOV", "111"), {"root": (1, 0, 0), "code": (0, 1, 1)}),
        # reversed direction
        (event("SYLGOV", "FRDGOV", "112"), {"root": (0, 1, 1), "type": (1, 0, 0)}),
        # no target coded, gold has one
        (event("FRDGOV", None, "112"), {"root": (0, 1, 1), "type": (1, 0, 0)}),
    ],
)
def test_score_levels_separate_error_kinds(coded, expected):
    gold = one_item_set(gold_event("FRDGOV", "SYLGOV", "11", "112", "ACCUSE"))
    report = score_gold(gold, {"d1": [coded]})
    for level, counts in expected.items():
        assert prf(report, level) == counts, level


def test_score_gold_without_target_requires_none():
    gold = one_item_set(gold_event("FRDGOV", None, "11"))
    assert prf(score_gold(gold, {"d1": [event("FRDGOV", None, "110")]}), "root") == (1, 0, 0)
    assert prf(score_gold(gold, {"d1": [event("FRDGOV", "SYL", "110")]}), "root") == (0, 1, 1)


def test_score_matching_is_one_to_one():
    gold = one_item_set(gold_event("FRDGOV", "SYLGOV", "11"))
    coded = [event("FRDGOV", "SYLGOV", "112"), event("FRDGOV", "SYLGOV", "111")]
    assert prf(score_gold(gold, {"d1": coded}), "root") == (1, 1, 0)


def test_score_matching_is_maximal_not_greedy():
    # gold A accepts either coded event; gold B only the first.  A greedy first-fit
    # would give A the first and leave B unmatched.
    g_a = GoldEvent(source=GoldActor(), target=GoldActor(), root="19")
    g_b = gold_event("FRD", "SYL", "19")
    gold = one_item_set(g_a, g_b, levels=("root",))
    coded = [event("FRD", "SYL", "190"), event("QQQ", "RRR", "193")]
    assert prf(score_gold(gold, {"d1": coded}), "root") == (2, 0, 0)


def test_score_negated_events_are_ignored():
    gold = one_item_set(gold_event("FRDGOV", "SYLGOV", "11"))
    coded = [event("FRDGOV", "SYLGOV", "112"), event("FRDGOV", "SYLGOV", "040", negated=True)]
    assert prf(score_gold(gold, {"d1": coded}), "root") == (1, 0, 0)


def test_score_missing_item_counts_as_no_events():
    gold = one_item_set(gold_event("FRDGOV", "SYLGOV", "11"))
    report = score_gold(gold, {})
    assert prf(report, "root") == (0, 0, 1)
    assert report.n_coded == 0
    assert report.error_classes() == {"nothing coded": 1}


def test_score_empty_gold_item_makes_coded_events_false_positives():
    gold = one_item_set()
    assert prf(score_gold(gold, {"d1": [event("FRD", "SYL", "040")]}), "root") == (0, 1, 0)


def test_score_igo_dyad_compares_prefix():
    gold = one_item_set(GoldEvent(source=GoldActor(country="IGO", code="IGO"), target=gact("SYL"), root="07"))
    assert prf(score_gold(gold, {"d1": [event("IGOUNO", "SYL", "070")]}), "root") == (1, 0, 0)


def test_score_span_actors_match_by_overlap():
    src = (0, 20)  # "Freedonian officials"
    tgt = (33, 48)  # "Sylvanian envoy"
    gold = one_item_set(
        GoldEvent(source=GoldActor(spans=(src,)), target=GoldActor(spans=(tgt,)), root="11"),
        levels=("root", "type"),
    )
    good = event("FRD", "SYL", "112", source_span=(0, 10), target_span=(33, 42))
    bad = event("FRD", "SYL", "112", source_span=(52, 58), target_span=(33, 42))
    assert prf(score_gold(gold, {"d1": [good]}), "root") == (1, 0, 0)
    assert prf(score_gold(gold, {"d1": [bad]}), "root") == (0, 1, 1)
    # without evidence spans, the actor text is looked up in the sentence
    found = event("FRD", "SYL", "112", source_text="officials", target_text="envoy")
    found = found.__class__(**{**{f: getattr(found, f) for f in found.__slots__}, "evidence": None})
    assert prf(score_gold(gold, {"d1": [found]}), "root") == (1, 0, 0)


def test_score_unspecified_side_matches_anything():
    gold = one_item_set(
        GoldEvent(source=GoldActor(spans=((0, 20),)), target=GoldActor(), root="01"), levels=("root",)
    )
    assert prf(score_gold(gold, {"d1": [event("FRD", "SYL", "010", source_span=(11, 20))]}), "root") == (1, 0, 0)
    assert prf(score_gold(gold, {"d1": [event("FRD", None, "010", source_span=(11, 20))]}), "root") == (1, 0, 0)


def test_score_single_label_uses_most_conflictual_event():
    gold = one_item_set(
        GoldEvent(source=GoldActor(), target=GoldActor(), root="19"), levels=("type",), single_label=True
    )
    coded = [event("A", "B", "010"), event("C", "D", "190"), event("E", "F", "042")]
    report = score_gold(gold, {"d1": coded})
    assert prf(report, "type") == (1, 0, 0)
    assert report.n_coded == 1


def test_score_levels_not_supported_are_dropped_and_unknown_rejected():
    gold = one_item_set(gold_event("FRD", "SYL", "11"), levels=("root", "type"))
    report = score_gold(gold, {"d1": []}, levels=["root", "code"])
    assert list(report.levels) == ["root"]
    with pytest.raises(ValueError, match="unknown level"):
        score_gold(gold, {"d1": []}, levels=["bogus"])


def test_score_per_root_and_confusion():
    gold = one_item_set(gold_event("FRD", "SYL", "11"), gold_event("SYL", "FRD", "04"), levels=("root", "type"))
    coded = [event("FRD", "SYL", "100"), event("SYL", "FRD", "040"), event("FRD", "QQQ", "190")]
    report = score_gold(gold, {"d1": coded})
    per_root = report.levels["root"].per_root
    assert per_root["04"] == Counts(1, 0, 0)
    assert per_root["11"] == Counts(0, 0, 1)
    assert per_root["10"] == Counts(0, 1, 0)
    assert report.confusion[("11", "10")] == 1
    assert report.confusion[("04", "04")] == 1
    assert report.confusion[("--", "19")] == 1


def test_score_errors_classified_with_rule():
    gold = one_item_set(gold_event("FRD", "SYL", "11"), gold_event("QQQ", "RRR", "18"), levels=("root",))
    coded = [event("FRD", "SYL", "100", rule="verb.demand"), event("SYL", "FRD", "040", rule="verb.meet")]
    report = score_gold(gold, {"d1": coded})
    classes = report.error_classes()
    assert classes["wrong root"] == 1
    assert classes["missed"] == 1
    assert classes["spurious"] == 1
    assert classes["confused"] == 1
    wrong = next(c for c in report.errors if c.error_class == "wrong root")
    assert wrong.rule == "verb.demand"
    assert error_summary(report)["wrong root 11->10"] == 1


def test_render_outputs_contain_scores():
    gold = one_item_set(gold_event("FRD", "SYL", "11"), levels=("root", "type"))
    report = score_gold(gold, {"d1": [event("FRD", "SYL", "112")]})
    table = render_table(report)
    assert "dyad + CAMEO root" in table and "1.000" in table
    data = report_to_dict(report, errors=True)
    assert data["levels"]["root"]["f1"] == 1.0 and data["errors"] == []
    assert "| toy (1 items) | root" in render_markdown([report])


# ---------------------------------------------------------------- PLOVER-typed, span dyads (PLV)
def _plv_gold(*events) -> GoldSet:
    text = "Ruritania scolded Freedonia and pulled back."
    item = GoldItem(id="p1", text=text, date=None, events=tuple(events))
    return GoldSet(name="plv", path="", items=(item,), levels=("dyadtype", "dyadic", "plover"))


def _sp(a, b):
    return GoldActor(spans=((a, b),))


def test_score_dyadtype_needs_type_and_both_spans_and_dyadic_counts_two_sided_only():
    from dataclasses import replace as _replace

    from eventcoder.model import Plover

    gold = _plv_gold(
        GoldEvent(source=_sp(0, 9), target=_sp(18, 27), root=None, plover="ACCUSE"),
        GoldEvent(source=_sp(0, 9), target=GoldActor(), root=None, plover="YIELD"),
    )
    right = event("RUR", "FRE", "111", source_span=(0, 9), target_span=(18, 27))
    wrong_target = event("RUR", "FRE", "111", source_span=(0, 9), target_span=(32, 38))
    one_sided = _replace(event("RUR", None, "087", source_span=(0, 9)), plover=Plover(event_type="RETREAT"))
    report = score_gold(gold, {"p1": [right, wrong_target, one_sided]})
    dyadtype = report.levels["dyadtype"].counts
    assert (dyadtype.tp, dyadtype.fp, dyadtype.fn) == (2, 1, 0)  # RETREAT counts as YIELD
    dyadic = report.levels["dyadic"].counts
    assert (dyadic.tp, dyadic.fp) == (1, 1)  # the one-sided event is not in the dyadic count
    assert report.levels["plover"].counts.tp == 2
    assert report.levels["dyadtype"].per_root["YIELD"].tp == 1  # coded RETREAT filed as YIELD


def test_score_yield_union_does_not_loosen_v08_types():
    from dataclasses import replace as _replace

    from eventcoder.model import Plover

    gold = _plv_gold(GoldEvent(source=_sp(0, 9), target=GoldActor(), root=None, plover="CONCEDE"))
    coded = _replace(event("RUR", None, "087", source_span=(0, 9)), plover=Plover(event_type="RETREAT"))
    assert score_gold(gold, {"p1": [coded]}).levels["dyadtype"].counts.tp == 0


def test_score_symmetric_pair_is_one_event_whichever_way_the_gold_codes_it():
    from dataclasses import replace as _replace

    there = _replace(event("FRE", "SYL", "040"), symmetric=True)
    back = _replace(event("SYL", "FRE", "040"), symmetric=True)
    one_way = one_item_set(gold_event("FRE", "SYL", "04"), levels=("root",))
    c = score_gold(one_way, {"d1": [there, back]}).levels["root"].counts
    assert (c.tp, c.fp, c.fn) == (1, 0, 0)  # the mirror is the same event, not an FP
    both_ways = one_item_set(gold_event("FRE", "SYL", "04"), gold_event("SYL", "FRE", "04"), levels=("root",))
    c = score_gold(both_ways, {"d1": [there, back]}).levels["root"].counts
    assert (c.tp, c.fp, c.fn) == (2, 0, 0)
    # without the flag, two one-way events stay two claims
    plain = score_gold(one_way, {"d1": [event("FRE", "SYL", "040"), event("SYL", "FRE", "040")]})
    assert plain.levels["root"].counts.fp == 1
    # a wrong pair is one wrong event
    wrong = one_item_set(gold_event("FRE", "SYL", "11"), levels=("root",))
    c = score_gold(wrong, {"d1": [there, back]}).levels["root"].counts
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)
