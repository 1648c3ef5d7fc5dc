# Error messages for failed unpacking.
def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

def two(v):
    a, b = v
def three(v):
    a, b, c = v
def star(v):
    a, b, *c = v
attempt("too many", lambda: two([1, 2, 3]))
attempt("not enough", lambda: three([1, 2]))
attempt("none", lambda: two([]))
attempt("one", lambda: two("x"))
attempt("star short", lambda: star([1]))
attempt("int", lambda: two(5))
attempt("None", lambda: two(None))
attempt("dict", lambda: two({"a": 1, "b": 2}))
attempt("gen", lambda: two(x for x in range(5)))
attempt("str ok", lambda: two("ab"))
