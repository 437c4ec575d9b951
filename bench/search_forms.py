"""Russian and Kazakh word forms in the header search: which query rewrite finds the
abstracts' own words, in the form printed and in other forms of the same word.

Material appends a wildcard to every query term and does not stem a wildcard term, over
an index of whole words (its default pipeline drops the stemmers), so a term finds an
indexed word only if it is a prefix of it. docs/javascripts/search-forms.js may replace
a Cyrillic term with a shorter prefix before the query reaches Material's worker. The
rewrites compared, each as one term per word (two terms would make Material mark the
longer one "Missing" on a result holding only the other form):

- ``none``: the word as typed (Material alone);
- ``cut``: the word without its last three letters, four kept at least, for a word of
  five letters or more (search-forms.js);
- ``snowball``: the word's Snowball stem (the ``snowballstemmer`` package; the same
  algorithm as lunr-languages' Russian stemmer). Snowball has no Kazakh stemmer: for
  Kazakh the Russian one is run, to show what it does there.

The words: every form below is printed in the article's Russian or Kazakh abstract
(docs/article.md); beside it, other forms of the same word a reader may type (written by
the editors of this benchmark, as a reader's queries, not as text of the edition). A
query finds its word when the rewrite is a prefix of the printed form; an exact query
must find itself. The other words a rewrite's prefix reaches in the whole site's index
(the built ``search/search_index.json``) are counted, as the price of that reach.

    .venv/bin/python -m bench.search_forms SITE_DIR          # print the section
    .venv/bin/python -m bench.search_forms SITE_DIR --write  # and put it in bench/RESULTS.md
"""

from __future__ import annotations

import html
import json
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import snowballstemmer

from bench.sections import put_section

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## Search: Russian and Kazakh word forms"
# Material's separator (search_index.json's config) and lunr's word characters (Latin, Cyrillic).
WORD = re.compile(r"[0-9A-Za-z\u00AA-\u02B8\u0400-\u0484\u0487-\u052F]+")
CYRILLIC_WORD = re.compile(r"^[\u0400-\u052F]{5,}$")  # search-forms.js's CYRILLIC_WORD

# printed form -> other forms of the same word (Russian abstract, title, key words)
RUSSIAN = {
    "статье": ["статья", "статьи"], "анализируются": ["анализировать", "анализирует"],
    "оценки": ["оценка", "оценок"], "узбекистанских": ["узбекистанский", "узбекистанские"],
    "экспертов": ["эксперт", "эксперты"], "состоянии": ["состояние", "состояния"],
    "перспективах": ["перспектива", "перспективы"], "развития": ["развитие", "развитием"],
    "сотрудничества": ["сотрудничество", "сотрудничеству"], "казахстаном": ["казахстан", "казахстана"],
    "узбекистаном": ["узбекистан", "узбекистану"], "контексте": ["контекст", "контекста"],
    "декларации": ["декларация", "декларацию"], "союзнических": ["союзнический", "союзническая"],
    "отношениях": ["отношение", "отношения"], "подписанной": ["подписанная", "подписанный"],
    "главами": ["глава", "главы"], "государств": ["государство", "государства"],
    "декабря": ["декабрь", "декабре"], "исследование": ["исследования", "исследованием"],
    "осуществлено": ["осуществить", "осуществлён"], "помощью": ["помощь"],
    "анализа": ["анализ", "анализом"], "дискурса": ["дискурс", "дискурсом"],
    "экспертного": ["экспертный", "экспертное"], "сообщества": ["сообщество", "сообществом"],
    "характеристики": ["характеристика", "характеристик"], "двусторонних": ["двусторонний", "двусторонние"],
    "новых": ["новый", "новые"], "исторических": ["исторический", "историческая"],
    "условиях": ["условие", "условия"], "выявлено": ["выявить", "выявлены"],
    "текущий": ["текущего", "текущая"], "момент": ["момента", "моменте"],
    "налажены": ["наладить", "налаженные"], "содержательные": ["содержательный", "содержательных"],
    "потенциалом": ["потенциал", "потенциала"], "дальнейшего": ["дальнейший", "дальнейшее"],
    "будущем": ["будущее", "будущего"], "совершенствоваться": ["совершенствуется", "совершенствование"],
    "расширяться": ["расширяется", "расширение"], "связи": ["связь", "связью"],
    "высокой": ["высокий", "высокая"], "степенью": ["степень", "степени"],
    "совпадения": ["совпадение", "совпадений"], "взаимных": ["взаимный", "взаимные"],
    "интересов": ["интерес", "интересы"], "соответствии": ["соответствие", "соответствия"],
    "реалиями": ["реалии", "реалий"], "международной": ["международный", "международные"],
    "обстановки": ["обстановка", "обстановке"], "экспертный": ["эксперта", "экспертным"],
    "безопасность": ["безопасности", "безопасностью"], "региональная": ["региональный", "региональной"],
    "политика": ["политики", "политику"],
}
# printed form -> other forms of the same word (Kazakh abstract, title, key words)
KAZAKH = {
    "мақалада": ["мақала", "мақаланың"], "желтоқсанда": ["желтоқсан", "желтоқсанның"],
    "мемлекет": ["мемлекеттер", "мемлекеттің"], "басшылары": ["басшы", "басшылар"],
    "одақтастық": ["одақтастығы", "одақтастықтың"], "қатынастар": ["қатынас", "қатынастары"],
    "декларация": ["декларацияның", "декларацияға"], "контекстіндегі": ["контекст", "контекстінде"],
    "қазақстан": ["қазақстанның", "қазақстанға"], "өзбекстан": ["өзбекстанға", "өзбекстанмен"],
    "арасындағы": ["арасында", "арасы"], "ынтымақтастықтың": ["ынтымақтастық", "ынтымақтастығы"],
    "перспективалары": ["перспектива", "перспективалар"], "сарапшыларының": ["сарапшы", "сарапшылар"],
    "бағалаулары": ["бағалау", "бағалауы"], "талданады": ["талдау", "талданды"],
    "зерттеу": ["зерттеуі", "зерттеулер"], "жағдайларда": ["жағдай", "жағдайлар"],
    "ерекшеліктеріне": ["ерекшелік", "ерекшеліктері"], "қауымдастығының": ["қауымдастық", "қауымдастығы"],
    "пікірін": ["пікір", "пікірі"], "талдау": ["талдаудың", "талдауы"],
    "асырылды": ["асыру", "асырылады"], "уақытта": ["уақыт", "уақыты"],
    "әлеуеті": ["әлеует", "әлеуетін"], "байланыстар": ["байланыс", "байланыстары"],
    "орнатылғаны": ["орнату", "орнатылды"], "анықталды": ["анықтау", "анықталған"],
    "болашақта": ["болашақ", "болашақтың"], "мүдделердің": ["мүдде", "мүдделер"],
    "деңгейде": ["деңгей", "деңгейі"], "шынайылығына": ["шынайылық", "шынайылығы"],
    "жақсарады": ["жақсару", "жақсарды"], "кеңейеді": ["кеңею", "кеңейді"],
    "қауіпсіздік": ["қауіпсіздігі", "қауіпсіздікке"], "саясат": ["саясаты", "саясатқа"],
}

