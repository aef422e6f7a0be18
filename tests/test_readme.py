"""README's Configuration and Library examples, run as written, and every command README and docs/ show,
parsed, so they cannot drift from the code.
(The boolean-query examples are checked in test_query_match.py.)"""

from __future__ import annotations

import io
import re
import shlex
import signal

import click
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

import brandpulse
from brandpulse.cli import main


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    return text.split(f"\n## {title}", 1)[1].split("\n## ", 1)[0]


def blocks(section: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section, re.S)


def test_the_configuration_examples_load_and_mean_what_they_say(tmp_path):
    path = tmp_path / "readme.toml"
    path.write_text("\n".join(blocks(readme_section("Configuration"), "toml")), "utf-8")
    config = brandpulse.load_config(path)
    [delta] = config.brands
    assert (delta.name, delta.competitor, delta.handles) == ("Delta", True, ["@Delta", "@DeltaAssist"])
    assert delta.exclude == ["delta variant", "river delta"]
    assert (config.sentiment, config.positive, config.negative) == ("cx", 0.05, -0.05)
    assert [t.name for t in config.topics] == ["lounge"]  # (topics in the config replace the built-in ones)
    texts = ["the Delta lounges have wifi", "the delta variant again", "lounge music", "@DeltaAssist my bag?"]
    out = brandpulse.analyze(pd.DataFrame({"text": texts}), config)
    assert out["brands"].tolist() == ["Delta", "", "", "Delta"]  # (a handle names its brand)
    assert out["topics"].tolist() == ["lounge", "", "", ""]


POSTS = """\
post_id,platform,created_at,author,text
1,twitter,2026-11-02T10:00:00Z,ann,Skyway lost my bag again
1,twitter,2026-11-02T10:00:00Z,ann,Skyway lost my bag again
2,twitter,2026-11-02T11:00:00Z,SkywayAir,"@ann Skyway here, so sorry about your bag"
3,twitter,2026-11-02T12:00:00Z,bob,"switched from Skyway to Aerolux, best decision ever"
4,twitter,2026-11-02T13:00:00Z,cy,QuickBite was great tonight
5,twitter,2026-11-02T14:00:00Z,dee,nice weather today
"""


def test_the_library_example_runs_and_gives_the_clis_numbers(tmp_path):
    (tmp_path / "posts.csv").write_text(POSTS, "utf-8")
    (tmp_path / "brandpulse.toml").write_text((EXAMPLES / "brandpulse.toml").read_text("utf-8"), "utf-8")
    code = blocks(readme_section("Analyze posts"), "python")[0]
    names: dict = {}
    exec(code, names)  # (in tmp_path, the test's working folder: posts.csv and brandpulse.toml as README has them)
    assert names["loaded"].rows_read == 6 and len(names["posts"]) == 5  # the repeated post 1 dropped
    summary = brandpulse.brand_summary(names["enriched"], names["config"]).set_index("brand")
    # by hand: Skyway in posts 1 and 3 (2 is Skyway's own handle, left out), Aerolux in 3, QuickBite in 4
    mentions = summary["mentions"].to_dict()
    assert mentions == {"Skyway": 2, "Aerolux": 1, "QuickBite": 1, "FeastNow": 0, "(no brand)": 1}
    result = CliRunner().invoke(main, ["analyze", "posts.csv", "--summary-csv", "brands.csv", "-o", "rows.csv"])
    assert result.exit_code == 0, result.output
    cli = pd.read_csv(io.StringIO((tmp_path / "brands.csv").read_text("utf-8"))).set_index("brand")
    pd.testing.assert_frame_equal(cli, summary, check_dtype=False)
    # the brand's own apology (post 2, by SkywayAir) is in no post table
    shown = pd.concat([names["negative"], names["positive"]])["post_id"].tolist()
    assert "2" not in shown and "1" in names["negative"]["post_id"].tolist()


def test_the_library_example_of_your_own_labels_runs_as_written(tmp_path):
    """README's notebook of a class's labels: evaluate_sentiment and train on labels typed by hand, blank ones left
    out, then the model as the analyzer of analyze."""
    pytest.importorskip("sklearn", reason="train needs the optional extra brandpulse[ml]")
    (tmp_path / "posts.csv").write_text(POSTS, "utf-8")
    (tmp_path / "brandpulse.toml").write_text((EXAMPLES / "brandpulse.toml").read_text("utf-8"), "utf-8")
    kinds = {
        "Pos": ["love the {}", "the {} is brilliant", "great {} today", "best {} ever", "perfect {}, thanks"],
        "neg ": ["hate the {}", "the {} is broken", "awful {} today", "worst {} ever", "useless {}, again"],
        "neutral.": ["the {} opens at 9", "new {} announced", "the {} is on page 2", "a {} in blue", "my {} today"],
    }
    rows = [(t.format(x), lab) for lab, ts in kinds.items() for t in ts for x in ("app", "seat", "menu", "flight")]
    pd.DataFrame(rows + [("what a {} day", "")], columns=["text", "label"]).to_csv("labelled.csv", index=False)
    code = blocks(readme_section("Analyze posts"), "python")  # (the first, and the one of your own labels)
    first, mine = code[0], next(block for block in code if "labelled.csv" in block)
    names: dict = {}
    exec(first + mine, names)
    assert names["result"].n_labelled == 60 and names["result"].unlabelled == 1
    assert names["result"].table()["analyzer"].tolist() == ["textblob", "vader", "cx"]
    assert set(names["model"].meta["training"]["cv"]) == {"folds", "accuracy", "macro_f1"}
    assert names["model"].meta["training"]["labels"] == {"negative": 20, "neutral": 20, "positive": 20}
    assert names["enriched"]["sentiment"].notna().all()


