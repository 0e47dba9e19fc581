#!/usr/bin/env node
// The `yibao` command: runs the built CLI (npm run build compiles src/ to dist/).
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('yibao: the library is not built; run `npm run build` first\n');
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
