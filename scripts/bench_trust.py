"""The fictional trust of the scale and crash-safety tests: its schools' names, and their tables
for an earshot.toml.

Usage: bench_trust.py SCHOOLS [--trust]
Prints SCHOOLS [[school]] tables (ids s0, s1, …, each named school_name(N) with roles of its
own) and, with --trust, the trust's own table too.
"""
import sys


def school_name(school):
    """What posts call school number `school`."""
    return f"Bench Academy {school}"


def tables(schools, with_trust):
    lines = []
    for school in range(schools):
        lines += [
            "[[school]]", f'id = "s{school}"', f'names = ["{school_name(school)}"]', "[school.roles]",
            f'dsl = ["dsl@s{school}.example"]', f'slt = ["head@s{school}.example"]',
            f'communications = ["office@s{school}.example"]', "",
        ]
    if with_trust:
        lines += [
            "[trust]", 'names = ["Bench Learning Trust"]', "[trust.roles]", 'dsl = ["dsl@trust.example"]',
            'slt = ["ceo@trust.example"]', 'communications = ["office@trust.example"]', "",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.stdout.write(tables(int(sys.argv[1]), "--trust" in sys.argv[2:]))
