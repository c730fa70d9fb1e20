"""The benchmark scripts' own logic: corpus cycling and the exact summary line BENCHMARKS.md quotes."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SUMMARY = re.compile(
    r"^throughput: [0-9.]+ articles/s \(1 worker\), [0-9.]+ articles/s \(2 workers\), "
    r"ratio to bare parse [0-9.]+ \(1 worker\), [0-9.]+ \(2 workers\), peak RSS [0-9]+ MB$"
)


@pytest.fixture(scope="module")
def throughput():
    spec = importlib.util.spec_from_file_location("throughput_benchmark", BENCHMARKS / "throughput.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_benchmarks_throughput_summary_line(throughput):
    M = throughput.Measurement
    results = {
        ("bare", 1): M("bare", 1, 100, 2000, 10.0, 400.0, 0.0),
        ("pipeline", 1): M("pipeline", 1, 100, 2100, 20.0, 500.0, 0.0),
        ("bare", 2): M("bare", 2, 100, 2000, 6.0, 300.0, 420.0),
        ("pipeline", 2): M("pipeline", 2, 100, 2100, 12.5, 200.0, 610.0),
    }
    line = throughput.summary(results)
    assert SUMMARY.match(line), line
    assert line == ("throughput: 5.00 articles/s (1 worker), 8.00 articles/s (2 workers), ratio to bare parse "
                    "0.50 (1 worker), 0.48 (2 workers), peak RSS 610 MB")  # fmt: skip


def test_benchmarks_throughput_cycles_corpus_with_distinct_ids(throughput, shared_dir):
    corpus = shared_dir / "data" / "wikinews" / "articles.jsonl"
    n_articles = sum(1 for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())
    texts = throughput.read_texts(corpus, n_articles + 5)
    ids = [doc_id for doc_id, _ in texts]
    assert len(ids) == len(set(ids)) == n_articles + 5
    assert texts[-1][1] == texts[4][1] and ids[-1].endswith("#1")
