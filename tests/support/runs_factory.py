"""Generated corpora for the corpus-run tests (test_runner, test_cli, test_robustness).

The sentences are written for these tests (news style, invented facts).
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

from analysis.corpus import Article
from analysis.pipeline import MAX_ARTICLE_CHARS, ArticleResult, article_key

SENTENCES = (
    "قال المرصد في بيان إن 14 مدنياً قتلوا في قصف على بلدة في ريف حماة.",
    "وأعلنت وزارة الدفاع أن طائراتها نفذت نحو 30 طلعة جوية خلال اليوم الماضي.",
    "ونزح أكثر من 2500 شخص من القرى الحدودية بحسب الأمم المتحدة.",
    "وأضاف المتحدث أن القوات سيطرت على ثلاث قرى و150 كيلومتراً مربعاً.",
    "وذكرت الوكالة أن عشرات الجرحى نقلوا إلى المستشفيات في المدينة.",
    "وأكد الوزير أن المفاوضات ستستأنف في جنيف الشهر المقبل.",
    "وقدرت المنظمة كلفة الإعمار بنحو 4 مليارات دولار.",
    "واعتقلت الشرطة ٢٣ شخصاً بعد الاشتباكات في العاصمة.",
)


def article_text(i: int, n_sentences: int = 4) -> str:
    """A small article: rotating sentences, one per line, with a distinct number."""
    lines = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(n_sentences)]
    lines.append(f"وأحصت اللجنة {100 + i} منزلاً مدمراً في المنطقة.")
    return "\n".join(lines) + "\n"


def trec_doc(docno: str, text: str, src: str = "BBC", cat: str = "middleEast",
             time: str = "Mon, 26 Feb 2018 02:20:10 GMT", closed: bool = True) -> str:
    doc = (f"<DOC>\n<DOCNO>{docno}</DOCNO>\n<SRC>{src}</SRC>\n<CAT>{cat}</CAT>\n<TITLE>عنوان {docno}</TITLE>\n"
           f"<TIME>{time}</TIME>\n<TEXT>\n{text}</TEXT>\n")
    return doc + ("</DOC>\n" if closed else "")


def make_good_corpus(root: Path, n: int = 24) -> Path:
    """``n`` TREC articles over a few files and outlets, plus two .txt articles: all loadable."""
    root.mkdir(parents=True, exist_ok=True)
    outlets = ("BBC", "CNN", "France24", "SkyNews")
    months = ("Feb", "Mar", "Apr")
    per_file = 4
    for f in range(0, n, per_file):
        docs = []
        for i in range(f, min(n, f + per_file)):
            docs.append(trec_doc(f"DOC-{i:03d}", article_text(i), src=outlets[i % 4],
                                 time=f"Mon, {10 + i % 15} {months[i % 3]} 2018 08:00:00 GMT"))
        (root / f"batch_{f // per_file:02d}.xml").write_text("".join(docs), encoding="utf-8")
    (root / "note_a.txt").write_text("---\nsource: CNN\npublished: 2018-05-02\n---\n" + article_text(100),
                                     encoding="utf-8")
    (root / "note_b.txt").write_text(article_text(101), encoding="utf-8")
    return root


def make_bad_corpus(root: Path) -> dict[str, tuple[int, int]]:
    """A folder of good and bad inputs.

    Returns:
        file name → (articles expected, load errors expected), counted by hand
        from what each file holds.
    """
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, tuple[int, int]] = {}

    # truncated XML: first record complete, second cut in the middle
    (root / "truncated.xml").write_text(trec_doc("T-1", article_text(1)) + trec_doc("T-2", article_text(2))[:90],
                                        encoding="utf-8")
    expected["truncated.xml"] = (1, 1)
    # binary file with a .txt name
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    expected["binary.txt"] = (0, 1)
    # Windows-1256 article (decoded, not lost)
    (root / "cp1256.txt").write_bytes(article_text(3).encode("cp1256"))
    expected["cp1256.txt"] = (1, 0)
    # UTF-16 with BOM and UTF-8 with BOM in the same folder
    (root / "utf16.txt").write_bytes(article_text(4).encode("utf-16"))
    expected["utf16.txt"] = (1, 0)
    (root / "utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + article_text(5).encode("utf-8"))
    expected["utf8bom.txt"] = (1, 0)
    # an empty file and a whitespace-only file
    (root / "empty.txt").write_bytes(b"")
    expected["empty.txt"] = (0, 1)
    (root / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    expected["blank.txt"] = (0, 1)
    # JSON lines: good, empty text, malformed, not an object, good
    lines = [
        json.dumps({"id": "J-1", "text": article_text(6), "source": "CNN"}, ensure_ascii=False),
        json.dumps({"id": "J-2", "text": ""}),
        '{"id": "J-3", "text": "بلا نهاية',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "J-5", "text": article_text(7)}, ensure_ascii=False),
    ]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected["records.jsonl"] = (2, 3)
    # TREC record without text
    (root / "notext.xml").write_text("<DOC><DOCNO>E-1</DOCNO><TEXT>   </TEXT></DOC>\n", encoding="utf-8")
    expected["notext.xml"] = (0, 1)
    # a long single line (no line break at all), analysed
    (root / "one_line.txt").write_text(" ".join(SENTENCES) * 12, encoding="utf-8")
    expected["one_line.txt"] = (1, 0)
    # an enormous single line (over MAX_ARTICLE_CHARS): recorded as an article, with a `size` error row
    (root / "enormous_line.txt").write_text("ـ" * (MAX_ARTICLE_CHARS + 1) + " 12 قتيلا", encoding="utf-8")
    expected["enormous_line.txt"] = (1, 0)
    # an unsupported file type
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    expected["photo.jpg"] = (0, 1)
    # invalid UTF-8 that is not Arabic Windows-1256 either (Latin-1 French)
    (root / "latin1.txt").write_bytes("Déclaration du ministère: «accord» signé à Genève.".encode("latin-1"))
    expected["latin1.txt"] = (0, 1)
    # an archive with a good member, a binary member and a README of an unsupported type
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, data in (("a/good.xml", trec_doc("A-1", article_text(8)).encode("utf-8")),
                           ("a/bad.txt", b"\x00\x00\x00\x01"),
                           ("a/README.md", b"# readme\n")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    (root / "bundle.tar.gz").write_bytes(buf.getvalue())
    expected["bundle.tar.gz"] = (1, 2)
    # a corrupt archive (gzip header, garbage body)
    (root / "broken.tar.gz").write_bytes(gzip.compress(b"not a tar archive at all" * 10)[:40])
    expected["broken.tar.gz"] = (0, 1)
    return expected


def stub_process(article: Article) -> ArticleResult:
    """A cheap stand-in for process_article: one claim row per digit run (for runner tests)."""
    import re

    key = article_key(article)
    claims = [{"article_key": key, "doc_id": article.doc_id, "claim_id": f"{article.doc_id}-{i}",
               "quantity_text": m.group(), "value_low": float(m.group()), "value_high": float(m.group()),
               "start": m.start(), "end": m.end()}
              for i, m in enumerate(re.finditer(r"\d+", article.text), start=1)]
    row = {"article_key": key, "doc_id": article.doc_id, "path": article.path, "source": article.source,
           "published": article.published, "n_chars": len(article.text), "n_claims": len(claims), "status": "ok"}
    return ArticleResult(key=key, rows={"articles": [row], "claims": claims},
                         n_bytes=len(article.text.encode("utf-8")))


def failing_process(article: Article) -> ArticleResult:
    """Raises on every third article (by doc_id digits), else like :func:`stub_process`."""
    digits = "".join(ch for ch in article.doc_id if ch.isdigit())
    if digits and int(digits) % 3 == 0:
        raise ValueError(f"analyser exploded on {article.doc_id}")
    return stub_process(article)
