# An exception raised inside an except block; the traceback shows both, the new one last.
def load(data, key):
    try:
        return data[key]
    except KeyError:
        return data["default"] + 1
print(load({"a": 1}, "a"))
print(load({"default": 1}, "zzz"))
print("now without a default")
print(load({}, "zzz"))
print("never printed")
