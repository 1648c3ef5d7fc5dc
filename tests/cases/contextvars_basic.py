# contextvars: ContextVar, Token, Context and copy_context, with CPython's
# errors (addresses in reprs are cut off).
import contextvars
import re
from contextvars import Context, ContextVar, Token, copy_context


def t(label, f):
    try:
        r = f()
    except Exception as e:
        r = f"{type(e).__name__}: {e}"
    print(label, re.sub(r" at 0x[0-9a-f]+", "", str(r)))


def cut(s):
    return s.split(" at 0x")[0]


v = ContextVar("v", default=1)
w = ContextVar("w")
print(contextvars.__all__, v.name, v.get(), w.get(None), w.get(5))
print(cut(repr(v)), cut(repr(w)), repr(Token.MISSING))
print(ContextVar[int], Token[str], ContextVar.__module__, Context.__name__)
t("no default", lambda: w.get())
t("lookup arg", lambda: (lambda: w.get())() if False else None)
try:
    w.get()
except LookupError as e:
    print("LookupError arg is var:", e.args[0] is w)

tok = v.set(10)
print(cut(repr(tok)), tok.var is v, tok.old_value is Token.MISSING, v.get())
tok2 = v.set(20)
print(tok2.old_value, v.get())
v.reset(tok2)
print(v.get())
v.reset(tok)
print(v.get(), v in copy_context())
t("reset twice", lambda: cut(v.reset(tok)))
t("reset other var", lambda: w.reset(v.set(3)))
t("reset non-token", lambda: v.reset(1))
t("Token()", lambda: Token())
t("Context(1)", lambda: Context(1))
t("ContextVar()", lambda: ContextVar())
t("ContextVar(1)", lambda: ContextVar(1))
t("ContextVar kw", lambda: ContextVar("a", x=1))
t("name readonly", lambda: setattr(v, "name", "z"))


def sub(base):
    class X(base):
        pass


t("subclass ContextVar", lambda: sub(ContextVar))
t("subclass Context", lambda: sub(Context))
t("subclass Token", lambda: sub(Token))

ctx = copy_context()
print(len(ctx), v in ctx, ctx[v], ctx.get(w), ctx.get(w, "d"), list(ctx.keys()) == [v])
print(list(ctx.values()), [(k.name, x) for k, x in ctx.items()], [k.name for k in ctx])
t("ctx[w]", lambda: ctx[w])
t("ctx[1]", lambda: ctx[1])
t("1 in ctx", lambda: 1 in ctx)
t("hash ctx", lambda: hash(ctx))
print(ctx == ctx.copy(), Context() == Context(), ctx != Context(), ctx == 1)


def f(x, y=0):
    w.set(x + y)
    return w.get(), len(copy_context())


print(ctx.run(f, 10, y=5), w.get("unset outside"), ctx[w])
print(ctx.run(w.get), ctx.run(lambda: copy_context()[w]))
t("enter twice", lambda: cut(ctx.run(ctx.run, len)))
t("run no args", lambda: ctx.run())


def raises():
    w.set("inside")
    raise KeyError("boom")


t("run raises", lambda: ctx.run(raises))
print(ctx[w], w.get("still unset"))
tok3 = ctx.run(w.set, "again")
t("reset other ctx", lambda: cut(w.reset(tok3)))
ctx.run(w.reset, tok3)
print(ctx[w])

empty = Context()
print(len(empty), empty.run(v.get), empty.run(w.get, "dflt"))
nested = []


def outer():
    v.set("outer")
    inner = copy_context()
    v.set("outer2")
    nested.append(inner.run(v.get))
    nested.append(v.get())


copy_context().run(outer)
print(nested, v.get())
tok4 = v.set(4)
t("set Token.var", lambda: setattr(tok4, "var", w))
t("set Token.old_value", lambda: setattr(tok4, "old_value", 1))
M = type(Token.MISSING)
print(M, M.__module__, M.__name__, M.__qualname__)
t("len(MISSING)", lambda: len(Token.MISSING))
