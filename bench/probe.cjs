// Preloaded into a benchmarked `yibao` process (node -r bench/probe.cjs bin/yibao.js …): at
// exit it writes one JSON line to stderr, prefixed 'probe ', with the process's wall time,
// CPU time, peak RSS (worker threads included: they share the process) and whether the
// report writer (exceljs) and DuckDB were loaded.
// Worker threads inherit the preload (-r): only the main thread reports, at the process's
// end (a worker's exit would report its own lifetime, and first).
const { isMainThread } = require('node:worker_threads');
const started = process.hrtime.bigint();
process.on('exit', () => {
  if (!isMainThread) return;
  const usage = process.resourceUsage();
  const loaded = Object.keys(require.cache);
  process.stderr.write(
    `probe ${JSON.stringify({
      wall_seconds: Number(process.hrtime.bigint() - started) / 1e9,
      cpu_seconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      peak_rss_mb: Math.round(usage.maxRSS / 1024),
      modules: loaded.length,
      exceljs: loaded.some((file) =>
        file.includes(`${require('node:path').sep}exceljs${require('node:path').sep}`),
      ),
      duckdb: loaded.some((file) =>
        file.includes(`${require('node:path').sep}@duckdb${require('node:path').sep}`),
      ),
    })}\n`,
  );
});
