"""Two versions of a text word by word: the words taken out in <del>, those put in in <ins>, every
piece escaped, as the values are what staff typed. The review, compare and revert pages show
values this way (docs/back-office.md)."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# A word (letters and digits, in any script), any other sign ("(", "—", "."), or a run of spaces:
# a punctuation change ("meeting." → "meeting,") marks the sign, not the word it follows.
TOKENS = re.compile(r"\w+|[^\w\s]|\s+")


def tokens(text):
    return TOKENS.findall(str(text or ""))


def html_of(words):
    """Words as HTML: escaped, with line breaks kept."""
    return escape("".join(words)).replace("\r\n", "\n").replace("\n", "<br>")


def marked(tag, words):
    """`words` in a <del> or an <ins>, apart from the spaces around them (a highlighted space at
    the end of a line reads as a change that is not there)."""
    text = "".join(words)
    core = text.strip()
    if not core:
        return html_of(words)
    start = text.index(core)
    return f"{html_of(text[:start])}<{tag}>{html_of(core)}</{tag}>{html_of(text[start + len(core):])}"


# How a value shows that there is none: never highlighted as a word taken out or put in.
NONE = ("", "—")


def opcodes(before, after):
    """difflib's steps from `before` to `after`, with the spaces between two changed words made
    part of one change: "<del>Summary of the workshop</del>", not a <del> per word."""
    # Spaces are junk to difflib: a match never starts on one (it would pair the space after a
    # word taken out with any space), though matches of words take in the spaces around them.
    steps = difflib.SequenceMatcher(str.isspace, before, after, autojunk=False).get_opcodes()
    merged = []
    for position, (operation, old_start, old_end, new_start, new_end) in enumerate(steps):
        between_changes = (
            operation == "equal"
            and 0 < position < len(steps) - 1
            and steps[position + 1][0] != "equal"
            and not "".join(before[old_start:old_end]).strip()
        )
        if (operation != "equal" or between_changes) and merged and merged[-1][0] != "equal":
            _, first_old, _, first_new, _ = merged[-1]
            merged[-1] = ("replace", first_old, old_end, first_new, new_end)
        else:
            merged.append((operation, old_start, old_end, new_start, new_end))
    return merged


def word_diff(old, new):
    """(old, new) as HTML: `old` with the words that `new` no longer has in <del>, `new` with
    the words it brings in <ins>; everything else escaped as it is. A value that is none ("—")
    is shown as it is, the other one highlighted whole."""
    old, new = str(old or ""), str(new or "")
    if old.strip() in NONE or new.strip() in NONE:
        if old == new:
            return mark_safe(html_of(old)), mark_safe(html_of(new))  # escaped
        return (
            mark_safe(html_of(old) if old.strip() in NONE else marked("del", old)),  # escaped
            mark_safe(html_of(new) if new.strip() in NONE else marked("ins", new)),  # escaped
        )
    before, after = tokens(old), tokens(new)
    old_html, new_html = [], []
    for operation, old_start, old_end, new_start, new_end in opcodes(before, after):
        if operation == "equal":
            old_html.append(html_of(before[old_start:old_end]))
            new_html.append(html_of(after[new_start:new_end]))
            continue
        if old_end > old_start:
            old_html.append(marked("del", before[old_start:old_end]))
        if new_end > new_start:
            new_html.append(marked("ins", after[new_start:new_end]))
    return mark_safe("".join(old_html)), mark_safe("".join(new_html))  # escaped above


def diff_rows(rows):
    """[(label, old, new)] → [(label, old as HTML, new as HTML)], each pair word-diffed."""
    return [(label, *word_diff(old, new)) for label, old, new in rows]
