# Functions defined inside functions and conditionally.
def outer(flag):
    if flag:
        def choose():
            return "defined in if"
    else:
        def choose():
            return "defined in else"
    return choose()
print(outer(True), outer(False))
def make_ops():
    def helper(x):
        return x * 2
    def a(x):
        return helper(x) + 1
    def b(x):
        return helper(helper(x))
    return a, b
a, b = make_ops()
print(a(5), b(5))
def level1():
    v1 = 1
    def level2():
        v2 = 2
        def level3():
            return v1 + v2 + 3
        return level3()
    return level2()
print(level1())
for i in range(2):
    def f():
        return "version " + str(i)
    print(f())
print(f())
