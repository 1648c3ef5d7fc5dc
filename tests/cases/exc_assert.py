# assert with and without message.
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    return x
print(check(5))
try:
    check(-1)
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert 1 == 2
except AssertionError as e:
    print("AssertionError with no message:", repr(e), e.args)
try:
    assert [], "empty list is falsy"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False, ("tuple", "message")
except AssertionError as e:
    print("AssertionError:", e.args)
assert True, "never"
pair = (1, 2)
assert pair
print("asserts passed; __debug__ =", __debug__)
