# list.insert and list.pop with various indices.
a = [1, 2, 3]
a.insert(0, "first")
a.insert(2, "mid")
a.insert(100, "end")
a.insert(-1, "before-end")
a.insert(-100, "very-first")
print(a)
print(a.pop(), a)
print(a.pop(0), a)
print(a.pop(-2), a)
print(a.pop(1), a)
b = []
try:
    b.pop()
except IndexError as e:
    print("IndexError:", e)
try:
    a.pop(10)
except IndexError as e:
    print("IndexError:", e)
stack = []
for i in range(4):
    stack.append(i)
while stack:
    print("popped", stack.pop())
