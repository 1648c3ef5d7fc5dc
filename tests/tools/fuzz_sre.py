#!/usr/bin/env python3
"""Random differential testing of Molt's `_sre` against CPython 3.11's.

Builds random patterns over a small alphabet, compiles them with CPython's
`re._compiler`, and runs the same program (embedding the opcode lists) under
CPython and under Molt, reporting the first patterns whose results differ.

Usage:  python3 tests/tools/fuzz_sre.py [MOLT_BINARY] [SEED] [COUNT]
"""

import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_sre_cases import PRELUDE, compiled  # noqa: E402

ATOMS = ["a", "b", ".", "[ab]", "[^a]", "\\b", "\\B", "^", "$", "\\w", "(?:)", "c"]


def rand_pattern(rng, depth=0, groups=None):
    if groups is None:
        groups = [0]
    n = rng.randint(1, 3)
    parts = []
    for _ in range(n):
        r = rng.random()
        if depth < 3 and r < 0.3:
            inner = rand_pattern(rng, depth + 1, groups)
            kind = rng.choice(["(%s)", "(?:%s)", "(?:%s|%s)", "(%s|%s)", "(?=%s)",
                               "(?!%s)", "(?>%s)", "(?:%s)"])
            if kind.count("%s") == 2:
                other = rand_pattern(rng, depth + 1, groups)
                atom = kind % (inner, other)
            else:
                atom = kind % inner
            if kind.startswith("(") and not kind.startswith("(?"):
                groups[0] += 1
        elif r < 0.36 and groups[0]:
            atom = "\\%d" % rng.randint(1, groups[0])
        elif r < 0.4:
            atom = rng.choice(["(?<=a)", "(?<!b)", "(?<=ab)", "(?<![ab])"])
        elif r < 0.43 and groups[0]:
            atom = "(?(%d)a|b)" % rng.randint(1, groups[0])
        else:
            atom = rng.choice(ATOMS)
        q = rng.random()
        if q < 0.45 and not atom.startswith(("(?=", "(?!", "(?<", "\\b", "\\B", "^", "$")):
            atom += rng.choice(["*", "+", "?", "{0,2}", "{1,3}", "*?", "+?", "??",
                                "{2}", "*+", "++", "?+", "{1,2}+", "{2,}?"])
        parts.append(atom)
    return "".join(parts)


def cpython_copes(args, strings):
    """False for the rare patterns that trip CPython's own sre bugs
    ("The span of capturing group is wrong")."""
    import _sre
    p = _sre.compile(*args)
    try:
        for s in strings:
            p.match(s), p.search(s), p.fullmatch(s), p.findall(s), p.split(s)
            p.subn(lambda m: m.group()[::-1], s)
    except SystemError:
        return False
    return True


def main():
    molt = sys.argv[1] if len(sys.argv) > 1 else "target/release/molt"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    rng = random.Random(seed)
    table = []
    while len(table) < count:
        src = rand_pattern(rng)
        flags = rng.choice([0, 0, 2, 8, 16])
        try:
            args = compiled(src, flags)
        except Exception:
            continue
        strings = ["".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
                   for _ in range(4)]
        if not cpython_copes(args, strings):
            continue
        table.append((args, strings))
    program = PRELUDE + "TABLE = %r\nrun(TABLE)\n" % (table,)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(program)
        path = f.name
    want = subprocess.run([sys.executable, path], capture_output=True, text=True)
    got = subprocess.run([molt, path], capture_output=True, text=True, timeout=300)
    if want.stdout == got.stdout:
        print("seed %d: %d patterns agree" % (seed, count))
        os.unlink(path)
        return 0
    a, b = want.stdout.splitlines(), got.stdout.splitlines()
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            ctx = [l for l in a[:i] if l.startswith("re.compile")][-1:]
            print("first difference at line %d (%s):" % (i + 1, path))
            print("  pattern:", ctx)
            print("  cpython:", x)
            print("  molt:   ", y)
            break
    else:
        print("outputs differ in length (%s); molt stderr: %s" % (path, got.stderr[-500:]))
    return 1


if __name__ == "__main__":
    sys.exit(main())
