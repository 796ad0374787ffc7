"""R-1 (issue 16 item 2): the trained linear model beside the phrase signals — its vote,
its explanation, the packaged weights, and the cross-validated generalisation estimate."""

from __future__ import annotations

import re

import pytest

from salesops.playbook.loader import load_default_playbook
from salesops.playbook.runtime import Runtime
from salesops.scoring.classify import Inquiry, classify
from salesops.scoring.combiner import DEFAULT_PATH as COMBINER_PATH
from salesops.scoring.combiner import Combiner, Trained, load_trained
from salesops.scoring.evaluation import load_set, report
from salesops.scoring.model import DEFAULT_PATH, LinearModel, features, load_model
from salesops.scoring.training import (
    TRAINING_SPLITS,
    fingerprint,
    fit,
    kfold,
    leave_one_split_out,
    prepare,
)
from salesops.tasks.models import Task

CLF = load_default_playbook().routing.classifier
_WORD = re.compile(r"'[^']+' \+\d+\.\d")


def _model_signal(message: str, sender: str = "someone@acme.com") -> tuple[str, str, str]:
    result = classify(Inquiry(message=message, sender=sender), CLF)
    votes = [s for s in result.signals if s.name == "model"]
    assert votes, result.reason
    return result.label, votes[0].label, votes[0].why


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Necesito que me devuelvan el dinero del mes pasado, no usé nada.", "billing"),
        ("Depuis ce matin plus aucune donnée n'arrive dans nos graphiques.", "support"),
        ("Wij leveren gegarandeerd 500 nieuwe leads per maand voor een vast bedrag.", "spam"),
    ],
)
def test_r1_the_model_votes_and_names_the_words_behind_its_vote(
    message: str, expected: str
) -> None:
    """R-1: the model's vote is a signal like the others, with the words that moved it
    ("the trained model (v…) reads it as billing (97%): 'devuelvan' +3.8, …")."""
    label, voted, why = _model_signal(message)
    assert (label, voted) == (expected, expected), why
    assert why.startswith(f"the trained model (v{load_model().version}) reads it as {expected}")
    assert _WORD.search(why), why


def test_r1_the_model_reads_japanese_without_a_tokeniser() -> None:
    """R-1: Japanese has no spaces; character n-grams carry it, quoted as they are."""
    message = "先月分の料金が二重に引き落とされています。確認をお願いします。"
    label, voted, why = _model_signal(message)
    assert label == voted == "billing", why
    assert re.search(r"'[\u3040-\u30ff\u4e00-\u9fff]+' \+", why), why


def test_r1_character_ngrams_join_inflections_of_one_word() -> None:
    """R-1: "erstatten" and "erstattet" share most of their features; a typo keeps many."""
    a, b = set(features("erstatten")), set(features("erstattet"))
    assert {"w:erstatten", "c: ers", "c:ersta"} <= a
    assert len(a & b) >= len(a) // 2
    assert len(set(features("refund")) & set(features("refnud"))) >= 3


def test_r1_a_playbook_without_the_model_classifies_by_phrases_alone() -> None:
    """P-2: a playbook version written before the model (no ``model`` key) has no model
    vote: it classifies exactly as it did."""
    plain = CLF.model_copy(update={"model": None})
    message = "Depuis ce matin plus aucune donnée n'arrive dans nos graphiques."
    result = classify(Inquiry(message=message, sender="a@acme.fr"), plain)
    assert "model" not in {s.name for s in result.signals}


def test_r1_the_packaged_model_learnt_every_labelled_training_file() -> None:
    """R-1: the shipped weights name the data they were trained on: a labelled file added
    or changed without ``salesops scoring train`` fails here. The held-out split is not
    in them (a final check only)."""
    data = fingerprint(load_set(splits=TRAINING_SPLITS))
    for path in (DEFAULT_PATH, COMBINER_PATH):
        header = path.read_text(encoding="utf-8").split("\nformat\t", 1)[0]
        assert f"data fingerprint: {data}" in header, path
        assert "holdout" not in header
    model = load_model()
    assert model.version.endswith(data[:6])
    trained = load_trained()
    assert trained.combiner is not None
    assert trained.combiner.version == trained.combiner.text_version == model.version
    assert 1_000 <= len(model.weights) <= 20_000
    assert DEFAULT_PATH.stat().st_size < 1_000_000  # small: pruned to the telling features


def test_r1_training_is_deterministic_and_the_files_round_trip() -> None:
    """R-1: the same data gives the same files (text model and combiner), and the files
    give the same predictions."""
    examples = load_set(splits=("probe2",))
    first, second = fit(examples, "t"), fit(examples, "t")
    assert first.combiner is not None and second.combiner is not None
    assert first.text.dumps() == second.text.dumps()
    assert first.combiner.dumps() == second.combiner.dumps()
    again = LinearModel.loads(first.text.dumps(["a header line"]))
    text = "we were charged twice, please refund"
    assert again.predict(text).label == first.text.predict(text).label
    assert again.predict(text).probabilities == pytest.approx(
        first.text.predict(text).probabilities, abs=0.02
    )
    combiner = Combiner.loads(first.combiner.dumps(["a header line"]))
    feats = {"s:charged": 2.0, "sum:billing": 2.0, "nb:billing": -0.1, "nb:sales": -2.0}
    assert combiner.probabilities(feats) == pytest.approx(
        first.combiner.probabilities(feats), abs=1e-3
    )
    assert combiner.threshold == pytest.approx(first.combiner.threshold, abs=1e-3)


