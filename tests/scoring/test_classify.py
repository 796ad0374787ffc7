"""R-1: the classifier's signals, its text handling, and its quality on the labelled set."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from salesops.playbook.loader import PlaybookError, load_default_playbook, load_playbook_text
from salesops.playbook.loader import default_playbook_text as _default_text
from salesops.playbook.schema import Classifier
from salesops.scoring.classify import Inquiry, classify, examined_text
from salesops.scoring.evaluation import (
    PROBE,
    PROBE2,
    PROBE4,
    PROBES,
    TARGETS,
    by_group,
    load_set,
    predict,
    report,
)

CLF = load_default_playbook().routing.classifier


def _label(message: str, sender: str = "someone@acme.com", subject: str = "") -> str:
    return classify(Inquiry(message=message, subject=subject, sender=sender), CLF).label


def _signals(**kw: object) -> dict[str, str]:
    result = classify(Inquiry(**kw), CLF)  # type: ignore[arg-type]
    return {s.name: s.why for s in result.signals}


# --- the labelled set (tests/data/classification) ------------------------------------


@pytest.fixture(scope="module")
def predictions() -> list:  # type: ignore[type-arg]
    return predict(load_set(), CLF)


def test_r1_labelled_set_has_300_inquiries_in_eight_languages_and_a_holdout(
    predictions: list,  # type: ignore[type-arg]
) -> None:
    """R-1 (issue 16): ≥ 300 inquiries, ≥ 25 per non-English language mixing classes."""
    examples = [p[0] for p in predictions]
    assert len(examples) >= 300
    per_lang = Counter(e.lang for e in examples)
    assert set(per_lang) == {"en", "de", "fr", "es", "pt", "it", "nl", "ja"}
    for lang, n in per_lang.items():
        assert n >= 25, lang
        assert {e.label for e in examples if e.lang == lang} == {
            "sales",
            "support",
            "billing",
            "spam",
        }
    holdout = [e for e in examples if e.split == "holdout"]
    assert len(holdout) >= 0.3 * len(examples)
    assert {e.label for e in holdout} == {"sales", "support", "billing", "spam"}


@pytest.mark.parametrize("group", ["whole set", "holdout"])
def test_r1_meets_the_targets(predictions: list, group: str) -> None:  # type: ignore[type-arg]
    """R-1: support and billing recall ≥ 0.9, sales precision ≥ 0.95 (and sales recall ≥ 0.97:
    a lost lead is the worst error), on the whole set and on the held-out split."""
    rep = report(predictions) if group == "whole set" else by_group(predictions, "split")[group]
    print(rep.table())
    assert rep.failures() == []
    for (label, metric), bar in TARGETS.items():
        assert rep.rows[label][metric] >= bar


@pytest.mark.parametrize("split", PROBES)
def test_r1_every_probe_loses_no_lead(split: str) -> None:
    """R-1: on every probe, whatever its support recall, no sales message is disqualified
    (probe3, written before the second round and never looked at, is report-only)."""
    rep = report(predict(load_set(splits=(split,)), CLF))
    assert rep.total >= 20
    assert rep.rows["sales"]["recall"] == 1.0


def test_r1_wording_it_was_not_tuned_on_still_loses_no_lead() -> None:
    """R-1: on the probe (written after tuning, never tuned on), every doubt is still sales.

    Before the pattern signals (issue 16) its support recall was 0.06; docs/scoring.md has
    today's numbers. What must always hold is the safe direction: no sales message is
    disqualified.
    """
    rep = report(predict(load_set(splits=(PROBE,)), CLF))
    assert rep.total >= 40
    assert rep.rows["sales"]["recall"] == 1.0


@pytest.mark.parametrize("split", [PROBE, PROBE2, PROBE4])
def test_r1_probes_meet_support_and_billing_recall_and_lose_no_lead(split: str) -> None:
    """R-1 (issue 16 item 2): the probes read while widening the signals (probe2 written
    before the pattern signals; probe4, 172 messages, before the h16cls round) reach
    support and billing recall ≥ 0.9 and lose no sales lead; on probe4 what is left as
    sales is sales (precision ≥ 0.95). Their first, untouched numbers are in
    docs/scoring.md."""
    rep = report(predict(load_set(splits=(split,)), CLF))
    print(rep.table())
    assert rep.total >= {PROBE: 40, PROBE2: 60, PROBE4: 160}[split]
    assert rep.rows["support"]["recall"] >= 0.9
    assert rep.rows["billing"]["recall"] >= 0.9
    assert rep.rows["sales"]["recall"] == 1.0
    if split == PROBE4:
        assert rep.rows["sales"]["precision"] >= 0.95
        assert {e.lang for e, _, _ in predict(load_set(splits=(split,)), CLF)} == {
            "en",
            "de",
            "fr",
            "es",
            "pt",
            "it",
            "nl",
            "ja",
        }


@pytest.mark.parametrize(
    ("message", "expected", "pair"),
    [
        ("Die Aufnahmen sind seit Montag leer.", "support", "'leer' near 'aufnahme"),
        ("El panel de informes sale vacío.", "support", "'vacio' near 'panel'"),
        ("I can't find any recordings in the list.", "support", "near 'recording"),
        ("Les statistiques restent vides depuis lundi.", "support", "near 'statistique"),
        ("Wir haben die Summe überwiesen, trotzdem kam eine Mahnung.", "billing", "near"),
        ("O valor debitado veio maior do que o combinado.", "billing", "'maior' near"),
    ],
)
def test_r1_pattern_signals_read_classes_of_phrasing(
    message: str, expected: str, pair: str
) -> None:
    """R-1 (issue 16 item 2): a cue (absence, failure, "twice", "wrong") near what it is
    about, in any of the languages — explained as the pair found."""
    result = classify(Inquiry(message=message, sender="someone@acme.com"), CLF)
    assert result.label == expected, result.reason
    assert pair in result.reason, result.reason


def test_r1_a_pattern_cue_without_its_subject_is_no_signal() -> None:
    """R-1: "not" or "nicht" alone (no product thing nearby) is no support signal."""
    for message in (
        "We are not sure which plan fits; 40 engineers, can we talk?",
        "Wir sind nicht sicher, welches Angebot passt. Können wir telefonieren?",
    ):
        result = classify(Inquiry(message=message, sender="cto@acme.com"), CLF)
        assert result.label == "sales", result.reason
        assert "symptom" not in {s.name for s in result.signals}


def test_r1_pattern_signal_phrases_are_validated() -> None:
    """P-1/R-1: a pattern signal's `near` phrases are checked like any phrase list."""
    text = _default_text().replace(
        '        near:\n          any: ["event*"', '        near:\n          any: ["a**"', 1
    )
    with pytest.raises(PlaybookError):
        load_playbook_text(text)


