/**
 * The text a chart draws, as vega lays it out: every visible text item of the scenegraph
 * with its box in chart coordinates, and the reference rules among its marks, for tests
 * that no label covers another, is cut, or has a rule drawn through it.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../src/charts/render';

export interface TextBox {
  text: string;
  role: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** vega cut the text to its limit (drawn with an ellipsis) */
  cut: boolean;
}

interface SceneItem {
  x?: number;
  y?: number;
  text?: unknown;
  opacity?: number;
  fillOpacity?: number;
  limit?: number;
  fontSize?: number;
  bounds?: { x1: number; y1: number; x2: number; y2: number };
  items?: SceneMark[];
}

interface SceneMark {
  marktype: string;
  role?: string;
  items: SceneItem[];
}

type Measure = (item: SceneItem, text: string) => number;

export interface Scene {
  texts: TextBox[];
  /** rules drawn as data marks (reference lines), not axis ticks or grid lines */
  rules: TextBox[];
}

export async function sceneOf(spec: TopLevelSpec): Promise<Scene> {
  await renderSvg(spec); // installs the chart font's widths, as rendering does
  const measure = (vega as unknown as { textMetrics: { width: Measure } }).textMetrics.width;
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const out: TextBox[] = [];
  const rules: TextBox[] = [];
  const walk = (mark: SceneMark, dx: number, dy: number) => {
    for (const item of mark.items ?? []) {
      if (mark.marktype === 'text') {
        const lines = ([] as unknown[]).concat(item.text ?? '').map(String);
        const visible = item.opacity !== 0 && item.fillOpacity !== 0 && lines.join('').trim();
        if (visible && item.bounds) {
          const full = Math.max(...lines.map((l) => measure({ ...item, limit: 0 }, l)));
          out.push({
            text: lines.join(' / '),
            role: mark.role ?? '',
            x1: dx + item.bounds.x1,
            y1: dy + item.bounds.y1,
            x2: dx + item.bounds.x2,
            y2: dy + item.bounds.y2,
            cut: Boolean(item.limit && item.limit > 0 && full > item.limit),
          });
        }
      }
      if (mark.marktype === 'rule' && mark.role === 'mark' && item.bounds && item.opacity !== 0)
        rules.push({
          text: 'rule',
          role: 'rule',
          x1: dx + item.bounds.x1,
          y1: dy + item.bounds.y1,
          x2: dx + item.bounds.x2,
          y2: dy + item.bounds.y2,
          cut: false,
        });
      if (mark.marktype === 'group')
        for (const child of item.items ?? []) walk(child, dx + (item.x ?? 0), dy + (item.y ?? 0));
    }
  };
  walk((view.scenegraph() as unknown as { root: SceneMark }).root, 0, 0);
  view.finalize();
  return { texts: out, rules };
}

/** Whether two boxes come closer than `gap` pixels each way (touching text reads as one). */
const clash = (a: TextBox, b: TextBox, gap: number) =>
  Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > -gap &&
  Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > -gap;

/** Pairs of text boxes less than `gap` pixels apart both ways. */
export function overlaps(boxes: TextBox[], gap = 1): [TextBox, TextBox][] {
  const out: [TextBox, TextBox][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (clash(boxes[i], boxes[j], gap)) out.push([boxes[i], boxes[j]]);
  return out;
}

/** Labels of the data marks (annotations) that a reference rule passes through. */
export function crossings(scene: Scene): [TextBox, TextBox][] {
  const labels = scene.texts.filter((t) => t.role === 'mark');
  return labels.flatMap((t) =>
    scene.rules.filter((r) => clash(t, r, 0)).map((r) => [t, r] as [TextBox, TextBox]),
  );
}
