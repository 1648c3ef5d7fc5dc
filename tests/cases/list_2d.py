# Lists of lists: grids, transposition, flattening.
grid = [[r * 3 + c for c in range(3)] for r in range(4)]
for row in grid:
    print(row)
print(grid[2][1], grid[-1][-1], len(grid), len(grid[0]))
transposed = [list(col) for col in zip(*grid)]
print(transposed)
flat = [x for row in grid for x in row]
print(flat, sum(flat))
grid[1][1] = "X"
print(grid[1])
diag = [grid[i][i] for i in range(3)]
print(diag)
col_sums = [sum(row[c] for row in grid if isinstance(row[c], int)) for c in range(3)]
print(col_sums)
board = [["."] * 4 for _ in range(3)]
board[1][2] = "#"
print("\n".join("".join(r) for r in board))
