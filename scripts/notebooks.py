#!/usr/bin/env python3
"""The notebooks, executed, with their outputs: notebooks/X.ipynb is notebooks/src/X.txt
(scripts/notebook.py) run top to bottom with the tslab kernel, so that a code host shows
each notebook with its tables and charts.

  src/X.txt ──notebook.py──▶ cells ──tslab kernel, in notebooks/──▶ outputs ──▶ X.ipynb

Usage (run from anywhere; needs `npm run build` first, since the notebooks import ../dist):
  /usr/bin/python3 scripts/notebooks.py            refresh every notebook   (npm run notebooks)
  /usr/bin/python3 scripts/notebooks.py --check X  execute X.ipynb's source and compare with
                                                   the committed X.ipynb; exit 1 and say where
                                                   it differs, or where a cell failed

A run's timing is the one thing a refresh does not reproduce: a figure in seconds ('6.2 s')
is set aside when outputs are compared. Everything else (tables, numbers, charts) is seeded
and must be the same."""
import json, os, re, sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notebook import notebook  # noqa: E402  (the .txt → .ipynb writer beside this script)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, 'notebooks')
SOURCES = os.path.join(NOTEBOOKS, 'src')
TIMEOUT = 600  # seconds a cell may take
SECONDS = re.compile(r'\b\d+(?:\.\d+)? s\b')


def names():
    return sorted(f[:-4] for f in os.listdir(SOURCES) if f.endswith('.txt'))


def executed(name):
    """The notebook of src/<name>.txt, executed; raises CellExecutionError on a failing cell."""
    with open(os.path.join(SOURCES, name + '.txt'), encoding='utf8') as f:
        nb = nbformat.reads(json.dumps(notebook(f.read())), as_version=4)
    env = dict(os.environ, PATH=os.path.join(ROOT, 'node_modules', '.bin') + os.pathsep + os.environ['PATH'])
    os.environ.update(env)  # the kernel inherits this process's environment
    NotebookClient(nb, timeout=TIMEOUT, kernel_name='tslab', resources={'metadata': {'path': NOTEBOOKS}}).execute()
    for cell in nb.cells:
        cell.metadata.pop('execution', None)  # start and end times: timing, not content
    return nb


def text(nb):
    """The notebook as its file holds it (nbformat's layout: sources and outputs as lists of lines)."""
    return nbformat.writes(nb) + '\n'


def write(nb, name):
    with open(os.path.join(NOTEBOOKS, name + '.ipynb'), 'w', encoding='utf8') as f:
        f.write(text(nb))


def comparable(cell):
    """A cell's source and outputs as text, its timing set aside."""
    text = json.dumps({'source': cell.get('source'), 'outputs': cell.get('outputs', [])}, ensure_ascii=False, indent=1)
    return SECONDS.sub('<seconds> s', text)


def check(name):
    path = os.path.join(NOTEBOOKS, name + '.ipynb')
    if not os.path.exists(path):
        return f'notebooks/{name}.ipynb is missing: run npm run notebooks'
    with open(path, encoding='utf8') as f:
        committed = json.load(f)
    try:
        fresh = json.loads(text(executed(name)))
    except CellExecutionError as e:
        return f'notebooks/src/{name}.txt: a cell failed:\n{str(e)[-4000:]}'
    if len(committed['cells']) != len(fresh['cells']):
        return f'notebooks/{name}.ipynb has {len(committed["cells"])} cells, its source {len(fresh["cells"])}: run npm run notebooks'
    for i, (a, b) in enumerate(zip(committed['cells'], fresh['cells'])):
        if comparable(a) != comparable(b):
            old, new = comparable(a).splitlines(), comparable(b).splitlines()
            at = next((k for k, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
            show = lambda lines: (lines[at] if at < len(lines) else '(nothing)')[:300]
            return (f'notebooks/{name}.ipynb is out of date at cell {i + 1}: run npm run notebooks and commit it\n'
                    f'  committed: {show(old)}\n  now:       {show(new)}')
    return None


if __name__ == '__main__':
    if sys.argv[1:2] == ['--check']:
        problems = [p for p in map(check, sys.argv[2:] or names()) if p]
        for p in problems:
            print(p, file=sys.stderr)
        sys.exit(1 if problems else 0)
    for name in sys.argv[1:] or names():
        print(f'notebooks/{name}.ipynb', flush=True)
        try:
            write(executed(name), name)
        except CellExecutionError as e:
            print(f'notebooks/src/{name}.txt: a cell failed:\n{str(e)[-4000:]}', file=sys.stderr)
            sys.exit(1)
