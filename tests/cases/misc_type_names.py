# type() of values and type names.
values = [1, 1.0, 1j, True, "s", b"b", bytearray(), [], (), {}, set(), frozenset(), range(1),
          None, ..., NotImplemented, len, print, type, int, object(), slice(1),
          (x for x in ()), iter([]), iter(()), zip(), map(str, []), enumerate([]),
          {}.keys(), {}.values(), {}.items(), reversed([]), lambda: 0, ValueError()]
for v in values:
    print(type(v).__name__)
print(type(1) is int, type(type(1)) is type, type(print).__name__)
print(type("x").__qualname__, type(type).__name__, type(object).__name__)
class Custom:
    pass
print(type(Custom()).__name__, type(Custom).__name__)
