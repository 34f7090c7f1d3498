"""Times vaderSentiment's polarity_scores over the first COUNT lines of a file, on one core.

Usage: bench_judgement_vader.py FILE COUNT
Prints one JSON object: texts, bytes, CPU seconds of this thread, wall seconds and rates.
"""
import json
import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main(path, count):
    with open(path, encoding="utf-8") as handle:
        texts = [line.rstrip("\n") for _, line in zip(range(count), handle)]
    analyzer = SentimentIntensityAnalyzer()
    wall_start, cpu_start = time.perf_counter(), time.thread_time()
    checksum = 0.0
    for text in texts:
        checksum += analyzer.polarity_scores(text)["compound"]
    cpu, wall = time.thread_time() - cpu_start, time.perf_counter() - wall_start
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(json.dumps({"texts": len(texts), "bytes": size, "cpu_seconds": cpu, "wall_seconds": wall,
                      "texts_per_cpu_second": len(texts) / cpu, "mb_per_cpu_second": size / cpu / 1e6,
                      "texts_per_wall_second": len(texts) / wall, "checksum": checksum}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
