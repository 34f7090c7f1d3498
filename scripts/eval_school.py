"""Measures Earshot on labelled school posts (the labelling guide's format).

Usage: eval_school.py EARSHOT FILE PROFILE [--misses] [--ignore-kind] [--concern-model WEIGHTS]

Each line of FILE is {"id", "kind", "text", "mention", "polarity", "concerns"}. Every post goes
through `earshot match --config PROFILE` (is the school mentioned?) and `earshot score --config
PROFILE` (sentiment, concerns and the owner role the configured routing gives). A post's kind says
where an installation reads it: reviews come from the school's own page on a review site, a source
marked as about the school (`earshotAboutSchool` in the feed list, `earshot match --about-school`),
so a review is the school's finding unless it uses the school's words only in another sense, and
names no alias needs context there; every other kind comes from a source about nothing in
particular. --ignore-kind reads every post as from such a source. As in a scan, a post that is not
found to be the school's opens nothing: its predicted concerns and owner are empty. The owner expected for a post is the one the policy as written gives its labelled
concerns (the most serious concern's owner). Prints per-concern precision, recall and F1, owner-role accuracy, mention precision and
recall and polarity macro-F1; the last line is one JSON object of the key figures. --misses also
lists every post whose concerns, owner or mention were wrong, for reading. --concern-model
weighs concerns with another model file (one trained on other posts, to measure how it generalises).
"""
import json
import subprocess
import sys

# The guide's names for concerns, as Earshot spells them.
GUIDE_TO_EARSHOT = {
    "safeguarding": "safeguarding", "bullying": "bullying", "offensive": "offensive",
    "discrimination": "discrimination", "defamation": "defamation", "data_protection": "dataProtection",
    "press": "pressEnquiry", "complaint": "complaint", "question": "question", "praise": "praise",
}
CONCERNS = list(GUIDE_TO_EARSHOT.values())
# Kinds of post read from a source about the school: a review sits on the school's own review page.
KINDS_FROM_SOURCES_ABOUT_SCHOOL = {"review"}
POLARITIES = ["positive", "neutral", "negative"]
# The owner role of each concern under the policy as written (Workflow's RoutingPolicy.standard).
STANDARD_OWNER = {
    "safeguarding": "dsl", "bullying": "slt", "offensive": "slt", "discrimination": "slt",
    "defamation": "slt", "dataProtection": "slt", "pressEnquiry": "slt",
    "complaint": "communications", "question": "communications", "praise": "communications",
}


