# An uncaught AssertionError with a message.
def mean(xs):
    assert isinstance(xs, list), "mean() needs a list"
    assert xs, "mean() of empty list"
    return sum(xs) / len(xs)
print(mean([1, 2, 3, 4]))
print(mean([2.5]))
try:
    mean("abc")
except AssertionError as e:
    print("caught:", e)
print(mean([]))
print("never printed")
