# break and continue in for and while loops.
out = []
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    out.append(i)
print(out)
total = 0
i = 0
while True:
    i += 1
    if i % 3 == 0:
        continue
    if i > 10:
        break
    total += i
print(total, i)
for outer in range(3):
    for inner in range(3):
        if inner == outer:
            continue
        if inner > outer:
            break
        print(outer, inner)
words = ["keep", "skip", "keep2", "stop", "never"]
for w in words:
    if w == "skip":
        continue
    if w == "stop":
        break
    print(w)
