# Interleaving of generator bodies with the consumer.
def producer():
    for i in range(3):
        print(f"  producing {i}")
        yield i
        print(f"  resumed after {i}")
    print("  producer done")
for value in producer():
    print(f"consumed {value}")
print("---")
def a():
    print("  a: before")
    yield "a1"
    print("  a: middle")
    yield "a2"
def b():
    print("  b: before")
    yield "b1"
ga, gb = a(), b()
print(next(ga))
print(next(gb))
print(next(ga))
print(next(gb, "b exhausted"))
print(next(ga, "a exhausted"))
