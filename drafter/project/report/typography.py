"""Typography of the report's text: what a typesetter would do to the author's straight marks.

- curly quotation marks from straight ones, in the language's style (« » with no-break spaces
  in French), apostrophes, en and em dashes from `--`/`---` and a spaced hyphen, an ellipsis
  from `...`;
- French spacing: a no-break space before `:` and a narrow one before `; ! ?`;
- text that must not break across lines: a date ("3 August 2026") and a document symbol
  ("CERD/C/BRA/FCO/18‑20", whose hyphen becomes U+2011, a no-break hyphen);
- footnote marks placed as the UN Editorial Manual says for the language.

`smarten` is for the author's words and the template's phrases; `protect` only keeps dates and
symbols whole and is all a quotation gets, so that it stays verbatim.
"""

from __future__ import annotations

import re
from functools import cache

from drafter.project.report.language import Language, month_names

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"

# A UN document symbol: an organ's letters, then at least one "/part" ("A/HRC/WG.6/41/BRA/2",
# "CERD/C/BRA/FCO/18-20", "CERD/88th/FU/GH/FM/ks").
_SYMBOL = re.compile(r"(?<![\w/])[A-Z][A-Z0-9]{0,9}(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+")
_HYPHEN_IN_SYMBOL = re.compile(r"(?<=[A-Za-z0-9])-(?=[A-Za-z0-9])")
_OPENING_CONTEXT = frozenset(" \t\n\u00a0\u202f([{–—/“‘«")
_SPACES = " \u00a0\u202f"
_DIGIT = re.compile(r"\d")
_SPACED_HYPHEN = re.compile(r"(?<=\s)-(?=\s)")
_MARKS_TO_SPACE = ("«", "»")  # typed guillemets get their no-break spaces


@cache
def _date_pattern(code: str) -> re.Pattern[str]:
    months = "|".join(re.escape(m) for m in sorted(month_names(code), key=len, reverse=True))
    sep = r"[ \u00a0](?:de[ \u00a0])?"  # Spanish: "3 de agosto de 2026"
    return re.compile(
        rf"\b(?:\d{{1,2}}(?:er|º)?{sep})?(?:{months})(?:{sep}\d{{4}})?\b|\b\d{{1,2}}{sep}(?:{months})\b"
    )


def _keep_together(m: re.Match[str]) -> str:
    return re.sub(r"[ ]", NBSP, m.group())


def protect(text: str, lang: Language) -> str:
    """Keep dates and document symbols on one line; nothing else changes (quotations)."""
    if "/" in text:  # a symbol has one
        text = _SYMBOL.sub(lambda m: _HYPHEN_IN_SYMBOL.sub(NB_HYPHEN, m.group()), text)
    if not _DIGIT.search(text):  # a date to keep together has a number
        return text
    pattern = _date_pattern(lang.code)
    return pattern.sub(lambda m: _keep_together(m) if " " in m.group() else m.group(), text)


def _quotes(text: str, lang: Language, prev: str) -> str:
    o1, c1, o2, c2 = lang.quotes
    out: list[str] = []
    before = prev
    # The straight double quotes still open: a quotation inside a quotation takes the inner
    # marks ("He said "no"" is “He said ‘no’” in English, « Il a dit “non” » in French), one
    # inside that the outer marks again.
    open_doubles: list[bool] = []  # True: opened with the inner mark
    for i, ch in enumerate(text):
        after = text[i + 1 : i + 2]
        if ch == '"':
            opening = (not before or before in _OPENING_CONTEXT) and after not in ("", " ")
            if opening:
                inner = len(open_doubles) % 2 == 1
                open_doubles.append(inner)
                out.append(o2 if inner else o1)
            else:
                inner = open_doubles.pop() if open_doubles else False
                out.append(c2 if inner else c1)
        elif ch == "'":
            if before.isalnum() and after.isalpha():
                out.append("’")  # an apostrophe: l'État, State's
            elif (not before or before in _OPENING_CONTEXT) and after not in ("", " "):
                out.append(o2)
            else:
                out.append(c2 if c2 != "”" else "’")
        else:
            out.append(ch)
        before = out[-1][-1:] if out[-1] else before
    text = "".join(out)
    # Marks with a space inside (« ») take a no-break one, however the author spaced them.
    for mark, glued in ((o1, o1.strip()), (o2, o2.strip())):
        if mark != glued:
            text = re.sub(rf"{re.escape(glued)}[{_SPACES}]*", mark, text)
    for mark, glued in ((c1, c1.strip()), (c2, c2.strip())):
        if mark != glued:
            text = re.sub(rf"[{_SPACES}]*{re.escape(glued)}", mark, text)
    return text


def smarten(text: str, lang: Language, prev: str = "") -> str:
    """The author's straight typography made typographic. `prev` is the character before
    `text` in its paragraph (formatting splits a sentence into several texts)."""
    if not text:
        return text
    text = text.replace("...", "…")
    if "-" in text:
        text = text.replace("---", "—").replace("--", "–")
        text = _SPACED_HYPHEN.sub("–", text)
    if '"' in text or "'" in text or any(m in text for m in _MARKS_TO_SPACE):
        text = _quotes(text, lang, prev)
    if lang.space_before:
        chars = "".join(re.escape(c) for c in lang.space_before)
        context = (prev or " ") + text

        def spaced(m: re.Match[str]) -> str:
            return m[1] + lang.space_before[m[2]] + m[2]

        # Only punctuation that ends a word: "10:30" and "http://" stay as they are.
        context = re.sub(
            rf"([^\s{_SPACES}])[{_SPACES}]?([{chars}])(?=[\s)\]»”’]|$)", spaced, context
        )
        text = context[1:]
    return protect(text, lang)
