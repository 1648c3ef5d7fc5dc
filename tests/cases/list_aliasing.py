# Names are references: aliasing and copying.
a = [1, 2, 3]
b = a
b.append(4)
print(a, b, a is b)
c = list(a)
c.append(5)
print(a, c, a is c, a == c[:-1])
def mutate(lst):
    lst.append("mutated")
def rebind(lst):
    lst = ["new"]
    return lst
mutate(a)
print(a)
print(rebind(a), a)
matrix = [[0, 0]] * 2
matrix[0][1] = 7
print(matrix, matrix[0] is matrix[1])
rows = [row[:] for row in matrix]
rows[0][0] = 1
print(rows, matrix)
x = y = []
x.append(1)
print(x, y)
