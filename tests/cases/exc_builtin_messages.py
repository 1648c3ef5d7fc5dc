# Assorted messages of builtin errors.
attempts = [
    lambda: len(5),
    lambda: None + 1,
    lambda: [] + (),
    lambda: 1 < "a",
    lambda: "a" * "b",
    lambda: {}.keys()[0],
    lambda: hash([]),
    lambda: int("3.5"),
    lambda: float("one"),
    lambda: list(1),
    lambda: iter(5),
    lambda: next(iter([])),
    lambda: "abc".nope(),
    lambda: (1, 2).append(3),
    lambda: sum(["a"]),
    lambda: [1, 2, 3].index(4),
    lambda: "x".encode("no-such-codec"),
    lambda: chr(-1),
    lambda: divmod(1, "2"),
    lambda: round("1.5"),
    lambda: -[1],
    lambda: ~1.5,
]
for fn in attempts:
    try:
        fn()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
