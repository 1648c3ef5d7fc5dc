# A SyntaxError in the file itself: nothing runs, stdout stays empty, exit status 1.
print("this line never runs because the file does not compile")
def fine(a, b):
    return a + b
print(fine(1, 2))
def broken(:
    return 1
print("never printed")
x = 1
print(x)
