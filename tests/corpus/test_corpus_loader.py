"""Loading articles: every format, every encoding, every bad-input case."""

import io
import json
import tarfile
import zipfile

import pytest

from analysis.corpus import Article, LoadProblem, iter_articles, load_article
from analysis.corpus.encoding import decode_bytes, detect_encoding
from analysis.errors import CorpusError

ARABIC = "قالت وزارة الصحة إن 12 مدنياً قتلوا في قصف على مدينة حمص.\nوأضافت أن «الوضع صعب»."


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


# --- encodings ---------------------------------------------------------------

ENCODINGS = [
    ("utf-8", ARABIC.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "utf-8-sig"),
    ("utf-16 LE with BOM", ARABIC.encode("utf-16"), "utf-16"),
    ("utf-16 BE with BOM", b"\xfe\xff" + ARABIC.encode("utf-16-be"), "utf-16"),
    ("windows-1256", ARABIC.encode("cp1256"), "cp1256"),
]


@pytest.mark.parametrize("label, data, codec", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_encoding_detected_and_text_recovered(tmp_path, label, data, codec):
    assert detect_encoding(data) == codec
    art = load_article(write(tmp_path, "a.txt", data))
    assert art.text == ARABIC


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("سطر أول\r\nسطر ثان\r\n", "سطر أول\nسطر ثان\n"),
        ("سطر أول\rسطر ثان", "سطر أول\nسطر ثان"),
        ("سطر أول\nسطر ثان", "سطر أول\nسطر ثان"),
    ],
)
def test_line_endings_normalized(tmp_path, raw, expected):
    assert load_article(write(tmp_path, "a.txt", raw)).text == expected


def test_input_file_is_never_modified(tmp_path):
    data = b"\xef\xbb\xbf" + "نص\r\nعربي".encode()
    p = write(tmp_path, "a.txt", data)
    load_article(p)
    assert p.read_bytes() == data


# --- bad input -----------------------------------------------------------------

BAD = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin1.txt", "Café crème à la française, déjà vu".encode("latin-1"), "undecodable bytes"),
    ("controls.txt", b"abc\x01\x02\x03\x04def" * 10, "binary file"),
    ("nodoctext.xml", "<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TEXT>\n  \n</TEXT>\n</DOC>\n".encode(),
     "<DOC> without text"),
    ("notext.jsonl", b'{"doc_id": "a", "title": "x"}\n', "record without text"),
    ("badjson.jsonl", b'{"doc_id": "a", "text": \n', "malformed JSON"),
    ("frontmatter.txt", "---\ntitle: [unclosed\n---\nنص المقال".encode(), "malformed YAML front matter"),
    ("truncated.xml", "<DOC>\n<DOCNO>T-1</DOCNO>\n<TEXT>\nنص مقطوع".encode(), "truncated <DOC> record"),
]


@pytest.mark.parametrize("name, data, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_raises_corpus_error_naming_file_and_reason(tmp_path, name, data, reason):
    p = write(tmp_path, name, data)
    with pytest.raises(CorpusError) as info:
        load_article(p)
    assert reason in info.value.reason
    assert name in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_article(tmp_path / "nope.txt")


def test_file_too_large(tmp_path, monkeypatch):
    import analysis.corpus.loader as corpus

    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 100)
    p = write(tmp_path, "huge.txt", "ك" * 200)
    with pytest.raises(CorpusError, match="too large"):
        load_article(p)


def test_load_article_rejects_multi_article_file(tmp_path):
    p = write(tmp_path, "two.jsonl", '{"text": "أ"}\n{"text": "ب"}\n')
    with pytest.raises(CorpusError, match="holds 2 articles"):
        load_article(p)


def test_report_mode_records_problems_and_goes_on(tmp_path):
    write(tmp_path, "a_good.txt", ARABIC)
    write(tmp_path, "b_empty.txt", b"")
    write(tmp_path, "c_binary.txt", bytes(range(256)))
    write(tmp_path, "d_mixed.jsonl",
          '{"doc_id": "j1", "text": "نص أول"}\nnot json\n{"doc_id": "j3", "text": "نص ثالث"}\n')
    write(tmp_path, "e_image.png", b"\x89PNG")
    it = iter_articles(tmp_path, errors="report")
    arts = list(it)
    assert [a.doc_id for a in arts] == ["a_good", "j1", "j3"]
    assert sorted((p.path.split("/")[-1], p.record, p.reason.split(" (")[0]) for p in it.problems) == [
        ("b_empty.txt", None, "empty file"),
        ("c_binary.txt", None, "binary file"),
        ("d_mixed.jsonl", "line 2", "malformed JSON"),
        ("e_image.png", None, "unsupported file type '.png'"),
    ]
    assert it.files_read == 4  # the .png is refused before reading


def test_raise_mode_stops_at_first_problem(tmp_path):
    write(tmp_path, "a.txt", b"")
    with pytest.raises(CorpusError, match="empty file"):
        list(iter_articles(tmp_path))


def test_errors_argument_validated(tmp_path):
    with pytest.raises(ValueError):
        iter_articles(tmp_path, errors="ignore")


def test_nonexistent_input_reported(tmp_path):
    it = iter_articles([tmp_path / "missing"], errors="report")
    assert list(it) == []
    assert it.problems == [LoadProblem(str(tmp_path / "missing"), "no such file or directory", None)]


# --- formats -------------------------------------------------------------------

