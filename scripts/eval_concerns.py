"""Measures Earshot's concerns on public labelled sets laid out as in the concerns corpus.

Usage: eval_concerns.py EARSHOT DIR [--concern-model W]

Each set is a folder of DIR holding dev.jsonl ({"id", "text", "label", ...}); a set that is
missing is skipped. For each, one concern should fire on the positive texts and not on the rest:
- reddit_mental_health_27subreddits: safeguarding on r/SuicideWatch posts, against every other
  subreddit, and against the mental-health subreddits alone (depression, lonely, ForeverAlone,
  bpd, EDAnonymous: the hard cases) and the rest alone (the easy ones);
- offensive_olid: offensive on OLID's OFF tweets against NOT;
- tweet_acts_tac: question on tweets labelled QUE against every other act.
Prints precision, recall and F1 for each, over the whole dev half and over the part of it the
concern model never learnt from (scripts/public_sets.py: `unseen`); the last line is one JSON
object of the figures.
"""
import json
import os
import subprocess
import sys

from public_sets import in_training_half

HARD_NEGATIVES = {"depression", "lonely", "ForeverAlone", "bpd", "EDAnonymous"}

SETS = [
    ("suicidal_vs_all", "reddit_mental_health_27subreddits", "safeguarding",
     lambda label: label == "suicidewatch", lambda label: True),
    ("suicidal_vs_mental_health", "reddit_mental_health_27subreddits", "safeguarding",
     lambda label: label == "suicidewatch", lambda label: label == "suicidewatch" or label in HARD_NEGATIVES),
    ("suicidal_vs_other_subreddits", "reddit_mental_health_27subreddits", "safeguarding",
     lambda label: label == "suicidewatch", lambda label: label not in HARD_NEGATIVES),
    ("offensive_olid", "offensive_olid", "offensive",
     lambda label: label.startswith("OFF"), lambda label: True),
    ("question_tac", "tweet_acts_tac", "question",
     lambda label: label == "QUE", lambda label: True),
]


def concerns_of(earshot, rows, model):
    lines = "".join(json.dumps({"text": row["text"]}) + "\n" for row in rows)
    options = ["--concern-model", model] if model else []
    completed = subprocess.run([earshot, "score", *options], input=lines, capture_output=True, text=True, check=True)
    return [{c["concern"] for c in json.loads(line)["concerns"]} for line in completed.stdout.splitlines() if line.strip()]


def main():
    arguments = sys.argv[1:]
    model = None
    if "--concern-model" in arguments:
        at = arguments.index("--concern-model")
        model = arguments[at + 1]
        del arguments[at:at + 2]
    if len(arguments) != 2:
        sys.exit(__doc__)
    earshot, folder = arguments
    judged = {}
    figures = {}
    print(f"{'set':30} {'texts':>6} {'positive':>8} {'P':>6} {'R':>6} {'F1':>6}")
    for name, directory, concern, is_positive, is_included in SETS:
        path = os.path.join(folder, directory, "dev.jsonl")
        if not os.path.exists(path):
            continue
        if directory not in judged:
            with open(path, encoding="utf-8") as file:
                rows = [json.loads(line) for line in file if line.strip()]
            judged[directory] = list(zip(rows, concerns_of(earshot, rows, model)))
        for part, keeps in (("", lambda row: True), ("_unseen", lambda row: not in_training_half(row["text"]))):
            pairs = [(is_positive(row["label"]), concern in found) for row, found in judged[directory]
                     if is_included(row["label"]) and keeps(row)]
            tp = sum(gold and flagged for gold, flagged in pairs)
            fp = sum(flagged and not gold for gold, flagged in pairs)
            fn = sum(gold and not flagged for gold, flagged in pairs)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            figures[name + part] = {"texts": len(pairs), "p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3)}
            print(f"{name + part:30} {len(pairs):6} {tp + fn:8} {precision:6.3f} {recall:6.3f} {f1:6.3f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
