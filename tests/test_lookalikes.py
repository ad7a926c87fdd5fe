"""lookalikes.py: hidden characters in coach files and coach names that only look alike (UTS #39)."""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from coachblog.coaches.lookalikes import (
    DATA_FILE,
    DEFAULT_IGNORABLE,
    data_version,
    invisible_characters,
    is_default_ignorable,
    look_alike_characters,
    look_alike_groups,
    look_alike_keys,
    names_look_alike,
    skeleton,
)
from tests.helpers import REPO

# Real names in many scripts: none may be reported, and no two may be taken for look-alikes.
REAL_NAMES = [
    "O'Brien",
    "Siobhán O’Sullivan",
    "Zoë Martin",
    "Zoe\u0308 Martin",  # the same, decomposed
    "Łukasz Kowalczyk",
    "José Álvarez",
    "Nguyễn Thị Minh Khai",
    "Müller-Lüdenscheidt",
    "Mary-Jane D'Souza",
    "Ólafur Ragnarsson",
    "Γιώργος Παπαδόπουλος",
    "Наталья Иванова",
    "محمد عبد الله",
    "علی‌زاده",  # Persian Alizadeh: the zero width non-joiner keeps its two parts apart
    "प्रिया शर्मा",
    "अर्जुन क्‍षत्रिय",  # a zero width joiner after the virama asks for the half form
    "王小明",
    "山田 太郎",
    "葛󠄀城 花子",  # an ideographic variation selector picks the registered glyph of a family name
    "김민준",
    "דוד לוי",
    "สมชาย ใจดี",
    "முருகன் செல்வம்",
    "Ἀλέξανδρος",
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_in_any_script_have_no_invisible_characters(name: str) -> None:
    assert invisible_characters(name) == []


def test_real_names_in_any_script_are_not_taken_for_look_alikes() -> None:
    distinct = {unicodedata.normalize("NFC", name): name for name in REAL_NAMES}
    assert look_alike_groups((f"coach-{number}", name) for number, name in enumerate(distinct.values())) == []


# -- invisible characters -------------------------------------------------------------------------

BIDI_CONTROLS = [
    0x202A,
    0x202B,
    0x202C,
    0x202D,
    0x202E,
    0x2066,
    0x2067,
    0x2068,
    0x2069,
    0x200E,
    0x200F,
    0x061C,
]


@pytest.mark.parametrize("code", BIDI_CONTROLS, ids=lambda code: f"U+{code:04X}")
def test_every_bidirectional_control_is_reported_with_its_place_and_name(code: int) -> None:
    char = chr(code)
    assert invisible_characters(f"Alex{char}Rivers") == [(4, f"U+{code:04X} {unicodedata.name(char)}")]
    assert invisible_characters(f"علی{char}زاده") == [(3, f"U+{code:04X} {unicodedata.name(char)}")]


def test_a_right_to_left_override_is_named_in_words() -> None:
    assert invisible_characters("Alex \u202esreviR") == [(5, "U+202E RIGHT-TO-LEFT OVERRIDE")]


def test_every_format_character_is_reported_between_latin_letters() -> None:
    format_characters = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert len(format_characters) > 150
    missed = [
        f"U+{ord(c):04X}" for c in format_characters if invisible_characters(f"a{c}b") != [(1, _named(c))]
    ]
    assert missed == []


def test_every_default_ignorable_character_is_reported_between_latin_letters() -> None:
    missed = [
        f"U+{code:04X}"
        for low, high in DEFAULT_IGNORABLE
        for code in range(low, high + 1)
        if [index for index, _ in invisible_characters(f"a{chr(code)}b")] != [1]
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "index", "description"),
    [
        ("Al\u200bex", 2, "U+200B ZERO WIDTH SPACE"),
        ("Al\u2060ex", 2, "U+2060 WORD JOINER"),
        ("Al\ufeffex", 2, "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("Al\u00adex", 2, "U+00AD SOFT HYPHEN"),
        ("Al\u180eex", 2, "U+180E MONGOLIAN VOWEL SEPARATOR"),
        ("Al\u034fex", 2, "U+034F COMBINING GRAPHEME JOINER"),
        ("\u3164", 0, "U+3164 HANGUL FILLER"),
        ("Alex\u2800", 4, "U+2800 BRAILLE PATTERN BLANK"),
        ("Al\ufe0fex", 2, "U+FE0F VARIATION SELECTOR-16"),
        ("Alex\u2028Rivers", 4, "U+2028 LINE SEPARATOR"),
        ("Alex\tRivers", 4, "U+0009 CHARACTER TABULATION"),
        ("Alex\x1b[31m", 4, "U+001B ESCAPE"),
        ("Alex\x00", 4, "U+0000 NULL"),
        ("Alex\x85", 4, "U+0085 NEXT LINE"),
        ("Al\ue000ex", 2, "U+E000 (private-use character)"),
        ("Al\U000f0000ex", 2, "U+F0000 (private-use character)"),
        ("Al\u0378ex", 2, "U+0378 (unassigned)"),
        ("Al\ufdd0ex", 2, "U+FDD0 (noncharacter)"),
        ("Al\uffffex", 2, "U+FFFF (noncharacter)"),
        ("Al\ud800ex", 2, "U+D800 (surrogate)"),
    ],
)
def test_invisible_and_unusable_characters_are_reported(text: str, index: int, description: str) -> None:
    assert invisible_characters(text) == [(index, description)]


def test_hidden_tag_text_is_reported_character_by_character() -> None:
    smuggled = "Alex" + "".join(chr(0xE0000 + ord(c)) for c in "hi")
    assert invisible_characters(smuggled) == [
        (4, "U+E0068 TAG LATIN SMALL LETTER H"),
        (5, "U+E0069 TAG LATIN SMALL LETTER I"),
    ]


def test_a_line_feed_passes_only_where_lines_are_allowed() -> None:
    bio = "I coach trail runners.\nAsk me about hills."
    assert invisible_characters(bio) == [(22, "U+000A LINE FEED")]
    assert invisible_characters(bio, allow_newlines=True) == []
    assert invisible_characters("One\r\nTwo", allow_newlines=True) == [(3, "U+000D CARRIAGE RETURN")]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u3000", "\u2009"])
def test_visible_spaces_are_not_reported(space: str) -> None:
    assert invisible_characters(f"Alex{space}Rivers") == []


# Joiners: allowed only where the writing needs them (after a virama; between letters of a joining
# script for the non-joiner; inside an emoji sequence for the joiner), reported everywhere else.
@pytest.mark.parametrize(
    "text",
    [
        "علی\u200cزاده",  # Persian, between two Arabic-script letters
        "می\u200cخواهم",
        "ك\u064e\u200cت",  # a vowel mark between letter and non-joiner is skipped
        "क्\u200cष",  # Devanagari, after the virama
        "क्\u200dष",
        "ര്\u200d",  # Malayalam chillu: virama then joiner
        "🏃\u200d♀️",  # woman running
        "🏃🏽\u200d♀️",  # with a skin tone
        "❤️\u200d🔥",
    ],
)
def test_joiners_pass_where_the_writing_needs_them(text: str) -> None:
    assert invisible_characters(text) == []


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("Al\u200cex", 2),
        ("Al\u200dex", 2),
        ("علی\u200dزاده", 3),  # a joiner between Arabic letters changes nothing: IDNA refuses it too
        ("علی\u200c", 3),  # a non-joiner at the end has no letter to keep apart
        ("علی\u200c Rivers", 3),
        ("\u200cعلی", 0),
        ("क\u200dष", 1),  # no virama before it
        ("Alex\u200d🏃", 4),  # not between two emoji
    ],
)
def test_joiners_are_reported_where_nothing_needs_them(text: str, index: int) -> None:
    assert [where for where, _ in invisible_characters(text)] == [index]


