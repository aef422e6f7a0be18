"""The TOML config: brands, topics and settings. Flag > environment > config file > default.

```toml
[brands.Delta]
terms = ["Delta", "Delta Air Lines", "@Delta", "#DeltaAirlines"]
exclude = ["delta variant", "river delta"]
competitor = true
```
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import errors
from .enrich.matching import fold
from .enrich.query import TAGGED_AFTER, looks_like_query, parse_query, query_fields
from .errors import ConfigError

CONFIG_NAME = "brandpulse.toml"
CONFIG_ENV = "BRANDPULSE_CONFIG"


def _as_list(value: object) -> list:
    """A term list given in code: a string is one term (as `terms = "Delta"` in the file), any other
    iterable (tuple, set, Series) its items."""
    return [value] if isinstance(value, str) else list(value or [])


@dataclass
class Brand:
    """A brand as a config file's `[brands.NAME]` defines it: `Brand("Delta", ["Delta", "@Delta"],
    exclude=["river delta"], competitor=True, handles=["@DeltaHelp"])`; a string is one term."""

    name: str
    terms: list[str]
    exclude: list[str] = field(default_factory=list)
    competitor: bool = False
    handles: list[str] = field(default_factory=list)  # the brand's own accounts
    query: str | None = None  # boolean query (README, "Boolean queries for brands and topics"), ORed with the terms

    def __post_init__(self) -> None:
        # a string built in code is one term, as in the TOML file (iterated, it was one term per letter)
        self.terms, self.exclude, self.handles = (_as_list(v) for v in (self.terms, self.exclude, self.handles))
        at = f"Brand({self.name!r})"
        _check_built(self.name, at, {"terms": self.terms, "exclude": self.exclude, "handles": self.handles})
        if not self.terms and not self.handles and self.query is None:  # (it matched no post, without a word)
            raise ConfigError(f"{at}: needs terms, handles or query")
        if not isinstance(self.competitor, bool):  # ("false" is a true string)
            raise ConfigError(f"{at}: competitor must be True or False")
        _check_query(self.query, at)

    @property
    def mentions(self) -> list[str]:
        """What names the brand in a post: its terms, and its `handles` as `@handle` terms, as a customer writing to
        the brand's help account (`@DeltaAssist my bag is lost`) is talking about the brand."""
        known = {t.casefold() for t in self.terms}
        handles = ["@" + h.strip().lstrip("@") for h in self.handles]
        return self.terms + [h for h in dict.fromkeys(handles) if h.casefold() not in known]


@dataclass
class Topic:
    """A topic as a config file's `[topics.NAME]` defines it: `Topic("baggage", ["bag", "luggage"],
    exclude=["mixed bag"])`; also `regex=[...]` or `query="..."`."""

    name: str
    keywords: list[str] = field(default_factory=list)  # words and phrases; `word*` matches a prefix
    regex: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    query: str | None = (
        None  # boolean query (README, "Boolean queries for brands and topics"), ORed with the keywords and regex
    )

    def __post_init__(self) -> None:
        self.keywords, self.regex, self.exclude = (_as_list(v) for v in (self.keywords, self.regex, self.exclude))
        at = f"Topic({self.name!r})"
        _check_built(self.name, at, {"keywords": self.keywords, "regex": self.regex, "exclude": self.exclude})
        if not self.keywords and not self.regex and self.query is None:
            raise ConfigError(f"{at}: needs keywords, regex or query")
        check_regex(self.regex, at)
        _check_query(self.query, at)


@dataclass
class Config:
    """What a config file holds, also built in code: `Config(brands=[Brand("Delta", ["Delta", "@Delta"])])`.
    `topics` defaults to the built-in taxonomy, as for a file without topics; `topics=[]` tags none."""

    brands: list[Brand] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=lambda: default_topics())
    sentiment: str = "cx"  # measured best of the built-ins (docs/sentiment.md)
    positive: float = 0.05  # polarity above this is positive
    negative: float = -0.05  # polarity below this is negative
    path: str | None = None
    raw: dict = field(default_factory=dict)  # the whole file, for sections other modules read
    sha256: str | None = None  # of the file's bytes as read (`config_record`)
    #: `[others] handles`: the accounts of bodies that post about it but are neither ours nor competitors (a council,
    #: a regulator, a local paper): their posts are kept out of the tables, alerts and queue, as a brand's own are
    others: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # built in code as a file is read: a single Brand or Topic is a list of one; a brand named twice
        # had a row each, both with every post of the two
        self.brands, self.topics = _items(self.brands, Brand, "brands"), _items(self.topics, Topic, "topics")
        self.others = _as_list(self.others)
        check_lists("Config: others", {"handles": self.others})  # (as a brand's handles)
        seen: set[str] = set()
        for brand in self.brands:
            if brand.name.casefold() in seen:
                raise ConfigError(f"Config: brand {brand.name!r} is defined twice")
            seen.add(brand.name.casefold())
        # thresholds the wrong way round labelled every post positive
        for name, value in (("positive", self.positive), ("negative", self.negative)):
            # (nan labelled every post neutral, 5 or -inf left a label that no polarity can reach)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not -1 <= value <= 1:
                raise ConfigError(f"Config: {name} ({value}) must be a number from -1 to 1, as polarity is")
        if self.negative > self.positive:
            raise ConfigError(f"Config: negative ({self.negative}) is above positive ({self.positive})")
        # (as the file's [sentiment] analyzer: a typo failed only in analyze(), after the config was made); an
        # analyzer itself (a trained model's, as analyze's `sentiment=` takes) is used as it is
        if not callable(getattr(self.sentiment, "score", None)):
            self.sentiment = _analyzer(self.sentiment, "Config: sentiment")

    def brand(self, name: str) -> Brand | None:
        return next((b for b in self.brands if b.name == name), None)


def check_config(config: object, who: str) -> None:
    """`config` is a Config or None: a path (`analyze(df, "brandpulse.toml")`) failed further on, with
    "'str' object has no attribute 'brands'"."""
    if config is not None and not isinstance(config, Config):
        hint = f": brandpulse.load_config({str(config)!r}) reads one" if isinstance(config, (str, os.PathLike)) else ""
        raise TypeError(f"{who}() takes a Config, not {type(config).__name__}{hint}")


def _check_built(name: object, at: str, lists: dict[str, list]) -> None:
    """A Brand or Topic built in code, checked as the file's are: its name goes into `;`-lists, and a term
    that is not a string failed deep in the matcher."""
    if not isinstance(name, str):
        raise ConfigError(f"{at}: the name must be a string")
    check_name(name, at)
    check_lists(at, lists)
    for key, values in lists.items():
        for v in values if key != "regex" else ():
            _check_query_syntax(at, key, v)


def check_lists(at: str, lists: dict[str, list]) -> None:
    """A rule's term lists (terms, keywords, regex, exclude, handles): strings, each naming something."""
    for key, values in lists.items():
        if not all(isinstance(v, str) for v in values):
            raise ConfigError(f"{at} {key}: expected a list of strings")
        for v in values:
            # a blank term matched no post without a word, and so did "*" (a prefix of nothing: youtube's "all"); a
            # blank regex every post; a handle "@" (compared without its "@") no account
            kept = v if key == "regex" else v.strip().lstrip("@") if key == "handles" else v.rstrip("*")
            if not kept.strip():
                what = f"{v!r} names nothing" if v.strip() else "an empty string"
                raise ConfigError(f"{at} {key}: {what}: remove it")
            # (`"@ delta"`: no account is named so; a name without "@" may be a page's or channel's display name, the
            # author of its posts in a Facebook or YouTube export: `"Delta Air Lines"`)
            if key == "handles" and v.strip().startswith("@") and any(c.isspace() for c in kept):
                raise ConfigError(
                    f"{at} {key}: {v!r} has a space, which no account's name has: write it as one word "
                    f"(@{''.join(kept.split())}), or put words in terms"
                )


def _check_query_syntax(at: str, key: str, value: str) -> None:
    """A term list's item written as a query's term: `"{BCC}"` (the council, not the e-mail's bcc) or `'"the
    council"'` were read as words with their braces and quotes, which no post holds, and matched nothing, silently."""
    v = value.strip()
    if len(v) > 2 and v[0] + v[-1] in ('""', "''"):
        raise ConfigError(f"{at} {key}: {value!r} is in quotes, which a term list does not need: write {v[1:-1]!r}")
    if len(v) > 2 and v[0] + v[-1] == "{}":
        where = (
            f"after EXCEPT in the table's query (query = '... EXCEPT {v}')"
            if key == "exclude"
            else f"in the table's query (query = '{v}', ORed with the list; exclude does not apply to it: "
            f"'{v} EXCEPT \"...\"')"
        )
        raise ConfigError(
            f"{at} {key}: {value!r} is a query's case-sensitive term, which a term list does not read (it matched no "
            f"post): write it {where}, or write {v[1:-1]!r} for any case"
        )


