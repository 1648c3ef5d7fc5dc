# for loops with else (runs when the loop was not broken).
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, int(n ** 0.5) + 1):
        if n % d == 0:
            break
    else:
        return True
    return False
print([n for n in range(30) if is_prime(n)])
for item in []:
    print("never")
else:
    print("else after empty loop")
for i in range(3):
    pass
else:
    print("completed, i =", i)
for word in ["alpha", "beta", "gamma"]:
    if word.startswith("b"):
        print("found", word)
        break
else:
    print("not found")
for c in "xyz":
    if c == "q":
        break
else:
    print("no q in xyz")
