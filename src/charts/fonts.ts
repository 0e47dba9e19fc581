// The CJK font the charts are set in (package fonts-noto-cjk), found once per process.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The family name inside NotoSansCJK-Regular.ttc that covers Simplified Chinese. */
export const CJK_FONT_FAMILY = 'Noto Sans CJK SC';

const FONT_DIR = '/usr/share/fonts';
const PREFERRED_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export interface CjkFont {
  file: string;
  /** the bold face beside it (NotoSansCJK-Bold.ttc), when installed */
  bold?: string;
  family: string;
}

let cachedFont: CjkFont | undefined;

function searchFonts(dir: string, found: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) searchFonts(full, found);
    else if (/^Noto(Sans|Serif)CJK.*\.(ttc|otf|ttf)$/i.test(entry.name)) found.push(full);
  }
}

/** Finds a Noto CJK font file; prefers the Sans Regular collection. Cached per process. */
export function findCjkFont(): CjkFont {
  if (cachedFont) return cachedFont;
  let file: string | undefined;
  if (fs.existsSync(PREFERRED_FONT)) {
    file = PREFERRED_FONT;
  } else {
    const found: string[] = [];
    searchFonts(FONT_DIR, found);
    // Sans before Serif, Regular before Bold: the charts are set in a regular sans face.
    const rank = (f: string) =>
      (/Serif/i.test(path.basename(f)) ? 2 : 0) + (/Regular/i.test(path.basename(f)) ? 0 : 1);
    found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    file = found[0];
  }
  if (!file) {
    throw new Error(
      `no CJK font found under ${FONT_DIR} (looked for NotoSansCJK / NotoSerifCJK); ` +
        'install fonts-noto-cjk (apt-get install fonts-noto-cjk) to render Chinese chart labels',
    );
  }
  const family = /Serif/i.test(path.basename(file)) ? 'Noto Serif CJK SC' : CJK_FONT_FAMILY;
  const bold = file.replace(/Regular(\.\w+)$/, 'Bold$1');
  cachedFont = { file, family, ...(bold !== file && fs.existsSync(bold) ? { bold } : {}) };
  return cachedFont;
}
