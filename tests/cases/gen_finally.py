# try/finally inside generators runs on exhaustion and on close().
def managed(name):
    print(f"  open {name}")
    try:
        for i in range(3):
            yield f"{name}-{i}"
    finally:
        print(f"  close {name}")
print(list(managed("full")))
g = managed("partial")
print(next(g))
g.close()
b = managed("broken")
for item in b:
    if item.endswith("1"):
        break
    print(item)
print("loop done; the generator is still suspended")
b.close()
def nested():
    try:
        try:
            yield 1
        finally:
            print("  inner finally")
        yield 2
    finally:
        print("  outer finally")
n = nested()
print(next(n), next(n))
n.close()
