# while loops with else clauses, break and continue.
n = 0
while n < 5:
    n += 1
    if n == 3:
        continue
    print("n =", n)
else:
    print("while finished normally, n =", n)
m = 10
while m > 0:
    if m == 7:
        print("breaking at", m)
        break
    m -= 1
else:
    print("never printed")
k = 0
while k:
    print("never")
else:
    print("else runs even when the body never ran")
def find_first_square_above(limit):
    i = 0
    while True:
        i += 1
        if i * i > limit:
            return i
print(find_first_square_above(50))
a, b = 0, 1
while b < 100:
    a, b = b, a + b
print(a, b)
