# str.find / str.rfind with start and end.
s = "hello world, hello python"
print(s.find("hello"), s.rfind("hello"), s.find("xyz"), s.rfind("xyz"))
print(s.find("o"), s.rfind("o"), s.find("o", 5), s.find("o", 5, 7))
print(s.find(""), s.rfind(""), s.find("", 100), len(s))
print(s.find("hello", 1), s.rfind("hello", 0, 10), s.rfind("hello", 0, 5))
print(s.find("o", -5), s.rfind("l", -10, -3))
print("abc".find("c", 10), "aaa".find("aa"), "aaa".rfind("aa"))
print("caf\u00e9 \u00e9t\u00e9".find("\u00e9"), "caf\u00e9 \u00e9t\u00e9".rfind("\u00e9"))
idx = -1
positions = []
while True:
    idx = s.find("l", idx + 1)
    if idx < 0:
        break
    positions.append(idx)
print(positions)
