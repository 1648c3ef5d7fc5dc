# Uncaught NameError: "name 'x' is not defined".
values = [1, 2, 3]
print("sum:", sum(values))
total = 0
for v in values:
    total += v
print("total:", total)
def show():
    print("inside show, total =", total)
show()
print(x)
print("never printed")
