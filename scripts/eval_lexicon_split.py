"""Cross-fitted measurement of the induced lexicon: induced on one half of each rated set, measured on the other.

Usage: eval_lexicon_split.py EARSHOT_BINARY CORPUS_DIR

Each rated set is split into halves A and B by sha1 of the text (`induce_lexicon.half_of`). For
A -> B, a list is induced from half A alone (its parameters chosen within A as well) and Earshot
scores half B with it; B -> A the other way round. Beside it on the same texts: Earshot with the
hand-written lexicon alone, and VADER. The last line is one JSON object of the figures.
"""
import json
import sys

import eval_judgement
import induce_lexicon


def vader_figures(rows):
    compounds = eval_judgement.vader_compounds([text for _, text, _ in rows])
    figures = {}
    for name, _, _, _ in induce_lexicon.RATED_SETS:
        picked = [(rating, compound) for (set_name, _, rating), compound in zip(rows, compounds) if set_name == name]
        if picked:
            ratings, values = [r for r, _ in picked], [c for _, c in picked]
            figures[name] = eval_judgement.sentiment_figures(ratings, values,
                                                             [eval_judgement.vader_label(c) for c in values])
    return figures


def main(binary, corpus):
    reserved = induce_lexicon.reserved_words()
    halves = {half: induce_lexicon.rated_texts(corpus, half) for half in "AB"}
    results = {}
    for source, target in (("A", "B"), ("B", "A")):
        parameters, valences = induce_lexicon.induced_from(binary, halves[source], reserved)
        results[f"{source}->{target}"] = {
            "min_texts": parameters[0],
            "min_strength": parameters[1],
            "min_agreement": parameters[2],
            "induced_words": len(valences),
            "earshot": induce_lexicon.figures_with(binary, valences, halves[target]),
            "hand_only": induce_lexicon.figures_with(binary, {}, halves[target]),
            "vader": vader_figures(halves[target]),
        }

    print("Induced on one half, measured on the other. r: Pearson r with the human mean; F1: 3-class macro-F1;")
    print("sign: sign accuracy on polar texts (|mean| > 0.5); zero: share of polar texts at compound 0.")
    columns = ("pearson", "macro_f1", "accuracy_2class", "zero_polar")
    print(f"{'direction':<10}{'set':<8}{'who':<11}" + "".join(f"{c:>17}" for c in ("r", "F1", "sign", "zero")))
    for direction, result in results.items():
        print(f"{direction}: {result['induced_words']} words induced "
              f"(min_texts {result['min_texts']}, min_strength {result['min_strength']}, "
              f"min_agreement {result['min_agreement']})")
        for name in result["earshot"]:
            for who in ("earshot", "hand_only", "vader"):
                figures = result[who][name]
                print(f"{direction:<10}{name:<8}{who:<11}" + "".join(f"{figures[c]:>17.3f}" for c in columns))
    print(json.dumps(results, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
