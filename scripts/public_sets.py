"""What Earshot learns from the public labelled sets, and which half of each it may learn from.

Each set teaches one concern only: its positive texts are that concern, its negative texts are not
it, and it says nothing about any other concern. Rows whose label is in neither list are not used.

The rows are split in two halves by a hash of their text: the model may learn from the training
half only, so that the other half measures it on texts it never saw. The texts themselves are
not copied into the repository (their sources ask that they be used for evaluation and training,
not shipped); only the weights learnt from them are.
"""
import hashlib
import json
import os

# set folder → (labelling-guide concern, is positive, is negative)
#
# r/SuicideWatch against other subreddits (reddit_mental_health_27subreddits) was tried as a
# teacher of safeguarding and left out: it raised recall on the school posts a little, but taught
# the model that everyday words of despair ("never", "nothing", "anymore") mean a child at risk,
# and a parent's angry post about homework or detentions became possible safeguarding.
PUBLIC_CONCERNS = {
    "offensive_olid": (
        "offensive",
        lambda label: label.startswith("OFF"),
        lambda label: label == "NOT"),
    "tweet_acts_tac": (
        "question",
        lambda label: label == "QUE",
        # A request ("please send me the form") is often something the school could answer too.
        lambda label: label not in {"QUE", "REQ"}),
}


def in_training_half(text):
    """True for the half of a set's rows the model may learn from."""
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0


def training_rows(folder):
    """The rows of the training halves under `folder` (laid out as the concerns corpus: one
    `SET/dev.jsonl` per set) whose label teaches something, as (text, concern, is positive)."""
    rows = []
    for name, (concern, is_positive, is_negative) in sorted(PUBLIC_CONCERNS.items()):
        path = os.path.join(folder, name, "dev.jsonl")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as file:
            for line in file:
                if not line.strip():
                    continue
                row = json.loads(line)
                if in_training_half(row["text"]) and (is_positive(row["label"]) or is_negative(row["label"])):
                    rows.append((row["text"], concern, is_positive(row["label"])))
    return rows
