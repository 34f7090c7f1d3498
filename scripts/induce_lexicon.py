"""Induces word valences from human-rated texts, for words the hand-written lexicon does not list.

Usage: induce_lexicon.py EARSHOT_BINARY CORPUS_DIR [--half A|B] [--out FILE]

Ratings are put on one scale (the VADER sets' -4..+4 as they are, the course comments' -1/0/+1
doubled). For each word, the ratings of the texts that contain it are summed and shrunk towards 0
by SHRINK pseudo-texts: strength = sum / (texts + SHRINK). A word is kept when it occurs in at
least `min_texts` texts, its strength is at least `min_strength` away from 0, and at least
`min_agreement` of the texts containing it that humans did not rate neutral lean its way (counted
with one pseudo-text each way): a word of topic, such as "camera", occurs in kind and unkind
reviews alike and is left out. Its valence is WEIGHT times its strength, to two decimals: an
induced word is weak evidence beside a hand-written one, so it leans a text's compound (and breaks
the tie of a text no hand-written word reaches) without, alone, carrying a label, which needs a
compound of at least 0.05. WEIGHT is the largest of 0.05, 0.1 and 0.25 at which Earshot's polarity
on the labelled school posts (../shared/corpora/school-posts, dev-short and dev-long) does not
fall: the rated sets alone would choose 0.1 or 0.25, but a long school notice gathers many weak
words ("Friday", "published", "starts") until they carry a label it should not have.
Words lexicon.tsv lists, negators, modifiers, function words (FUNCTION_WORDS), the words of
school life (SCHOOL_WORDS), words of fewer than three letters and words with an apostrophe are never
written (Earshot finds a word written without its apostrophe too, so "teacher's" would value
"teachers" and "we'll" "well").

`min_texts`, `min_strength` and `min_agreement` are chosen from PARAMETER_GRID on the texts the list is
induced from alone: those texts are split in two by a second hash, a list induced from each part is
scored with Earshot on the other, and the choice with the best mean over the sets of Pearson r,
macro-F1 and polar sign accuracy less the share of polar texts left at 0 wins. `--half` induces
from one half only (a text is in half A when the first byte of sha1(text as UTF-8) is even), so
that `scripts/eval-lexicon-split` can measure the list on texts nothing was chosen on. Python
standard library only.
"""
import hashlib
import json
import os
import re
import sys
import tempfile
import unicodedata

import eval_judgement

# (name, file, rating field, factor onto the -4..+4 scale)
RATED_SETS = [
    ("tweets", "vader_tweets.jsonl", "mean_rating", 1.0),
    ("movie", "vader_movie_reviews.jsonl", "mean_rating", 1.0),
    ("amazon", "vader_amazon_reviews.jsonl", "mean_rating", 1.0),
    ("nyt", "vader_nyt_editorials.jsonl", "mean_rating", 1.0),
    ("course", "course_evaluations.jsonl", "sentiment", 2.0),
]
RATING_FACTOR = {name: factor for name, _, _, factor in RATED_SETS}
SHRINK = 3.0
WEIGHT = 0.05
PARAMETER_GRID = [(min_texts, min_strength, min_agreement)
                  for min_texts in (1, 2, 3) for min_strength in (0.25, 0.5) for min_agreement in (0.5, 0.6, 0.7)]
RESOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "Sentiment", "Resources")
WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
# Words that carry grammar, not feeling; they occur in so many texts that a set's average mood
# would otherwise stick to them.
FUNCTION_WORDS = set("""
a about above after again against all am an and any are as at be because been before being below
between both by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself of off on once only or other our ours ourselves out over own same she should so some such
than that the their theirs them themselves then there these they this those through to too under
until up us very was we were what when where which while who whom why will with would you your
yours yourself yourselves also another anyone anything around away back else even ever every
get gets got let lets may might must now one ones onto per since still thing things though
upon via yet etc
""".split())
# The words of school life: nearly every post Earshot reads has some, whatever its mood, so a
# valence learnt for them from reviews and news would tilt them all.
SCHOOL_WORDS = set("""
school schools teacher teachers pupil pupils student students class classes lesson lessons parent
parents child children kid kids son sons daughter daughters head headteacher staff year years term
terms uniform homework bus buses lunch lunches academy college classroom exam exams subject subjects
office lane road street food meal meals dinner dinners canteen hall playground field sport sports
club clubs trip trips
""".split())


def half_of(text, byte=0):
    """"A" or "B": the given byte of the text's SHA-1 is even or odd."""
    return "A" if hashlib.sha1(text.encode("utf-8")).digest()[byte] % 2 == 0 else "B"


def rated_texts(corpus, half=None):
    """(set name, text, rating as published) for every rated text, or for those of one half."""
    rows = []
    for name, file, field, _ in RATED_SETS:
        path = os.path.join(corpus, file)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                row = json.loads(line)
                if half is None or half_of(row["text"]) == half:
                    rows.append((name, row["text"], float(row[field])))
    return rows


