"""Discord channels as DiscordChatExporter saves them in JSON (`guild`, `channel`, `messages`)."""

from __future__ import annotations

from ..shapes import NotAPost, Shape, register
from . import dig, first_object, obj

PLATFORM = "discord"

#: message types that are what someone wrote; the others are Discord's own notices ("Joined the server.",
#: "pinned a message", a thread started), written by no one
_WRITTEN = {"Default", "Reply"}


def channel_records(doc: dict) -> list:
    """A channel's messages: a bot's (`author.isBot`: a server's ticket, moderation or welcome bot) and Discord's
    notices are no one's post about a brand, and are rejected as what they are ("bot message", "Discord notice:
    GuildMemberJoin"), as an X stream's notices are; read as posts, a support bot's "Thanks for contacting Acme!" was
    a customer's praise in every table. A reply's `parent_id` is the message it replies to."""
    guild = str(dig(doc, "guild", "id") or "")
    place = "/".join(["@me" if guild in ("", "0") else guild, str(dig(doc, "channel", "id") or "")])
    return _messages(doc["messages"], place)


def _messages(messages: list, place: str | None) -> list:
    """`channel_records` of messages; `place` (`GUILD/CHANNEL`) makes their links, None of messages saved alone."""
    out: list = []
    for m in messages:
        if not isinstance(m, dict):
            out.append(m)
            continue
        author = obj(m.get("author"))
        if author.get("isBot") is True:
            out.append(NotAPost(f"bot message (author {author.get('name')!r})", m))
            continue
        if m.get("type", "Default") not in _WRITTEN:
            out.append(NotAPost(f"Discord notice: {m.get('type')}", m))
            continue
        out.append(
            {
                "post_id": m.get("id"),
                "platform": PLATFORM,
                "created_at": m.get("timestamp"),
                "author": author.get("name"),
                "text": m.get("content"),
                "url": f"https://discord.com/channels/{place}/{m['id']}" if m.get("id") and place else None,
                "parent_id": dig(m, "reference", "messageId"),
            }
        )
    return out


def _is_channel(doc: object) -> bool:
    return (
        isinstance(doc, dict)
        and isinstance(doc.get("channel"), dict)
        and isinstance(doc.get("messages"), list)
        and all(isinstance(m, dict) and "author" in m and "timestamp" in m for m in doc["messages"][:1])
    )


register(Shape("Discord (DiscordChatExporter)", _is_channel, channel_records))


def _is_messages(doc: object) -> bool:
    """A channel's messages saved alone (`jq -c '.messages[]'`, JSON Lines, or their array): read by the column
    aliases, a bot's announcement ("Patch 2.3.0 is live!") was a player's post, and no message was Discord's."""
    first = first_object(doc)
    return first is not None and {"timestamp", "content", "type"} <= first.keys() and "isBot" in obj(first["author"])


register(Shape("Discord messages (DiscordChatExporter)", _is_messages, lambda doc: _messages(doc, None), items=True))
