# Grouping a stream into fixed-size batches and sliding windows.
def batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
def windows(iterable, size):
    window = []
    for item in iterable:
        window.append(item)
        if len(window) > size:
            window.pop(0)
        if len(window) == size:
            yield tuple(window)
def group_runs(iterable):
    current, run = None, []
    for item in iterable:
        if run and item != current:
            yield current, len(run)
            run = []
        current = item
        run.append(item)
    if run:
        yield current, len(run)
print(list(batches(range(10), 3)))
print(list(batches([], 3)), list(batches("ab", 5)))
print(list(windows(range(6), 3)))
print(list(group_runs("aaabccddddde")))
print(["".join(b) for b in batches("abcdefg", 2)])
