# Assignment expressions (walrus operator).
data = [5, 12, 3, 20, 8]
if (n := len(data)) > 3:
    print("long list of", n)
print(n)
values = iter([1, 2, 3, 0, 4])
while (v := next(values)) != 0:
    print("got", v)
print([y for x in data if (y := x * 2) > 15])
print(y)
print([(x, sq) for x in range(5) if (sq := x * x) % 2])
total = 0
print([total := total + x for x in [1, 2, 3]], total)
if (m := max(data)) and m > 10:
    print("max", m)
def f():
    return (z := 42) + 1
print(f())
print((a := 1, b := 2), a, b)
