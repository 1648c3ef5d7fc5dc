# TypeErrors and ValueErrors around strings.
tests = [
    lambda: "a" + 1,
    lambda: 1 + "a",
    lambda: "abc" - "c",
    lambda: "abc" * 1.5,
    lambda: int("12a"),
    lambda: float("1,5"),
    lambda: "abc".index("d"),
    lambda: len(5),
    lambda: "x".join([1]),
    lambda: "abc"[5],
    lambda: "%d" % "s",
    lambda: "{0}".format(),
    lambda: str.upper(5),
    lambda: -"abc",
]
for t in tests:
    try:
        t()
    except Exception as e:
        print(type(e).__name__ + ":", e)
