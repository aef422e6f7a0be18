"""`brandpulse train`: a sentiment model from your own labelled posts (needs `brandpulse[ml]`)."""

from __future__ import annotations

import click

from ..errors import UsageError
from . import options as opt


def _model_file(ctx, param, path: str) -> str:
    """`-o -` wrote a file named "-" (every other command's `-` is stdout; a model is binary)."""
    if path == "-":
        raise UsageError("--output needs a file, not - (a model is binary): e.g. -o model.bp")
    return path


@click.command("train")
@click.argument("labelled", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--label-column", required=True, metavar="COL", help="Column holding each post's gold label.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=opt.FilePath(dir_okay=False),
    callback=_model_file,
    help="Model file to write (.bp).",
)
@click.option(
    "--label-map", multiple=True, metavar="VALUE=LABEL,...", help="Map label values, as for `evaluate` (repeatable)."
)
@click.option(
    "--label-threshold",
    type=opt.NON_NEGATIVE,
    metavar="X",
    help="The label column is a numeric score, as for `evaluate`.",
)
@click.option("--skip-unknown", is_flag=True, help="Count and leave out posts with unmappable labels, not failing.")
@click.option(
    "--cv",
    type=opt.FOLDS,
    default=5,
    show_default=True,
    help="Folds for the cross-validated score kept in the model (2 or more; 0: none).",
)
@click.option(
    "--c",
    "c",
    type=opt.POSITIVE,
    default=1.0,
    show_default=True,
    help="Inverse regularisation strength of the logistic regression.",
)
@click.option("--no-cx-features", is_flag=True, help="Use only the n-grams, not the cx analyzer's score, as features.")
@opt.config_option
@opt.map_option
@opt.input_format_option
@opt.date_order_option
@opt.input_tz_option
@opt.encoding_option
@opt.rejects_option
@opt.apply(opt.csv_options)
@opt.quiet_option
def train_cmd(
    labelled,
    label_column,
    output,
    label_map,
    label_threshold,
    skip_unknown,
    cv,
    c,
    no_cx_features,
    config_path,
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
    """Train a TF-IDF (word + char n-grams) logistic-regression model on LABELLED posts.

    Use it with `--sentiment model:FILE` in analyze and evaluate. The file holds plain arrays and a
    JSON header (format version, training summary, cross-validated scores); it is never unpickled.
    """
    from ..config import load_config
    from ..evaluate import counted_values, parse_label_map
    from ..model import LANGUAGE_CODE, fit, labelled_posts
    from ..sources import shown_name

    err = opt.err_console()
    opt.check_outputs([labelled], output=output, rejects=rejects)
    config = load_config(config_path)  # (its [input] settings)
    # the text and the label only: a date or count column cannot reject a labelled post
    loaded = opt.read_input(
        labelled,
        input_format,
        map_specs,
        date_order,
        keep=(label_column,),
        fields=("text", "lang"),
        config=config,
        input_tz=input_tz,
    )
    say = (lambda *a: None) if quiet else err.print
    opt.tell_columns(labelled, loaded, say)
    opt.tell_rejects(loaded.rejects, rejects, say, csv_opts=opt.csv_settings(config, raw_csv, excel, decimal_comma))
    labelled_set = labelled_posts(
        loaded.posts,
        label_column,
        label_map=parse_label_map(",".join(label_map)),
        threshold=label_threshold,
        skip_unknown=skip_unknown,
        config=config,
        source=shown_name(labelled),
        cv=cv,  # (its labels checked for the folds before the posts' languages are detected, and before "training on")
    )
    texts, languages, counts = labelled_set.texts, labelled_set.languages, labelled_set.counts
    folds = f" ({cv}-fold cross-validation)" if cv > 1 else ""
    unlabelled = labelled_set.unlabelled
    notes = [f"{opt.counted(unlabelled, 'post')} without a label (not used)"] if unlabelled else []
    if labelled_set.unknown:  # (as evaluate's note)
        skipped = labelled_set.unknown
        notes.append(f"{sum(skipped.values()):,} with unknown labels skipped: " + opt.shown(counted_values(skipped)))
    if len(loaded.rejects):
        notes.append(f"{opt.counted(len(loaded.rejects), 'row')} rejected on reading")
    if not quiet or len(loaded.rejects):
        err.print(f"training on {opt.counted(len(texts), 'labelled post')}{folds}" + "".join(f"; {n}" for n in notes))
    model = fit(
        texts,
        labelled_set.labels,
        c=c,
        cx_features=not no_cx_features,
        source=str(labelled),
        cv=cv,
        languages=languages,
        langs=labelled_set.langs,
        skipped=labelled_set.unknown,
    )
    model.save(output)
    summary = model.meta["training"]
    line = f"wrote {opt.shown(output)}: {summary['features']:,} features, labels " + ", ".join(
        f"{k} {v:,}" for k, v in summary["labels"].items()
    )
    if "cv" in summary:
        line += f"; {cv}-fold CV accuracy {summary['cv']['accuracy']:.3f}, macro-F1 {summary['cv']['macro_f1']:.3f}"
        if "posts" in summary["cv"]:  # (those in its languages: the others it leaves unscored)
            line += f" (of the {summary['cv']['posts']:,} posts in its languages)"
    line += f"; scores posts in {', '.join(languages)}"
    few = {code: n for code, n in counts.items() if code not in languages and LANGUAGE_CODE.fullmatch(code)}
    if few:  # (too few to learn their words from: those posts are left unscored, as other analyzers leave them)
        line += " (too few posts in " + ", ".join(f"{opt.shown(code)} {n:,}" for code, n in few.items()) + ")"
    odd = {value: n for value, n in counts.items() if not LANGUAGE_CODE.fullmatch(value)}
    if odd:  # (a `lang` column of names brandpulse does not know: `analyze` scores none of those posts either)
        line += "; no language code: " + ", ".join(f"{opt.shown(repr(v))} {n:,}" for v, n in odd.items())
    if not quiet:
        err.print(line)
