/**
 * Temporary files that must not outlive the run: adjudicate's output before it is
 * delivered (one row per person: health data), the staging folder of a set of result
 * files. Each is registered here and removed when it is done with, when the process exits,
 * and when it is interrupted (SIGINT, SIGTERM, SIGHUP): a run stopped with Ctrl-C leaves
 * nothing behind. Private temporary folders are created with mode 0700, and the files in
 * them are to be created with mode 0600 (PRIVATE_FILE_MODE), so that other users of the
 * machine cannot read them while they exist.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_FOLDER_MODE = 0o700;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const live = new Set<string>();
let installed = false;

function removeAll(): void {
  for (const p of live) fs.rmSync(p, { recursive: true, force: true });
  live.clear();
}

/*
 * On a signal: remove the files, stop listening, and — when no one else listens for the
 * signal (the CLI) — raise it again, so the process ends as the signal means (status 130
 * for SIGINT). In a notebook kernel, which handles SIGINT itself, the kernel decides.
 */
function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', removeAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', removeAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/**
 * Registers `file` (a file or a folder) for removal at exit or interruption; returns the
 * function that removes it now and forgets it.
 */
export function removeOnExit(file: string): () => void {
  live.add(file);
  install();
  return () => {
    fs.rmSync(file, { recursive: true, force: true });
    live.delete(file);
    if (live.size === 0) uninstall();
  };
}

/** A fresh folder under the system's temporary folder, mode 0700, removed at exit or interruption. */
export function privateTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, PRIVATE_FOLDER_MODE);
  return { dir, remove: removeOnExit(dir) };
}
