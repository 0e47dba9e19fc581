#!/usr/bin/env node
// `npm run lab`: registers the tslab kernel and opens Jupyter on notebooks/, with
// node_modules/.bin on the PATH (the kernel spec runs `tslab`). Jupyter comes from Debian's
// packages; say which to install when it is missing rather than failing obscurely.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const jupyter = '/usr/bin/jupyter';
const bin = path.join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
const hasNotebook =
  fs.existsSync(jupyter) &&
  spawnSync(jupyter, ['notebook', '--version'], { env, encoding: 'utf8' }).status === 0;
if (!hasNotebook) {
  console.error(
    'npm run lab: Jupyter Notebook is not installed. Install it from Debian:\n' +
      '  apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel fonts-noto-cjk',
  );
  process.exit(2);
}
if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
  console.error('npm run lab: the notebooks import the built library; run `npm run build` first');
  process.exit(2);
}
const install = spawnSync(path.join(bin, 'tslab'), ['install', '--python=/usr/bin/python3'], {
  env,
  stdio: 'inherit',
});
if (install.status !== 0) process.exit(install.status ?? 1);
const lab = spawnSync(jupyter, ['notebook', ...process.argv.slice(2)], {
  cwd: path.join(root, 'notebooks'),
  env,
  stdio: 'inherit',
});
process.exit(lab.status ?? 0);
