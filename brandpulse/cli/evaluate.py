"""`brandpulse evaluate`: how well each sentiment analyzer agrees with labelled posts."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import ANALYZER_NAMES
from ..errors import UsageError
from . import options as opt

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..evaluate import Evaluation

DEFAULT_ANALYZERS = "textblob,vader,cx"
OUTPUT_FORMATS = ("table", "json", "csv")


@click.command("evaluate")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--label-column", required=True, metavar="COL", help="Column holding each post's gold label.")
@click.option(
    "--brand-column",
    metavar="COL",
    help="Column naming the brand each label is about: score the sentiment towards that brand (--per-brand's), "
    "with the brands of --config / --brand; an empty value means the whole post.",
)
@click.option(
    "--sentiment",
    "analyzers",
    multiple=True,
    default=[DEFAULT_ANALYZERS],
    show_default=True,
    metavar="NAME,...",
    help=f"Analyzers to compare: {', '.join(sorted(ANALYZER_NAMES))}, cx:LEXICON.toml, model:FILE (repeatable).",
)
@click.option(
    "--label-map",
    multiple=True,
    metavar="VALUE=LABEL,...",
    help="Map label values to positive/neutral/negative, e.g. 'pos=positive,0=negative' (repeatable; "
    "default: positive/neutral/negative, pos/neu/neg, -1/0/1, 0/1/2, 0/2/4 recognised).",
)
@click.option(
    "--label-threshold",
    type=opt.NON_NEGATIVE,
    metavar="X",
    help="The label column is a numeric score: above X positive, below -X negative, else neutral.",
)
@click.option("--skip-unknown", is_flag=True, help="Count and report posts with unmappable labels instead of failing.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=opt.choice(OUTPUT_FORMATS),
    help="Output format (default: from -o's extension, else table).",
)
@click.option(
    "--predictions",
    type=opt.FilePath(dir_okay=False, allow_dash=True),
    help="Also write each post's gold label and every analyzer's polarity and label to this file "
    "(format from its extension: csv, tsv, json, jsonl, parquet; csv without one; '-' is stdout, with -o FILE).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Explain each score (an explain column per analyzer in --predictions; misjudged examples in the table).",
)
@click.option(
    "--cv",
    type=opt.FOLDS,
    default=0,
    metavar="K",
    help="Also train a model (brandpulse[ml]) on FILE itself and report its K-fold cross-validated scores "
    "(K >= 2; 0: none), with the settings of each model:FILE compared, else train's defaults.",
)
@click.option(
    "--all-languages",
    is_flag=True,
    help="Score every labelled post whatever its language (default: as analyze, an analyzer is scored only on "
    "the posts it reads, English for most; the others are counted).",
)
@opt.output_option
@opt.config_option
@opt.brand_option
@opt.map_option
@opt.input_format_option
@opt.date_order_option
@opt.input_tz_option
@opt.encoding_option
@opt.rejects_option
@opt.apply(opt.csv_options)
@opt.quiet_option
def evaluate_cmd(
    file,
    label_column,
    brand_column,
    analyzers,
    label_map,
    label_threshold,
    skip_unknown,
    fmt,
    predictions,
    explain,
    cv,
    all_languages,
    output,
    config_path,
    brand_specs,
    map_specs,
    input_format,
    date_order,
    input_tz,
    rejects,
    raw_csv,
    excel,
    decimal_comma,
    quiet,
):
    """Score analyzers on FILE's labelled posts: accuracy, macro-F1, per-class precision/recall/F1, confusion."""
    from rich.markup import escape

    from ..config import add_brand_options, load_config
    from ..evaluate import counted_values, evaluate, parse_label_map, scores_table
    from ..output import writers
    from ..output.terminal import table_console

    err = opt.err_console()
    config = load_config(config_path)
    add_brand_options(config, brand_specs)
    analyzers = ",".join(analyzers)  # (--sentiment vader --sentiment cx compared only cx)
    ctx = click.get_current_context()
    if ctx.get_parameter_source("analyzers") is click.core.ParameterSource.DEFAULT:
        # the config's own analyzer too, the one analyze scores with (a gym's `cx:gym-words.toml` was not compared)
        analyzers = f"{analyzers},{config.sentiment}"
    names = list(dict.fromkeys(a.strip() for a in analyzers.split(",") if a.strip()))  # (cx,cx: one column)
    if not names:  # (an empty table, or an empty CSV, and exit 0)
        raise UsageError(f"--sentiment {analyzers!r} names no analyzer: e.g. --sentiment {DEFAULT_ANALYZERS}")
    fmt = output_format(fmt, output)
    pred_fmt = writers.format_for(predictions, None) if predictions else None
    if pred_fmt is not None and pred_fmt not in writers.FORMATS:
        raise UsageError(f"--predictions {predictions}: evaluate writes {', '.join(writers.FORMATS)}, not {pred_fmt}")
    # (the predictions CSV and the scores, one after the other)
    opt.second_on_stdout("--predictions", predictions, output, "the scores", "the predictions", "the scores")
    opt.check_outputs([file], output is None, output=output, predictions=predictions, rejects=rejects)
    keep = (label_column,) + ((brand_column,) if brand_column else ())
    # the text and the kept columns only: a date or count column cannot reject a labelled post
    loaded = opt.read_input(
        file, input_format, map_specs, date_order, keep=keep, fields=("text", "lang"), config=config, input_tz=input_tz
    )
    say = (lambda *a: None) if quiet else err.print
    opt.tell_columns(file, loaded, say)
    csv_opts = opt.csv_settings(config, raw_csv, excel, decimal_comma)  # (every CSV it writes)
    opt.tell_rejects(loaded.rejects, rejects, say, csv_opts=csv_opts)
    result = evaluate(
        loaded.posts,
        label_column,
        names,
        label_map=parse_label_map(",".join(label_map)),  # (a second --label-map dropped the first)
        threshold=label_threshold,
        skip_unknown=skip_unknown,
        explain=explain,
        cv=cv,
        brand_column=brand_column,
        all_languages=all_languages,
        config=config,
    )
    if predictions:  # (Parquet: what scored each analyzer's columns in its metadata, as analyze's rows)
        made = {"sentiment": "; ".join(result.produced_by)}
        writers.write_table(result.predictions, predictions, pred_fmt, **csv_opts, provenance=made)
    if fmt == "table":
        if output is None or opt.on_stdout(output):
            render(table_console(), result)
        else:
            buf = io.StringIO()
            render(table_console(buf), result)
            writers.write_bytes(buf.getvalue().encode(), output)
    elif fmt == "csv":
        # guarded like every CSV: a model's header names its training file (`=HYPERLINK(...).csv`)
        writers.write_table(scores_table(result), output, "csv", **csv_opts)
    else:
        writers.write_bytes((json.dumps(to_json(result), indent=2, allow_nan=False) + "\n").encode(), output)
    notes = [opt.counted(result.n_labelled, _noun(result))]
    if result.unlabelled:
        notes.append(f"{result.unlabelled:,} without a label (not scored)")
    if result.unknown:
        notes.append(f"{sum(result.unknown.values()):,} with unknown labels skipped: " + counted_values(result.unknown))
    row = "row" if result.towards_brands else "post"
    notes += [
        f"{s.analyzer} left out {opt.counted(s.extra['not_scored_language'], row)} in languages it does not read "
        f"({_languages_left_out(s)})"
        for s in result.scores
        if "not_scored_language" in s.extra
    ]
    if result.brand_not_named:
        notes.append(
            f"{opt.counted(result.brand_not_named, 'row')} whose text does not name its brand (scored neutral)"
        )
    classes = result.predictions["gold"].unique()
    if len(classes) == 1:  # (accuracy 1.000 from an analyzer that calls everything positive)
        err.print(
            f"[yellow]warning[/]: every labelled post is {classes[0]}: the scores do not test the other classes",
            highlight=False,
        )
    for s in result.scores:
        if s.extra.get("warning"):
            err.print(f"[yellow]warning[/]: {escape(s.extra['warning'])}", highlight=False)
    if len(loaded.rejects):
        notes.append(f"{opt.counted(len(loaded.rejects), 'row')} rejected on reading")
    if not quiet or len(loaded.rejects):
        err.print(f"{opt.shown_path(file)}: " + opt.shown("; ".join(notes)))  # (stdin: <stdin>, as its rejects)


