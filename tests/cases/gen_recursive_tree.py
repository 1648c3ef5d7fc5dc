# Recursive generators walking a tree.
tree = ("root", [
    ("a", [("a1", []), ("a2", [("a2x", [])])]),
    ("b", []),
    ("c", [("c1", [])]),
])
def preorder(node, depth=0):
    name, children = node
    yield depth, name
    for child in children:
        yield from preorder(child, depth + 1)
def postorder(node):
    name, children = node
    for child in children:
        yield from postorder(child)
    yield name
def leaves(node):
    name, children = node
    if not children:
        yield name
    for child in children:
        yield from leaves(child)
def paths(node, prefix=()):
    name, children = node
    here = prefix + (name,)
    if not children:
        yield "/".join(here)
    for child in children:
        yield from paths(child, here)
for depth, name in preorder(tree):
    print("  " * depth + name)
print(list(postorder(tree)))
print(list(leaves(tree)))
print(list(paths(tree)))
