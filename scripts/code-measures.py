#!/usr/bin/env python3
"""Size measures of the Swift sources: files over 300 lines and the longest functions.

Used for the closing notes of refactoring work (issue 14 asks for before/after figures).
A function is measured from its `func`/`init` line to the line where its braces close.
Usage: scripts/code-measures.py [folder ...]   (default: Sources)
"""
import os
import re
import sys

FUNC = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|mutating|override|nonisolated|final)\s+)*(?:func\s+\w+|init[?!]?)\s*[(<]')


def functions(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        if FUNC.match(lines[i]):
            depth, started, j = 0, False, i
            while j < len(lines):
                depth += lines[j].count('{') - lines[j].count('}')
                started = started or '{' in lines[j]
                if started and depth <= 0:
                    break
                j += 1
            name = lines[i].strip()[:90]
            yield (j - i + 1, f'{path}:{i + 1}', name)
        i += 1


def main(folders):
    files, funcs = [], []
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                if name.endswith('.swift'):
                    path = os.path.join(root, name)
                    count = sum(1 for _ in open(path, encoding='utf-8'))
                    files.append((count, path))
                    funcs.extend(functions(path))
    large = sorted((f for f in files if f[0] > 300), reverse=True)
    print(f'Swift files: {len(files)}; over 300 lines: {len(large)}')
    for count, path in large:
        print(f'  {count:5d}  {path}')
    funcs.sort(reverse=True)
    print('Longest functions:')
    for length, where, name in funcs[:10]:
        print(f'  {length:5d}  {where}  {name}')


if __name__ == '__main__':
    main(sys.argv[1:] or ['Sources'])
