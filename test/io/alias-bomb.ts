/**
 * A YAML "billion laughs": each alias expands to nine copies of the one before, so
 * `levels` levels hold 9^levels values once read.
 */
export function aliasBombYaml(levels: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++) {
    const previous = Array(9)
      .fill(`*a${i - 1}`)
      .join(', ');
    lines.push(`a${i}: &a${i} [${previous}]`);
  }
  return `${lines.join('\n')}\n`;
}
