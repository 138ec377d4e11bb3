"""A Spanish author's journey with the installed `drafter`, and a report with no English in it.

`drafter parse` tells that a Spanish CRPD concluding observations PDF is Spanish; `drafter new`
with the Spanish CRPD template, `drafter import`, `drafter open` in a real terminal (tmux) where
the author walks to a recommendation, assesses it and writes commentary with citations, quit,
`drafter render --pdf`. Then every word of the DOCX (body, notes, headers, footers, properties)
and of LibreOffice's PDF must come from somewhere Spanish: the Spanish template, Babel's Spanish
CLDR data (dates, lists, the State's name), the imported document or what the author typed. No
string of the English template, no English month and not the English State name may appear.

The TUI part uses only the keys of the README and the user guide (`--paragraph`, `n`, a number,
`e`, `escape`, `ctrl+q`) and reads the result from the project file, so a new look of the walk
screen does not break it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
import subprocess
import time
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from babel.dates import format_date, get_month_names
from babel.lists import format_list
from conftest import CRPD, require
from lxml import etree

from drafter.project.report.language import language
from drafter.project.template import DEFAULT_LABELS, Template, find_template
from tests.render.docx_reading import normal, notes_in_order, package_texts

from .terminal import Terminal

pytestmark = pytest.mark.slow

CO = CRPD / "CRPD_C_SAU_CO_1_es.pdf"  # CRPD/C/SAU/CO/1, Spanish version
SOURCE = "crpd-c-sau-co-1"
SPANISH, ENGLISH = "crpd-alternative-report-es", "crpd-alternative-report"
STATE, TERRITORY = "Saudi Arabia", "SA"  # as the author types it; its CLDR code
SUBMITTED, SESSION_START, SESSION_END = "2026-08-03", "2026-08-17", "2026-09-04"

# What the Spanish author writes: straight quotes (the report curls them), two citations.
COMMENTARY = (
    'Ejemplo: el Comité pide que el Estado parte "abola la imposición de la pena de muerte" '
    f"a las personas con discapacidad psicosocial o intelectual [@{SOURCE}:18]; "
    f"según el Comité, esa pena es legal en el Estado parte [@{SOURCE}:17]."
)
AUTHOR = {
    "title": "Informe alternativo sobre la Arabia Saudita",
    "session": "22.º período de sesiones",
    "organisation": "Organización de ejemplo",
    "contact": "A. Autora",
    "email": "a@example.org",
    "executive_summary": "Ejemplo: resumen de las conclusiones de las organizaciones autoras.",
    "about": "Ejemplo: una organización de personas con discapacidad.",
    "methodology": "Ejemplo: lectura de las observaciones finales, párrafo por párrafo.",
    "annexes": "Ejemplo: anexo con la lista de entrevistas.",
    "question": "¿Cuántas personas con discapacidad fueron condenadas a muerte desde 2019?",
    "recommendation": "Abolir la pena de muerte para las personas con discapacidad.",
}

WORD = re.compile(r"[^\W\d_]+")
# "Ibid." is Latin: the UN's English and Spanish notes both write it.
LATIN = {"ibid"}
ROMAN = re.compile(r"[IVXLC]+")


def drafter(binary: str, *args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [binary, *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, f"drafter {args[0]} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def entry(project: Path, pid: str) -> dict[str, Any]:
    try:
        data = tomllib.loads((project / "drafter.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}  # between two saves
    found: dict[str, Any] = data.get("entries", {}).get(pid, {})
    return found


def wait_for_save(
    project: Path, pid: str, key: str, value: str, terminal: Terminal, timeout: float = 20
) -> None:
    """The TUI saves by itself a moment after the last key: wait until the file says so."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if entry(project, pid).get(key) == value:
            return
        time.sleep(0.2)
    raise AssertionError(
        f"entries.{pid}.{key} never became {value!r} in drafter.toml "
        f"(it is {entry(project, pid).get(key)!r}):\n{terminal.screen()}"
    )


def words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


def fixed_phrases(text: str) -> list[str]:
    """A template text cut at its placeholders, each piece without its edge punctuation: the
    phrases that reach the report word for word ("Submitted to the", "for its review of")."""
    pieces = [p for p, _, _, _ in string.Formatter().parse(text) if p]
    return [p.strip(" .,;:()–") for p in pieces if WORD.search(p)]


