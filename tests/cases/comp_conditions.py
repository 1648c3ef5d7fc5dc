# Filtering and conditional expressions inside comprehensions.
nums = range(-5, 6)
print([n for n in nums if n > 0])
print([n for n in nums if n % 2 == 0 if n != 0])
print([n if n >= 0 else -n for n in nums])
print(["fizzbuzz" if i % 15 == 0 else "fizz" if i % 3 == 0 else "buzz" if i % 5 == 0 else i
       for i in range(1, 16)])
words = ["Apple", "bob", "Civic", "dad", "Eve"]
print([w for w in words if w.lower() == w.lower()[::-1]])
print({w[0].lower(): w for w in words if w[0].isupper()})
print([x for x in [0, 1, "", "a", None, [], [1]] if x])
print([(x, y) for x in range(4) if x % 2 for y in range(4) if y > x])
