# Capture patterns bind names; _ never binds.
def f(x):
    match x:
        case 0:
            return "zero"
        case n:
            return f"captured {n!r}"
for v in [0, 5, "s", [1]]:
    print(f(v))
match 42:
    case _:
        print("wildcard matched")
match "value":
    case other:
        pass
print(other)
command = "go north"
match command.split():
    case [action]:
        print("single", action)
    case [action, obj]:
        print("pair", action, obj)
    case _:
        print("unknown")
print(action, obj)
