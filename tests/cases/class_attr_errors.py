# AttributeError messages for instances, classes and builtins.
class Thing:
    known = 1
t = Thing()
attempts = [
    lambda: t.unknown,
    lambda: Thing.unknown,
    lambda: (5).foo,
    lambda: "s".bar,
    lambda: [].push,
    lambda: None.attr,
    lambda: {}.has_key,
    lambda: (1.5).__nope__,
    lambda: setattr(5, "x", 1),
    lambda: setattr("s", "upper", 1),
    lambda: delattr(t, "known"),
    lambda: len.__name__.x,
]
for a in attempts:
    try:
        a()
        print("no error")
    except AttributeError as e:
        print("AttributeError:", e)
