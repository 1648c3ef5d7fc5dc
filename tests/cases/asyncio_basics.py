# asyncio.run with sleep, tasks, gather, wait_for, Queue, Event and Lock.
import asyncio
async def worker(name, q, out):
    while True:
        item = await q.get()
        if item is None:
            q.task_done(); break
        out.append((name, item)); q.task_done()
async def main():
    await asyncio.sleep(0.01)
    t = asyncio.create_task(asyncio.sleep(0.01, result=5))
    print(await t)
    print(await asyncio.gather(asyncio.sleep(0.01, 1), asyncio.sleep(0, 2)))
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.05)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    q = asyncio.Queue(); out = []
    ws = [asyncio.create_task(worker(i, q, out)) for i in range(2)]
    for i in range(5): await q.put(i)
    for _ in ws: await q.put(None)
    await q.join(); await asyncio.gather(*ws)
    print(sorted(x for _, x in out))
    ev = asyncio.Event(); lock = asyncio.Lock()
    async def setter(): await asyncio.sleep(0.01); ev.set()
    asyncio.create_task(setter()); await ev.wait(); print("event", ev.is_set())
    async with lock: print("locked", lock.locked())
    print(lock.locked())
asyncio.run(main())