@pytest.mark.parametrize(
    ("lang", "message", "expected"),
    [
        ("en", "Session replay isn't recording anything, console shows CORS errors", "support"),
        ("en", "We were charged twice this month, please refund one charge", "billing"),
        ("de", "Die Zahlung wurde doppelt abgebucht, bitte erstatten Sie den Betrag.", "billing"),
        ("de", "Seit gestern funktioniert das Tracking nicht mehr, Fehler im SDK.", "support"),
        ("fr", "Le replay ne fonctionne plus depuis la mise à jour du SDK.", "support"),
        ("fr", "Pouvez-vous m'envoyer la facture de mars avec notre numéro de TVA ?", "billing"),
        ("es", "Quiero cancelar mi suscripción, me cobraron dos veces.", "billing"),
        ("es", "No funciona la exportación, aparece un error 500.", "support"),
        ("pt", "Não consigo fazer login desde ontem.", "support"),
        ("pt", "Preciso da nota fiscal de fevereiro, por favor.", "billing"),
        ("it", "Abbiamo ricevuto un addebito doppio, chiediamo il rimborso.", "billing"),
        ("it", "La dashboard non si carica e vedo un errore in console.", "support"),
        ("nl", "De betaling is mislukt, kunnen jullie de factuur opnieuw sturen?", "billing"),
        ("nl", "Het snippet werkt niet, er komen geen events binnen.", "support"),
        ("ja", "請求書を再発行してください。", "billing"),
        ("ja", "SDKを入れてからアプリがクラッシュします。", "support"),
    ],
)
def test_r1_other_languages_reach_support_and_billing(
    lang: str, message: str, expected: str
) -> None:
    """R-1 (issue 16): these all went to sales before per-language signals."""
    result = classify(Inquiry(message=message, sender="someone@acme.com"), CLF)
    assert result.label == expected, result.reason
    if lang != "en":
        assert f"({lang})" in result.reason  # the signal names the phrase and its language


