"""clean.py and the ``clean`` command: furniture removed, metadata found, offsets exact."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from warcount.cli import main
from warcount.clean import clean, rules
from warcount.config import Options
from warcount.errors import InputError
from warcount.model import Document
from warcount.read import read_content, read_path


def text_doc(text: str, **kw):
    return read_content(text, origin="<test>", **kw)


def assert_spans_exact(cleaned, raw: str) -> None:
    """Every mapped segment is an exact copy of the raw text, and to_raw agrees."""
    assert cleaned.spans
    for cs, rs, ln in cleaned.spans:
        assert cleaned.text[cs:cs + ln] == raw[rs:rs + ln]
        assert cleaned.to_raw(cs, cs + ln) == (rs, rs + ln)


# ------------------------------------------------------------------ the seed article

@pytest.fixture(scope="module")
def khan(corpus_dir):
    path = corpus_dir / "dev" / "khan-touman-2016.txt"
    raw = path.read_text("utf-8")
    doc = next(read_path(str(path), Options()))
    return raw, clean(doc)


def story_paragraphs(raw: str) -> list[str]:
    """The 20 story paragraphs of the seed file: the blocks from "On May 6" to the one before the footer."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", raw) if b.strip()]
    start = next(i for i, b in enumerate(blocks) if b.startswith("On May 6, the Islamic"))
    end = next(i for i, b in enumerate(blocks) if b.startswith("Previous Article"))
    return blocks[start:end]


def test_khan_keeps_all_20_story_paragraphs_in_order(khan):
    raw, cleaned = khan
    paras = story_paragraphs(raw)
    assert len(paras) == 20
    assert cleaned.text.split("\n\n") == paras


FURNITURE = [
    pytest.param("• Current Edition", id="menu-line"),
    pytest.param("Vasilika", id="repeated-caption"),
    pytest.param("Previous Article", id="prev-next"),
    pytest.param("Next Article", id="next"),
    pytest.param("Mustafa El-Dessouki", id="author-box-name"),
    pytest.param("Egyptian journalist", id="author-box-bio"),
    pytest.param("Leave a Reply", id="comment-form"),
    pytest.param("Your email address will not be published", id="comment-form-notice"),
    pytest.param("By Amir Toumaj", id="byline"),
    pytest.param("IRGC sustained heavy losses in Khan Touman", id="title"),
]


@pytest.mark.parametrize("fragment", FURNITURE)
def test_khan_furniture_is_gone(khan, fragment):
    assert fragment not in khan[1].text


def test_khan_metadata(khan):
    _, c = khan
    assert c.title == "IRGC sustained heavy losses in Khan Touman"
    assert c.author == "Amir Toumaj"
    assert c.byline_conflict == "the author box at the end names Mustafa El-Dessouki"
    assert c.published is None and c.published_source is None


def test_khan_removed_lists_each_piece_once(khan):
    removed = khan[1].removed
    assert all("\n" not in r for r in removed)
    assert sum("Vasilika" in r for r in removed) == 1 and any("3 copies" in r for r in removed)
    for kind in ("menu", "navigation", "author box", "comment form", "byline", "title line"):
        assert any(r.startswith(kind) for r in removed), kind


def test_khan_offsets_map_back_exactly(khan):
    raw, cleaned = khan
    assert_spans_exact(cleaned, raw)
    # gold evidence is found through the map: cleaned offset -> raw offset
    gold = json.loads((Path(__file__).parents[1].parent / "shared/corpus/dev/khan-touman-2016.gold.json").read_text())
    for claim in gold["claims"]:
        at = cleaned.text.find(claim["evidence"])
        assert at >= 0, claim["evidence"]
        assert cleaned.to_raw(at, at + len(claim["evidence"])) == (claim["evidence_start"], claim["evidence_end"])


# ------------------------------------------------------------------ line rules in general

def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


STORY = ("Twelve people were killed and thirty wounded when a car bomb exploded near a market in the city "
         "on Tuesday morning, the interior ministry said in a statement.")
STORY2 = ("Police said the death toll could rise as rescue workers searched the rubble of two buildings "
          "that collapsed after the blast, and hospitals appealed for blood donors.")

