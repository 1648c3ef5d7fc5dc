# Value patterns use dotted names and compare with ==.
class Color:
    RED = "red"
    GREEN = "green"
    BLUE = 3
class Config:
    class Mode:
        FAST = 1
        SLOW = 2
def name(c):
    match c:
        case Color.RED:
            return "is red"
        case Color.GREEN:
            return "is green"
        case Color.BLUE:
            return "is blue"
        case Config.Mode.FAST:
            return "fast mode"
        case _:
            return "unknown"
for c in ["red", "green", 3, 3.0, 1, True, 2, "blue"]:
    print(repr(c), name(c))