def test_every_public_name_has_a_docstring_of_its_own():
    """`help(brandpulse.Brand)` (also Topic and Loaded) showed only the signature dataclass makes up."""
    for name in brandpulse.__all__:
        obj = getattr(brandpulse, name)
        if callable(obj):
            doc = obj.__doc__ or ""
            assert doc.strip() and not doc.startswith(f"{name}("), name


def test_a_notebooks_completion_offers_the_packages_names_not_its_imports():
    """`dir(brandpulse)` (a notebook's `brandpulse.<Tab>`) listed `TYPE_CHECKING`, `annotations` and `importlib`."""
    shown = dir(brandpulse)
    assert {"TYPE_CHECKING", "annotations", "importlib"}.isdisjoint(shown), shown
    assert set(brandpulse.__all__) <= set(shown) and "evaluate_sentiment" in shown and "__version__" in shown


def shown_commands() -> list[tuple[str, list[str]]]:
    """Every `brandpulse ...` command in README and docs/ (code blocks and inline code), as argument lists:
    pipes, `;`, `&&` and redirections split a line, `$(...)` is one placeholder word, `\\` continues a line."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text("utf-8")
        blocks = re.findall(r"```[a-z]*\n(.*?)```", text.replace("\\\n", " "), re.S)
        lines = [line for block in blocks for line in block.splitlines()]
        lines += re.findall(r"`(brandpulse [^`]*)`", text)
        for line in lines:
            line = re.sub(r"\$\([^)]*\)", "X", line.strip().removeprefix("$ "))
            if "brandpulse " not in line:
                continue
            words = re.split(r"\s(?:\||;|&&|>>?|<)\s", line)
            for part in words:
                args = shlex.split(part.replace("SOURCE QUERY", "rss QUERY"), comments=True)
                if args[:1] == ["brandpulse"]:
                    found.append((path.name, args[1:]))
    return found


def test_every_command_the_docs_show_parses():
    """An option renamed or dropped in the code, or misspelt in the docs, would leave a command that only
    fails when an analyst types it. (Commands named without their arguments, in prose, are left at that.)"""
    commands = shown_commands()
    assert len(commands) > 60
    for name, args in commands:
        while args[:1] == ["--debug"]:
            args = args[1:]
        if args[:1] == ["..."]:  # (`brandpulse --debug ...`)
            continue
        command, rest = main, args
        try:
            while isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
                command, rest = command.get_command(click.Context(main), rest[0]), rest[1:]
                assert command is not None, (name, args)
            command.make_context("brandpulse", list(rest))
        except click.exceptions.Exit:  # (--help, --version)
            pass
        except click.MissingParameter:
            pass
        except click.UsageError as exc:
            raise AssertionError(f"{name}: brandpulse {shlex.join(args)}: {exc.format_message()}") from None


def test_the_exit_code_table_and_help_list_every_code_the_cli_uses():
    from brandpulse import errors
    from brandpulse.cli import INTERRUPTED

    codes = {cls.exit_code for cls in vars(errors).values() if isinstance(getattr(cls, "exit_code", None), int)}
    codes |= {0, 3, INTERRUPTED, 128 + signal.SIGPIPE}  # (success, alerts fired, Ctrl-C, `| head`)
    codes |= {128 + signum for signum in errors.ENDING}  # (SIGTERM, SIGHUP: `Terminated.exit_code`)
    table = {int(code) for code in re.findall(r"^\| (\d+) \|", readme_section("Exit codes"), re.M)}
    assert table == codes
    shown = " ".join(CliRunner().invoke(main, ["--help"]).output.split())  # (wherever click wraps the lines)
    listed = {int(code) for code in re.findall(r"(\d+) [a-z(]", shown.split("Exit codes:")[1].split(".")[0])}
    assert listed == codes


def test_every_option_a_commands_help_lists_is_in_the_readme():
    """The manual names every flag `--help` lists: `report --title`, `forget --before`, `train --no-cx-features`,
    `alerts --share-margin` and `--webhook-retries` were in `--help` alone (an analyst reading README could not
    find them)."""

    def options(command: click.Command, path: str):
        for param in command.params:
            if getattr(param, "hidden", False):  # (an old spelling kept working: `alerts --json`)
                continue
            for flag in param.opts + param.secondary_opts:
                if flag.startswith("--") and flag not in ("--help", "--version"):
                    yield path, flag
        if isinstance(command, click.Group):  # (its commands are imported when listed: `list_commands`)
            context = click.Context(command)
            for name in command.list_commands(context):
                yield from options(command.get_command(context, name), f"{path} {name}")

    readme = (ROOT / "README.md").read_text("utf-8")
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*(?![\w-])", readme))
    listed = list(options(main, ""))
    assert len({path for path, _ in listed}) >= 13  # (the group, its 12 commands and `query test`)
    missing = sorted({f"brandpulse{path} {flag}" for path, flag in listed if flag not in named})
    assert not missing, missing
