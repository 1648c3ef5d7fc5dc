# Return values and call operands loaded straight into their registers:
# globals, cells and locals, with and without cleanup code around the return.
G = "global"


def ret_local(x):
    return x


def ret_global():
    return G


def ret_cell():
    c = "cell"

    def inner():
        return c
    return inner()


def ret_in_finally(x):
    try:
        return x
    finally:
        x = "changed"


def ret_finally_overrides():
    try:
        return "try"
    finally:
        return "finally"


def ret_in_with(x):
    class Ctx:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False
    with Ctx():
        y = x * 2
        return y


def ret_in_handler():
    try:
        raise KeyError("k")
    except KeyError as e:
        v = e.args[0]
        return v


def ret_expr(a, b):
    return ret_local(a) + ret_local(b)


print(ret_local(1), ret_global(), ret_cell(), ret_in_finally("kept"))
print(ret_finally_overrides(), ret_in_with(21), ret_in_handler(), ret_expr(2, 3))


def missing_global():
    return print(undefined_name)


def unbound_cell():
    def inner():
        return len(c)
    try:
        return inner()
    finally:
        c = 1


def unbound_local():
    if False:
        z = 1
    return ret_local(z)


for f in (missing_global, unbound_cell, unbound_local):
    try:
        f()
    except NameError as e:
        print(type(e).__name__, e)

x = 5
x = G
print(x)


def rebinds():
    y = 1
    y = G
    z = y
    y = ret_global
    return z, y()


print(rebinds())