TREC = """<DOC>
<DOCNO>XX-middleEast-1-20180301</DOCNO>
<URL>https://example.org/a?x=1&amp;y=2</URL>
<SRC>skynews</SRC>
<CAT>middleEast</CAT>
<TITLE>مقتل 5 جنود في هجوم</TITLE>
<TIME>Thu, 01 Mar 2018 10:15:00 GMT</TIME>
<AUTHOR>بيروت</AUTHOR>
<ABSTRACT>
ملخص الخبر.
</ABSTRACT>
<TEXT>
قتل 5 جنود في هجوم على حاجز.
وقال مصدر أمني إن المهاجمين فروا.
</TEXT>
</DOC>
<DOC>
<DOCNO>XX-middleEast-2-20180302</DOCNO>
<TITLE>خبر ثان</TITLE>
<TIME>Fri, 02 Mar 2018 08:00:00 GMT</TIME>
<TEXT>
نص الخبر الثاني.
</TEXT>
</DOC>
"""


def test_trec_records(tmp_path):
    p = write(tmp_path, "ant.txt", TREC)  # ANT files are .txt holding <DOC> records
    arts = list(iter_articles(p))
    assert [a.doc_id for a in arts] == ["XX-middleEast-1-20180301", "XX-middleEast-2-20180302"]
    a = arts[0]
    assert a.text == "قتل 5 جنود في هجوم على حاجز.\nوقال مصدر أمني إن المهاجمين فروا."
    assert a.title == "مقتل 5 جنود في هجوم"
    assert a.source == "skynews"
    assert a.published == "2018-03-01"
    assert a.url == "https://example.org/a?x=1&y=2"
    assert a.meta["category"] == "middleEast"
    assert a.meta["author"] == "بيروت"
    assert a.meta["abstract"] == "ملخص الخبر."
    assert arts[1].source is None and arts[1].url is None


def test_trec_record_without_text_reported_and_others_kept(tmp_path):
    bad = TREC.replace("نص الخبر الثاني.", "")
    it = iter_articles(write(tmp_path, "ant.xml", bad), errors="report")
    assert [a.doc_id for a in it] == ["XX-middleEast-1-20180301"]
    assert [(p.record, p.reason) for p in it.problems] == [("XX-middleEast-2-20180302", "<DOC> without text")]


def test_plain_text_with_front_matter(tmp_path):
    raw = ("---\ndoc_id: seed-2\ntitle: عنوان المقال\nsource: الحياة\npublished: 2017-09-20\n"
           "url: https://example.org/x\ntags: [سورية]\n---\nنص المقال هنا.\n")
    a = load_article(write(tmp_path, "x.txt", raw))
    assert (a.doc_id, a.title, a.source, a.published, a.url) == ("seed-2", "عنوان المقال", "الحياة", "2017-09-20", "https://example.org/x")
    assert a.text == "نص المقال هنا.\n"
    assert a.meta == {"tags": ["سورية"]}


def test_plain_text_without_front_matter_uses_file_stem(tmp_path):
    a = load_article(write(tmp_path, "article_7.txt", ARABIC))
    assert (a.doc_id, a.title, a.source, a.published) == ("article_7", None, None, None)


def test_jsonl(tmp_path):
    lines = [
        {"doc_id": "j1", "text": "نص أول", "title": "أ", "source": "bbc", "published": "2018-05-02"},
        {"id": 7, "text": "نص ثان", "extra": 1},
        {"text": "نص ثالث"},
    ]
    p = write(tmp_path, "batch.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    arts = list(iter_articles(p))
    assert [a.doc_id for a in arts] == ["j1", "7", "batch#3"]
    assert arts[0].published == "2018-05-02" and arts[0].source == "bbc"
    assert arts[1].meta == {"extra": 1}


def test_archives_are_read_member_by_member(tmp_path):
    tar_path = tmp_path / "archive.tar.gz"
    with tarfile.open(tar_path, "w:gz") as tf:
        for name, data in [("a/one.txt", TREC.encode()), ("a/two.txt", "نص عادي".encode("cp1256")),
                           ("a/README.md", b"# x")]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    zip_path = tmp_path / "archive.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("b/three.jsonl", '{"doc_id": "z", "text": "نص"}\n')
    it = iter_articles([tar_path, zip_path], errors="report")
    ids = [a.doc_id for a in it]
    assert ids == ["XX-middleEast-1-20180301", "XX-middleEast-2-20180302", "two", "z"]
    assert [p.reason for p in it.problems] == ["unsupported file type '.md'"]
    assert it.problems[0].path.endswith("archive.tar.gz!a/README.md")


def test_corrupt_archive_reported(tmp_path):
    p = write(tmp_path, "broken.tar.gz", b"\x1f\x8b\x08\x00garbage")
    it = iter_articles(p, errors="report")
    assert list(it) == []
    assert "corrupt archive" in it.problems[0].reason


def test_content_hash_is_text_sha256():
    import hashlib

    a = Article(doc_id="x", text="نص")
    assert a.content_hash == hashlib.sha256("نص".encode()).hexdigest()


def test_decode_bytes_rejects_non_arabic_cp1256_guess():
    # Greek in ISO-8859-7 is not UTF-8 and not Arabic: refuse rather than guess
    with pytest.raises(CorpusError, match="not plausible Windows-1256"):
        decode_bytes("Καλημέρα κόσμε".encode("iso-8859-7"), "greek.txt")


def test_truncated_record_in_the_middle_is_blamed_alone(tmp_path):
    raw = (
        "<DOC>\n<DOCNO>A</DOCNO>\n<TEXT>\nمقال أول مقطوع\n"
        "<DOC>\n<DOCNO>B</DOCNO>\n<TEXT>\nمقال ثان كامل.\n</TEXT>\n</DOC>\n"
    )
    it = iter_articles(write(tmp_path, "mixed.xml", raw), errors="report")
    assert [a.doc_id for a in it] == ["B"]
    assert [(p.record, p.reason) for p in it.problems] == [("A", "truncated <DOC> record (no closing </DOC>)")]
