# Sequence patterns, with star captures.
def shape(seq):
    match seq:
        case []:
            return "empty"
        case [x]:
            return f"one: {x}"
        case [x, y]:
            return f"two: {x}, {y}"
        case [first, *middle, last]:
            return f"first={first} middle={middle} last={last}"
for s in [[], [1], (1, 2), [1, 2, 3], range(5), "ab"]:
    print(repr(s), "->", shape(s))
def head_tail(seq):
    match seq:
        case [1, *rest]:
            return ("starts with 1", rest)
        case [*_, 9]:
            return ("ends with 9",)
        case [_, _, *_]:
            return ("at least two",)
        case _:
            return ("other",)
for s in [[1, 2, 3], [5, 9], [5, 6], [7], "xy"]:
    print(s, head_tail(s))
match [1, [2, 3]]:
    case [a, [b, c]]:
        print(a, b, c)
