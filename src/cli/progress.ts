import { formatDuration } from '../messages';
import type { CliIo } from './command';

/**
 * A progress bar on stderr, redrawn in place, when stderr is a terminal (or forced with
 * --progress); silent otherwise so logs and CI output stay clean. Runs report 0 done
 * when they start, so the bar is there from the first second.
 */
export function progressBar(io: CliIo, label: string, force = false) {
  const show = io.interactive || force;
  const started = Date.now();
  let lastDraw = 0;
  return {
    /** `detail`, e.g. '37/100 scenarios', is shown after the bar */
    update(done: number, total: number, detail?: string) {
      if (!show) return;
      const now = Date.now();
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const seconds = (now - started) / 1000;
      // nothing is known of the time left until the first unit is done
      const left =
        done > 0 && done < total
          ? `, ~${formatDuration((seconds * (total - done)) / done)} left`
          : '';
      io.stderr(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}%${detail ? ` ${detail}` : ''} ${seconds.toFixed(0)} s${left}  `,
      );
    },
    done() {
      if (show) io.stderr('\n');
    },
  };
}
