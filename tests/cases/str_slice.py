# String slicing with steps and negative indices.
s = "0123456789"
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3], s[-5:-2])
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-2], s[2:8:-1])
print(s[100:], s[-100:3], s[3:100], s[5:2], repr(s[5:5]))
print(s[::3], s[-1::-3], s[9:0:-3], s[:0:-1])
print(s[1:-1:1], s[-1:-11:-1], s[None:None:None])
word = "racecar"
print(word == word[::-1], "python"[::-1])
u = "h\u00e9llo w\u00f6rld"
print(u[1:5], u[::-1], u[-5:])
print(s[slice(2, 8, 3)], s[slice(None, None, -4)])
try:
    s[::0]
except ValueError as e:
    print("ValueError:", e)