def words_of(text):
    """The distinct words of a text in Earshot's comparison form: lower case, accents removed,
    curly apostrophes straightened."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return set(WORD.findall(folded.replace("\u2019", "'")))


def reserved_words(resources=RESOURCES):
    """Words the induced list must not value: those lexicon.tsv lists, negators, modifiers,
    function words and the words of school life."""
    reserved = FUNCTION_WORDS | SCHOOL_WORDS
    for file in ("lexicon.tsv", "negators.txt", "modifiers.tsv"):
        with open(os.path.join(resources, file), encoding="utf-8") as handle:
            for line in handle:
                line = line.strip().replace("\u2019", "'")
                if line and not line.startswith("#"):
                    entry = line.split("\t")[0].strip().lower()
                    if " " not in entry:
                        reserved.add(entry)
    return reserved


def induce(rows, reserved, min_texts, min_strength, min_agreement):
    """Word valences induced from (set, text, rating) rows, as {word: valence}."""
    total, count, polar, positive = {}, {}, {}, {}
    for name, text, rating in rows:
        rating *= RATING_FACTOR[name]
        for word in words_of(text):
            if len(word) < 3 or "'" in word or word in reserved:
                continue
            total[word] = total.get(word, 0.0) + rating
            count[word] = count.get(word, 0) + 1
            if abs(rating) > eval_judgement.NEUTRAL_BAND:
                polar[word] = polar.get(word, 0) + 1
                positive[word] = positive.get(word, 0) + (rating > 0)
    valences = {}
    for word, n in count.items():
        if n < min_texts:
            continue
        strength = total[word] / (n + SHRINK)
        if abs(strength) < min_strength:
            continue
        leaning = positive.get(word, 0) if strength > 0 else polar.get(word, 0) - positive.get(word, 0)
        if (leaning + 1) / (polar.get(word, 0) + 2) >= min_agreement:
            valences[word] = max(-4.0, min(4.0, round(WEIGHT * strength, 2)))
    return valences


def write_lexicon(valences, path, header_lines):
    """Writes valences in lexicon.tsv's format, strongest first, under comment lines."""
    with open(path, "w", encoding="utf-8") as handle:
        for line in header_lines:
            handle.write(f"# {line}\n")
        for word, valence in sorted(valences.items(), key=lambda item: (-abs(item[1]), item[0])):
            handle.write(f"{word}\t{valence:g}\n")


def figures_with(binary, valences, rows):
    """Earshot's figures per set on rows, scoring with the given induced list."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8", delete=False) as handle:
        path = handle.name
    try:
        write_lexicon(valences, path, [])
        judgements = eval_judgement.earshot_judgements(binary, [text for _, text, _ in rows],
                                                       ["--induced-lexicon", path])
    finally:
        os.unlink(path)
    figures = {}
    for name, _, _, _ in RATED_SETS:
        picked = [(rating, judgement) for (set_name, _, rating), judgement in zip(rows, judgements) if set_name == name]
        if picked:
            figures[name] = eval_judgement.sentiment_figures(
                [rating for rating, _ in picked], [j["compound"] for _, j in picked], [j["label"] for _, j in picked])
    return figures


def merit(figures):
    """The mean over sets of Pearson r, macro-F1 and polar sign accuracy, less the share of polar texts at 0."""
    return sum(f["pearson"] + f["macro_f1"] + f["accuracy_2class"] - f["zero_polar"]
               for f in figures.values()) / len(figures)


def choose_parameters(binary, rows, reserved):
    """(min_texts, min_strength, min_agreement) from PARAMETER_GRID, chosen by two-fold cross-fitting within rows."""
    parts = {part: [row for row in rows if half_of(row[1], byte=1) == part] for part in "AB"}
    best, best_merit = None, None
    for parameters in PARAMETER_GRID:
        score = sum(merit(figures_with(binary, induce(parts[source], reserved, *parameters), parts[target]))
                    for source, target in (("A", "B"), ("B", "A"))) / 2
        if best_merit is None or score > best_merit:
            best, best_merit = parameters, score
    return best


def induced_from(binary, rows, reserved):
    """The chosen parameters and the valences induced with them from rows."""
    parameters = choose_parameters(binary, rows, reserved)
    return parameters, induce(rows, reserved, *parameters)


def main(arguments):
    half, out = None, os.path.join(RESOURCES, "lexicon-induced.tsv")
    if "--half" in arguments:
        position = arguments.index("--half")
        half = arguments[position + 1]
        del arguments[position:position + 2]
    if "--out" in arguments:
        position = arguments.index("--out")
        out = arguments[position + 1]
        del arguments[position:position + 2]
    binary, corpus = arguments
    rows = rated_texts(corpus, half)
    (min_texts, min_strength, min_agreement), valences = induced_from(binary, rows, reserved_words())
    names = ", ".join(file for _, file, _, _ in RATED_SETS if os.path.exists(os.path.join(corpus, file)))
    write_lexicon(valences, out, [
        "Earshot induced lexicon: written by scripts/induce-lexicon (scripts/induce_lexicon.py); do not edit by hand.",
        f"Induced from {len(rows)} human-rated texts" + (f" (half {half})" if half else "") + f": {names}",
        f"(MIT licensed; see their SOURCE.md). Valence = {WEIGHT:g} * sum of the ratings of the texts with the",
        f"word / (texts + {SHRINK:g}), for words in at least {min_texts} text{'s' if min_texts > 1 else ''}, sum / (texts + {SHRINK:g}) at least",
        f"{min_strength:g} from 0 and at least {min_agreement:g} of the polar texts with the word leaning its way;",
        "the three thresholds chosen by cross-fitting. A word lexicon.tsv lists keeps its hand-written valence.",
    ])
    print(f"{len(valences)} words (min_texts {min_texts}, min_strength {min_strength}, "
          f"min_agreement {min_agreement}) "
          f"from {len(rows)} texts written to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
