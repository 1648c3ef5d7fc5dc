# An uncaught UnboundLocalError.
counter = 0
def bump_global():
    global counter
    counter += 1
    return counter
def bump():
    counter += 1
    return counter
print("global bump:", bump_global())
print("calling bump")
bump()
