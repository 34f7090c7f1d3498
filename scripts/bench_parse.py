"""Times Earshot's feed parser beside xmllint and feedparser over one generated corpus.

Usage: bench_parse.py EARSHOT FOLDER [REPEATS] [BODIES FLOOR]

FOLDER holds the feeds written by bench_parse_corpus.py. Each tool reads every file once per
run; the figures are the median of REPEATS runs (feedparser, much slower, runs once). Times are
wall-clock seconds of whole processes, files already in the page cache:

* earshot: `earshot parse --batch --stats` (release build) on one worker (--jobs 1) and on every
  processor; it also reports the time spent inside the parser, printed beside.
* xmllint: `xmllint --noout` over all files in one process, and split over every processor.
* feedparser: `feedparser.parse(bytes)` for each file, in this Python process.

With BODIES (the item bodies bench_parse_corpus.py wrote as HTML) and FLOOR (bench_parse_floor.c,
built), libxml2 alone is timed doing only the two parses this design needs, with SAX callbacks
that keep nothing: the XML parse of every feed and the HTML parse of every body. Its processor
time is the floor for any parser of this design that turns bodies into text through libxml2's
HTML parser, reported as "libxml2 alone".

Processor seconds are reported beside (MB per CPU-second), which other work on a shared machine
disturbs less than wall time.

The last line printed is a JSON object of the key figures.
"""
import json
import os
import resource
import subprocess
import sys
import time


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command, stdin=None):
    """Wall seconds, CPU seconds and standard output of one process."""
    cpu = children_cpu()
    started = time.perf_counter()
    result = subprocess.run(command, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed ({result.returncode}): {result.stderr.decode()[-1000:]}")
    return elapsed, children_cpu() - cpu, result.stdout.decode()


def median_run(run, repeats):
    results = [run() for _ in range(repeats)]
    results.sort(key=lambda triple: triple[0])
    return results[len(results) // 2]


def main():
    earshot, folder = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    bodies_folder = sys.argv[4] if len(sys.argv) > 5 else None
    floor_program = sys.argv[5] if len(sys.argv) > 5 else None
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".xml"))
    total_bytes = sum(os.path.getsize(path) for path in files)
    listing = ("\n".join(files) + "\n").encode()
    processors = os.cpu_count() or 1
    for path in files:  # into the page cache
        with open(path, "rb") as handle:
            handle.read()

    figures = {}

    def earshot_run(jobs):
        def run():
            seconds, cpu, output = timed([earshot, "parse", "--batch", "--stats", "--jobs", str(jobs), "-"], stdin=listing)
            return seconds, cpu, json.loads(output.strip().splitlines()[-1])
        return run

    single_seconds, single_cpu, single = median_run(earshot_run(1), repeats)
    items = single["items"]
    if single["failed"]:
        sys.exit(f"earshot could not read {single['failed']} of the generated feeds")
    parallel_seconds, _, _ = median_run(earshot_run(processors), repeats)

    def xmllint_run(parts):
        def run():
            chunks = [files[index::parts] for index in range(parts)]
            cpu = children_cpu()
            started = time.perf_counter()
            running = [subprocess.Popen(["xmllint", "--noout", *chunk], stderr=subprocess.PIPE) for chunk in chunks]
            for process in running:
                _, errors = process.communicate()
                if process.returncode != 0:
                    sys.exit("xmllint failed: " + errors.decode()[-1000:])
            return time.perf_counter() - started, children_cpu() - cpu, None
        return run

    xmllint_seconds, xmllint_cpu, _ = median_run(xmllint_run(1), repeats)
    floor_cpu = None
    if bodies_folder:
        bodies = sorted(os.path.join(bodies_folder, name) for name in os.listdir(bodies_folder))

        def floor_run():
            # The processor seconds the program measured inside its parses, XML and HTML together.
            xml = json.loads(timed([floor_program, "xml", *files])[2])
            html = json.loads(timed([floor_program, "html", *bodies])[2])
            seconds = xml["cpu_seconds"] + html["cpu_seconds"]
            return seconds, seconds, None

        _, floor_cpu, _ = median_run(floor_run, repeats)
    xmllint_parallel_seconds, _, _ = median_run(xmllint_run(processors), repeats)

    import feedparser  # installed in .build-venv by scripts/bench-parse
    started = time.perf_counter()
    feedparser_cpu = time.process_time()
    feedparser_items = 0
    for path in files:
        with open(path, "rb") as handle:
            feedparser_items += len(feedparser.parse(handle.read()).entries)
    feedparser_seconds = time.perf_counter() - started
    feedparser_cpu = time.process_time() - feedparser_cpu

    megabytes = total_bytes / 1e6

    def rate(seconds):
        return round(megabytes / seconds, 1)

    def item_rate(count, seconds):
        return round(count / seconds)

    figures = {
        "files": len(files), "megabytes": round(megabytes, 1), "items": items, "processors": processors,
        "earshot_mb_s": rate(single_seconds), "earshot_items_s": item_rate(items, single_seconds),
        "earshot_parse_only_mb_s": rate(single["parse_seconds"]),
        "earshot_all_processors_mb_s": rate(parallel_seconds),
        "xmllint_mb_s": rate(xmllint_seconds), "xmllint_items_s": item_rate(items, xmllint_seconds),
        "xmllint_all_processors_mb_s": rate(xmllint_parallel_seconds),
        "feedparser_mb_s": round(megabytes / feedparser_seconds, 2),
        "feedparser_items_s": item_rate(feedparser_items, feedparser_seconds),
        "feedparser_version": feedparser.__version__,
        # Megabytes per second of processor time: steadier than wall time on a shared machine.
        "earshot_cpu_mb_s": rate(single_cpu), "xmllint_cpu_mb_s": rate(xmllint_cpu),
        "feedparser_cpu_mb_s": round(megabytes / feedparser_cpu, 2),
        "load_average": round(os.getloadavg()[0], 2),
    }
    if floor_cpu is not None:
        figures["libxml2_alone_cpu_mb_s"] = rate(floor_cpu)
        figures["libxml2_alone_to_xmllint"] = round(rate(floor_cpu) / rate(xmllint_cpu), 3)
    figures["earshot_to_xmllint"] = round(figures["earshot_mb_s"] / figures["xmllint_mb_s"], 3)
    figures["earshot_all_processors_to_xmllint_all_processors"] = round(
        figures["earshot_all_processors_mb_s"] / figures["xmllint_all_processors_mb_s"], 3)
    figures["earshot_to_feedparser"] = round(figures["earshot_mb_s"] / figures["feedparser_mb_s"], 1)

    print(f"{len(files)} feeds, {megabytes:.1f} MB, {items} items; {processors} processors; median of {repeats} runs")
    print(f"{'':34} {'MB/s':>8} {'items/s':>9}")
    print(f"{'earshot, one worker':34} {figures['earshot_mb_s']:8.1f} {figures['earshot_items_s']:9}"
          f"   (inside the parser only: {figures['earshot_parse_only_mb_s']} MB/s)")
    print(f"{'earshot, every processor':34} {figures['earshot_all_processors_mb_s']:8.1f} "
          f"{item_rate(items, parallel_seconds):9}")
    print(f"{'xmllint --noout, one process':34} {figures['xmllint_mb_s']:8.1f} {figures['xmllint_items_s']:9}")
    print(f"{'xmllint --noout, every processor':34} {figures['xmllint_all_processors_mb_s']:8.1f} "
          f"{item_rate(items, xmllint_parallel_seconds):9}")
    if floor_cpu is not None:
        print(f"{'libxml2 alone (SAX, XML + HTML)':34} {figures['libxml2_alone_cpu_mb_s']:8.1f} {item_rate(items, floor_cpu):9}"
              f"   (per processor-second; the floor of this design: {figures['libxml2_alone_to_xmllint']:.2f} of xmllint's)")
    print(f"{'feedparser ' + feedparser.__version__:34} {figures['feedparser_mb_s']:8.2f} {figures['feedparser_items_s']:9}")
    print(f"per processor-second: earshot {figures['earshot_cpu_mb_s']} MB, xmllint {figures['xmllint_cpu_mb_s']} MB, "
          f"feedparser {figures['feedparser_cpu_mb_s']} MB; load average {figures['load_average']}")
    print(f"earshot / xmllint: {figures['earshot_to_xmllint']:.2f} on one processor, "
          f"{figures['earshot_all_processors_to_xmllint_all_processors']:.2f} on every processor (goal >= 0.50); "
          f"earshot / feedparser: {figures['earshot_to_feedparser']:.0f}x (goal >= 40x)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