def check_regex(regex: list[str], at: str) -> None:
    """Each of a config's regexes compiles in Python's re, whose syntax they are in, else a ConfigError naming it (a
    pattern nested too deeply for re's parser was a RecursionError, "maximum recursion depth exceeded")."""
    import re

    for rx in regex:
        try:
            re.compile(rx)
        except re.error as exc:
            raise ConfigError(f"{at}: bad regex {rx!r}: {exc}") from None
        except RecursionError:
            shown = rx if len(rx) <= 60 else rx[:57] + "..."
            raise ConfigError(f"{at}: bad regex {shown!r}: nested too deeply") from None


def _items(value: object, kind: type, key: str) -> list:
    """Config's `brands` or `topics`: a list (or tuple) of `kind`, or one of them."""
    if isinstance(value, kind):
        return [value]
    if not isinstance(value, (list, tuple)):
        raise ConfigError(f"Config: {key} must be a list of {kind.__name__}, not {type(value).__name__}")
    for item in value:
        if not isinstance(item, kind):
            raise ConfigError(f"Config: {key} must be a list of {kind.__name__}, not of {type(item).__name__}")
    return list(value)


def _str_list(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where}: expected a list of strings")


def _table(data: dict, key: str, where: str, fix: str = "") -> dict:
    """The `[key]` table; another value (`input = "dmy"`, `brands = ["Delta"]`) is an error saying how to write
    it: `fix`, else a line `[key]` with the settings below it."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        fix = fix or f"write [{key}] on a line of its own, its settings on the lines below"
        raise ConfigError(f"{where}: [{key}] must be a table: {fix}")
    return value


#: what the file may hold at the top level and in [sentiment]: a misspelt key (`analyser`, `positve`,
#: `[brand.X]`) would otherwise leave the default in force without a word
TOP_KEYS = (
    "brands",
    "topics",
    "extend_default_topics",
    "sentiment",
    "language",
    "intent",
    "store",
    "credentials",
    "report",
    "input",
    "output",
    "alerts",
    "others",
)
SENTIMENT_KEYS = ("analyzer", "positive", "negative")
#: (read by enrich/language.py, store.py, `timezone`, `input_date_order`, `input_timezone` and `output_setting`
#: below; [alerts] by cli/alerts.py)
SECTION_KEYS = {
    "language": ("detect", "candidates", "names"),
    "store": ("path",),
    "report": ("timezone",),
    "input": ("date_order", "timezone", "about"),
    "output": ("excel", "decimal_comma", "redact"),
    "alerts": ("topics", "safety", "min_volume"),
    "others": ("handles",),
}
#: [credentials] keys: fetch's variables without `BRANDPULSE_` (fetch/credentials.py, which loads pandas)
CREDENTIAL_KEYS = (
    "x_bearer_token",
    "mastodon_token",
    "bluesky_handle",
    "bluesky_app_password",
    "reddit_client_id",
    "reddit_client_secret",
    "youtube_api_key",
)


def check_name(name: str, at: str) -> None:
    """A brand or topic name goes into `;`-separated cells (brands, topics): `Foo;Bar` was counted as two brands,
    each with the post, and itself as none. An `=` may be in it (the insurer LV=): the `NAME=score` pairs of
    `brand_sentiments` are split at their last `=`."""
    if ";" in name or not name.strip():
        raise ConfigError(f"{at}: a name cannot be empty or hold ';'")


#: keys users put in a config file that brandpulse takes elsewhere: an alert webhook's URL is a secret (a Slack token),
#: given to `alerts` only, as a fetch's tokens are given by [credentials] or the environment
ELSEWHERE = {
    "webhook": "an alerts webhook is given by `alerts --webhook URL` or $BRANDPULSE_WEBHOOK, not the config",
    "webhook_url": "an alerts webhook is given by `alerts --webhook URL` or $BRANDPULSE_WEBHOOK, not the config",
}


#: top-level keys of a value, not a table: written below a table (`[report]`, then `store = "x.duckdb"`), TOML reads
#: them as that table's, and the error named the table's keys alone
TOP_VALUES = ("store", "extend_default_topics")


def check_keys(table: dict, keys: tuple[str, ...], at: str) -> None:
    unknown = set(table) - set(keys)
    if unknown:
        key = sorted(unknown)[0]
        where = f": {ELSEWHERE[key.lower()]}" if key.lower() in ELSEWHERE else ""
        section = re.search(r"(\[[^\]]+\])$", at)
        if key in TOP_VALUES and section:
            where = f": {key} is a top-level key: move it above the first [table]"
            where += f" (TOML reads a key below {section[1]} as its)"
        raise ConfigError(f"{at}: unknown key {key!r} (known: {', '.join(keys)}){where}")


def table_entries(data: dict, section: str, where: str, keys: tuple[str, ...]):
    """(name, spec, where-label) for each `[section.NAME]` table, its keys checked against `keys`."""
    tables = _table(data, section, where, f"write a [{section}.NAME] table for each, with {keys[0]} = [...] below it")
    for name, spec in tables.items():
        at = f"{where}: [{section}.{name}]"
        if not isinstance(spec, dict):  # (`[brands]`, then `Delta = ["Delta"]`)
            key = name if re.fullmatch(r"[A-Za-z0-9_-]+", str(name)) else f'"{name}"'  # (TOML's bare keys)
            raise ConfigError(
                f"{at} must be a table: write [{section}.{key}] on a line of its own, then {keys[0]} = [...]"
            )
        check_name(str(name), at)
        check_keys(spec, keys, at)
        yield name, spec, at


def _check_query(query: object, at: str) -> None:
    """A brand's or topic's `query`, checked when it is made so a typo fails at load time with its column."""
    if query is None:
        return
    if not isinstance(query, str):
        raise ConfigError(f"{at}: query must be a string")
    try:
        fields = query_fields(parse_query(query))
    except ConfigError as exc:
        raise ConfigError(f"{at}: {exc}") from None
    if tagged := [f for f in TAGGED_AFTER if f in fields]:
        raise ConfigError(
            f"{at}: query reads {tagged[0]}:, which is tagged after a post's brands and topics: use it in"
            f" `brandpulse query test` on analyze's output, or `queue --{tagged[0]}`"
        )


def parse_brands(data: dict, where: str) -> list[Brand]:
    brands = []
    seen: dict[str, str] = {}
    keys = ("terms", "exclude", "competitor", "handles", "query", "mutations")
    for name, spec, at in table_entries(data, "brands", where, keys):
        if str(name).casefold() in seen:  # (TOML keys differ by case: both would be counted)
            raise ConfigError(f"{at}: brand {str(name)!r} is defined twice (also as {seen[str(name).casefold()]!r})")
        seen[str(name).casefold()] = str(name)
        terms = _str_list(spec.get("terms"), f"{at} terms")
        exclude, handles = (
            _str_list(spec.get("exclude"), f"{at} exclude"),
            _str_list(spec.get("handles"), f"{at} handles"),
        )
        if "mutations" in spec:  # (Welsh: "i Drafnidiaeth Cymru" names "Trafnidiaeth Cymru")
            from .enrich.mutations import LANGUAGES, mutated

            if spec["mutations"] not in LANGUAGES:
                raise ConfigError(f'{at}: mutations {spec["mutations"]!r}: expected "cy" (Welsh)')
            terms, exclude = mutated(terms, spec["mutations"]), mutated(exclude, spec["mutations"])
        if not terms and not handles and "query" not in spec:  # (a handle names its brand, as an @handle term)
            raise ConfigError(f"{at}: needs terms = [...], handles = [...] or query = '...'")
        competitor = spec.get("competitor", False)
        if not isinstance(competitor, bool):
            raise ConfigError(f"{at}: competitor must be true or false")
        brands.append(_made(Brand, at, str(name), terms, exclude, competitor, handles, spec.get("query")))
    return brands


def parse_topics(data: dict, where: str) -> list[Topic]:
    topics = []
    for name, spec, at in table_entries(data, "topics", where, ("keywords", "phrases", "regex", "exclude", "query")):
        phrases = _str_list(spec.get("phrases"), f"{at} phrases")
        check_lists(at, {"phrases": phrases})  # (as the file names them: Topic has them among its keywords)
        keywords = _str_list(spec.get("keywords"), f"{at} keywords") + phrases
        regex = _str_list(spec.get("regex"), f"{at} regex")
        if not keywords and not regex and "query" not in spec:
            raise ConfigError(f"{at}: needs keywords, phrases, regex or query")
        exclude = _str_list(spec.get("exclude"), f"{at} exclude")
        topics.append(_made(Topic, at, str(name), keywords, regex, exclude, spec.get("query")))
    return topics


def _made(kind: type, at: str, name: str, *args):
    """`kind(name, *args)`, which checks its regexes and query; its errors name `at`, the file's table or the
    option, not `Topic('x')` (they were checked here first, then again by the constructor)."""
    try:
        return kind(name, *args)
    except ConfigError as exc:
        raise ConfigError(str(exc).replace(f"{kind.__name__}({name!r})", at, 1)) from None


def read_topics(path: str | Path) -> list[Topic]:
    """The `[topics.NAME]` tables of a --topics/--add-topics file. A file with none (`[topic.x]`)
    is an error: --topics replaced the taxonomy with nothing, without a word."""
    data = read_toml(path, "topics file")
    check_keys(data, TOP_KEYS, str(path))
    topics = parse_topics(data, str(path))
    if not topics:
        raise ConfigError(f"{path}: no topics (expected [topics.NAME] tables)")
    return topics


def read_toml(path: str | Path, what: str = "config file") -> dict:
    """`path` parsed; errors name it as `what` (a topics file is not "no such config file")."""
    return _parse_toml(_read_bytes(path, what), path)


def _read_bytes(path: str | Path, what: str) -> bytes:
    """The bytes of the TOML file `path`; errors name it as `what`."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such {what}") from None
    except IsADirectoryError:  # (a container's config volume mounted where the file should be)
        raise ConfigError(f"{path}: a folder, not a {what}: give the file in it") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _parse_toml(data: bytes, path: str | Path) -> dict:
    """TOML `data` (of `path`, which errors name) parsed."""
    try:  # (utf-8-sig: Windows Notepad starts a UTF-8 file with a BOM)
        return tomllib.loads(data.decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        if b"\x00" in data[:4096]:  # (UTF-16 without its byte-order mark: `iconv -t UTF-16LE`; TOML has no NUL)
            raise ConfigError(f"{path}: invalid TOML: UTF-16 text, not UTF-8: save it as UTF-8") from None
        at = re.search(r"at line (\d+)", str(exc))  # (TOMLDecodeError.lineno: Python 3.14)
        line = data.decode("utf-8-sig").splitlines()[int(at.group(1)) - 1] if at else ""
        hint = ""
        if re.match(r"\s*\[+\s*(?:brands|topics|intent)\.[^\"'\]]*[^\x00-\x7f ]", line) or re.match(
            r"\s*\[+\s*(?:brands|topics|intent)\.\w+ +\w", line
        ):  # (`[brands.Café Sol]`: TOML's bare keys are ASCII letters, digits, - and _)
            # (the line's own table and name: `[topics.Café]` was told `[brands."Café Sol"]`)
            table, name = re.match(r"\s*\[+\s*(brands|topics|intent)\.([^\]]*)", line).groups()
            hint = f': a name with spaces or accents is quoted, [{table}."{name.strip()}"]'
        raise ConfigError(f"{path}: invalid TOML: {exc}{hint}") from None
    except UnicodeDecodeError:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # (Notepad's "Unicode", Excel's "Unicode Text")
            raise ConfigError(f"{path}: invalid TOML: UTF-16 text, not UTF-8: save it as UTF-8") from None
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 text") from None


def default_topics() -> list[Topic]:
    """The built-in customer-talk taxonomy (brandpulse/enrich/topics.toml)."""
    text = resources.files("brandpulse.enrich").joinpath("topics.toml").read_text("utf-8")
    return parse_topics(tomllib.loads(text), "built-in topics")


def find_config(path: str | Path | None) -> Path | None:
    """--config, else $BRANDPULSE_CONFIG, else ./brandpulse.toml if present."""
    if path:
        return Path(path).expanduser()  # (from Python, no shell expands `~/brandpulse.toml`)
    if os.environ.get(CONFIG_ENV):  # (cron does not expand `BRANDPULSE_CONFIG=~/brandpulse.toml`)
        return Path(os.environ[CONFIG_ENV]).expanduser()
    local = Path.cwd() / CONFIG_NAME
    return local if local.is_file() else None


def config_record(config: Config | None) -> dict[str, str | None] | None:
    """The config file a run read, by its name and its SHA-256 (as `sha256sum` prints it), for an output to say:
    brands, handles, topics and thresholds change every figure, and a report said nothing of which config made it.
    None when no file was read (the built-in topics, `--brand` alone). The sum is of the bytes read, when the run
    began: summed again at the end, a config saved during a long report was named for figures it did not make."""
    if config is None or not config.path:
        return None
    return {"file": Path(config.path).name, "sha256": config.sha256}


def load_config(path: str | Path | None = None) -> Config:
    """The config at `path` (or found as `find_config` says); defaults when there is none."""
    found = find_config(path)
    if found is None:
        return Config()  # (the built-in topics)
    # (a $BRANDPULSE_CONFIG set long ago, in a shell profile or crontab, was not named: "no such config file")
    named = "config file" if path or not os.environ.get(CONFIG_ENV) else f"config file (${CONFIG_ENV} names it)"
    read = _read_bytes(found, named)
    data = _parse_toml(read, found)
    where = str(found)
    check_keys(data, TOP_KEYS, where)
    for section, keys in SECTION_KEYS.items():
        if isinstance(data.get(section), dict):
            check_keys(data[section], keys, f"{where}: [{section}]")
    credentials = _table(data, "credentials", where)
    check_keys(credentials, CREDENTIAL_KEYS, f"{where}: [credentials]")
    for key, value in credentials.items():
        if not isinstance(value, str):  # (the value is a secret: never shown)
            raise ConfigError(f"{where}: [credentials] {key} must be a string")
    if credentials:
        _warn_if_readable(found)
    topics = parse_topics(data, where)
    extend = data.get("extend_default_topics", False)
    if not isinstance(extend, bool):  # ("false" in quotes is a true string: it extended)
        raise ConfigError(f"{where}: extend_default_topics must be true or false")
    if not topics or extend:
        topics = merge_topics(default_topics(), topics)
    settings = _table(data, "sentiment", where)
    check_keys(settings, SENTIMENT_KEYS, f"{where}: [sentiment]")
    thresholds = {}
    for key in ("positive", "negative"):
        if key in settings:
            if isinstance(settings[key], bool) or not isinstance(settings[key], (int, float)):  # (true was 1.0)
                raise ConfigError(f"{where}: [sentiment] {key} must be a number")
            thresholds[key] = float(settings[key])
    _check_sections(data, where)
    brands = parse_brands(data, where)
    _warn_of_shared_terms(brands, where)
    try:
        cfg = Config(
            brands=brands,
            topics=topics,
            path=where,
            raw=data,
            sha256=hashlib.sha256(read).hexdigest(),
            others=_str_list(data.get("others", {}).get("handles"), ""),  # (checked: `_check_sections`)
            **thresholds,
        )
    except ConfigError as exc:  # (thresholds the wrong way round, checked where a Config is made)
        raise ConfigError(f"{where}: [sentiment] {str(exc).removeprefix('Config: ')}") from None
    if "analyzer" in settings:
        cfg.sentiment = _analyzer(settings["analyzer"], f"{where}: [sentiment] analyzer")
        kind, _, file = cfg.sentiment.partition(":")
        if kind in ("cx", "model") and file:  # beside the config, wherever cron runs from; `~` is home, as for store
            cfg.sentiment = f"{kind}:{found.parent / Path(file).expanduser()}"
    return cfg


#: filesystems whose files' modes mean nothing (every file shows one mode): FAT, exFAT, NTFS (ntfs-3g is fuseblk),
#: SMB shares, and WSL's view of Windows drives (9p, drvfs)
NO_MODES = {"vfat", "msdos", "exfat", "ntfs", "ntfs3", "fuseblk", "cifs", "smb3", "smbfs", "9p", "drvfs"}
_warned: set[str] = set()  # (the config files and warnings warned of: once a run, however often the config is read)


def _warn_of_shared_terms(brands: list[Brand], where: str) -> None:
    """A warning on stderr, once a run, naming the terms (or handles) two brands of the config share: a post naming
    one counts for each, which may be meant (README, **Matching**) but in a config of hundreds of brands is more
    often a term pasted under the wrong one, and counted twice without a word."""
    owners: dict[tuple[str, bool], dict[str, str]] = {}  # (the term as matched, prefix) -> {brand: as written}
    for brand in brands:
        for term in brand.mentions:  # (as `TermMatcher` reads them: folded, a space or a hyphen alike)
            key = " ".join(re.split("[ -]", fold(term.rstrip().rstrip("*").strip())))
            owners.setdefault((key, term.rstrip().endswith("*")), {}).setdefault(brand.name, term)
    shared = [f"{next(iter(by.values()))!r} ({', '.join(by)})" for by in owners.values() if len(by) > 1]
    if not shared:
        return
    message = (
        f"warning: {where}: brands share terms, and a post naming one counts for each: {', '.join(shared[:3])}"
        + (f" and {len(shared) - 3} more" if len(shared) > 3 else "")
        + "\n"
    )
    if message not in _warned:
        _warned.add(message)
        import sys

        sys.stderr.write(message)


def _warn_if_readable(path: Path) -> None:
    """A warning on stderr, once a run, when the config file holding [credentials] can be read by its group or other
    users (as ssh warns of a key file): the tokens in it were anyone's on a shared machine, without a word. Not where
    a file's mode means nothing (Windows, and its filesystems mounted elsewhere). Never the secrets."""
    try:
        mode = path.stat().st_mode
        key = str(path.resolve())
    except OSError:
        return
    if not mode & 0o044 or key in _warned or not modes_kept(path):
        return
    _warned.add(key)
    import shlex
    import stat
    import sys

    who = "other users" if mode & 0o004 else "its group"
    sys.stderr.write(
        f"warning: {path} holds [credentials] and {who} can read it (mode {stat.S_IMODE(mode):03o}):"
        f" chmod 600 {shlex.quote(str(path))}\n"
    )


def modes_kept(path: Path, mounts: str = "/proc/self/mounts") -> bool:
    """Whether `path`'s filesystem keeps files' modes: not on Windows, nor on a filesystem of `NO_MODES` (the type of
    the longest mount point above it in `mounts`, where the system lists them: Linux). True when that cannot be told."""
    if os.name == "nt":
        return False
    try:
        with open(mounts, encoding="utf-8", errors="replace") as fh:
            table = [line.split()[1:3] for line in fh if len(line.split()) > 2]
    except OSError:
        return True
    where = str(path.resolve())
    best, kind = "", ""
    for point, fstype in table:
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), point)  # (a space is written \040)
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fstype
    return kind not in NO_MODES