def test_emoji_with_their_style_keycaps_and_subdivision_flags_pass_in_short_text() -> None:
    scotland = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert invisible_characters(f"Hill reps ❤️ 1️⃣ ‼️ {scotland} 🏳️\u200d🌈") == []


def test_tag_characters_outside_a_complete_flag_are_reported() -> None:
    unfinished = "🏴\U000e0067\U000e0062"
    assert [index for index, _ in invisible_characters(unfinished)] == [1, 2]
    no_flag = "A\U000e0067\U000e0062\U000e007f"
    assert [index for index, _ in invisible_characters(no_flag)] == [1, 2, 3]


def test_variation_selectors_pass_only_after_what_they_can_vary() -> None:
    assert invisible_characters("葛\U000e0100") == []
    assert invisible_characters("A\U000e0100") == [(1, "U+E0100 VARIATION SELECTOR-17")]
    assert invisible_characters("1\ufe0f") == [(1, "U+FE0F VARIATION SELECTOR-16")]  # no keycap after it


def test_default_ignorable_table_holds_every_format_character_unicode_does_not_draw() -> None:
    format_characters = {c for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    drawn = {0xFFF9, 0xFFFA, 0xFFFB, *range(0x13430, 0x13440)}  # interlinear annotation, Egyptian
    drawn |= {*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}  # signs
    outside = {c for c in format_characters if not is_default_ignorable(chr(c))}
    assert outside <= drawn
    assert is_default_ignorable("\u3164") and is_default_ignorable("\U000e01ef")
    assert not is_default_ignorable("a") and not is_default_ignorable(" ")


# -- skeleton -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Аlex", "Alex"),  # Cyrillic capital A
        ("Jo Dоwns", "Jo Downs"),  # Cyrillic small o
        ("Οliver", "Oliver"),  # Greek capital omicron
        ("Ａｌｅｘ", "Alex"),  # fullwidth
        ("𝐀𝐥𝐞𝐱", "Alex"),  # mathematical bold
        ("Pau1", "Paul"),  # digit one: confusables.txt maps it to l
        ("Ian", "lan"),  # so does capital I
        ("Al\u200bex", "Alex"),  # default ignorables are dropped
        ("José", "Jose\u0301"),  # NFD
    ],
)
def test_skeleton_maps_each_character_to_its_prototype(text: str, expected: str) -> None:
    assert skeleton(text) == expected


