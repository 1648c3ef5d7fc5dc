# A tiny round-robin scheduler driving several generators as tasks.
def task(name, steps):
    for i in range(steps):
        yield f"{name} step {i}"
    return f"{name} finished"
def scheduler(tasks):
    queue = list(tasks)
    results = []
    while queue:
        t = queue.pop(0)
        try:
            print(next(t))
            queue.append(t)
        except StopIteration as e:
            results.append(e.value)
    return results
print(scheduler([task("A", 3), task("B", 1), task("C", 2)]))
def interleave(*iterables):
    iterators = [iter(it) for it in iterables]
    while iterators:
        alive = []
        for it in iterators:
            try:
                yield next(it)
                alive.append(it)
            except StopIteration:
                pass
        iterators = alive
print(list(interleave("abc", [1, 2], "XYZW")))