def _analyzer(value: object, at: str) -> str:
    """The config's analyzer name, checked as the file is read (a typo failed at the first post, not
    naming the file): a built-in name, `cx:FILE` or `model:FILE` (the file is opened when used)."""
    from .enrich.sentiment import ANALYZERS

    if not isinstance(value, str):
        raise ConfigError(f'{at} must be a string, such as "cx"')
    kind, sep, file = value.partition(":")
    if value in ANALYZERS or (sep and kind in ("cx", "model") and file.strip()):
        return value
    if sep and kind in ("cx", "model"):
        raise ConfigError(f"{at}: {value!r} names no file: give {kind}:FILE")
    known = ", ".join(sorted(ANALYZERS))
    raise ConfigError(f"{at}: unknown sentiment analyzer {value!r} (known: {known}, cx:LEXICON.toml, model:FILE)")


def zone(name: str | None, what: str = "--tz") -> datetime.tzinfo:
    """The IANA time zone `name` (`UTC` in any case; None: UTC); an unknown one is a config error. UTC needs
    no time zone database (a system without one, and without the tzdata package, still reports in UTC)."""
    if name is None or name.strip().upper() == "UTC":
        return datetime.UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # (a folder such as `America`: IsADirectoryError)
        close = _close_zone(name.strip())
        hint = f", did you mean {close}?" if close else ""
        raise ConfigError(
            f"{what} {name!r}: unknown time zone{hint} (expected an IANA name such as America/New_York, or UTC)"
        ) from None


