# Guards are evaluated after the pattern binds.
def check(pair):
    match pair:
        case (x, y) if x == y:
            return "equal"
        case (x, y) if x > y:
            return f"first bigger by {x - y}"
        case (x, _) if x < 0:
            return "negative first"
        case (x, y):
            return f"second bigger by {y - x}"
for p in [(1, 1), (5, 2), (-3, 4), (2, 9)]:
    print(p, check(p))
log = []
def guard(v):
    log.append(v)
    return v > 1
for v in [1, 2]:
    match v:
        case n if guard(n):
            print("guard passed for", n)
        case n:
            print("fell through for", n)
print(log)