RULE_CASES = [
    pytest.param(page("Home | News | World | Contact", "Bomb kills twelve", STORY, STORY2), "Home | News", id="pipe-menu"),
    pytest.param(page("Skip to content", "Bomb kills twelve", STORY, STORY2), "Skip to content", id="skip-link"),
    pytest.param(page("Bomb kills twelve", STORY, "Share this:", "Facebook Twitter WhatsApp", STORY2),
                 "Share this", id="share-bar"),
    pytest.param(page("Bomb kills twelve", STORY, "Advertisement", STORY2), "Advertisement", id="advert"),
    pytest.param(page("Bomb kills twelve", STORY, STORY2, "Related posts", "Another story about something else",
                      "A third unrelated headline here"), "unrelated headline", id="related-tail"),
    pytest.param(page("Bomb kills twelve", STORY, STORY2, "Tags: Iraq, Baghdad, bombing"), "Tags:", id="tags"),
    pytest.param(page("Bomb kills twelve", STORY, STORY2, "3 Comments", "Great article, thanks for writing it all up!"),
                 "Great article", id="comments-tail"),
    pytest.param(page("Bomb kills twelve", "Photo: Reuters/Some Photographer", STORY, STORY2), "Photo:", id="photo-credit"),
    pytest.param(page("Bomb kills twelve", "Subscribe to our daily newsletter for the latest headlines", STORY, STORY2),
                 "newsletter", id="newsletter"),
]


@pytest.mark.parametrize("raw,gone", RULE_CASES)
def test_line_rules(raw, gone):
    c = clean(text_doc(raw))
    assert gone not in c.text
    assert STORY in c.text and STORY2 in c.text
    assert c.title == "Bomb kills twelve"
    assert_spans_exact(c, raw)


def test_repeated_caption_every_copy_goes():
    caption = "A man walks past a destroyed building in the old city, March 2016."
    raw = page("Bomb kills twelve", caption, STORY, caption, STORY2, caption)
    c = clean(text_doc(raw))
    assert caption not in c.text and c.text == f"{STORY}\n\n{STORY2}"


def test_a_page_saved_twice_keeps_one_copy_of_the_story():
    raw = page("Bomb kills twelve", STORY, STORY2) + page(STORY, STORY2)
    c = clean(text_doc(raw))
    assert c.text == f"{STORY}\n\n{STORY2}"


def test_short_repeated_lines_are_not_blocks():
    raw = page("Bomb kills twelve", STORY, "He said: no.", STORY2, "He said: no.")
    assert clean(text_doc(raw)).text.count("He said: no.") == 2


def test_author_box_without_byline_gives_the_author():
    raw = page("Bomb kills twelve", STORY, STORY2, "Jane Q. Doe",
               "Jane Q. Doe is a freelance journalist covering Iraq and Syria.")
    c = clean(text_doc(raw))
    assert c.author == "Jane Q. Doe" and c.byline_conflict is None and "freelance" not in c.text


def test_byline_with_outlet_and_same_author_box_is_no_conflict():
    raw = page("Bomb kills twelve", "By Jane Doe, Reuters", STORY, STORY2, "Jane Doe",
               "Jane Doe is a Reuters correspondent in Baghdad.")
    c = clean(text_doc(raw))
    assert c.author == "Jane Doe" and c.byline_conflict is None


def test_story_sentence_about_a_journalist_is_kept():
    bio_like = "Ahmed Hassan is a local journalist who witnessed the attack and filmed its aftermath."
    raw = page("Bomb kills twelve", STORY, bio_like, STORY2)
    assert bio_like in clean(text_doc(raw)).text


def test_one_paragraph_text_has_no_title():
    c = clean(text_doc("Three people were killed and four injured in Kabul"))
    assert c.title is None and c.text == "Three people were killed and four injured in Kabul"


def test_given_title_wins_and_its_line_goes():
    raw = page("Bomb kills twelve", STORY, STORY2)
    c = clean(text_doc(raw, title="Bomb kills twelve", published="2016-05-06"))
    assert c.title == "Bomb kills twelve" and c.text.startswith("Twelve people")
    assert (c.published, c.published_source) == ("2016-05-06", "input")


def test_hard_wrapped_lines_make_one_paragraph():
    raw = "Bomb kills twelve\n\nTwelve people were killed when a bomb\nexploded in the market, police said.\n"
    c = clean(text_doc(raw))
    assert c.text == "Twelve people were killed when a bomb\nexploded in the market, police said."
    assert_spans_exact(c, raw)


def test_lexicon_is_data_and_loaded_once():
    assert rules() is rules()
    assert {"menu", "navigation", "share bar", "comment form"} <= set(rules().line)


# ------------------------------------------------------------------ HTML

ARTICLE = """<html><head><title>Bomb kills twelve - Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2016-05-07T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Bomb kills twelve</h1>
<p>{STORY}</p>
<p>{STORY2}</p>
<p>Witnesses said the explosion shattered windows several streets away and sent a column of smoke over the district.</p>
</article><footer>Copyright Example News</footer></body></html>
""".format(STORY=STORY, STORY2=STORY2)


