"""Short forms of long texts for titles and lists."""

import textwrap


def shorten(text, limit):
    """`text` in at most `limit` characters, cut at a word boundary with an ellipsis ("…") when it is longer.
    A single word longer than the limit is cut inside it rather than dropped."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    short = textwrap.shorten(text, width=limit, placeholder="…")
    return short if short != "…" else text[:limit - 1] + "…"
