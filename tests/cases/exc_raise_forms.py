# Different ways of raising: class, instance, re-raising a stored exception.
try:
    raise ValueError
except ValueError as e:
    print("raised class:", repr(e), e.args)
try:
    raise ValueError("instance")
except ValueError as e:
    print("raised instance:", repr(e))
saved = KeyError("stored")
for _ in range(2):
    try:
        raise saved
    except KeyError as e:
        print("same object:", e is saved)
try:
    raise 42
except TypeError as e:
    print("TypeError:", e)
try:
    raise int
except TypeError as e:
    print("TypeError:", e)
class NotAnException:
    pass
try:
    raise NotAnException()
except TypeError as e:
    print("TypeError:", e)
def make_error(kind):
    return {"v": ValueError, "k": KeyError}[kind]("made by factory")
try:
    raise make_error("k")
except KeyError as e:
    print("factory:", repr(e))