def named_brands(brands, known: list[str], where: str, option: str = "--for-brand", what: str = "brand") -> list[str]:
    """The `--for-brand` names (`queue`, `report`, `alerts`) as `known` spells them (in any case: every spelling of
    it), or a usage error naming the close one (a typo gave "0 posts to answer", exit 0: a quiet queue for cron).
    `option`, `what`: another option's names (`queue --intent`)."""
    import difflib

    spelt: dict[str, list[str]] = {}
    for name in known:
        spelt.setdefault(name.casefold(), []).append(name)
    out = []
    for brand in brands:
        if brand.casefold() not in spelt:
            close = difflib.get_close_matches(brand.casefold(), list(spelt), n=1, cutoff=0.6)
            hint = f", did you mean {spelt[close[0]][0]}?" if close else ""
            names = [spelt[n][0] for n in spelt]  # (each once: `--brand Skyway` and the stored posts' said it twice)
            shown = ", ".join(names[:20]) + (f" and {len(names) - 20:,} more" if len(names) > 20 else "")
            given = f"{option}{'' if option.endswith((':', '=')) else ' '}{brand}"  # (`--intent x`, `intent:x`)
            raise errors.UsageError(f"{given}: no such {what}{hint} ({where}: {shown or 'none'})")
        out += spelt[brand.casefold()]
    return list(dict.fromkeys(out))


