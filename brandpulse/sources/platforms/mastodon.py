"""Mastodon: API status lists (timelines, search results) and the account export's
`outbox.json` (ActivityStreams). `content` is HTML and becomes plain text."""

from __future__ import annotations

from urllib.parse import urlparse

from ..markup import html_to_text
from ..shapes import Shape, register
from . import dig, is_list_of, obj, shares

PLATFORM = "mastodon"


def with_warning(warning: object, text: object) -> object:
    """A post's content warning (plain text) before its text, a blank line between, as Mastodon's own RSS
    feed shows it: the warning often names the subject ("Acme kettle review") that the text then leaves out."""
    if not isinstance(warning, str) or not warning.strip():
        return text
    return "\n\n".join(x for x in (warning.strip(), text) if isinstance(x, str) and x)


def status_record(status: dict) -> dict:
    """One API status; a boost stands for the post it boosts (its own body is empty). `language` is the one
    the author's app declared (often its default, not the post's), taken as given."""
    if isinstance(status.get("reblog"), dict):
        status = status["reblog"]
    account = obj(status.get("account"))
    return {
        "post_id": status.get("id"),
        "platform": PLATFORM,
        "created_at": status.get("created_at"),
        "author": _handle(account),
        "author_followers": account.get("followers_count"),
        "text": with_warning(status.get("spoiler_text"), html_to_text(status.get("content"))),
        "url": status.get("url") or status.get("uri"),
        "lang": status.get("language"),
        "likes": status.get("favourites_count"),
        "reposts": shares(status.get("reblogs_count"), status.get("quotes_count")),
        "replies": status.get("replies_count"),
        "parent_id": status.get("in_reply_to_id"),
    }


def _handle(account: dict) -> object:
    """`user@server` for every author: the API gives a local account's `acct` without its server,
    which its profile URL (https://server/@user) names."""
    acct = account.get("acct") or account.get("username")
    host = urlparse(account["url"]).hostname if isinstance(account.get("url"), str) else None
    if isinstance(acct, str) and "@" not in acct and host:
        return f"{acct}@{host}"
    return acct


def statuses_records(doc: object) -> list:
    """One record per status; a status that is not an object is passed on to be rejected in its place."""
    items = doc["statuses"] if isinstance(doc, dict) else doc
    return [status_record(s) if isinstance(s, dict) else s for s in items]


def _is_status_list(doc: object) -> bool:
    return is_list_of(doc, "account", "content", "reblogs_count")


def _is_search(doc: object) -> bool:
    """/api/v2/search: its statuses beside the accounts and hashtags found."""
    return "accounts" in doc and (doc["statuses"] == [] or _is_status_list(doc["statuses"]))


def _actor_handle(actor: object) -> str | None:
    """`https://mastodon.social/users/alice` -> `alice@mastodon.social`."""
    if not isinstance(actor, str):
        return None
    parsed = urlparse(actor)
    name = parsed.path.rstrip("/").rsplit("/", 1)[-1]
    return f"{name}@{parsed.netloc}" if name and parsed.netloc else actor


def _status_id(uri: object) -> object:
    """A status's id from its URI (`https://social.example/users/alice/statuses/111` -> `111`), as the API names it on
    its own server: a reply's `inReplyTo` is read so too, so it names its parent as the parent's `post_id` does (as the
    full URI it named no post: `queue` saw no brand's outbox reply as an answer)."""
    return uri.rstrip("/").rsplit("/", 1)[-1] if isinstance(uri, str) else uri


def outbox_records(doc: dict) -> list:
    """`Create` activities of Notes; boosts (`Announce`) point at others' posts by URL only and are skipped.
    An activity that is not an object is passed on to be rejected."""
    out: list = []
    for act in doc.get("orderedItems") or []:
        if not isinstance(act, dict):
            out.append(act)
            continue
        note = act.get("object")
        if not isinstance(note, dict) or act.get("type") != "Create":
            continue
        langs = list((note.get("contentMap") or {}).keys())
        note_id = note.get("id")
        out.append(
            {
                "post_id": _status_id(note_id),
                "platform": PLATFORM,
                "created_at": note.get("published"),
                "author": _actor_handle(note.get("attributedTo") or act.get("actor")),
                "text": with_warning(note.get("summary"), html_to_text(note.get("content"))),
                "url": note.get("url") or note_id,
                "lang": langs[0] if len(langs) == 1 else None,
                "replies": dig(note, "replies", "totalItems"),
                "parent_id": _status_id(note.get("inReplyTo")),
            }
        )
    return out


def _is_outbox(doc: object) -> bool:
    return (
        isinstance(doc, dict) and doc.get("type") == "OrderedCollection" and isinstance(doc.get("orderedItems"), list)
    )


register(Shape("Mastodon statuses (API)", _is_search, statuses_records))
register(Shape("Mastodon statuses (API)", _is_status_list, statuses_records, items=True))
register(Shape("Mastodon outbox.json (account export)", _is_outbox, outbox_records))
