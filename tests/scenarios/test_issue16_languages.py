# ruff: noqa: E501 - the messages are data, one per line as a person wrote them
"""Held-out check for issue 16 item 2 (R-1) on the contact form's automatic path: 25
messages written for this check (not from the labelled set) — support and billing in
de, fr, es, pt, it, nl, ja, en with developer jargon, and sales messages in the same
languages that mention errors or invoices — each classified as its label."""

from __future__ import annotations

from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from tests.intake.helpers import post_form

MSGS = [
    (
        "support",
        "de",
        "Hallo, seit dem Update zeichnet Session Replay nichts mehr auf. In der Konsole erscheinen CORS-Fehler. Was können wir tun?",
    ),
    (
        "support",
        "fr",
        "Bonjour, nos événements n'apparaissent plus dans le tableau de bord depuis hier, le SDK renvoie une erreur 401. Pouvez-vous aider ?",
    ),
    (
        "support",
        "es",
        "Hola, el SDK de Android se cierra con una excepción al iniciar la app. Adjunto el stack trace. ¿Alguna idea?",
    ),
    (
        "support",
        "pt",
        "Olá, os feature flags não estão sendo avaliados no servidor, sempre retornam false. Podem verificar?",
    ),
    (
        "support",
        "it",
        "Ciao, le registrazioni delle sessioni non funzionano più sul nostro sito, vediamo errori nella console.",
    ),
    (
        "support",
        "nl",
        "Hoi, onze events komen niet meer binnen sinds we de nieuwe versie van de SDK hebben geïnstalleerd. Kunnen jullie helpen?",
    ),
    (
        "support",
        "ja",
        "こんにちは。セッションリプレイが記録されません。コンソールにCORSエラーが表示されます。",
    ),
    (
        "support",
        "en",
        "posthog.capture is not sending anything, network tab shows 403 from /e/ endpoint, tried reinstalling the snippet",
    ),
    (
        "billing",
        "de",
        "Guten Tag, uns wurde diesen Monat doppelt abgebucht. Bitte erstatten Sie den zweiten Betrag.",
    ),
    (
        "billing",
        "fr",
        "Bonjour, nous avons été facturés deux fois ce mois-ci, merci de nous rembourser.",
    ),
    (
        "billing",
        "es",
        "Hola, necesito una factura con nuestro número de IVA para el pago de noviembre.",
    ),
    ("billing", "pt", "Olá, fomos cobrados em duplicidade no cartão, gostaria do reembolso."),
    (
        "billing",
        "it",
        "Buongiorno, ci è stato addebitato due volte l'abbonamento, potete rimborsarci?",
    ),
    (
        "billing",
        "nl",
        "Goedendag, we zijn twee keer gefactureerd voor december. Graag een terugbetaling.",
    ),
    ("billing", "ja", "今月の請求が二重になっています。返金をお願いします。"),
    (
        "billing",
        "en",
        "Our card got charged twice for the December invoice, can you refund one of them?",
    ),
    (
        "sales",
        "de",
        "Wir sind ein Versicherer mit 800 Mitarbeitern und möchten ein Angebot für einen Jahresvertrag mit SSO.",
    ),
    (
        "sales",
        "fr",
        "Nous évaluons des outils d'analytics produit pour 2 millions d'utilisateurs, pouvons-nous planifier une démo ?",
    ),
    (
        "sales",
        "es",
        "Queremos migrar desde Amplitude, tenemos unos 50M eventos al mes. ¿Podemos hablar de precios?",
    ),
    (
        "sales",
        "pt",
        "Gostaríamos de uma proposta comercial para o plano enterprise com hospedagem na UE.",
    ),
    (
        "sales",
        "it",
        "Siamo interessati a un contratto annuale, potete inviarci un preventivo per 20 milioni di eventi?",
    ),
    ("sales", "nl", "We willen graag een demo en een offerte voor ons team van 40 engineers."),
    (
        "sales",
        "ja",
        "エンタープライズプランの見積もりをお願いします。月間イベント数は約3000万です。",
    ),
    (
        "sales",
        "en",
        "We hit errors with our current vendor's pricing at scale; looking to switch, can we get a quote for 40M events?",
    ),
    (
        "sales",
        "en",
        "Our invoice from Mixpanel doubled this year, we want to move to you. Who can we talk to about an annual deal?",
    ),
]


def test_r1_held_out_languages_and_jargon_on_the_form_path(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    for i, (_, _, msg) in enumerate(MSGS):
        r = post_form(client, rt, email=f"p{i}@lang{i}.com", company=f"L{i}", message=msg,
                      submission_id=f"lang-{i}")  # fmt: skip
        assert r.status_code == 200, r.text
    r = client.get("/api/v1/tasks", params={"limit": 200}, headers=admin_headers)
    got = {}
    for t in r.json()["items"]:
        scores = client.get(f"/api/v1/tasks/{t['id']}/scores", headers=admin_headers).json()
        email = client.get(f"/api/v1/contacts/{t['contact_id']}", headers=admin_headers).json()
        label = scores["classification"]
        label = label["label"] if isinstance(label, dict) else label
        got[email["email"]] = (label, t["disqualification_reason"])
    reasons = {"sales": None, "support": "Support Request", "billing": "Billing Support Request"}
    wrong = [
        (want, got.get(f"p{i}@lang{i}.com"), lang, msg[:50])
        for i, (want, lang, msg) in enumerate(MSGS)
        if got.get(f"p{i}@lang{i}.com") != (want, reasons[want])
    ]
    assert wrong == []
