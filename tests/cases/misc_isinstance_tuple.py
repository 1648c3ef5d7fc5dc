# isinstance with tuples of types for simple dispatch.
def kind(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float, complex)):
        return "number"
    if isinstance(v, (str, bytes)):
        return "text"
    if isinstance(v, (list, tuple, range)):
        return "sequence"
    if isinstance(v, (dict, set, frozenset)):
        return "collection"
    if v is None:
        return "none"
    return "other"
for v in [True, 1, 2.5, 1j, "s", b"b", [1], (1,), range(1), {}, set(), frozenset(), None, kind]:
    print(repr(v) if not callable(v) else "function", "->", kind(v))
number_types = (int, float)
print(isinstance(3, number_types), isinstance("3", number_types), isinstance(3, ()))