# --- text handling ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["facturación", "facturacion", "FACTURACIÓN", "Facturacio\u0301n", "ＦＡＣＴＵＲＡ"]
)
def test_r1_accents_case_and_width_are_folded(word: str) -> None:
    """R-1: NFKC, casefold and accent folding: with or without accents, the phrase matches."""
    why = _signals(message=f"Problema con la {word} de este mes", sender="a@acme.es")
    assert any("factur" in w for w in why.values()), why


def test_r1_japanese_phrases_match_without_spaces() -> None:
    """R-1: Japanese has no spaces: phrases match as substrings, Latin words beside them too."""
    why = _signals(message="SDKのエラーでダッシュボードが表示されない", sender="a@acme.jp")
    assert "'表示されない' (ja)" in why["not_working"]
    assert "'エラー' (ja)" in why["error_text"]
    assert "'sdk'" in why["developer_terms"]


def test_r1_phrases_match_whole_words_in_spaced_languages() -> None:
    """R-1: 'bug' is not found inside 'debugger', nor 'cancel' inside 'cancellation policy'."""
    why = _signals(message="Our debugger setup and cancellation policy", sender="a@acme.com")
    assert "not_working" not in why and "cancel" not in why


def test_r1_the_longest_phrase_wins_where_phrases_overlap() -> None:
    """R-1: a product name is not a support word, paying by invoice is not a billing question."""
    assert _label("We need error tracking for 40 engineers, what is the price?") == "sales"
    assert _label("請求書払いは可能でしょうか。エンタープライズプランを検討しています。") == "sales"
    why = _signals(message="Können wir per Rechnung zahlen?", sender="a@acme.de")
    assert "invoice" not in why and "pays_by_invoice" in why


