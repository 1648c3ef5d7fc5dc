class Sleep:
    def __await__(self):
        x = yield 'tick'
        return x
def run(coro):
    while True:
        try:
            coro.send(None)
        except StopIteration as e:
            return e.value
async def agen(n):
    for i in range(n):
        await Sleep()
        yield i
async def double(x):
    await Sleep()
    return x * 2
async def main():
    a = [x async for x in agen(4)]
    b = {x: x * x async for x in agen(3) if x}
    c = [await double(x) for x in range(3)]
    d = [y for x in range(2) async for y in agen(x + 1)]
    g = (x + 1 async for x in agen(3))
    print(type(g).__name__)
    e = [v async for v in g]
    return a, b, c, d, e
print(run(main()))
try:
    exec("def f():\n    return [x async for x in y]\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("def f():\n    await x\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("await x\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("async def f():\n    yield 1\n    return 2\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("async def f():\n    yield from x\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
