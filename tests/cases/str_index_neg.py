# Indexing strings with positive and negative indices.
s = "python"
print(s[0], s[5], s[-1], s[-6], s[len(s) - 1])
for i in range(-len(s), len(s)):
    print(i, s[i], end="; ")
print()
try:
    s[6]
except IndexError as e:
    print("IndexError:", e)
try:
    s[-7]
except IndexError as e:
    print("IndexError:", e)
try:
    s["0"]
except TypeError as e:
    print("TypeError:", e)
try:
    s[1.0]
except TypeError as e:
    print("TypeError:", e)
print(s[True], "abc"[False])