def test_r1_cross_validated_generalisation_meets_the_targets() -> None:
    """R-1 (issue 16 item 2): the generalisation estimate — every message classified by
    the phrase signals plus models (text model and combiner) trained *without* it, at the
    packaged threshold. Both 10-fold by message and leave one probe out (train without
    probeN, test on probeN; the honest one) meet every target: support and billing recall
    ≥ 0.9, sales precision ≥ 0.95 and sales recall ≥ 0.97 (a lost lead is the worst
    error). Measured (docs/scoring.md, probe9 read, not trained on): 10-fold 0.971 /
    0.993, leave-one-out 0.967 / 0.994."""
    prep = prepare(load_set(splits=TRAINING_SPLITS), CLF)
    folded = report(kfold(prep, CLF))
    left_out = leave_one_split_out(prep, CLF)
    pooled = report([p for preds in left_out.values() for p in preds])
    for r in (folded, pooled):
        print(r.table())
        assert r.rows["support"]["recall"] >= 0.9
        assert r.rows["billing"]["recall"] >= 0.9
        assert r.rows["sales"]["precision"] >= 0.95
        assert r.rows["sales"]["recall"] >= 0.97


def test_r1_the_model_never_tips_a_message_that_states_buying_facts() -> None:
    """R-1: a lost lead is the worst error. A message stating volume, headcount, seats or a
    budget is disqualified only if the phrase signals make the case alone: the learned
    combination's support, billing or spam verdict is overruled (and says so); with
    additive points the model's non-sales vote is left out (its sales vote counts)."""
    message = (
        "The JS snippet throws a CORS error on our staging site during our POC. We're a 500 "
        "person company and this is blocking the purchase decision."
    )
    result = classify(Inquiry(message=message, sender="buyer@bigcorp.com"), CLF)
    assert result.label == "sales", result.reason
    assert "states_headcount" in {s.name for s in result.signals}
    # A combiner that reads everything as support (the packaged one may say sales anyway):
    # its verdict is overruled, and the explanation says why.
    text = load_model()
    leaning = Combiner(
        version="t",
        text_version=text.version,
        labels=("sales", "support", "billing", "spam"),
        bias=(-3.0, 3.0, 0.0, 0.0),
        weights={},
        threshold=0.3,
    )
    result = classify(
        Inquiry(message=message, sender="buyer@bigcorp.com"), CLF, Trained(text, leaning)
    )
    assert result.label == "sales", result.reason
    [combined] = [s for s in result.signals if s.name == "combined"]
    assert "states buying facts (states_headcount)" in combined.why, combined.why
    additive = CLF.model_copy(
        update={"model": CLF.model.model_copy(update={"combine": "additive"})}  # type: ignore[union-attr]
    )
    result = classify(Inquiry(message=message, sender="buyer@bigcorp.com"), additive)
    assert result.label == "sales", result.reason
    assert all(s.label == "sales" for s in result.signals if s.name == "model")


def test_r1_a_new_task_records_the_model_vote_with_its_words(rt: Runtime) -> None:
    """R-1 end to end (SQLite and PostgreSQL): a contact-form task whose only billing
    wording the phrase lists lack is disqualified with the model's vote among its stored
    signals, words and all, and the classify decision records it."""
    from sqlalchemy import select

    from salesops.core.audit import Decision
    from tests.factories import make_account, make_contact, make_task

    account = make_account(rt, "Tiendita")
    contact = make_contact(rt, "pagos@tiendita.com", account_id=account.id)
    task = make_task(
        rt,
        account,
        contact,
        sales_form_message="Necesito que me devuelvan el dinero del mes pasado, no usé nada.",
    )
    with rt.uow(readonly=True) as s:
        stored = s.get(Task, task.id)
        assert stored is not None
        assert stored.classification == "billing", stored.classification_signals
        [vote] = [sig for sig in stored.classification_signals if sig["signal"] == "model"]
        assert vote["label"] == "billing" and _WORD.search(vote["why"]), vote
        decision = s.scalars(
            select(Decision).where(Decision.kind == "classify", Decision.subject_id == task.id)
        ).one()
        assert any(sig["signal"] == "model" for sig in decision.outcome["signals"])


@pytest.mark.parametrize(
    "text",
    [
        "we were charged twice for november, please refund one charge",
        "先月分の料金が二重に引き落とされています。sdkのエラーも出ます",
        "Die Rückerstattung wurde erstattet, aber die Erstattung fehlt noch",
        "pricing for 40M events a month? pricing pricing",
        "",
    ],
)
def test_r1_reading_only_the_weighted_features_gives_the_same_prediction(text: str) -> None:
    """R-1 (cost): ``predict`` looks up each word's weighted features once per process
    instead of building every feature of the text; it must say exactly what
    ``explain(features(text))`` says — probabilities and the words behind them."""
    model = load_model()
    fast, full = model.predict(text), model.explain(features(text))
    assert fast.label == full.label
    assert fast.probabilities == full.probabilities
    # The same strengths; among words of equal strength either may be named.
    assert sorted(c.points for c in fast.because) == sorted(c.points for c in full.because)
    assert all(c.words in features(text).values() for c in fast.because)
    again = model.predict(text)  # from the per-word cache this time
    assert again == fast
