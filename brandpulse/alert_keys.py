"""How the alerts sent are remembered, in the store and in the --state file alike: each key after its destination
(`report.notify.destination`), and the level of each spike's last alert as a key of its own. The store reads them
without the report package."""

from __future__ import annotations


def level_key(key: str, level: int) -> str:
    """How the level (`Alert.level`) of the last alert sent for the spike of alert `key` is remembered, beside the sent
    keys (in the store, or the --state file): a key of its own, `KEY^LEVEL`, sent to the same destination."""
    return f"{key}^{level}"


def levels(keys, asked) -> dict[str, int]:
    """Of the remembered alert `keys` (`own`'s values), the levels (`level_key`) of the alerts `asked` about: the
    highest remembered for each (an escalation of an alert's own bucket adds a higher one)."""
    asked, out = set(asked), {}
    for k in keys:
        key, mark, level = k.rpartition("^")
        if mark and key in asked and level.isdigit():
            out[key] = max(out.get(key, 0), int(level))
    return out


def own(keys, dest: str | tuple[str, ...]) -> dict[str, str]:
    """Of the remembered `keys`, those of `dest` (one or several, `destinations`) and those from before stop 32:
    stored key -> alert key."""
    mine = tuple(f"{d} " for d in ((dest,) if isinstance(dest, str) else dest))
    out = {}
    for k in keys:
        if not k.startswith("@"):
            out[k] = k
        elif k.startswith(mine):
            out[k] = k.split(" ", 1)[1]
    return out
