# Nested lists/dicts/tuples: building, walking and copying by hand.
data = {
    "users": [
        {"name": "ann", "tags": ["admin", "dev"], "meta": {"age": 31}},
        {"name": "bob", "tags": [], "meta": {"age": 25}},
    ],
    "version": (1, 2),
}
print(data["users"][0]["tags"][1], data["users"][1]["meta"]["age"], data["version"][-1])
def deep_copy(obj):
    if isinstance(obj, dict):
        return {k: deep_copy(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [deep_copy(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(deep_copy(v) for v in obj)
    return obj
copy = deep_copy(data)
copy["users"][0]["tags"].append("ops")
print(data["users"][0]["tags"], copy["users"][0]["tags"], copy == data)
def count_leaves(obj):
    if isinstance(obj, dict):
        return sum(count_leaves(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return sum(count_leaves(v) for v in obj)
    return 1
print(count_leaves(data))
print(sorted(u["name"] for u in data["users"] if u["meta"]["age"] > 30))
print(data)
