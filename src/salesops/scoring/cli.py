"""``salesops scoring recompute`` / ``train`` and ``salesops enrichment check FILE``
(S-1, S-4, R-1). Thin."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salesops.core import clock


def register(app: typer.Typer) -> None:
    from salesops.cli import console, runtime

    scoring_app = typer.Typer(help="Scores (S-2 … S-4).", no_args_is_help=True)
    enrichment_app = typer.Typer(help="Enrichment data (S-1).", no_args_is_help=True)
    app.add_typer(scoring_app, name="scoring")
    app.add_typer(enrichment_app, name="enrichment")

    @scoring_app.command("recompute")
    def recompute() -> None:
        """Recompute every ICP and lead score under the active playbook (S-4)."""
        from salesops.scoring import service

        rt = runtime()
        with rt.uow() as s:
            result = service.recompute_all(s, clock.now())
        console.print(f"{result['accounts']} accounts scored, {result['changed']} scores changed")

    @scoring_app.command("train")
    def train_model(
        data: Annotated[
            Path, typer.Option(help="the labelled sets: <data>/<split>/<lang>.yaml")
        ] = Path("tests/data/classification"),
        out: Annotated[
            Path | None,
            typer.Option(
                help="the text model's file (default: the packaged one); the combiner "
                "goes beside it as <name>-combiner.tsv"
            ),
        ] = None,
    ) -> None:
        """Train R-1's text model and the combiner stacked on it from the labelled sets
        (all but the held-out split); the decision threshold by cross-validation."""
        from salesops.scoring.combiner import DEFAULT_PATH as COMBINER_PATH
        from salesops.scoring.evaluation import load_set
        from salesops.scoring.model import DEFAULT_PATH
        from salesops.scoring.training import TRAINING_SPLITS, packaged

        examples = load_set(data, TRAINING_SPLITS)
        if not examples:
            raise typer.BadParameter(f"no labelled messages under {data}", param_hint="--data")
        trained, text_header, combiner_header = packaged(examples, clock.now())
        assert trained.combiner is not None
        target = out or DEFAULT_PATH
        beside = target.with_name(f"{target.stem}-combiner.tsv") if out else COMBINER_PATH
        target.write_text(trained.text.dumps(text_header), encoding="utf-8")
        beside.write_text(trained.combiner.dumps(combiner_header), encoding="utf-8")
        console.print(
            f"{target}: version {trained.text.version}, {len(trained.text.weights)} features; "
            f"{beside}: {len(trained.combiner.weights)} features, "
            f"threshold {trained.combiner.threshold:.2f}"
        )

    @enrichment_app.command("check")
    def check(path: Annotated[Path, typer.Argument(help="a firmographics CSV file")]) -> None:
        """Report every bad line of a firmographics file (file:line: problem); exit 1 if any."""
        from salesops.scoring.enrichment import read_firmographics

        rows, problems = read_firmographics(path)
        for problem in problems:
            typer.echo(str(problem))
        typer.echo(f"{len(rows)} domains, {len(problems)} problems")
        if problems:
            raise typer.Exit(1)

    @enrichment_app.command("demo")
    def demo(
        path: Annotated[Path, typer.Argument(help="where to write the CSV")],
        domains: Annotated[list[str], typer.Argument(help="domains to cover")],
    ) -> None:
        """Write a deterministic demo firmographics file covering the given domains."""
        from salesops.scoring.demo_data import write_demo_firmographics

        count = write_demo_firmographics(path, domains)
        console.print(f"wrote {count} rows to {path}")
