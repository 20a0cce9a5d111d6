"""How fast the full-text index answers: 1,000 long documents indexed, then varied queries.

    .venv/bin/python bench/search_index.py [--documents 1000] [--pages 50] [--page-chars 3000]
                                           [--queries 200] [--seed 12]
                                           [--database-url postgresql://user@host/postgres]

Generates deterministic Greek and English text (a vocabulary of real words with accents and
made-up ones, drawn with Zipf-like weights, so that some words are in every document and
some in a few), indexes each document as one part of kind "bench_doc" through
`fulltext.index_document` into a fresh database of its own (a SQLite file in a temporary
folder, or a database created on the PostgreSQL server of --database-url and dropped
afterwards), then times the queries: one word, two or three words, accents and capitals
changed, an inflected form, a half-typed last word, a word found nowhere. Each query is
run as a results page would run it (one statement: the 20 best of `matching` and how many
match, by `count(*) OVER ()`), then with the passages of those 20. Prints the indexing
time, p50/p95/max milliseconds, the CPU time of the process (on SQLite, the query's own:
steadier than the clock on a shared machine), the load average and the slowest queries.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.mix_plan import percentile  # noqa: E402 - after the path is set
from bench.server import base_env, own_database  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


GREEK_WORDS = _words(
    "μετανάστευση μεταναστών διερμηνεία διερμηνέας διαπολιτισμική μεσολάβηση κοινότητα κέντρο "
    "υγεία νοσοκομείο σχολείο εκπαίδευση εργασία άσυλο πρόσφυγας προσφύγων δήμος δήμου "
    "υπηρεσία υπηρεσίες αίτηση έγγραφα άδεια διαμονής οικογένεια παιδιά γυναίκες ένταξη "
    "κοινωνική πρόνοια επίδομα στέγαση γλώσσα γλώσσες αραβικά φαρσί ουρντού αλβανικά "
    "συνάντηση εκπαιδευτής εποπτεία οδηγός εγχειρίδιο νόμος νόμου δικαιώματα υποχρεώσεις "
    "Αθήνα Θεσσαλονίκη Πάτρα Ηράκλειο Λάρισα περιφέρεια ΕΕΤΑΑ ΚΕΠ ΑΜΚΑ ΑΦΜ εμβολιασμός "
    "ψυχική φροντίδα βία προστασία ανήλικοι ασυνόδευτοι σύνορα νησιά καταγραφή συνέντευξη"
)
ENGLISH_WORDS = _words(
    "migration mediator mediation interpreter community centre health hospital school "
    "education employment asylum refugee municipality service application documents permit "
    "residence family children women integration social welfare benefit housing language "
    "meeting trainer supervision guide handbook law rights obligations region vaccination "
    "mental care violence protection minors unaccompanied border islands registration "
    "interview cultural report training network support access equality practice"
)
FILLER = _words("και το η της των για με σε από να που the of and to in for on with a is")
GREEK_SYLLABLES = _words("κα λο μη νε πα ρί στο τα φω χε ψυ ά έ ή ί ό ύ ώ δι γρα σκε")
LATIN_SYLLABLES = _words("ka lo mi ne pa ri sto ta fo che psi de gra ske tion ment ing er")


def vocabulary(rnd: random.Random, size: int) -> tuple[list[str], list[float]]:
    """Words and their cumulative Zipf-like weights: fillers first, real words, made-up ones."""
    words = list(dict.fromkeys(FILLER + GREEK_WORDS + ENGLISH_WORDS))
    seen = set(words)
    while len(words) < size:
        syllables = GREEK_SYLLABLES if rnd.random() < 0.6 else LATIN_SYLLABLES
        word = "".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 5)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    return words, cumulative


def page(rnd: random.Random, words, cumulative, chars: int) -> str:
    """About `chars` characters of sentences."""
    drawn = rnd.choices(words, cum_weights=cumulative, k=chars // 7)
    sentences, start = [], 0
    while start < len(drawn):
        length = rnd.randint(6, 16)
        sentence = " ".join(drawn[start : start + length])
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
        start += length
    return " ".join(sentences)


def queries(rnd: random.Random, words: list[str], count: int) -> list[str]:
    """Varied queries: common, middling and rare words, pairs and triples, accents dropped,
    capitals, inflected forms, half-typed last words, words found nowhere."""
    from mediator_portal.search import fold

    real = GREEK_WORDS + ENGLISH_WORDS
    made_up = words[len(FILLER) + len(real) :]
    shapes = [
        lambda: rnd.choice(real),
        lambda: fold(rnd.choice(GREEK_WORDS)),
        lambda: rnd.choice(GREEK_WORDS).upper(),
        lambda: rnd.choice(made_up[:200]),
        lambda: rnd.choice(made_up[-2000:]),
        lambda: " ".join(rnd.sample(real, 2)),
        lambda: " ".join(rnd.sample(real, 3)),
        lambda: rnd.choice(real) + " " + rnd.choice(made_up[1000:]),
        lambda: rnd.choice(real)[: rnd.randint(2, 5)],
        lambda: rnd.choice(real) + " " + rnd.choice(real)[:3],
        lambda: "ανύπαρκτη λέξη xyzzy",
        lambda: "μεταναστευσης",
    ]
    return [shapes[i % len(shapes)]() for i in range(count)]


def run(args, database_url: str) -> None:
    import flask_migrate
    from sqlalchemy import func, select

    os.environ.update(base_env(database_url))
    from mediator_portal import create_app, fulltext
    from mediator_portal.extensions import db

    app = create_app("production")
    rnd = random.Random(args.seed)
    words, cumulative = vocabulary(rnd, args.vocabulary)
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        started, generating = time.perf_counter(), 0.0
        for number in range(1, args.documents + 1):
            made = time.perf_counter()
            title = page(rnd, words, cumulative, 60).rstrip(".")
            body = "\n\n".join(
                page(rnd, words, cumulative, args.page_chars) for _ in range(args.pages)
            )
            generating += time.perf_counter() - made
            fulltext.index_document(db.session, "bench_doc", number, title=title, body=body)
            if number % 50 == 0:
                db.session.commit()
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE search_documents")
        else:
            with db.engine.begin() as connection:
                connection.exec_driver_sql(
                    "INSERT INTO search_documents_fts(search_documents_fts) VALUES ('optimize')"
                )
                connection.exec_driver_sql("ANALYZE")
        indexing = time.perf_counter() - started - generating
        print(
            f"{db.engine.dialect.name}: indexed {args.documents} documents of {args.pages} pages "
            f"(~{args.pages * args.page_chars:,} characters each) in {indexing:.1f} s "
            f"({indexing / args.documents * 1000:.0f} ms per document; text generated in "
            f"{generating:.1f} s)"
        )
        asked = queries(random.Random(args.seed + 1), words, args.queries)
        plain, with_passages, matched, slowest, cpu, passages_cpu = [], [], [], [], [], []
        for number, query in enumerate(asked * 2):
            began, began_cpu = time.perf_counter(), time.process_time()
            # One statement: the page of the 20 best and, on each row, how many match.
            found = fulltext.matching("bench_doc", query).subquery()
            rows = db.session.execute(
                select(found.c.object_id, func.count().over())
                .order_by(found.c.rank.desc(), found.c.object_id)
                .limit(20)
            ).all()
            best, total = [row[0] for row in rows], (rows[0][1] if rows else 0)
            middle, middle_cpu = time.perf_counter(), time.process_time()
            fulltext.passages(db.session, "bench_doc", best, query)
            ended, ended_cpu = time.perf_counter(), time.process_time()
            db.session.rollback()
            if number >= len(asked):  # the first round warms the caches, as a server has them
                plain.append((middle - began) * 1000)
                with_passages.append((ended - began) * 1000)
                matched.append(total)
                slowest.append(((middle - began) * 1000, query))
                cpu.append((middle_cpu - began_cpu) * 1000)
                passages_cpu.append((ended_cpu - middle_cpu) * 1000)
        print(f"  load average during the queries: {os.getloadavg()[0]:.1f} (2 cores here)")
        for label, times in (("20 best + total", plain), ("... + 20 passages", with_passages)):
            print(
                f"  {label:<18} p50 {percentile(times, 50):6.1f} ms   "
                f"p95 {percentile(times, 95):6.1f} ms   max {max(times):6.1f} ms "
                f"({len(times)} queries)"
            )
        print(
            f"  20 best + total, CPU time of this process: p50 {percentile(cpu, 50):.1f} ms, "
            f"p95 {percentile(cpu, 95):.1f} ms (all of it on SQLite; the client's on PostgreSQL)"
        )
        print(
            f"  20 passages alone, CPU time of this process: p50 "
            f"{percentile(passages_cpu, 50):.1f} ms, p95 {percentile(passages_cpu, 95):.1f} ms"
        )
        print(
            f"  documents matched per query: median {percentile(matched, 50)}, "
            f"max {max(matched)}, none for {matched.count(0)} queries"
        )
        print("  slowest: " + ", ".join(f"{q!r} {ms:.0f} ms" for ms, q in sorted(slowest)[-5:]))
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--page-chars", type=int, default=3000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--vocabulary", type=int, default=30_000, help="distinct words")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to create the database on (default: SQLite)"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="portal-search-"))
    with own_database(args.database_url, workdir) as url:
        run(args, url)


if __name__ == "__main__":
    main()
