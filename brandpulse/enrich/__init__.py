"""The analysis of each post: brands, language, sentiment, intent and topics."""

from __future__ import annotations

#: the built-in rules whose versions `brandpulse --version` names and the store's `meta` records: a post scored or
#: tagged differently by two brandpulses changed one of these
RULE_FILES = {"cx lexicon": "cx_lexicon.toml", "topics": "topics.toml", "intent rules": "intent.toml"}


def rules_versions(names=RULE_FILES) -> str:
    """The built-in rules' versions as `--version` says them: "cx lexicon 1.28, topics 9, intent rules 1.15"."""
    import tomllib
    from importlib import resources

    rules = resources.files(__name__)
    return ", ".join(f"{n} {tomllib.loads(rules.joinpath(RULE_FILES[n]).read_text('utf-8'))['version']}" for n in names)
