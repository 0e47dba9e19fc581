#!/usr/bin/env python3
"""Writes a .ipynb for the tslab kernel from a plain-text source: cells separated by
lines '%% md' or '%% ts'. Keeps notebooks reviewable as text (notebooks/src/*.txt).
Usage: python3 scripts/notebook.py notebooks/src/01-quickstart.txt notebooks/01-quickstart.ipynb"""
import json, sys

def cells(text):
    kind, lines, out = None, [], []
    for line in text.splitlines():
        if line.startswith('%% '):
            if kind:
                out.append((kind, '\n'.join(lines).strip('\n')))
            kind, lines = line[3:].strip(), []
        else:
            lines.append(line)
    if kind:
        out.append((kind, '\n'.join(lines).strip('\n')))
    return out

def notebook(text):
    nb_cells = []
    for n, (kind, source) in enumerate(cells(text)):
        src = [l + '\n' for l in source.split('\n')]
        cell_id = f'cell-{n + 1}'  # nbformat 4.5 cells carry an id; stable ids keep diffs small
        src[-1] = src[-1].rstrip('\n')
        if kind == 'md':
            nb_cells.append({'cell_type': 'markdown', 'id': cell_id, 'metadata': {}, 'source': src})
        else:
            nb_cells.append({'cell_type': 'code', 'id': cell_id, 'execution_count': None, 'metadata': {}, 'outputs': [], 'source': src})
    return {
        'cells': nb_cells,
        'metadata': {
            'kernelspec': {'display_name': 'TypeScript', 'language': 'typescript', 'name': 'tslab'},
            'language_info': {'name': 'typescript', 'file_extension': '.ts', 'mimetype': 'text/typescript'},
        },
        'nbformat': 4,
        'nbformat_minor': 5,
    }

if __name__ == '__main__':
    with open(sys.argv[1], encoding='utf8') as f:
        nb = notebook(f.read())
    with open(sys.argv[2], 'w', encoding='utf8') as f:
        json.dump(nb, f, ensure_ascii=False, indent=1)
        f.write('\n')
