# Python-to-Python calls: recursion limits, tracebacks, frames and the
# exception being handled across calls made inside one dispatch loop.
import sys

depth = 0


def down(n):
    global depth
    depth = n
    down(n + 1)


try:
    down(1)
except RecursionError as e:
    print("plain recursion stops at", depth, e)


def through_map(n):
    global depth
    depth = n
    return list(map(through_map, [n + 1]))


try:
    through_map(1)
except RecursionError as e:
    print("recursion through map stops at", depth, e)


def even(n):
    return True if n == 0 else odd(n - 1)


def odd(n):
    return False if n == 0 else even(n - 1)


print("mutual recursion:", even(500), odd(501))

# With a high limit deep recursion still works and never crashes.
old_limit = sys.getrecursionlimit()
sys.setrecursionlimit(60000)


def count(n):
    return 0 if n == 0 else 1 + count(n - 1)


print("deep recursion:", count(50000))
sys.setrecursionlimit(old_limit)


# Tracebacks: one entry per frame, at the line of each call.
def inner(x):
    return 10 // x


def middle(x):
    y = x + 1
    return inner(x) + y


def outer(x):
    return middle(x)


try:
    outer(0)
except ZeroDivisionError as e:
    tb = e.__traceback__
    while tb is not None:
        print("tb", tb.tb_frame.f_code.co_name, tb.tb_lineno)
        tb = tb.tb_next


# An exception caught two frames up, then normal calls continue.
def catcher():
    try:
        outer(0)
    except ZeroDivisionError:
        return "caught in catcher"


print(catcher(), outer(2))


# Frames: f_back chain and the callers' current lines.
def where():
    f = sys._getframe(1)
    out = []
    while f is not None and f.f_code.co_name != "<module>":
        out.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return out


def a():
    return where()


def b():
    return a()


print("frames", b())


def caller_locals():
    return sorted(sys._getframe(1).f_locals.items())


def has_locals(p, q=3):
    r = p * q
    return caller_locals()


print("caller locals", has_locals(2))

# A frame object kept after its activation ended.
saved = []


def keep_frame():
    saved.append(sys._getframe())
    return 1


def keeps():
    keep_frame()
    return saved[0]


fr = keeps()
print("kept frame", fr.f_code.co_name, fr.f_back.f_code.co_name, fr.f_lineno)


# The exception being handled is visible in callees, and restored after
# a callee that handled its own.
def show_handled():
    return repr(sys.exc_info()[1])


def handles_own():
    try:
        raise KeyError("inner")
    except KeyError:
        return show_handled()


try:
    raise ValueError("outer")
except ValueError:
    print("callee sees", show_handled())
    print("nested", handles_own())
    print("restored", show_handled())
print("after", show_handled())


# A callee that returns from inside except and finally blocks.
def ret_in_except():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"


def ret_in_finally():
    try:
        return "from try"
    finally:
        print("finally ran")


print(ret_in_except(), ret_in_finally(), show_handled())


# Exceptions raised in a callee inside a handler chain their context.
def raiser():
    raise RuntimeError("second")


try:
    try:
        raise ValueError("first")
    except ValueError:
        raiser()
except RuntimeError as e:
    print("context", repr(e.__context__))
