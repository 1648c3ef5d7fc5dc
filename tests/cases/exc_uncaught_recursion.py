# Uncaught RecursionError from unbounded recursion.
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
def countdown(n):
    return countdown(n - 1) + 1
print("bounded recursion works:", depth(100))
print("starting unbounded recursion")
print(countdown(10))
print("never printed")
# The traceback elides repeated frames; only the last line matters:
# RecursionError: maximum recursion depth exceeded