def test_skeleton_of_a_skeleton_is_itself_for_every_confusable_character() -> None:
    sources = [chr(int(code, 16)) for line in table_lines() for code in line.split("\t")[1].split()]
    assert len(sources) > 6000
    changed = [f"U+{ord(c):04X}" for c in sources if skeleton(skeleton(c)) != skeleton(c)]
    assert changed == []
    assert sum(skeleton(c) != c for c in sources) == len(sources)


def table_lines() -> list[str]:
    return [line for line in DATA_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def test_look_alike_table_is_a_small_credited_unicode_data_file() -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    assert data_version().count(".") == 2 and int(data_version().split(".")[0]) >= 15
    assert "Unicode" in text.splitlines()[4] and "LICENSE-UNICODE.txt" in text
    assert "UNICODE LICENSE V3" in (DATA_FILE.parent / "LICENSE-UNICODE.txt").read_text(encoding="utf-8")
    assert DATA_FILE.stat().st_size < 100_000


# -- names that look alike ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Alex Rivers", "Аlex Rivers"),  # Cyrillic A
        ("Jo Downs", "Jo Dоwns"),  # Cyrillic o
        ("Paul", "Pau1"),  # digit one
        ("Olga", "0lga"),  # digit zero
        ("Ian Smith", "lan Smith"),  # small L for capital i
        ("Sam", "Sarn"),  # r n for m
        ("Oliver", "Οliver"),  # Greek omicron
        ("Kostas", "Κostas"),  # Greek kappa
        ("Sam Jones", "Ѕam Јones"),  # Cyrillic dze and je
        ("Hopa", "Нора"),  # every letter Cyrillic
        ("Alex Rivers", "Ａｌｅｘ Ｒｉｖｅｒｓ"),  # fullwidth
        ("Alex", "𝐀𝐥𝐞𝐱"),  # mathematical bold
        ("Zoë", "Zoё"),  # Cyrillic io: e with a diaeresis
        ("José", "Jose\u0301"),  # combining acute
        ("Alex", "Al\u200bex"),  # zero width space
        ("ALEX RIVERS", "Аlex Rivers"),  # capitals against a borrowed letter
        ("Mary-Jane Smith", "Mary Jane Smith"),  # hyphens, spaces and punctuation set aside
        ("O'Brien", "O’Brien"),
        ("Alex Rivers", "alex rivers"),  # the same name in other capitals looks alike too
    ],
)
def test_names_spelt_with_look_alike_characters_look_alike(first: str, second: str) -> None:
    assert names_look_alike(first, second)
    assert names_look_alike(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Alex Rivers", "Alex Rivera"),
        ("Jo Downs", "Jo Dawns"),
        ("Sam", "Pam"),
        ("Anna", "Hanna"),
        ("Müller", "Muller"),  # accents are not set aside
        ("Nguyễn", "Nguyen"),
        ("Zoë", "Zoe"),
        ("Łukasz", "Lukasz"),
        ("Siobhán", "Siobhan"),
        ("Νίκος", "Nikos"),
        ("王小明", "王小朋"),
        ("Alex", "!!!"),
        ("...", "---"),  # nothing to compare: never alike
    ],
)
def test_clearly_different_names_do_not_look_alike(first: str, second: str) -> None:
    assert not names_look_alike(first, second)