def _close_zone(name: str) -> str | None:
    """The zone a mistyped `name` most likely meant, as `queue --for-brand` suggests a brand: in another case
    (`europe/london`), its city alone (`Paris`, `New York`), or spelt close (`Europe/Londn`); None when none is
    close."""
    import difflib
    from zoneinfo import available_timezones

    known = {z.casefold(): z for z in available_timezones()}
    cities = {z.rpartition("/")[2].casefold(): z for z in sorted(known.values()) if "/" in z}
    wanted = "_".join(name.split()).casefold()  # (`New York`: the zones spell their spaces `_`)
    if wanted in known or wanted in cities:
        return known.get(wanted) or cities[wanted]
    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.8)
    return known[close[0]] if close else None


def timezone(config: Config | None, option: str | None = None) -> str:
    """The zone of report periods, alert buckets and queue dates: `--tz`, else the config's
    `[report] timezone`, else UTC (an unknown one: a config error)."""
    if option is not None:  # (`make_report(tz=...)` names its keyword, not the flag)
        return str(zone(option, errors.option("tz", "--tz")))
    report = (config.raw if config else {}).get("report", {})
    return str(zone(report.get("timezone"), f"{config.path}: [report] timezone" if config else "timezone"))


def input_date_order(config: Config | None, option: str | None = None) -> str | None:
    """The order of the input files' day-month dates (`02/11/2026`): `--date-order`, else the config's
    `[input] date_order`, else None (read in the order the file's other dates show)."""
    if option is not None:
        return option.lower()
    order = (config.raw if config else {}).get("input", {}).get("date_order")
    return order.lower() if isinstance(order, str) else order


