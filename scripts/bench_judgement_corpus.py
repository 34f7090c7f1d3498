"""Writes a deterministic corpus of short social-media-like posts about schools, one per line.

Usage: bench_judgement_corpus.py COUNT OUTPUT_FILE
The same COUNT always gives the same file: the generator is seeded and uses no clock.
"""
import random
import sys

OPENERS = ["", "Honestly, ", "So ", "Just saw that ", "RT @localparent: ", "Update: ", "Not gonna lie, ", "Anyone else think "]
SUBJECTS = ["the new head", "Millbrook Academy", "our school", "the canteen", "Year 9 maths", "the PE department",
            "the school run", "the sixth form", "#MillbrookAcademy", "Mrs Carter", "the uniform shop", "MBA",
            "the music teacher", "the parents evening booking system", "homework this term", "the drama club"]
VERBS = ["is", "was", "has been", "seems", "looks", "is honestly", "is not", "isn't", "was never", "is really"]
JUDGEMENTS = ["brilliant", "awful", "so supportive", "a total shambles", "fine", "okay I guess", "amazing!!",
              "really disappointing", "not good enough", "sooo good", "rubbish", "well organised", "chaotic",
              "the best", "a joke", "pretty decent", "not bad at all", "terrible :(", "lovely :)", "outstanding",
              "overpriced", "hard work but worth it", "f***ing useless", "over the moon with it"]
TAILS = ["", ".", "!", "!!!", "?", " 😍", " 😡", " https://millbrook-academy.example/news", " #proud", " lol",
         " Does anyone know who to contact?", " Well done everyone.", " I want to make a formal complaint.",
         " Thanks to all the staff.", " Call 07700 900123 if you know more.", " @MillbrookAcad please reply."]
EXTRA = ["The bus was late again this morning.", "Sports day is on Friday, weather permitting.",
         "My daughter is being bullied and nothing has been done.", "Term starts on Monday.",
         "The Ofsted report came out today.", "Can't fault the teachers, but communication could be better.",
         "Traffic on Millbrook Road is terrible at 8.30.", "Great concert last night, the choir were fantastic."]


def post(generator):
    text = (generator.choice(OPENERS) + generator.choice(SUBJECTS) + " " + generator.choice(VERBS) + " "
            + generator.choice(JUDGEMENTS) + generator.choice(TAILS))
    if generator.random() < 0.4:
        text += " " + generator.choice(EXTRA)
    return text[0].upper() + text[1:]


def main(count, output):
    generator = random.Random(20261126)
    with open(output, "w", encoding="utf-8") as handle:
        for _ in range(count):
            handle.write(post(generator) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
