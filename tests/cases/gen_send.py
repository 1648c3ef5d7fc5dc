# send() resumes a generator and supplies the value of the yield expression.
def echo():
    received = None
    while True:
        received = yield f"got {received}"
g = echo()
print(next(g))
print(g.send("hello"))
print(g.send(42))
print(next(g))
def running_average():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
avg = running_average()
next(avg)
for v in [10, 20, 30, 5]:
    print(avg.send(v))
g2 = echo()
try:
    g2.send("too early")
except TypeError as e:
    print("TypeError:", e)
print(g2.send(None))