def input_timezone(config: Config | None, option: str | None = None) -> str | None:
    """The zone of the input files' times written without one: `--input-tz`, else the config's `[input] timezone`,
    else None (UTC). An unknown one is a config error."""
    if option is not None:
        return str(zone(option, "--input-tz"))
    name = (config.raw if config else {}).get("input", {}).get("timezone")
    return None if name is None else str(zone(name, f"{config.path}: [input] timezone"))


def input_about(config: Config | None, option: str | None = None) -> str | None:
    """The brand the input files are about (`--about`, else the config's `[input] about`), as the config names it, or
    None: an app-store export of one brand's reviews rarely names it ("the app crashes every time"), so its rows that
    name no brand are that brand's (`assign_brand`). A name that is no configured brand is a config error."""
    name = option if option is not None else (config.raw if config else {}).get("input", {}).get("about")
    if name is None:
        return None
    brands = {b.name.casefold(): b.name for b in (config.brands if config else [])}
    at = "--about" if option is not None else f"{config.path or 'config'}: [input] about"
    if not isinstance(name, str) or name.casefold() not in brands:
        known = ", ".join(brands.values()) or "none"
        raise ConfigError(f"{at} {name!r} is no configured brand (brands: {known})")
    return brands[name.casefold()]


def add_about_option(config: Config, option: str | None) -> Config:
    """`config` with `--about BRAND` as its `[input] about`, checked (after `add_brand_options`: `--brand` may define
    it) before any file is read."""
    about = input_about(config, option)
    if about is not None:
        config.raw = {**config.raw, "input": {**config.raw.get("input", {}), "about": about}}
    return config


