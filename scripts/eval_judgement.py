"""Compares Earshot's judgements with human ratings, beside VADER, on the sentiment corpora.

Usage: eval_judgement.py EARSHOT_BINARY CORPUS_DIR [--dump FILE]
"""
import json
import math
import os
import subprocess
import sys

SENTIMENT_SETS = [
    ("tweets", "vader_tweets.jsonl", "mean_rating"),
    ("movie", "vader_movie_reviews.jsonl", "mean_rating"),
    ("amazon", "vader_amazon_reviews.jsonl", "mean_rating"),
    ("nyt", "vader_nyt_editorials.jsonl", "mean_rating"),
    ("course", "course_evaluations.jsonl", "sentiment"),
]
OFFENSIVE_SET = ("offensive", "davidson_offensive.jsonl")
NEUTRAL_BAND = 0.5


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def earshot_judgements(binary, texts, options=()):
    """One `earshot score` run over all texts, as JSON lines in and out; `options` are added to it."""
    payload = "".join(json.dumps({"text": text}) + "\n" for text in texts)
    result = subprocess.run([binary, "score", "--format", "json", *options], input=payload.encode("utf-8"),
                            stdout=subprocess.PIPE, check=True)
    lines = result.stdout.decode("utf-8").splitlines()
    if len(lines) != len(texts):
        raise SystemExit(f"earshot score gave {len(lines)} lines for {len(texts)} texts")
    return [json.loads(line) for line in lines]


def vader_compounds(texts):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    return [analyzer.polarity_scores(text)["compound"] for text in texts]


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def human_class(mean):
    return "positive" if mean > NEUTRAL_BAND else "negative" if mean < -NEUTRAL_BAND else "neutral"


def vader_label(compound):
    """VADER's documented convention: compound >= 0.05 positive, <= -0.05 negative."""
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def macro_f1(truth, predicted):
    scores = []
    for label in ("positive", "neutral", "negative"):
        tp = sum(t == label and p == label for t, p in zip(truth, predicted))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def two_class_accuracy(means, compounds):
    pairs = [(m, c) for m, c in zip(means, compounds) if abs(m) > NEUTRAL_BAND]
    right = sum((m > 0 and c > 0) or (m < 0 and c < 0) for m, c in pairs)
    return right / len(pairs) if pairs else 0.0


def zero_share(means, compounds):
    """The share of texts humans did not rate neutral that get a compound of exactly 0."""
    polar = [c for m, c in zip(means, compounds) if abs(m) > NEUTRAL_BAND]
    return sum(c == 0 for c in polar) / len(polar) if polar else 0.0


def sentiment_figures(means, compounds, labels):
    truth = [human_class(m) for m in means]
    return {
        "pearson": round(pearson(compounds, means), 3),
        "macro_f1": round(macro_f1(truth, labels), 3),
        "accuracy_2class": round(two_class_accuracy(means, compounds), 3),
        "zero_polar": round(zero_share(means, compounds), 3),
    }


def flag_figures(truth, flagged):
    tp = sum(t and f for t, f in zip(truth, flagged))
    fp = sum((not t) and f for t, f in zip(truth, flagged))
    fn = sum(t and not f for t, f in zip(truth, flagged))
    tn = sum((not t) and not f for t, f in zip(truth, flagged))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    mcc = (tp * tn - fp * fn) / denominator if denominator else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "mcc": round(mcc, 3)}


def main(binary, corpus, dump=None):
    results = {}
    dumped = []
    for name, file, field in SENTIMENT_SETS:
        path = os.path.join(corpus, file)
        if not os.path.exists(path):
            print(f"{name}: {file} not found, skipped")
            continue
        rows = load(path)
        texts = [row["text"] for row in rows]
        means = [float(row[field]) for row in rows]
        earshot = earshot_judgements(binary, texts)
        vader = vader_compounds(texts)
        results[name] = {
            "texts": len(rows),
            "earshot": sentiment_figures(means, [j["compound"] for j in earshot], [j["label"] for j in earshot]),
            "vader": sentiment_figures(means, vader, [vader_label(c) for c in vader]),
        }
        if dump:
            dumped += [{"set": name, "mean": m, "earshot": j["compound"], "vader": v, "drivers": j["drivers"], "text": t}
                       for m, j, v, t in zip(means, earshot, vader, texts)]

    name, file = OFFENSIVE_SET
    path = os.path.join(corpus, file)
    if os.path.exists(path):
        rows = load(path)
        texts = [row["text"] for row in rows]
        truth = [row["label"] in ("hate_speech", "offensive_language") for row in rows]
        earshot = earshot_judgements(binary, texts)
        vader = vader_compounds(texts)
        flagged = [any(c["concern"] == "offensive" for c in j["concerns"]) for j in earshot]
        results[name] = {
            "texts": len(rows),
            "positive_share": round(sum(truth) / len(truth), 3),
            "earshot": flag_figures(truth, flagged),
            "vader": flag_figures(truth, [c <= -0.05 for c in vader]),
        }
        if dump:
            dumped += [{"set": name, "truth": t, "flagged": f, "concerns": j["concerns"], "text": x}
                       for t, f, j, x in zip(truth, flagged, earshot, texts)]
    else:
        print(f"{name}: {file} not found, skipped")

    print("Sentiment: Pearson r of compound with the human mean; 3-class macro-F1 (human mean > 0.5 positive,")
    print("< -0.5 negative, else neutral; Earshot's own label, VADER's +-0.05 convention); 2-class accuracy")
    print("on the texts humans did not rate neutral (sign of compound), and the share of those at compound 0.")
    print(f"{'set':<10}{'texts':>7}  {'r earshot':>10}{'r vader':>9}  {'F1 earshot':>11}{'F1 vader':>9}  {'acc2 earshot':>13}{'acc2 vader':>11}"
          f"  {'zero earshot':>13}{'zero vader':>11}")
    for name, _, _ in SENTIMENT_SETS:
        if name not in results:
            continue
        e, v = results[name]["earshot"], results[name]["vader"]
        print(f"{name:<10}{results[name]['texts']:>7}  {e['pearson']:>10.3f}{v['pearson']:>9.3f}  "
              f"{e['macro_f1']:>11.3f}{v['macro_f1']:>9.3f}  {e['accuracy_2class']:>13.3f}{v['accuracy_2class']:>11.3f}"
              f"  {e['zero_polar']:>13.3f}{v['zero_polar']:>11.3f}")
    if "offensive" in results:
        o = results["offensive"]
        print()
        print(f"Offensive (hate speech or offensive language vs neither; {o['texts']} texts, "
              f"{o['positive_share']:.0%} positive): Earshot's offensive concern vs a negative VADER compound (<= -0.05)")
        print(f"{'':<10}{'precision':>10}{'recall':>8}{'F1':>7}{'MCC':>7}")
        for who in ("earshot", "vader"):
            f = o[who]
            print(f"{who:<10}{f['precision']:>10.3f}{f['recall']:>8.3f}{f['f1']:>7.3f}{f['mcc']:>7.3f}")
    if dump:
        with open(dump, "w", encoding="utf-8") as handle:
            for row in dumped:
                handle.write(json.dumps(row) + "\n")
    print(json.dumps(results, separators=(",", ":")))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    dump_file = None
    if "--dump" in arguments:
        position = arguments.index("--dump")
        dump_file = arguments[position + 1]
        del arguments[position:position + 2]
    main(arguments[0], arguments[1], dump_file)
