# Or-patterns and as-patterns.
def classify(v):
    match v:
        case 0 | 1 | 2 as small:
            return f"small {small}"
        case [1, 2] | [3, 4] as pair:
            return f"known pair {pair}"
        case (int() | float()) as num if num < 0:
            return f"negative {num}"
        case [("a" | "b") as letter, *_]:
            return f"starts with {letter}"
        case str() | bytes():
            return "text-ish"
        case _:
            return "other"
for v in [0, 2, 3, [1, 2], (3, 4), [1, 3], -5, -0.5, ["a", 1], ["b"], ["c"], "s", b"b", None]:
    print(repr(v), "->", classify(v))
