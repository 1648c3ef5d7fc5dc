# Builtin class patterns: int(), str(), list(), dict() and friends.
def kind(v):
    match v:
        case bool():
            return "bool"
        case int():
            return "int"
        case float():
            return "float"
        case str(s) if not s:
            return "empty str"
        case str():
            return "str"
        case list() | tuple():
            return "sequence " + type(v).__name__
        case dict():
            return "dict"
        case None:
            return "None"
        case _:
            return "other " + type(v).__name__
for v in [True, 3, 3.5, "", "x", [1], (1,), {}, None, {1}, b""]:
    print(repr(v), kind(v))
match "abc":
    case str(x):
        print("bound whole value:", x)
match {"k": [1, 2]}:
    case {"k": [int(a), int(b)]}:
        print(a + b)
