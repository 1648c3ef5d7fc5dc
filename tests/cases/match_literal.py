# match with literal patterns.
def describe(value):
    match value:
        case 0:
            return "zero"
        case 1 | 2:
            return "one or two"
        case "hello":
            return "greeting"
        case True:
            return "true"
        case None:
            return "none"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case b"raw":
            return "bytes"
        case _:
            return "other"
for v in [0, 1, 2, 3, "hello", True, None, -1, 2.5, b"raw", 1.0, False, "x"]:
    print(repr(v), describe(v))
