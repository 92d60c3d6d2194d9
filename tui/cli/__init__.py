"""The `quadrant` command: the parser and its one error path (`main`), exit codes and errors
(`exits`), the read commands (`read`) and the write commands (`write`).

The top of the tree: it may import every other package.
"""