def test_each_look_alike_key_is_skeleton_case_folded_without_punctuation() -> None:
    """The keys are joined from a memo of each character's key; they must equal the plain definition."""
    pool = (
        "AaIl1|0Oo mM-'.·"
        "АаОоЕеІіЅѕНРрС"  # Cyrillic
        "ΑαΟοΙιΚκΝνΣσςͅ"  # Greek, with the ypogegrammeni that case folding turns into a letter
        "ＡａᴀİıßſǅǄ"
        "\u0300\u0301\u0308\u0323\u0327\u0328\u0338\u0345\u0591\u05b0\u064e\u0670"  # marks of many classes
        "\u200b\u200d\u00ad\u2060\u3164ː\u02bc\u2019"
        "łøæœđħ"
    )
    rng = random.Random(39)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 9)))
        for key, source in zip(look_alike_keys(text), (text, text.casefold()), strict=True):
            folded = skeleton(skeleton(source).casefold())
            plain = "".join(c for c in folded if unicodedata.category(c)[0] not in "PZ")
            assert key == unicodedata.normalize("NFD", plain), repr(text)


def test_no_character_turns_into_a_mark_that_changes_class_on_the_way_to_its_key() -> None:
    """What lets a key be joined from each character's key: after the first step, NFD sorts marks the
    same way at every step. Only characters the table maps or case folding changes can break it, and
    only as they come after NFD (a text's key starts with NFD)."""

    def keeps_class(mark: str) -> bool:
        prototype = skeleton(mark)
        steps = (prototype, unicodedata.normalize("NFD", mark.casefold()), prototype.casefold())
        return all(
            len(step) == 1 and unicodedata.combining(step) == unicodedata.combining(mark) for step in steps
        )

    sources = {chr(int(code, 16)) for line in table_lines() for code in line.split("\t")[1].split()}
    changed_by_case = {
        chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and chr(c).casefold() != chr(c)
    }
    movers = set()
    for char in sources | changed_by_case:
        if unicodedata.normalize("NFD", char) != char:
            continue
        first = skeleton(char)
        folded = unicodedata.normalize("NFD", first.casefold())
        for step in (first, folded, skeleton(folded)):
            movers |= {f"U+{ord(char):04X}" for c in step if unicodedata.combining(c) and not keeps_class(c)}
    assert len(sources) > 6000 and len(changed_by_case) > 1000
    assert movers == set()


