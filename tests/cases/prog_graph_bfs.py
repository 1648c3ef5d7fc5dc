# Breadth-first and depth-first search on a small graph.
graph = {
    "A": ["B", "C"],
    "B": ["D", "E"],
    "C": ["F"],
    "D": [],
    "E": ["F", "G"],
    "F": ["H"],
    "G": ["H"],
    "H": [],
    "X": ["A"],
}
def bfs(start):
    order, queue, seen = [], [start], {start}
    while queue:
        node = queue.pop(0)
        order.append(node)
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order
def dfs(node, seen=None):
    seen = [] if seen is None else seen
    seen.append(node)
    for nxt in graph[node]:
        if nxt not in seen:
            dfs(nxt, seen)
    return seen
def shortest_path(a, b):
    prev = {a: None}
    queue = [a]
    while queue:
        node = queue.pop(0)
        if node == b:
            path = []
            while node is not None:
                path.append(node)
                node = prev[node]
            return path[::-1]
        for nxt in graph[node]:
            if nxt not in prev:
                prev[nxt] = node
                queue.append(nxt)
    return None
print(bfs("A"))
print(dfs("A"))
print(shortest_path("A", "H"), shortest_path("X", "G"), shortest_path("D", "A"))
def topo_sort():
    visited, order = set(), []
    def visit(n):
        if n in visited:
            return
        visited.add(n)
        for m in graph[n]:
            visit(m)
        order.append(n)
    for n in sorted(graph):
        visit(n)
    return order[::-1]
print(topo_sort())
