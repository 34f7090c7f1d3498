"""How well the concern model generalises to posts it was not trained on.

Usage: eval_school_splits.py PYTHON EARSHOT PROFILE SHORT LONG [--public DIR] [--authored DIR]

With --public DIR, every model also learns from the training halves of the public sets in DIR
(scripts/public_sets.py), as scripts/train-concerns does.

Trains the model (scripts/train_concerns.py) on one part of the labelled posts and measures the
whole of Earshot (scripts/eval_school.py: trigger phrases and model together) on the rest:
short posts → long posts, long → short, and five folds over both files together (each post
measured once, by a model that never saw it; the figures are summed over the folds). Prints each
split's figures; the last line is one JSON object with each split's key figures.

With --authored DIR, the posts about other schools in DIR (`NAME-short.jsonl`, `NAME-long.jsonl`,
each with its profile `NAME.toml`) join every model's training, and two more splits measure how
Earshot does on a school it has never read about, by writers it has never read: trained on the
authored posts alone and measured on SHORT and LONG, and trained on SHORT and LONG alone and
measured on every authored file with its own profile.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

from train_concerns import profile_of

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDS = 5
PUBLIC_FOLDER = None


def last_json(output):
    return json.loads(output.strip().splitlines()[-1])


def train(python, earshot, profile, out, files):
    public = ["--public", PUBLIC_FOLDER] if PUBLIC_FOLDER else []
    subprocess.run([python, os.path.join(HERE, "train_concerns.py"), earshot, profile, out, *public, *files],
                   check=True, capture_output=True, text=True)


def measure(python, earshot, profile, posts_file, model):
    completed = subprocess.run([python, os.path.join(HERE, "eval_school.py"), earshot, posts_file, profile,
                                "--concern-model", model], check=True, capture_output=True, text=True)
    return completed.stdout


KEYS = ["concern_micro_f1", "safeguarding_recall", "safeguarding_precision", "routing_accuracy",
        "mention_p", "mention_r", "polarity_macro_f1"]


def pooled(answers, sizes):
    """Figures of several measured files, each weighted by its number of posts."""
    total = sum(sizes)
    figures = {key: round(sum(a[key] * n for a, n in zip(answers, sizes)) / total, 3) for key in KEYS}
    figures["per_concern_f1"] = {
        concern: round(sum(a["per_concern_f1"][concern] * n for a, n in zip(answers, sizes)) / total, 3)
        for concern in answers[0]["per_concern_f1"]}
    figures["posts"] = total
    return figures


def measure_files(python, earshot, files, model, title):
    """Measures each (posts, profile) pair with `model`, prints each, and returns the pooled figures."""
    answers, sizes = [], []
    for posts_file, profile in files:
        answer = last_json(measure(python, earshot, profile, posts_file, model))
        answers.append(answer)
        sizes.append(answer["posts"])
        print(f"  {os.path.basename(posts_file)}: " + ", ".join(f"{key} {answer[key]}" for key in KEYS))
    figures = pooled(answers, sizes)
    print(f"== {title} ({figures['posts']} posts; figures weighted by file size)")
    for key in KEYS + ["per_concern_f1"]:
        print(f"  {key}: {figures[key]}")
    return figures


def write_posts(path, posts):
    with open(path, "w", encoding="utf-8") as file:
        file.writelines(json.dumps(post) + "\n" for post in posts)


def main():
    global PUBLIC_FOLDER
    arguments = sys.argv[1:]
    if "--public" in arguments:
        at = arguments.index("--public")
        PUBLIC_FOLDER = arguments[at + 1]
        del arguments[at:at + 2]
    authored = []
    if "--authored" in arguments:
        at = arguments.index("--authored")
        authored = sorted(glob.glob(os.path.join(arguments[at + 1], "*-short.jsonl"))
                          + glob.glob(os.path.join(arguments[at + 1], "*-long.jsonl")))
        del arguments[at:at + 2]
    python, earshot, profile, short, long = arguments[:5]
    figures = {}
    with tempfile.TemporaryDirectory() as work:
        if authored:
            model = os.path.join(work, "authored.tsv")
            train(python, earshot, profile, model, authored)
            print("== trained on the authored posts alone, measured on the Millbrook posts")
            figures["authored_to_millbrook"] = measure_files(
                python, earshot, [(short, profile), (long, profile)], model, "authored → Millbrook")
            model = os.path.join(work, "millbrook.tsv")
            train(python, earshot, profile, model, [short, long])
            print("== trained on the Millbrook posts alone, measured on the authored posts")
            figures["millbrook_to_authored"] = measure_files(
                python, earshot, [(path, profile_of(path, profile)) for path in authored], model,
                "Millbrook → authored")
        for name, train_file, test_file in (("short_to_long", short, long), ("long_to_short", long, short)):
            model = os.path.join(work, name + ".tsv")
            train(python, earshot, profile, model, [train_file] + authored)
            output = measure(python, earshot, profile, test_file, model)
            print(f"== trained on {os.path.basename(train_file)}, measured on {os.path.basename(test_file)}")
            print("\n".join(output.strip().splitlines()[:-1]))
            figures[name] = last_json(output)
        posts = []
        for path in (short, long):
            with open(path, encoding="utf-8") as file:
                posts.extend(json.loads(line) for line in file if line.strip())
        measured = os.path.join(work, "measured.jsonl")
        fold_posts = []
        fold_answers = []
        for fold in range(FOLDS):
            training = [post for index, post in enumerate(posts) if index % FOLDS != fold]
            held_out = [post for index, post in enumerate(posts) if index % FOLDS == fold]
            training_file = os.path.join(work, f"train-{fold}.jsonl")
            held_out_file = os.path.join(work, f"held-out-{fold}.jsonl")
            write_posts(training_file, training)
            write_posts(held_out_file, held_out)
            model = os.path.join(work, f"fold-{fold}.tsv")
            train(python, earshot, profile, model, [training_file] + authored)
            fold_answers.append(last_json(measure(python, earshot, profile, held_out_file, model)))
            fold_posts.append(len(held_out))
        figures["five_folds"] = pooled(fold_answers, fold_posts)
        print(f"== five folds over both files ({figures['five_folds']['posts']} posts; figures weighted by fold size)")
        for key in KEYS + ["per_concern_f1"]:
            print(f"  {key}: {figures['five_folds'][key]}")
    print(json.dumps({name: {k: v for k, v in f.items() if k != "per_concern_f1"} | {"per_concern_f1": f["per_concern_f1"]}
                      for name, f in figures.items()}))


if __name__ == "__main__":
    main()
