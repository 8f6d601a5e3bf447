"""pagemeta's JSON-LD reading: the same fields as trafilatura's ``extract_meta_json``, faster."""
from __future__ import annotations

import gzip

import pytest
from trafilatura.metadata import extract_meta_json
from trafilatura.settings import Document as TrafDocument

from warcount import pagemeta
from warcount.clean import load_tree
from warcount.eval_body import articles_dir

FIELDS = ("title", "author", "url", "hostname", "description", "sitename", "date", "categories", "tags",
          "pagetype")


def _fields(doc) -> dict:
    return {k: getattr(doc, k, None) for k in FIELDS}


LD = [
    # white space outside and inside strings, an escaped quote, \n escapes, a \u escape with a
    # surrogate pair written as escapes, HTML in a value, a broken block
    '{ "@type" : "NewsArticle",\n  "headline": "Two \\"killed\\" in\\n blast",\n'
    '  "author": {"@type": "Person", "name": "Jane   Doe"},\n  "publisher": {"@type": "Organization", '
    '"name": "The <b>Daily</b> \\u0054imes \\ud83d\\ude00"} }',
    '{"@type": "NewsArticle", "headline": "Unclosed',
    '[{"@type":"WebSite","name":"Site\\tName"},{"@type":"Article","name":"A &amp; B","articleSection":"World"}]',
]


@pytest.mark.parametrize("block", LD)
def test_json_ld_fields_match_trafilatura(block):
    tree = load_tree(f'<html><head><script type="application/ld+json">{block}</script></head>'
                     f"<body><p>Text of the story here.</p></body></html>")
    assert _fields(pagemeta._meta_json(tree, TrafDocument())) == _fields(extract_meta_json(tree, TrafDocument()))


def test_json_ld_fields_match_trafilatura_on_dev_pages(corpus_dir):
    pages = sorted((articles_dir(corpus_dir) / "html").glob("*.html.gz"))[:40]
    assert pages
    for path in pages:
        tree = load_tree(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        if tree is None:
            continue
        assert _fields(pagemeta._meta_json(tree, TrafDocument())) == _fields(extract_meta_json(tree, TrafDocument())), path.name
