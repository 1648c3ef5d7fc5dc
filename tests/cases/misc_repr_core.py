# repr of every core type.
values = [0, -12, 10 ** 20, 1.5, -0.0, 1e100, float("inf"), float("nan"), 1 + 2j, -1j,
          True, False, None, "text", "it's", 'say "x"', b"bytes\x00", bytearray(b"ba"),
          [1, "a"], (), (1,), (1, 2), {}, {"k": [1]}, {1, 2, 3}, set(), frozenset(),
          frozenset({5}), range(3), range(1, 10, 2), slice(1, 2), slice(None), Ellipsis,
          NotImplemented, int, str, type, object, ValueError, ValueError("v"), len, print]
for v in values:
    print(repr(v))
print(repr(repr("x")), repr([None, ..., True]))
print(repr({"a": (1, [2, {3: 4}])}))
