"""Compares a scanned database of the bundled samples with feeds/samples/expectations.json."""
import json
import os
import sqlite3
import sys
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

CONCERNS = ["safeguarding", "bullying", "offensive", "discrimination", "defamation",
            "dataProtection", "pressEnquiry", "complaint", "question", "praise"]


def load_items(database):
    connection = sqlite3.connect(database)
    items = []
    for key, link, text, is_mention, concerns, label, sources in connection.execute(
        """SELECT key, link, text, is_mention, concerns_json, sentiment_label,
                  (SELECT group_concat(source_id, char(31)) FROM sightings WHERE item_key = items.key)
           FROM items"""
    ):
        items.append({
            "key": key, "link": link or "", "text": " ".join((text or "").split()),
            "is_mention": bool(is_mention),
            "concerns": {c["concern"] for c in json.loads(concerns)} if concerns else set(),
            "label": label or "neutral",
            "files": {s.rsplit("/", 1)[-1] for s in (sources or "").split("\x1f")},
            "sources": set((sources or "").split("\x1f")),
        })
    return items


def without_tracking(url):
    """The link as Earshot stores it: tracking parameters dropped."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def entry_links(folder, files):
    """(file, entry id) → the entry's link, for the Atom and RSS files named, with a redirect's
    `url=` target in place of the redirect: an entry another source stored first is found by it."""
    atom = "{http://www.w3.org/2005/Atom}"
    links = {}
    for name in files:
        path = os.path.join(folder, name)
        try:
            root = ElementTree.parse(path).getroot()
        except (ElementTree.ParseError, OSError):
            continue
        for entry in root.iter(atom + "entry"):
            link = entry.find(atom + "link")
            if entry.findtext(atom + "id") and link is not None and link.get("href"):
                links[(name, entry.findtext(atom + "id").strip())] = link.get("href")
        for item in root.iter("item"):
            if item.findtext("guid") and item.findtext("link"):
                links[(name, item.findtext("guid").strip())] = item.findtext("link").strip()
    return {key: parse_qs(urlsplit(link).query).get("url", [link])[0] for key, link in links.items()}


def find(items, expected, links):
    wanted = expected["id"]
    entry_link = links.get((expected["file"], wanted))
    prefix = " ".join(wanted.split())
    for item in items:
        if expected["file"] not in item["files"]:
            continue
        # A feed's own ids are stored scoped to the source that served them ("id:SOURCE ID").
        ids = {"id:" + wanted} | {"id:" + source + " " + wanted for source in item["sources"]}
        if item["key"] in ids or item["link"] == without_tracking(wanted):
            return item
        if entry_link and item["link"] == without_tracking(entry_link):
            return item
        if not wanted.startswith(("http", "tag:", "urn:", "yt:")) and prefix in item["text"]:
            return item
    return None


def ratio(numerator, denominator):
    return round(numerator / denominator, 3) if denominator else None


def main(database, expectations_file):
    items = load_items(database)
    expectations = json.load(open(expectations_file))
    links = entry_links(os.path.dirname(expectations_file), {expected["file"] for expected in expectations})
    matched = 0
    mention = defaultdict(int)
    per_concern = {c: defaultdict(int) for c in CONCERNS}
    sentiment_right = sentiment_total = 0
    misses = []
    for expected in expectations:
        item = find(items, expected, links)
        if item is None:
            misses.append(f"not stored: {expected['file']} {expected['id'][:60]}")
            continue
        matched += 1
        about, found = expected["aboutSchool"], item["is_mention"]
        mention[("t" if about == found else "f") + ("p" if found else "n")] += 1
        if about != found:
            misses.append(f"{'missed' if about else 'false'} mention: {expected['file']} {expected['id'][:60]}")
        if not (about and found):
            continue
        wanted, got = set(expected["concerns"]), item["concerns"]
        if wanted != got:
            misses.append(f"concerns: {expected['file']} {expected['id'][:50]}: expected {sorted(wanted)}, got {sorted(got)}")
        for concern in CONCERNS:
            key = ("t" if (concern in wanted) == (concern in got) else "f") + ("p" if concern in got else "n")
            per_concern[concern][key] += 1
        sentiment_total += 1
        sentiment_right += expected["sentiment"] == item["label"]

    precision = ratio(mention["tp"], mention["tp"] + mention["fp"])
    recall = ratio(mention["tp"], mention["tp"] + mention["fn"])
    print(f"items matched to expectations: {matched} of {len(expectations)}")
    print(f"mentions: precision {precision}, recall {recall} "
          f"(tp {mention['tp']}, fp {mention['fp']}, fn {mention['fn']}, tn {mention['tn']})")
    print(f"sentiment label accuracy on true mentions: {ratio(sentiment_right, sentiment_total)} ({sentiment_right}/{sentiment_total})")
    print(f"{'concern':<16}{'precision':>10}{'recall':>8}{'tp':>4}{'fp':>4}{'fn':>4}")
    total = defaultdict(int)
    for concern in CONCERNS:
        counts = per_concern[concern]
        for key in ("tp", "fp", "fn"):
            total[key] += counts[key]
        print(f"{concern:<16}{str(ratio(counts['tp'], counts['tp'] + counts['fp'])):>10}"
              f"{str(ratio(counts['tp'], counts['tp'] + counts['fn'])):>8}{counts['tp']:>4}{counts['fp']:>4}{counts['fn']:>4}")
    micro_p = ratio(total["tp"], total["tp"] + total["fp"])
    micro_r = ratio(total["tp"], total["tp"] + total["fn"])
    micro_f1 = round(2 * micro_p * micro_r / (micro_p + micro_r), 3) if micro_p and micro_r else None
    print(f"concerns micro: precision {micro_p}, recall {micro_r}, F1 {micro_f1}")
    if misses:
        print("differences:")
        for miss in misses:
            print("  " + miss)
    print(json.dumps({
        "items_matched": matched, "items_expected": len(expectations),
        "mention_precision": precision, "mention_recall": recall,
        "concern_micro_precision": micro_p, "concern_micro_recall": micro_r, "concern_micro_f1": micro_f1,
        "sentiment_accuracy": ratio(sentiment_right, sentiment_total),
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