def test_html_body_and_metadata():
    doc = read_content(ARTICLE, origin="<test>", url="https://news.example/a")
    c = clean(doc)
    assert c.text.split("\n\n")[:2] == [STORY, STORY2]
    assert "Home" not in c.text and "Copyright" not in c.text
    assert c.title and "Bomb kills twelve" in c.title
    assert c.author == "Jane Doe" and c.site == "Example News" and c.url == "https://news.example/a"
    assert (c.published, c.published_source) == ("2016-05-07", "page")
    assert_spans_exact(c, ARTICLE)


def test_html_input_date_wins_over_page_date():
    c = clean(read_content(ARTICLE, origin="<test>", published="2016-05-06"))
    assert (c.published, c.published_source) == ("2016-05-06", "input")


def test_html_without_body_is_an_input_error():
    with pytest.raises(InputError, match="no article text found"):
        clean(read_content("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>",
                           origin="empty.html"))


def test_dev_html_paragraphs_map_back(corpus_dir):
    path = sorted((corpus_dir / "dev" / "html-articles" / "html").glob("*.html.gz"))[0]
    doc = next(read_path(str(path), Options()))
    c = clean(doc)
    assert len(c.spans) >= 3
    for cs, rs, ln in c.spans:
        assert c.text[cs:cs + ln] == doc.raw[rs:rs + ln]


# ------------------------------------------------------------------ size

