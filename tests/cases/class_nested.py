# Nested classes and classes created in functions.
class Tree:
    class Node:
        def __init__(self, value):
            self.value = value
            self.children = []
        def add(self, value):
            child = Tree.Node(value)
            self.children.append(child)
            return child
    def __init__(self, root):
        self.root = Tree.Node(root)
    def walk(self, node=None, depth=0):
        node = node or self.root
        yield depth, node.value
        for c in node.children:
            yield from self.walk(c, depth + 1)
t = Tree("root")
a = t.root.add("a")
a.add("a1")
a.add("a2")
t.root.add("b")
for depth, value in t.walk():
    print("  " * depth + value)
print(Tree.Node.__qualname__)
def make_class(base_value):
    class Made:
        value = base_value
        def get(self):
            return self.value
    return Made
C1, C2 = make_class(1), make_class(2)
print(C1().get(), C2().get(), C1 is C2, C1.__name__ == C2.__name__, C1.__qualname__)
