# Assigning anywhere in a function makes a name local for the whole function.
x = 10
def read_then_assign():
    print(x)
    x = 5
try:
    read_then_assign()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def aug_assign():
    x += 1
try:
    aug_assign()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def conditional(flag):
    if flag:
        y = "set"
    return y
print(conditional(True))
try:
    conditional(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def deleted():
    z = 1
    del z
    return z
try:
    deleted()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(issubclass(UnboundLocalError, NameError))
def closure_unbound():
    def inner():
        return w
    try:
        inner()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    w = 1
    return inner()
print(closure_unbound())