def test_the_look_alike_characters_are_named_for_the_message() -> None:
    [borrowed] = look_alike_characters("Аlex Rivers", "Alex Rivers")
    assert (borrowed.index, borrowed.char, borrowed.word, borrowed.looks_like) == (0, "А", "Аlex", "A")
    assert borrowed.phrase() == (
        "the 'А' in 'Аlex' is the Cyrillic capital letter A (U+0410), which looks like 'A'"
    )
    [digit] = look_alike_characters("Pau1", "Paul")
    assert digit.phrase() == "the '1' in 'Pau1' is the digit one (U+0031), which looks like 'l'"
    [small_l] = look_alike_characters("lan Smith", "Ian Smith")
    assert small_l.looks_like == "I"
    [hidden] = look_alike_characters("Al\u200bex", "Alex")
    assert hidden.phrase() == "'Al\u200bex' has an invisible character, U+200B ZERO WIDTH SPACE"
    assert [c.char for c in look_alike_characters("Jo Dоwns", "JO DOWNS")] == ["о"]


def test_characters_the_other_name_has_in_any_case_or_form_are_not_listed() -> None:
    assert look_alike_characters("ALEX RIVERS", "alex rivers") == []
    assert look_alike_characters("Jose\u0301", "José") == []
    assert look_alike_characters("O’Brien", "O'Brien") == []


# -- the directory-wide check ---------------------------------------------------------------------


def test_look_alike_groups_pairs_look_alikes_and_leaves_same_spellings_to_the_duplicate_check() -> None:
    names = [
        ("a.yml", "Alex Rivers"),
        ("b.yml", "Аlex Rivers"),  # Cyrillic A
        ("c.yml", "alex rivers"),  # same as a.yml in other capitals: not a look-alike pair
        ("d.yml", "Sam Jones"),
        ("e.yml", "Jose\u0301 Alvarez"),
        ("f.yml", "José Alvarez"),  # the same name composed: also the duplicate check's
        ("g.yml", "Ian Smith"),
        ("h.yml", "lan Smith"),
    ]
    assert look_alike_groups(names) == [("a.yml", "b.yml"), ("b.yml", "c.yml"), ("g.yml", "h.yml")]


# A hundred first names and a hundred surnames: 10,000 coaches, none alike.
FIRST_NAMES = (
    "Aaliyah Abdul Ada Adaeze Aditi Agnieszka Ahmed Aiko Aisling Akira Alejandro Amara Amelia Ana Anders "
    "Andrzej Aoife Arjun Astrid Ayesha Babajide Beatriz Bjorn Bongani Bruno Camille Carlos Chen Chiara "
    "Chidi Ciaran Dagny Dmitri Eamon Elif Emeka Esther Fatima Felipe Fiona Freya Gabriel Giulia Gustavo "
    "Hana Hamid Haruto Helga Hugo Ifeoma Ines Ingrid Isabel Jakub Jamal Javier Jorge Kaito Karin Kavya "
    "Kemal Kofi Lars Leila Lorenzo Lucia Magnus Malik Mariana Mateo Mei Mohammed Nadia Naledi Nikhil Noor "
    "Oksana Olumide Oscar Paulo Pedro Priya Rafael Rania Rohan Sakura Santiago Saoirse Sipho Sofia Tariq "
    "Thabo Tomás Valentina Wanjiru Xavier Yasmin Yusuf Zainab Zoë"
)
SURNAMES = (
    "Abara Achterberg Adeyemi Aguilar Alvarez Andersen Appiah Arslan Bakker Banerjee Barros Berg Bianchi "
    "Brennan Campbell Castillo Chowdhury Costa Dalton Dimitrov Dlamini Duarte Eriksson Esposito Farouk "
    "Fernandes Fischer Fitzgerald Gallagher Garcia Gomez Gonzalez Gupta Haddad Hansen Hashemi Hoffmann "
    "Horvat Ibrahim Iyer Jansen Jensen Johansson Kamau Kapoor Katz Khan Kiplagat Kowalczyk Kruger Larsen "
    "Lindqvist Lombardi Mahlangu Marino Mbeki Mendes Moreau Morales Mwangi Nakamura Navarro Nilsson Nowak "
    "Obi Okonkwo Oliveira Ortiz Osei Park Patel Pereira Petrov Quinn Rahman Ramos Reyes Ribeiro Romano "
    "Rossi Ruiz Sato Schmidt Sharma Silva Singh Sokolov Suzuki Takahashi Tanaka Torres Vargas Volkov "
    "Wagner Watanabe Wojcik Yamamoto Yilmaz Zhang Zulu"
)