def output_setting(
    config: Config | None, key: str, option: bool | None = None, section: str = "output", default: bool = False
) -> bool:
    """An output setting (`excel`, `decimal_comma` of the commands that write CSV; `redact` of report and queue), or
    another true-or-false one of `section` (`[alerts] topics`, `safety`): the option (`--excel`, `--no-excel`), else
    the config's, else `default`."""
    if option is not None:
        return option
    return bool((config.raw if config else {}).get(section, {}).get(key, default))


def _check_sections(data: dict, where: str) -> None:
    """[language], `store`, [report], [input] and [output], read elsewhere when used, checked as the file is read so
    their errors name it (they said "[language] must be a table", or failed only in `ingest`)."""
    from .enrich.language import candidates_from_config
    from .sources.values import DATE_ORDERS

    candidates_from_config(data, where)
    order = _table(data, "input", where).get("date_order")
    # ("DMY" was left unread, each such date rejected; then refused: it is taken in any case, as --date-order is)
    if order is not None and (not isinstance(order, str) or order.lower() not in DATE_ORDERS):
        raise ConfigError(f'{where}: [input] date_order {order!r}: expected "dmy" (day first) or "mdy" (month first)')
    _check_zone(_table(data, "input", where), f"{where}: [input]", "Europe/Madrid")
    if not isinstance(_table(data, "input", where).get("about", ""), str):
        raise ConfigError(f'{where}: [input] about must be a brand\'s name, such as "QuickBite"')
    _check_zone(_table(data, "report", where), f"{where}: [report]", "America/New_York")
    for section in ("output", "alerts"):  # ("true" in quotes would be a true string)
        for key, value in _table(data, section, where).items():
            # (`[alerts] safety` may list the kinds of safety post that alert: report/safety.py, `safety_kinds`)
            if section == "alerts" and key == "safety" and isinstance(value, list):
                if not all(isinstance(v, str) and v.strip() for v in value):
                    raise ConfigError(f'{where}: [alerts] safety must be true, false or a list of names ("fire")')
            elif section == "alerts" and key == "min_volume":  # (`alerts --min-volume`'s, which wins over it)
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ConfigError(
                        f"{where}: [alerts] min_volume must be a whole number of posts, 0 or more (such as 5)"
                    )
            elif not isinstance(value, bool):
                raise ConfigError(f"{where}: [{section}] {key} must be true or false")
    others = _str_list(_table(data, "others", where).get("handles"), f"{where}: [others] handles")
    check_lists(f"{where}: [others]", {"handles": others})
    value = data.get("store")
    if isinstance(value, dict):
        value = value.get("path")
    if value is not None and not isinstance(value, str):
        raise ConfigError(f'{where}: store must be a path (store = "..." or [store] path = "...")')


