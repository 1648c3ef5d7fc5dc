# send()-driven coroutines pushing data through stages.
def printer(prefix):
    while True:
        item = yield
        print(prefix, item)
def filter_stage(pred, target):
    while True:
        item = yield
        if pred(item):
            target.send(item)
def map_stage(fn, target):
    while True:
        item = yield
        target.send(fn(item))
def primed(gen):
    next(gen)
    return gen
sink = primed(printer("out:"))
pipeline = primed(filter_stage(lambda n: n % 2 == 0, primed(map_stage(lambda n: n * n, sink))))
for n in range(7):
    pipeline.send(n)
def grep(pattern):
    matches = []
    try:
        while True:
            line = yield
            if pattern in line:
                matches.append(line)
    except GeneratorExit:
        print("grep closing, matches:", matches)
g = primed(grep("py"))
for line in ["python", "rust", "pypy", "go"]:
    g.send(line)
g.close()
