#!/usr/bin/env node
// Build step: compiles data/schemes/scheme.schema.json into a standalone validator
// (dist/scheme/scheme-validator.js), so that loading a scheme does not compile the schema
// at run time (about 150 ms of every command's start). The module carries the schema's
// hash; src/scheme/load.ts uses it only while the schema file is unchanged.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.resolve(import.meta.dirname, '..');
const text = fs.readFileSync(path.join(root, 'data', 'schemes', 'scheme.schema.json'), 'utf8');
const ajv = new Ajv({ allErrors: false, strict: false, code: { source: true } });
const code = standaloneCode(ajv, ajv.compile(JSON.parse(text)));
const hash = createHash('sha256').update(text).digest('hex');
const out = path.join(root, 'dist', 'scheme', 'scheme-validator.js');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${code}\nmodule.exports.schemaHash = ${JSON.stringify(hash)};\n`);