def test_ten_thousand_names_are_grouped_and_only_the_spoofs_found() -> None:
    firsts, lasts = FIRST_NAMES.split(), SURNAMES.split()
    assert len(set(firsts)) == len(set(lasts)) == 100
    names = [(f"{f}-{s}.yml", f"{f} {s}") for f, s in itertools.product(firsts, lasts)]
    assert look_alike_groups(names) == []
    spoofs = [
        ("spoof-1.yml", "Аda Abara"),  # Cyrillic A
        ("spoof-2.yml", "Oscar Оsei"),  # Cyrillic O
        ("spoof-3.yml", "Pau1o Park"),  # digit one
        ("spoof-4.yml", "Zoë Zu\u200blu"),  # zero width space
    ]
    found = look_alike_groups(names[:5000] + spoofs + names[5000:])
    assert found == [  # each pair in the order the names came
        ("Ada-Abara.yml", "spoof-1.yml"),
        ("spoof-2.yml", "Oscar-Osei.yml"),
        ("spoof-3.yml", "Paulo-Park.yml"),
        ("spoof-4.yml", "Zoë-Zulu.yml"),
    ]


# -- scripts/derive_lookalikes.py -----------------------------------------------------------------

SOURCE = """\ufeff# confusables.txt
# Date: 2026-01-01, 00:00:00 GMT
# © 2026 Unicode®, Inc.
# Version: 99.0.0
#
0430 ;\t0061 ;\tMA\t# ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A\t#

FF41 ;\t0061 ;\tMA\t# ( ａ → a ) FULLWIDTH LATIN SMALL LETTER A → LATIN SMALL LETTER A\t#
006D ;\t0072 006E ;\tMA\t# ( m → rn ) LATIN SMALL LETTER M → LATIN SMALL LETTER R, LATIN SMALL LETTER N\t#
"""


def derive(*args: str) -> subprocess.CompletedProcess[str]:
    script = REPO / "scripts" / "derive_lookalikes.py"
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)


def test_derive_script_writes_one_line_per_prototype_and_checks_it(tmp_path: Path) -> None:
    source, table = tmp_path / "confusables.txt", tmp_path / "table.txt"
    source.write_text(SOURCE, encoding="utf-8")
    assert derive(str(source), "--out", str(table)).returncode == 0
    lines = table.read_text(encoding="utf-8").splitlines()
    assert "# Version: 99.0.0" in lines
    assert [line for line in lines if not line.startswith("#")] == ["0061\t0430 FF41", "0072 006E\t006D"]
    assert derive(str(source), "--out", str(table), "--check").returncode == 0
    source.write_text(SOURCE.replace("FF41 ;", "FF21 ;"), encoding="utf-8")
    checked = derive(str(source), "--out", str(table), "--check")
    assert checked.returncode == 1 and "differs" in checked.stderr


def test_derive_script_refuses_a_table_whose_prototypes_are_mapped_again(tmp_path: Path) -> None:
    source = tmp_path / "confusables.txt"
    source.write_text(SOURCE + "0061 ;\t0251 ;\tMA\t# a → ɑ\n", encoding="utf-8")
    refused = derive(str(source), "--out", str(tmp_path / "table.txt"))
    assert refused.returncode == 1 and "U+0061" in refused.stderr
    assert not (tmp_path / "table.txt").exists()


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