_RUSSIAN_STEMMER = snowballstemmer.stemmer("russian")


def none(word: str) -> str:
    return word


def cut(word: str) -> str:
    return word[:max(4, len(word) - 3)] if CYRILLIC_WORD.match(word) else word


def snowball(word: str) -> str:
    return _RUSSIAN_STEMMER.stemWord(word)


REWRITES: dict[str, Callable[[str], str]] = {"none": none, "cut": cut, "snowball": snowball}


def index_words(site: Path) -> set[str]:
    """Every word of the site's search index, lower-cased, as lunr's trimmer leaves it."""
    data = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    words: set[str] = set()
    for doc in data["docs"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))
        words.update(word.lower() for word in WORD.findall(text))
    return words


def measure(site: Path) -> dict:
    """Per language and rewrite: exact forms found, other forms found, and the index
    words the prefixes reach that are not the word's printed or listed forms."""
    words = index_words(site)
    results: dict = {}
    for language, table in (("Russian", RUSSIAN), ("Kazakh", KAZAKH)):
        missing = sorted(printed for printed in table if printed not in words)
        if missing:
            raise SystemExit(f"bench/search_forms.py: not in the site's index: {', '.join(missing)}")
        for name, rewrite in REWRITES.items():
            exact = sum(printed.startswith(rewrite(printed)) for printed in table)
            queries = [(printed, form) for printed, forms in table.items() for form in forms]
            found = [(printed, form) for printed, form in queries if printed.startswith(rewrite(form))]
            reach = []
            for printed, forms in table.items():
                own = {printed, *forms}
                for form in (printed, *forms):
                    prefix = rewrite(form)
                    reach.append(sorted(word for word in words if word.startswith(prefix) and word not in own))
            others = sorted({word for reached in reach for word in reached})
            results[f"{language} {name}"] = {
                "exact": (exact, len(table)), "forms": (len(found), len(queries)),
                "not found": [f"{form}→{printed}" for printed, form in queries
                              if (printed, form) not in found],
                "reach median": statistics.median(len(reached) for reached in reach),
                "reach max": max(len(reached) for reached in reach), "other words": others,
            }
    return results


def markdown(results: dict) -> list[str]:
    out = [HEADING, "",
           "How the header search's query rewrite (docs/javascripts/search-forms.js) reaches the "
           "abstracts' own words; the method is in bench/search_forms.py's docstring. *Exact*: a "
           "printed form typed as printed is found. *Other forms*: a reader's other form of the same "
           "word reaches the printed one. *Reach*: index words, other than the word's own printed and "
           "listed forms, that one query's prefix also matches (per query: median, max).", "",
           "| language, rewrite | exact | other forms | reach (median, max) |", "|---|---|---|---|"]
    for key, row in results.items():
        out.append(f"| {key} | {row['exact'][0]}/{row['exact'][1]} | {row['forms'][0]}/{row['forms'][1]} "
                   f"| {row['reach median']:g}, {row['reach max']} |")
    out.append("")
    for key, row in results.items():
        if key.endswith((" cut", " snowball")):
            out.append(f"- {key}, other forms not found ({len(row['not found'])}): "
                       f"{', '.join(row['not found']) or 'none'}")
            out.append(f"- {key}, other index words reached ({len(row['other words'])}): "
                       f"{', '.join(row['other words']) or 'none'}")
    out.append("")
    return out


def write(section: list[str], results_file: Path = RESULTS) -> None:
    """Put the section in RESULTS.md in place of its previous version (or at the end)."""
    put_section(HEADING, "\n".join(section), results_file)


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__.rsplit("\n\n", 1)[-1], file=sys.stderr)
        return 2
    section = markdown(measure(Path(argv[0])))
    print("\n".join(section))
    if "--write" in argv[1:]:
        write(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