def _check_zone(table: dict, at: str, such: str) -> None:
    """A table's `timezone`, if given: an IANA name (or UTC)."""
    if "timezone" in table:
        if not isinstance(table["timezone"], str):
            raise ConfigError(f'{at} timezone must be a string, such as "{such}"')
        zone(table["timezone"], f"{at} timezone")


def merge_topics(base: list[Topic], extra: list[Topic]) -> list[Topic]:
    """`extra` replaces topics of the same name in `base` and adds the others."""
    names = {t.name for t in extra}
    return [t for t in base if t.name not in names] + list(extra)


def parse_brand_option(value: str) -> Brand:
    """`--brand 'Delta=Delta,Delta Air Lines,@Delta'`, or just `--brand Delta` (the name is the term).

    `--brand 'Apple=apple NEAR/3 (iphone OR mac)'`: a value with quotes, parentheses, braces, an
    upper-case operator, a `-term` or a `field:` is a query (README, "Boolean queries for brands and
    topics"), not a term list. Its errors name `--brand` in a command, else the brand given (`brand 'Delta='`).
    """
    name, sep, terms = value.partition("=")
    name = name.strip()
    flag = errors.option("brand", "--brand")
    if not name:
        raise ConfigError(f"{flag} {value!r}: expected NAME=TERM,TERM or NAME")
    check_name(name, f"{flag} {value!r}")
    if sep and looks_like_query(terms):
        return _made(Brand, f"{flag} {name}", name, [], [], False, [], terms.strip())
    term_list = [t.strip() for t in terms.split(",") if t.strip()] if sep else [name]
    if not term_list:  # ('X=' made a brand that matched nothing, silently)
        raise ConfigError(f"{flag} {value!r}: no terms after '=': give NAME=TERM,TERM or just NAME")
    return Brand(name, term_list)


def add_brand_options(config: Config, specs) -> Config:
    """`config` with the `--brand` options' brands added. A name given twice (in any case, in the config
    or on the command line) is an error: both brands were counted, each with its share of voice."""
    from_config = {b.name.casefold() for b in config.brands}
    seen = {b.name.casefold(): b.name for b in config.brands}
    for spec in specs:
        brand = parse_brand_option(spec)
        key = brand.name.casefold()
        if key in seen:
            flag = errors.option("brand", "--brand")
            where = f"in {config.path}" if key in from_config and config.path else f"by another {flag}"
            raise ConfigError(f"{flag} {spec!r}: brand {seen[key]!r} is already defined {where}")
        seen[key] = brand.name
        config.brands.append(brand)
    return config
