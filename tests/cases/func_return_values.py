# Return values: implicit None, multiple values, early return.
def nothing():
    pass
def bare():
    return
def pair():
    return 1, 2
def early(x):
    if x < 0:
        return "negative"
    for i in range(x):
        if i == 3:
            return "found 3"
    return "finished"
print(nothing(), bare(), pair(), type(pair()).__name__)
a, b = pair()
print(a + b)
print(early(-1), early(2), early(10))
def returns_function():
    def inner():
        return "inner result"
    return inner
print(returns_function()())
def returns_list():
    return [i * i for i in range(3)]
print(returns_list()[-1])
def multi(*vals):
    return (*vals, len(vals))
print(multi(), multi(1, 2))
