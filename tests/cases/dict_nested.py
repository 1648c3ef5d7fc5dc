# Nested dictionaries and counting patterns.
inventory = {
    "fruit": {"apple": 3, "pear": 0},
    "veg": {"carrot": 7},
}
inventory["fruit"]["apple"] += 2
inventory.setdefault("dairy", {})["milk"] = 1
print(inventory)
for category, items in inventory.items():
    total = sum(items.values())
    print(category, total, sorted(items))
tree = {}
for path in ["a/b/c", "a/b/d", "a/e", "f"]:
    node = tree
    for part in path.split("/"):
        node = node.setdefault(part, {})
print(tree)
def depth(t):
    return 1 + max((depth(v) for v in t.values()), default=0)
print(depth(tree))
print(inventory.get("veg", {}).get("carrot"), inventory.get("meat", {}).get("beef"))
