# str() versus repr() for core types.
values = [42, 2.5, 1e-10, 3j, True, None, "plain", "quote'd", b"b", [1, "s"], ("t",),
          {"d": "v"}, range(2), ValueError("msg"), KeyError("key"), Exception()]
for v in values:
    print(type(v).__name__.ljust(10), "str:", str(v).ljust(18), "repr:", repr(v))
print(str(), str(""), str(str), str(int), str(len) == repr(len))
print(str(1.0), str(-0.0), str(1e16), str(10 ** 16))
print(str([1.0, "x"]), str(("a",)), str({1: "b"}))
print(str(b"\x00"), str(bytearray(b"z")))
print(str(range(0, 5, 2)), str(slice(1)))
