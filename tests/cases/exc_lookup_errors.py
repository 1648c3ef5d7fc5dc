# IndexError and KeyError messages from many containers.
attempts = [
    ("list", lambda: [1, 2][5]),
    ("list neg", lambda: [1, 2][-3]),
    ("tuple", lambda: (1,)[1]),
    ("str", lambda: "ab"[2]),
    ("bytes", lambda: b"ab"[2]),
    ("range", lambda: range(2)[2]),
    ("dict str", lambda: {"a": 1}["b"]),
    ("dict int", lambda: {1: 1}[2]),
    ("dict tuple", lambda: {}[(1, 2)]),
    ("set remove", lambda: set().remove("x")),
    ("dict pop", lambda: {}.pop(0)),
    ("list assign", lambda: [].__setitem__(0, 1)),
    ("deque-like pop", lambda: [].pop()),
]
for label, fn in attempts:
    try:
        fn()
    except LookupError as e:
        print(label.ljust(14), type(e).__name__, "|", e)