def template_phrases(t: Template) -> list[str]:
    """Every phrase a template gives the report: labels, boilerplate, grades, citation words,
    its label and the Committee's and treaty's names."""
    texts = [
        *t.labels.values(),
        *t.boilerplate.values(),
        *(lv.label for lv in t.scale),
        *(v for k, v in t.citation.items() if k != "style"),
        t.report_label,
        t.committee_name,
        t.treaty,
    ]
    return [phrase for text in texts for phrase in fixed_phrases(text)]


def spanish_cldr(code: str) -> list[str]:
    """What Babel writes in the report's language: dates (every month), lists, the State."""
    locale = language(code).locale
    dates = [format_date(dt.date(2026, m, 1), "long", locale=locale) for m in range(1, 13)]
    return [
        *dates,
        format_list(["x", "y"], locale=locale),
        str(Locale.parse(locale).territories[TERRITORY]),
    ]


def english_cldr() -> list[str]:
    months = get_month_names("wide", locale="en")
    return [*months.values(), format_list(["x", "y"], locale="en").strip("xy ,"), STATE]


def visible_texts(docx: Path) -> dict[str, str]:
    """What a reader sees of the package: the document, its notes, headers and footers, and the
    properties Word shows (title, subject, keywords, author)."""
    parts = package_texts(docx)
    shown = {
        name: text
        for name, text in parts.items()
        if name in ("word/document.xml", "word/footnotes.xml")
        or re.fullmatch(r"word/(header|footer)\d+\.xml", name)
    }
    core = etree.fromstring(zipfile.ZipFile(docx).read("docProps/core.xml"))
    shown["docProps/core.xml"] = "\n".join(
        el.text or ""
        for el in core
        if etree.QName(el).localname in ("title", "subject", "keywords", "creator")
    )
    return shown


