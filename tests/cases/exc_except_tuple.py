# Catching several exception types with a tuple.
def risky(kind):
    if kind == 0:
        return [][1]
    if kind == 1:
        return {}["k"]
    if kind == 2:
        return int("x")
    if kind == 3:
        return None + 1
    return "fine"
for kind in range(5):
    try:
        print(risky(kind))
    except (IndexError, KeyError) as e:
        print("lookup problem:", type(e).__name__)
    except (ValueError, TypeError) as e:
        print("value/type problem:", type(e).__name__, e)
errors = (ZeroDivisionError, OverflowError)
try:
    1 / 0
except errors as e:
    print("caught via variable tuple:", e)
built = tuple([KeyError] + [TypeError])
try:
    raise TypeError("built")
except built as e:
    print("dynamically built tuple works:", e)
try:
    try:
        raise TypeError("deep")
    except (KeyError, (ValueError, TypeError)):
        print("never")
except TypeError as e:
    print("TypeError:", e)