def run_lines(command, posts):
    """Runs an earshot command over the posts as JSON lines and returns one parsed answer per post."""
    lines = "".join(json.dumps({"id": index, "text": post["text"]}) + "\n" for index, post in enumerate(posts))
    completed = subprocess.run(command, input=lines, capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    if len(answers) != len(posts):
        sys.exit(f"{command[1]} answered {len(answers)} lines for {len(posts)} posts")
    for answer in answers:
        if "error" in answer:
            sys.exit(f"{command[1]}: {answer['error']}")
    return answers


def expected_owner(concerns):
    """The owner the policy as written gives a post's labelled concerns: the most serious concern's."""
    for concern in CONCERNS:
        if concern in concerns:
            return STANDARD_OWNER[concern]
    return ""


def f1(precision, recall):
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ratio(numerator, denominator):
    return numerator / denominator if denominator else 0.0


def main():
    arguments = sys.argv[1:]
    model_options = []
    if "--concern-model" in arguments:
        at = arguments.index("--concern-model")
        model_options = ["--concern-model", arguments[at + 1]]
        del arguments[at:at + 2]
    show_misses = "--misses" in arguments
    ignore_kind = "--ignore-kind" in arguments
    arguments = [a for a in arguments if a not in ("--misses", "--ignore-kind")]
    if len(arguments) != 3:
        sys.exit(__doc__)
    earshot, path, profile = arguments
    with open(path, encoding="utf-8") as file:
        posts = [json.loads(line) for line in file if line.strip()]

    from_source_about_school = [not ignore_kind and post["kind"] in KINDS_FROM_SOURCES_ABOUT_SCHOOL for post in posts]
    general_matches = run_lines([earshot, "match", "--config", profile] + model_options, posts)
    about_school_matches = run_lines([earshot, "match", "--config", profile, "--about-school"] + model_options, posts)
    matches = [a if about else g for g, a, about in zip(general_matches, about_school_matches, from_source_about_school)]
    scores = run_lines([earshot, "score", "--config", profile] + model_options, posts)

    # A post that names the school, or that its source about the school makes the school's, is triaged.
    predicted_mention = [
        bool(m["mentions"]) or (about and not m.get("otherMeanings"))
        for about, m in zip(from_source_about_school, matches)
    ]
    predicted = [
        {c["concern"] for c in s["concerns"]} if found else set()
        for s, found in zip(scores, predicted_mention)
    ]
    predicted_owner = [s.get("owner") or "" if found else "" for s, found in zip(scores, predicted_mention)]
    gold = [{GUIDE_TO_EARSHOT[c] for c in post["concerns"]} for post in posts]
    gold_owner = [expected_owner(g) for g in gold]

    print(f"{path}: {len(posts)} posts, profile {profile}")
    print()
    print(f"{'concern':16} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6}")
    per_concern = {}
    true_positives = false_positives = false_negatives = 0
    for concern in CONCERNS:
        tp = sum(concern in p and concern in g for p, g in zip(predicted, gold))
        fp = sum(concern in p and concern not in g for p, g in zip(predicted, gold))
        fn = sum(concern not in p and concern in g for p, g in zip(predicted, gold))
        true_positives, false_positives, false_negatives = true_positives + tp, false_positives + fp, false_negatives + fn
        precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
        per_concern[concern] = {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1(precision, recall), 3),
                                "support": tp + fn}
        print(f"{concern:16} {tp + fn:5} {tp + fp:5} {precision:6.3f} {recall:6.3f} {f1(precision, recall):6.3f}")
    micro_p = ratio(true_positives, true_positives + false_positives)
    micro_r = ratio(true_positives, true_positives + false_negatives)
    micro_f1 = f1(micro_p, micro_r)
    print(f"{'micro':16} {'':5} {'':5} {micro_p:6.3f} {micro_r:6.3f} {micro_f1:6.3f}")

    routing_right = sum(p == g for p, g in zip(predicted_owner, gold_owner))
    routing_accuracy = ratio(routing_right, len(posts))
    owners = sorted({o for o in gold_owner + predicted_owner})
    print()
    print(f"owner role right for {routing_right} of {len(posts)} posts ({routing_accuracy:.3f})")
    print("  expected → given: " + ", ".join(
        f"{g or 'none'}→{p or 'none'} {n}" for g in owners for p in owners
        if g != p and (n := sum(x == g and y == p for x, y in zip(gold_owner, predicted_owner)))))

    gold_mention = [bool(post["mention"]) for post in posts]
    mention_tp = sum(p and g for p, g in zip(predicted_mention, gold_mention))
    mention_p = ratio(mention_tp, sum(predicted_mention))
    mention_r = ratio(mention_tp, sum(gold_mention))
    print(f"mentions: precision {mention_p:.3f}, recall {mention_r:.3f} "
          f"({mention_tp} right of {sum(predicted_mention)} found, {sum(gold_mention)} labelled)")

    # The guide's polarity is the post's attitude toward the school: Earshot's stance.
    labels = [s["stance"] for s in scores]
    polarity_f1s = []
    for polarity in POLARITIES:
        tp = sum(l == polarity and post["polarity"] == polarity for l, post in zip(labels, posts))
        precision = ratio(tp, sum(l == polarity for l in labels))
        recall = ratio(tp, sum(post["polarity"] == polarity for post in posts))
        polarity_f1s.append(f1(precision, recall))
    polarity_macro_f1 = sum(polarity_f1s) / len(POLARITIES)
    print("polarity F1: " + ", ".join(f"{p} {v:.3f}" for p, v in zip(POLARITIES, polarity_f1s))
          + f"; macro {polarity_macro_f1:.3f}")

    if show_misses:
        print()
        for post, p, g, po, go, pm, score in zip(posts, predicted, gold, predicted_owner, gold_owner,
                                                   predicted_mention, scores):
            if p == g and po == go and pm == post["mention"]:
                continue
            evidence = "; ".join(f"{c['concern']} {c['confidence']:.2f} {c['evidence']}" for c in score["concerns"])
            print(f"#{post['id']} [{post['kind']}] mention {post['mention']}→{pm} owner {go or 'none'}→{po or 'none'}"
                  f" missed {sorted(g - p)} extra {sorted(p - g)}")
            print(f"   {post['text'][:400]}")
            print(f"   evidence: {evidence}")

    sg = per_concern["safeguarding"]
    print(json.dumps({
        "posts": len(posts),
        "concern_micro_f1": round(micro_f1, 3),
        "concern_micro_p": round(micro_p, 3),
        "concern_micro_r": round(micro_r, 3),
        "min_concern_f1": min(v["f1"] for v in per_concern.values() if v["support"]),
        "safeguarding_recall": sg["r"],
        "safeguarding_precision": sg["p"],
        "routing_accuracy": round(routing_accuracy, 3),
        "mention_p": round(mention_p, 3),
        "mention_r": round(mention_r, 3),
        "polarity_macro_f1": round(polarity_macro_f1, 3),
        "per_concern_f1": {k: v["f1"] for k, v in per_concern.items()},
    }))


if __name__ == "__main__":
    main()
