"""Throughput of the entities layer (and the time expressions and the whole article pipeline) on ANT articles.

Written for issue 13 to compare the code before and after the world layer and the name rules on
the same articles: it uses only public functions that both versions have (``load_gazetteer``,
``entity_mentions``, ``time_expressions``, ``process_article``). The articles of the blind
entities samples (``entities_dev``, ``entities_test`` of ``select_samples.py``) are left out, so
that the code never runs on the blind test articles before they are scored.

Articles: the first ``--limit`` of the ANT Middle East archive sorted by doc id (blind samples
excluded). Each step is timed on warm caches (lexicons and automata loaded before the clock
starts; the load itself is timed apart), best of ``--repeat`` runs, in CPU seconds of the process
(``time.process_time``): the machine is shared, and wall-clock time moved by 2x between runs.

Run (the "before" figures: the same script with PYTHONPATH pointing at a checkout of the
previous commit)::

    .venv/bin/python benchmarks/entities_layer_speed.py --limit 1500
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=1500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pipeline", type=int, default=300, help="articles for the whole pipeline (slow)")
    args = ap.parse_args(argv)

    from select_samples import draw_samples

    from analysis.corpus import iter_articles
    from analysis.paths import ANT_CORPUS

    blind = {a.doc_id for name in ("entities_dev", "entities_test") for a in draw_samples()[name]}
    articles = sorted((a for a in iter_articles(ANT_CORPUS, errors="report") if a.doc_id not in blind),
                      key=lambda a: a.doc_id)[: args.limit]
    texts = [a.text for a in articles]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    t0 = time.process_time()
    from analysis.entities import entity_mentions
    from analysis.entities.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    entity_mentions("تحميل")
    load_s = time.process_time() - t0
    from analysis.timex import time_expressions

    time_expressions("أمس", "2018-01-01")

    def best(fn) -> tuple[float, int]:
        times, n = [], 0
        for _ in range(args.repeat):
            t = time.process_time()
            n = sum(len(fn(a)) for a in articles)
            times.append(time.process_time() - t)
        return min(times), n

    rows = [
        ("gazetteer match (one Aho–Corasick pass)", *best(lambda a: gaz.match(a.text))),
        ("entity_mentions (entities layer)", *best(lambda a: entity_mentions(a.text))),
        ("time_expressions", *best(lambda a: time_expressions(a.text, a.published))),
    ]
    print(f"{len(texts)} ANT articles (blind samples excluded), {mb:.2f} MB; gazetteer keys: {len(gaz.keys())}; "
          f"load (gazetteer + rules lexicons): {load_s:.2f} CPU s\n")
    print("| step | items | CPU seconds | MB/s |")
    print("|---|---:|---:|---:|")
    for name, dt, n in rows:
        print(f"| {name} | {n} | {dt:.2f} | {mb / dt:.2f} |")
    if args.pipeline:
        from analysis.pipeline.article import process_article

        sub = articles[: args.pipeline]
        sub_mb = sum(len(a.text.encode("utf-8")) for a in sub) / 1e6
        process_article(sub[0])  # warm the claims and keywords lexicons
        t = time.process_time()
        for a in sub:
            process_article(a)
        dt = time.process_time() - t
        print(f"| process_article (claims, entities, quotes, keywords), {len(sub)} articles | {len(sub)} | "
              f"{dt:.2f} | {sub_mb / dt:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