def test_r1_only_the_first_max_chars_are_read() -> None:
    """R-1: the text examined is bounded: a phrase past ``max_chars`` is never seen."""
    filler = "lorem ipsum " * (CLF.max_chars // 12 + 10)
    inquiry = Inquiry(message=filler + "refund my invoice", sender="a@acme.com")
    assert len(examined_text(inquiry, CLF)) <= CLF.max_chars + 600
    result = classify(inquiry, CLF)
    assert result.label != "billing", result.reason
    assert not [s for s in result.signals if s.label == "billing" and s.name != "combined"]
    assert classify(Inquiry(message="refund my invoice " + filler), CLF).label == "billing"


@pytest.mark.parametrize(
    "hostile",
    [
        "a" * 2_000_000,
        "1." * 1_000_000,
        "error " * 400_000,
        "9" * 1_000_000 + " events",
        "請求書" * 600_000,
        "https://x.io " * 200_000,
    ],
)
def test_r1_hostile_input_is_classified_quickly(hostile: str) -> None:
    """R-1: linear and bounded on untrusted input (no catastrophic regex, text capped).
    A catastrophic pattern takes minutes on these inputs, a linear read well under a
    second; the 5 s bound separates the two on any machine, however loaded (the
    classifier's speed itself is measured in bench/scoring.py)."""
    started = time.perf_counter()
    classify(Inquiry(message=hostile, subject=hostile, sender="x@y.z"), CLF)
    assert time.perf_counter() - started < 5.0


# --- signals ---------------------------------------------------------------------------


def test_r1_billing_signal_names_the_phrase() -> None:
    result = classify(Inquiry(message="Please resend the invoice for March."), CLF)
    assert result.label == "billing"
    assert result.signals[0].why == "asks about an invoice, receipt or tax detail: 'invoice' (en)"


def test_r1_free_mail_how_to_signal() -> None:
    why = _signals(message="How do I create a cohort?", sender="sam@gmail.com")
    assert why["free_mail_how_to"] == (
        "sender on free-mail (gmail.com) and message is a how-to question"
    )
    assert (
        classify(Inquiry(message="How do I create a cohort?", sender="sam@gmail.com"), CLF).label
        == "support"
    )


def test_r1_how_to_about_buying_from_a_company_stays_sales() -> None:
    """R-1: a how-to question alone from a company domain is not enough for support."""
    result = classify(
        Inquiry(message="How can I get access to the enterprise tier?", sender="a@acme.com"), CLF
    )
    assert result.label == "sales"
    assert "how_to" in {s.name for s in result.signals}


@pytest.mark.parametrize(
    ("message", "pair"),
    [
        ("How do I create a cohort?", "'how do i' near 'cohort'"),
        ("Is there a way to exclude our own team's visits?", "near 'exclud"),
        ("Gibt es eine Möglichkeit, eine Kohorte als CSV herunterzuladen?", "near 'kohorte"),
        ("Est-ce qu'il y a un moyen d'exclure les robots des graphiques ?", "near 'exclure'"),
        ("Come posso esportare gli eventi in un bucket S3?", "'come posso' near 'esport"),
        ("Hoe kan ik een collega toegang geven tot één project?", "'hoe kan ik' near"),
        ("ファネルで特定のユーザーを絞り込む方法を教えてください。", "near '絞り込'"),
    ],
)
def test_r1_how_to_about_using_the_product_is_support(message: str, pair: str) -> None:
    """R-1 (issue 16 item 2): a question form near an action or object of using the
    product (export, filter, invite, cohort …) is a how-to for support, in any language,
    even from a company domain — explained as the pair found."""
    result = classify(Inquiry(message=message, sender="someone@acme.com"), CLF)
    assert result.label == "support", result.reason
    assert pair in result.reason, result.reason


def test_r1_link_heavy_with_unsubscribe_footer_signal() -> None:
    msg = "Deals! https://a.biz https://a.biz/1 https://a.biz/2 Unsubscribe here"
    result = classify(Inquiry(message=msg, sender="x@a.biz"), CLF)
    assert result.label == "spam"
    assert "link-heavy message (3 links) with unsubscribe footer" in [s.why for s in result.signals]


def test_r1_error_text_signal() -> None:
    why = _signals(message="Getting TypeError: undefined is not an object", sender="a@b.io")
    assert why["error_text"].startswith("quotes an error, a status code or a stack trace: ")
    assert "'error'" in why["error_text"]  # "*error": any word ending in "error"


def test_r1_spam_signal() -> None:
    result = classify(Inquiry(message="Want our attendee list?", sender="x@lists.biz"), CLF)
    assert result.label == "spam" and "sells_contact_lists" in {s.name for s in result.signals}


@pytest.mark.parametrize(
    "message",
    [
        "We want error tracking and session replay for 200 engineers, pricing please",
        "Our current vendor has errors; we need a quote for 30M events per month",
        "Can we pay by invoice? We want an annual contract and SSO.",
    ],
)
def test_r1_sales_signals_outweigh_incidental_support_or_billing_words(message: str) -> None:
    """R-1: product names hide the words inside them, and sales context wins ties."""
    assert classify(Inquiry(message=message, sender="cto@acme.com"), CLF).label == "sales"


def test_r1_stated_volume_needs_a_real_volume() -> None:
    assert "states_volume" in _signals(message="About 40M events a month", sender="a@b.io")
    assert "states_volume" not in _signals(message="we only have 2 users", sender="a@b.io")


def test_r1_sales_lead_source_signal() -> None:
    why = _signals(message="it is not working", sender="a@acme.com", lead_source="Forwarded")
    assert why["sales_lead_source"] == "lead source 'Forwarded' is a sales path"


@pytest.mark.parametrize(
    "inquiry", [Inquiry(), Inquiry(message="hi"), Inquiry(subject="Hello", sender="x@acme.com")]
)
def test_r1_a_message_without_evidence_is_sales(inquiry: Inquiry) -> None:
    """R-1: every doubt is sales — with nothing to go on, the learned combination's class
    priors (no class near likely) keep it a lead."""
    result = classify(inquiry, CLF)
    assert result.label == "sales", result.reason


def test_r1_empty_message_is_sales() -> None:
    result = classify(Inquiry(sender="someone@gmail.com"), CLF)
    assert result.label == "sales"
    assert "keeps a lead" in result.reason, result.reason  # the learned combination's doubt
    plain = classify(Inquiry(sender="someone@gmail.com"), CLF.model_copy(update={"model": None}))
    assert plain.reason.startswith("sales: no support, billing or spam signal")


# --- the playbook data -------------------------------------------------------------------


def test_r1_a_playbook_with_the_older_flat_keyword_lists_still_classifies() -> None:
    """P-2: a stored playbook written before per-language signals loads and works as before."""
    old = Classifier.model_validate(
        {
            "support_keywords": ["not working", "bug"],
            "billing_keywords": ["invoice"],
            "sales_keywords": ["pricing"],
            "how_to_phrases": ["how do i"],
        }
    )
    result = classify(Inquiry(message="The export is not working, bug?", sender="a@b.io"), old)
    assert result.label == "support"
    assert "mentions: 'not working', 'bug'" in result.reason
    assert classify(Inquiry(message="TypeError in the SDK", sender="a@b.io"), old).signals


def _with_signals(extra: str) -> str:
    text = _default_text()
    anchor = "    signals:\n"
    return text.replace(anchor, anchor + extra, 1)


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            "      - {name: again, label: billing, points: 1, why: x, phrases: {es: [Factura]}}\n",
            "phrases.es[0]: phrase 'factura' is already in signal 'again'",
        ),
        (
            "      - {name: odd, label: support, points: 1, why: x, phrases: {German: [kaputt]}}\n",
            "'German' is not a language tag",
        ),
        (
            "      - {name: odd, label: support, points: 1, why: x, phrases: {de: [ka*putt]}}\n",
            "'*' is allowed only once, at the start or the end",
        ),
        (
            "      - {name: odd, label: refunds, points: 1, why: x, phrases: {de: [kaputt]}}\n",
            "label",
        ),
    ],
)
def test_r1_playbook_phrase_mistakes_are_named_at_load(extra: str, problem: str) -> None:
    """P-1: a bad classifier edit is refused at load with the key and line named."""
    with pytest.raises(PlaybookError) as exc:
        load_playbook_text(_with_signals(extra), source="edited.yaml")
    message = str(exc.value)
    assert problem in message
    assert "edited.yaml:" in message and "routing.classifier.signals[" in message


def test_r1_every_default_signal_explains_itself() -> None:
    """R-1: each playbook signal has a name, a class and a sentence shown to the user."""
    assert len(CLF.signals) >= 15
    for signal in CLF.signals:
        assert signal.why and signal.phrases
    languages = {lang for s in CLF.signals for lang in s.phrases}
    assert {"en", "de", "fr", "es", "pt", "it", "nl", "ja"} <= languages
