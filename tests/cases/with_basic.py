# with statement calls __enter__ and __exit__ in order.
class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print(f"  enter {self.name}")
        return self
    def __exit__(self, exc_type, exc, tb):
        print(f"  exit {self.name}: {exc_type.__name__ if exc_type else None}")
        return False
with Resource("r1") as r:
    print("  body using", r.name)
print("after with")
with Resource("no-as"):
    print("  body without as")
def use():
    with Resource("in function"):
        return "returned from body"
print(use())
for i in range(3):
    with Resource(f"loop {i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("  loop body", i)