def output_format(fmt: str | None, output: str | None) -> str:
    """-f, else -o's extension (.json, .csv; .txt or none: the table), else the table; -f and an extension of
    another format are a usage error (`writers.agreeing_format`)."""
    from ..output import writers

    writers.agreeing_format(output, fmt)
    if fmt or output in (None, "-") or Path(output).suffix.lower() == ".txt":
        return fmt or "table"
    found = writers.format_for(
        output, None, default="table", hint="or give -f (.txt: the table)", allowed=OUTPUT_FORMATS
    )
    if found not in OUTPUT_FORMATS:
        raise UsageError(f"--output {output}: evaluate writes table (.txt), json or csv, not {found}; or give -f")
    return found


def _finite(value):
    """`value` with NaN and infinite floats as None (JSON has no NaN), in dicts and lists too."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _score(value: float) -> str:
    """A score for the table: 3 decimals, `-` where there is none (NaN: nothing to divide by)."""
    return "-" if math.isnan(value) else f"{value:.3f}"


def _languages_left_out(s) -> str:
    """'es 12, fr 1': the languages of the posts an analyzer did not read."""
    return ", ".join(f"{lang} {n:,}" for lang, n in s.extra["not_scored_languages"].items())


def _noun(result: Evaluation) -> str:
    return "labelled row" if result.towards_brands else "labelled post"


def to_json(result: Evaluation) -> dict:
    """The scores as JSON-ready values (a score that does not exist, such as the sign accuracy of
    gold scores that are all 0, is null)."""
    return _finite(
        {
            "n_labelled": result.n_labelled,
            "unlabelled": result.unlabelled,
            "unknown_labels": result.unknown,
            **({"brand_not_named": result.brand_not_named} if result.towards_brands else {}),
            "analyzers": [
                {
                    "analyzer": s.analyzer,
                    "n": s.n,
                    "accuracy": s.accuracy,
                    "macro_f1": s.macro_f1,
                    "per_class": {  # (a row of the frame is all floats: support said 2.0)
                        lab: {k: int(v) if k == "support" else float(v) for k, v in r.items()}
                        for lab, r in s.per_class.iterrows()
                    },
                    "confusion": {"labels": list(s.confusion.columns), "matrix": s.confusion.to_numpy().tolist()},
                    **s.extra,
                }
                for s in result.scores
            ],
            **({"refused": result.refused} if result.refused else {}),
        }
    )


def render(console: Console, result: Evaluation) -> None:
    from rich.table import Table

    from ..output.terminal import cell

    towards = " towards brands" if result.towards_brands else ""
    title = f"Sentiment accuracy{towards} on {opt.counted(result.n_labelled, _noun(result))}"
    summary = Table(title=title, title_justify="left", caption_justify="left")  # (centred: lines began mid-table)
    for col in ("analyzer", "accuracy", "macro-F1", "class", "precision", "recall", "F1", "support"):
        # (cells fold rather than end in "…": at 80 columns "textblob" showed as "textbl…", a model:FILE or
        # cx:LEXICON.toml lost the part that tells two apart, and at 60 the scores were "0.7…")
        summary.add_column(col, justify="left" if col in ("analyzer", "class") else "right", overflow="fold")
    undefined = False
    for s in result.scores:
        for i, (lab, r) in enumerate(s.per_class.iterrows()):
            head = [cell(s.analyzer), _score(s.accuracy), _score(s.macro_f1)] if i == 0 else ["", "", ""]
            scores = [_score(r.precision), _score(r.recall), _score(r.f1)]
            undefined |= "-" in scores
            summary.add_row(*head, lab, *scores, f"{int(r.support):,}")
        summary.add_section()
    # (captions and titles are rich markup: an analyzer's name is a file's, cx:LEXICON.toml or model:FILE)
    signs = [
        f"{opt.shown(s.analyzer)} {s.extra['sign_accuracy']:.3f}" for s in result.scores if "sign_accuracy" in s.extra
    ]
    if signs:
        summary.caption = "sign accuracy (gold score non-zero): " + ", ".join(signs)
    # (how far the posts let an accuracy be trusted: 0.950 of 60 posts is 0.863 to 0.983)
    intervals = [
        f"{opt.shown(s.analyzer)} {s.extra['accuracy_low']:.3f} to {s.extra['accuracy_high']:.3f}"
        for s in result.scores
        if s.n
    ]
    notes = ["accuracy's 95% interval (Wilson): " + ", ".join(intervals)] if intervals else []
    # (a Spanish post scored 0.0 by an English analyzer counted as neutral: not the accuracy `analyze` publishes)
    left_out = [
        f"{opt.shown(s.analyzer)} {s.extra['not_scored_language']:,} ({opt.shown(_languages_left_out(s))})"
        for s in result.scores
        if "not_scored_language" in s.extra
    ]
    if left_out:
        notes.append(
            "left out, in languages the analyzer does not read (as analyze leaves them unscored; "
            "--all-languages scores them): " + ", ".join(left_out)
        )
    notes += [
        f"{opt.shown(s.analyzer)}: trained on {opt.shown(s.extra['trained_on'])}, "
        f"cross-validated macro-F1 {s.extra['trained_cv_macro_f1']:.3f}"
        for s in result.scores
        if "trained_cv_macro_f1" in s.extra
    ]
    if undefined:  # (0.000 said the analyzer failed a class it never had a chance at)
        notes.append(
            "-: no such score (precision: the analyzer predicted no post as that class; recall: no gold post "
            "has it); macro-F1 averages the classes in the gold labels or the predictions"
        )
    if notes:
        summary.caption = "; ".join(([summary.caption] if summary.caption else []) + notes)
    console.print(summary)
    for s in result.scores:
        cm = Table(title=f"{opt.shown(s.analyzer)}: confusion (rows gold, columns predicted)", title_justify="left")
        cm.add_column("gold \\ predicted")
        for lab in s.confusion.columns:
            cm.add_column(lab, justify="right")
        for gold, counts in s.confusion.iterrows():
            cm.add_row(gold, *(f"{c:,}" for c in counts))
        console.print(cm)
        if f"{s.analyzer}_explain" in result.predictions:
            table = misjudged_table(result, s.analyzer)
            console.print(table if table.row_count else f"{opt.shown(s.analyzer)}: no misjudged posts")


def misjudged_table(result: Evaluation, analyzer: str, n: int = 8) -> Table:
    """The first `n` posts this analyzer got wrong, with why it scored them so (`--explain`)."""
    import numpy as np
    import pandas as pd
    from rich.table import Table

    from ..output.terminal import cell

    p = result.predictions
    scored = ~result.not_scored.get(analyzer, np.zeros(len(p), bool))  # (a post left out for its language: not wrong)
    wrong = p[scored & (p[f"{analyzer}_label"].fillna("neutral") != p["gold"]).to_numpy(bool)].head(n)
    table = Table(title=f"{opt.shown(analyzer)}: misjudged posts, explained", title_justify="left")
    brand = ["brand"] if result.towards_brands else []  # the label is about this brand of the post
    for col in ("gold", "predicted", *brand, "text", "explanation"):
        table.add_column(col, overflow="fold")
    for _, r in wrong.iterrows():
        text = " ".join(str(r["text"]).split())
        label = r[f"{analyzer}_label"] if pd.notna(r[f"{analyzer}_label"]) else "neutral"  # declined: as scored
        label, why = cell(label), cell(r[f"{analyzer}_explain"])
        table.add_row(cell(r["gold"]), label, *(cell(r[c]) for c in brand), cell(text[:80]), why)
    return table
