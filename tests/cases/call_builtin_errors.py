# Argument errors when calling builtins.
calls = [
    lambda: len(),
    lambda: len(1, 2),
    lambda: abs(),
    lambda: abs("x"),
    lambda: divmod(1),
    lambda: isinstance(1),
    lambda: int("1", "2"),
    lambda: chr("a"),
    lambda: range(),
    lambda: "abc".split(1),
    lambda: [].append(),
    lambda: {}.get(),
    lambda: sorted(),
    lambda: max(),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print("TypeError:", e)