@pytest.mark.slow
def test_a_50mb_text_file_is_processed(tmp_path, corpus_dir):
    """The default max_bytes is 50 MiB: a 50 MB (decimal) text file is read and cleaned, not refused."""
    src = (corpus_dir / "dev" / "khan-touman-2016.txt").read_bytes() + b"\n\n"
    path = tmp_path / "big.txt"
    path.write_bytes(src * (50_000_000 // len(src)))
    assert path.stat().st_size > 49_900_000
    c = clean(next(read_path(str(path), Options())))
    assert c.title == "IRGC sustained heavy losses in Khan Touman" and c.text.count("On May 6, the Islamic") == 1


# ------------------------------------------------------------------ the command

def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, ["clean", *args], input=input)


def test_cli_text(corpus_dir):
    res = run(str(corpus_dir / "dev" / "khan-touman-2016.txt"))
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "title:           IRGC sustained heavy losses in Khan Touman" in out
    assert "byline conflict: the author box at the end names Mustafa El-Dessouki" in out
    assert "encoding:        utf-8" in out
    assert "  - menu: • Current Edition" in out
    assert out.rstrip().endswith("sustainable ceasefire in Syria.")


def test_cli_json(corpus_dir):
    res = run("--format", "json", str(corpus_dir / "dev" / "khan-touman-2016.txt"), "-", input=b"Two killed.")
    assert res.exit_code == 0
    objs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [o["document"]["author"] for o in objs] == ["Amir Toumaj", None]
    assert objs[1]["text"] == "Two killed." and objs[1]["document"]["origin"] == "-"


EXIT = [
    pytest.param(["good"], 0, 0, id="all-good"),
    pytest.param(["good", "empty", "nobody"], 1, 2, id="some-bad"),
    pytest.param(["empty", "missing", "nobody", "badgz"], 3, 4, id="all-bad"),
]


@pytest.mark.parametrize("names,code,errors", EXIT)
def test_cli_exit_codes_and_one_line_errors(tmp_path, names, code, errors):
    files = {
        "good": ("good.txt", b"Five were killed."),
        "empty": ("empty.txt", b""),
        "nobody": ("nobody.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        "badgz": ("bad.txt.gz", gzip.compress(b"x" * 10000)[:20]),
    }
    args = []
    for n in names:
        if n == "missing":
            args.append(str(tmp_path / "missing.txt"))
            continue
        name, data = files[n]
        (tmp_path / name).write_bytes(data)
        args.append(str(tmp_path / name))
    res = run(*args)
    assert res.exit_code == code
    lines = res.stderr.splitlines()
    assert len(lines) == errors
    assert all(re.fullmatch(r"warcount: error: \S+: .+", line) for line in lines)
    assert "Traceback" not in res.output


# ------------------------------------------------------------------ property: offsets always exact

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LINES = st.sampled_from([
    STORY, STORY2, "Bomb kills twelve", "By Jane Doe", "• Current Edition", "Share this:", "Leave a Reply",
    "Jane Doe", "Jane Doe is a freelance journalist.", "Advertisement", "A caption repeated on the page here.",
    "", "   ", "Short line", "ünïcödé — “quotes” and tabs\there",
]) | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\u2028\x85\xa0 "), max_size=80)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
def test_cleaned_text_always_maps_back_exactly(lines, sep):
    raw = sep.join(lines)
    if not raw.strip():
        return
    c = clean(Document(id="x", origin="<test>", raw=raw, content_type="text"))  # clean alone, not read's checks
    rebuilt = "\n\n".join(raw[rs:rs + ln] for _, rs, ln in c.spans)
    assert rebuilt == c.text
    for cs, rs, ln in c.spans:
        assert c.text[cs:cs + ln] == raw[rs:rs + ln] == raw[rs:rs + ln].strip()


# ----------------------------------------------------------- the precise extraction's pre-pruning

_FURNITURE_PAGE = """<html><head><title>Blast kills four</title><style>p {color: red}</style>
<script>var x = 1;</script><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Blast kills four"}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Blast kills four</h1>
<p>Four people were killed and nine wounded when a car bomb exploded near a market in the city on Monday,
police said, in the deadliest attack in the area this year.</p><aside>Read more: other stories</aside>
<p>The wounded were taken to the main hospital, where two were in a critical condition, a doctor said.<button>Share</button> Officials
said the toll could rise as rescuers searched the rubble.</p></article>
<footer>Copyright 2024 The Daily Example</footer></body></html>"""


def test_drop_furniture_keeps_the_precise_text_and_the_json_ld():
    import trafilatura

    from warcount.clean import TRAFILATURA_OPTIONS, drop_furniture, load_tree

    plain, pruned = load_tree(_FURNITURE_PAGE), load_tree(_FURNITURE_PAGE)
    drop_furniture(pruned, _FURNITURE_PAGE)
    assert not pruned.xpath("//nav|//footer|//aside|//style|//button")
    assert [s.get("type") for s in pruned.iter("script")] == ["application/ld+json"]  # trafilatura's forum check reads it
    assert "Officials" in pruned.text_content()  # a deleted element's tail text stays
    text = trafilatura.bare_extraction(plain, **TRAFILATURA_OPTIONS).text
    assert trafilatura.bare_extraction(pruned, **TRAFILATURA_OPTIONS).text == text
    assert "Four people were killed" in text


def test_drop_furniture_leaves_navigation_on_an_infinite_scroll_page():
    from warcount.clean import drop_furniture, load_tree

    page = _FURNITURE_PAGE.replace("<article>", '<article class="infinite-scroll">')
    tree = load_tree(page)
    drop_furniture(tree, page)
    assert tree.xpath("//nav") and tree.xpath("//aside") and not tree.xpath("//style")


def test_precise_pruning_keeps_the_cleaned_text_of_dev_pages(corpus_dir):
    """The pre-pruned precise extraction against trafilatura on the unpruned page, on a sample of dev pages."""
    import trafilatura

    from warcount.clean import TRAFILATURA_OPTIONS, _without_huge_scripts, drop_furniture, load_tree

    pages = sorted((Path(corpus_dir) / "dev" / "html-articles" / "html").glob("*.html.gz"))[::12]
    assert len(pages) >= 15
    for path in pages:
        page = _without_huge_scripts(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        plain, pruned = load_tree(page), load_tree(page)
        drop_furniture(pruned, page)
        a = trafilatura.bare_extraction(plain, **TRAFILATURA_OPTIONS)
        b = trafilatura.bare_extraction(pruned, **TRAFILATURA_OPTIONS)
        assert (a.text if a else None) == (b.text if b else None), path.name


def _huge_scripts_by_regex(raw: str) -> str:
    from warcount.clean import _SCRIPT, HUGE_SCRIPT

    return _SCRIPT.sub(lambda m: m.group(0) if len(m.group(0)) < HUGE_SCRIPT else f"<{m.group(1)}></{m.group(1)}>", raw)


_BIG = "x" * 100_001


@pytest.mark.parametrize("page", [
    "<p>a</p><SCRIPT type=x>" + _BIG + "</Script ><p>b</p>",
    "<style>" + _BIG + "</style\n><script>small</script><script>" + _BIG,
    "<scripts>" + _BIG + "</scripts><script>" + _BIG + "</style></script>",
    "<script><style>" + _BIG + "</style></script><style>" + _BIG + "</style>",
    "<scriptx " + _BIG + "</script>",
    "<script>é" + _BIG + "</SCRİPT><script>" + _BIG + "</script>",
    "<ſcript>" + _BIG + "</ſcript>",
    "<p>" + _BIG + "</p><script>unclosed " + "<script>" * 1000,
])
def test_huge_script_blocks_go_as_the_regular_expression_finds_them(page):
    from warcount.clean import _without_huge_scripts

    assert _without_huge_scripts(page) == _huge_scripts_by_regex(page)


def test_huge_script_blocks_on_dev_pages(corpus_dir):
    from warcount.clean import _without_huge_scripts

    for path in sorted((Path(corpus_dir) / "dev" / "html-articles" / "html").glob("*.html.gz"))[::6]:
        raw = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        assert _without_huge_scripts(raw) == _huge_scripts_by_regex(raw), path.name
