# array.array: CPython's exceptions and messages for bad arguments,
# out-of-range items and bad indexes.
import array

A = array.array


def t(label, f):
    try:
        r = f()
    except Exception as e:
        r = f"{type(e).__name__}: {e}"
    print(label, r)


class Idx:
    def __index__(self):
        return 5


values = [-(2**70), -(2**63) - 1, -(2**63), -(2**31) - 1, -(2**31), -32769, -32768,
          -129, -128, -1, 0, 127, 128, 255, 256, 32767, 32768, 65535, 65536,
          2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1, 2**64,
          2**70, 1.5, "a", None, Idx(), True, b"x", 1 + 2j, 2**1100]
for tc in array.typecodes:
    for v in values:
        t(f"{tc} {repr(v)[:12]}", lambda: A(tc, [v])[0])

t("no args", lambda: A())
t("3 args", lambda: A("i", [], 3))
t("kw", lambda: A("i", x=3))
t("int code", lambda: A(3))
t("long code", lambda: A("ii"))
t("bad code", lambda: A("x"))
t("str init", lambda: A("i", "abc"))
t("u array init", lambda: A("i", A("u", "ab")))
t("to u", lambda: A("u", A("i", [1])))
t("d to i", lambda: A("i", A("d", [1.5])))
t("not iterable", lambda: A("i", 5))
t("getitem", lambda: A("i", [1])[1])
t("getitem str", lambda: A("i", [1])["a"])
t("getitem float", lambda: A("i", [1])[1.0])
t("getitem big", lambda: A("i", [1])[2**100])


def setitem(i, v):
    a = A("i", [1, 2, 3])
    a[i] = v
    return a


def delitem(i):
    a = A("i", [1, 2, 3])
    del a[i]
    return a


t("setitem range", lambda: setitem(3, 1))
t("setitem neg", lambda: setitem(-4, 1))
t("setitem type", lambda: setitem(0, "x"))
t("setitem key", lambda: setitem("x", 1))
t("delitem range", lambda: delitem(5))
t("ext slice size", lambda: setitem(slice(None, None, 2), A("i", [1])))
t("slice list", lambda: setitem(slice(0, 1), [1]))
t("slice kind", lambda: setitem(slice(0, 1), A("d", [1])))
t("ext slice empty", lambda: setitem(slice(None, None, 2), A("i")))
t("slice grow", lambda: setitem(slice(1, 2), A("i", [7, 8, 9])))
t("slice step 0", lambda: A("i", [1])[::0])
t("add list", lambda: A("i") + [1])
t("add kind", lambda: A("i") + A("d"))


def iadd(x):
    a = A("i")
    a += x
    return a


t("iadd list", lambda: iadd([1]))
t("iadd kind", lambda: iadd(A("d")))
t("extend kind", lambda: A("i").extend(A("d")))
t("extend int", lambda: A("i").extend(5))
t("extend partial", lambda: (lambda a: (a.extend([1, 2, "x"]) if False else None, a)[1])(A("i")))
t("mul float", lambda: A("i") * 1.5)
t("rmul float", lambda: 1.5 * A("i"))
t("pop empty", lambda: A("i").pop())
t("pop range", lambda: A("i", [1]).pop(5))
t("remove", lambda: A("i", [1]).remove(5))
t("index", lambda: A("i", [1]).index(5))
t("index start", lambda: A("i", [1]).index(1, 1))
t("frombytes len", lambda: A("i", [1]).frombytes(b"abc"))
t("frombytes str", lambda: A("i", [1]).frombytes("abc"))
t("fromlist tuple", lambda: A("i", [1]).fromlist((1,)))


def fromlist_atomic():
    a = A("i", [1])
    try:
        a.fromlist([2, 3, "x"])
    except TypeError as e:
        return f"{e} {a}"


t("fromlist atomic", fromlist_atomic)
t("fromunicode", lambda: A("i", [1]).fromunicode("a"))
t("fromunicode bytes", lambda: A("u").fromunicode(b"a"))
t("tounicode", lambda: A("i", [1]).tounicode())
t("fromfile neg", lambda: A("i", [1]).fromfile(1, -1))
t("fromfile no read", lambda: A("i", [1]).fromfile(1, 1))
t("append 0", lambda: A("i", [1]).append())
t("append 2", lambda: A("i", [1]).append(1, 2))
t("pop 2", lambda: A("i", [1]).pop(1, 2))
t("index 0", lambda: A("i", [1]).index())
t("insert 1", lambda: A("i", [1]).insert(1))
t("count 0", lambda: A("i", [1]).count())
t("tolist 1", lambda: A("i", [1]).tolist(1))
t("lt list", lambda: A("i", [1]) < [1])
t("hash", lambda: hash(A("i")))
t("reconstructor code", lambda: array._array_reconstructor(A, "x", 8, b""))
t("reconstructor type", lambda: array._array_reconstructor(1, "i", 8, b""))
t("reconstructor sub", lambda: array._array_reconstructor(int, "i", 8, b""))
t("reconstructor mf", lambda: array._array_reconstructor(A, "i", 99, b""))
t("reconstructor str", lambda: array._array_reconstructor(A, "i", 8, "a"))
t("reconstructor len", lambda: array._array_reconstructor(A, "i", 8, b"abc"))
t("reconstructor len2", lambda: array._array_reconstructor(A, "i", 9, b"abc"))
t("reconstructor float", lambda: array._array_reconstructor(A, "b", 14, b"\x00\x00\x80\x3f"))
t("u too big", lambda: A("u", b"\x00\x00\x11\x00")[0])
t("memoryview w", lambda: memoryview(A("u", "ab")).tolist())
t("object.__new__", lambda: object.__new__(A))
t("set typecode", lambda: setattr(A("i"), "typecode", "b"))
t("set itemsize", lambda: setattr(A("i"), "itemsize", 2))
t("huge repeat", lambda: A("b", [0]) * (2**62))
