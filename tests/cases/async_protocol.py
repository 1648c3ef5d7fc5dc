import sys
class Sleep:
    def __init__(self, n): self.n = n
    def __await__(self):
        x = yield ('sleep', self.n)
        return x

async def add(a, b):
    r = await Sleep(1)
    return a + b + (r or 0)

async def main():
    s = 0
    for i in range(3):
        s += await add(i, 1)
    return s

def run(coro):
    sent = None
    while True:
        try:
            req = coro.send(sent)
            print("req", req)
            sent = 10
        except StopIteration as e:
            return e.value

print(run(main()))
c = main()
print(type(c).__name__, repr(c)[:22])
c.close()

class ACM:
    async def __aenter__(self):
        print("enter"); await Sleep(0); return self
    async def __aexit__(self, t, v, tb):
        print("exit", t.__name__ if t else None); return True

async def agen(n):
    for i in range(n):
        await Sleep(i)
        yield i * 2

async def main2():
    async with ACM() as a:
        print("inside", type(a).__name__)
        raise ValueError("x")
    out = []
    async for v in agen(3):
        out.append(v)
    print(out)
    print([x async for x in agen(2)] if False else "skip")
    return "done"
print(run(main2()))

async def bad():
    await 5
try:
    run(bad())
except TypeError as e:
    print("TypeError", e)

c = add(1, 2)
print(run(c))
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)

async def ag2():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
async def main3():
    g = ag2()
    print(await g.__anext__())
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("stopped")
    g = ag2()
    print(await g.asend(None))
    try:
        await g.athrow(KeyError, "k")
    except KeyError as e:
        print("KeyError", e)
run(main3())
print(ag2().__class__.__name__, ag2().ag_running)