def test_a_spanish_project_walked_in_the_terminal_renders_with_no_english(
    tmp_path: Path, terminal: Terminal, drafter_bin: str, soffice_env: dict[str, str]
) -> None:
    require("soffice", "pdftotext")
    project = tmp_path / "informe"

    # 1. drafter tells the document's language by itself (no --language).
    parsed = json.loads(drafter(drafter_bin, "parse", CO, "--json", cwd=tmp_path))
    assert parsed["language"] == "es"
    assert parsed["symbol"] == "CRPD/C/SAU/CO/1"
    roles = {p["id"]: p.get("role") for p in parsed["paragraphs"]}
    assert roles["17"] == "concern" and roles["18"] == "recommendation"

    # 2. A project from the Spanish CRPD template, the CO imported, the cover set.
    drafter(drafter_bin, "new", project, "--template", SPANISH, "--committee", "CRPD",
            "--state", STATE, "--title", AUTHOR["title"], cwd=tmp_path)  # fmt: skip
    out = drafter(drafter_bin, "import", project, CO, "--as", "concluding-observations",
                  cwd=tmp_path)  # fmt: skip
    assert "CRPD/C/SAU/CO/1" in out and "63 paragraphs" in out
    front = []
    for section in ("executive_summary", "about", "methodology", "annexes"):
        md = tmp_path / f"{section}.md"
        md.write_text(AUTHOR[section] + "\n", encoding="utf-8")
        front += ["--front", f"{section}={md}"]
    organisation = ";".join([AUTHOR["organisation"], AUTHOR["contact"], AUTHOR["email"], "lead"])
    drafter(
        drafter_bin, "metadata", project, "--set", f"submitted={SUBMITTED}",
        "--set", f"session={AUTHOR['session']}", "--set", f"session_start={SESSION_START}",
        "--set", f"session_end={SESSION_END}", "--set", "confidentiality=confidential",
        "--organisation", organisation, *front, cwd=tmp_path,
    )  # fmt: skip

    # 3. The TUI in a real terminal: from the concern (17) to the recommendation (18), assessed
    #    on the template's second grade, commentary typed with its citations.
    terminal.start([drafter_bin, "open", str(project), "--paragraph", "17"], cwd=tmp_path)
    # The paragraph list is filled just after the first frame ("Filter: all (63/63)"); `n`
    # walks it.
    terminal.wait_until(
        lambda s: "Paragraph 17" in s and re.search(r"\b\d+/63\)", s) is not None,
        "paragraph 17 and the paragraph list",
        timeout=60,
    )
    terminal.send("n")  # the next paragraph
    terminal.wait_for("Paragraph 18")
    terminal.send("2")
    wait_for_save(project, "18", "assessment", "partially-implemented", terminal)
    terminal.send("e")  # into the commentary editor, which then takes the keys
    terminal.wait_until(lambda s: "e Write" not in s, "the editor focused")
    terminal.type_text(COMMENTARY)
    terminal.send("Escape")
    wait_for_save(project, "18", "commentary", COMMENTARY, terminal)
    terminal.send("C-q")
    assert terminal.wait_exit() == 0

    # 4. A question and a recommendation from the command line; then the report and its PDF.
    drafter(drafter_bin, "entry", project, "-p", "18", "--question", AUTHOR["question"],
            "--recommendation", AUTHOR["recommendation"], cwd=tmp_path)  # fmt: skip
    pdf = tmp_path / "informe.pdf"
    rendered = drafter(drafter_bin, "render", project, "--pdf", "-o", pdf, cwd=tmp_path,
                       env=soffice_env)  # fmt: skip
    docx = pdf.with_suffix(".docx")
    assert docx.is_file() and pdf.is_file(), rendered
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    texts = {**visible_texts(docx), "PDF (LibreOffice)": pdf_text}
    everything = "\n".join(texts.values())

    # 5. Where each word may come from. The author's words and the Committee's are Spanish;
    #    what drafter adds must come from the Spanish template or from Babel's Spanish data.
    #    A word the Spanish template shares with the English one is English left untranslated,
    #    unless Spanish text from elsewhere has it too ("no", "para") or it is Latin ("Ibid.").
    spanish = find_template(SPANISH)
    english = find_template(ENGLISH)
    authored = [COMMENTARY, *AUTHOR.values()]
    source = [parsed["title"], parsed["symbol"], parsed["date"]]
    for p in parsed["paragraphs"]:
        source += [p["text"], *p["headings"]]
    elsewhere = words(" ".join([*spanish_cldr("es"), *authored, *source]))
    english_words = words(" ".join(template_phrases(english)))
    allowed = (words(" ".join(template_phrases(spanish))) - english_words) | elsewhere | LATIN
    for where, text in texts.items():
        foreign = sorted(
            {w for w in WORD.findall(text) if w.casefold() not in allowed}
            - {w for w in WORD.findall(text) if len(w) == 1 or ROMAN.fullmatch(w)}
        )
        assert not foreign, f"{where}: words from neither the Spanish template nor Babel: {foreign}"

    # 6. And, said the other way: no fixed string of the English template (nor an English month,
    #    "and", the English State name) is anywhere. A phrase that the Spanish document or the
    #    author also wrote cannot be told apart, and is left out of this check.
    theirs = normal(" ".join([*authored, *source]))
    phrases = {
        *template_phrases(english),
        *(phrase for text in english_cldr() for phrase in fixed_phrases(text)),
    }
    phrases = {p for p in phrases if words(p) - LATIN}
    # "para." before a number ("para. 18"): "para" alone is a Spanish word ("for").
    cited = {english.citation["paragraph"], english.citation["paragraphs"]}
    phrases -= {p for text in cited for p in fixed_phrases(text)}
    english_found = []
    for phrase in sorted(phrases):
        pattern = r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
        if re.search(pattern, theirs):
            continue
        if re.search(pattern, normal(everything)):
            english_found.append(phrase)
    for word in sorted(cited):
        pattern = r"(?<!\w)" + re.escape(word) + r"\s*\d"
        if re.search(pattern, normal(everything)) and not re.search(pattern, theirs):
            english_found.append(word)
    assert len(phrases) > len(DEFAULT_LABELS)  # the check has something to look for
    assert not english_found, f"English in the Spanish report: {english_found}"

    # 7. What Babel and the Spanish template say, where the report says it.
    body = normal(texts["word/document.xml"])
    locale = language("es").locale
    state = str(Locale.parse(locale).territories[TERRITORY])
    assert f"{spanish.label('state')}: {state}" in body
    cover_date = format_date(dt.date.fromisoformat(SUBMITTED), "long", locale=locale)
    assert f"{spanish.label('date')}: {normal(cover_date)}" in body
    assert spanish.label("assessment") + ": " + spanish.scale[1].label in body
    open_quote, close_quote = language("es").quotes[:2]
    assert f"{open_quote}abola la imposición de la pena de muerte{close_quote}" in body
    notes = notes_in_order(docx)
    paragraph, ibid = spanish.citation["paragraph"], spanish.citation["ibid"]
    assert notes[0] == f"CRPD/C/SAU/CO/1, {paragraph} 18."  # the Committee's words, quoted
    assert notes[1:] == [f"{ibid}", f"{ibid}, {paragraph} 17."]
    # Sub-items as the UN writes them in Spanish: a), not (a).
    assert re.search(r"(?m)^\s*a\)\s+¿Cuántas", pdf_text)
    assert not re.search(r"(?m)^\s*\(a\)", pdf_text)
