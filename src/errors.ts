import { escapeInvisible } from './messages';

/**
 * The one error type users see. It always says where (file, line, column or field)
 * and what would be right (the wording comes from src/messages.ts); the CLI prints
 * `message` and exits with `exitCode`: 2 when the input or the command is wrong (the
 * default), 1 when the system failed a sound command (a disk full while writing the
 * result). Invisible characters of whatever the user gave are escaped, so that no
 * message writes raw bytes to a terminal.
 */
export interface ErrorPlace {
  file?: string;
  line?: number;
  /** a workbook cell, `Sheet1!F7`, in place of the line */
  cell?: string;
  column?: string | number;
  field?: string;
}

export class YibaoError extends Error {
  readonly place: ErrorPlace;
  readonly exitCode: 1 | 2;

  constructor(message: string, place: ErrorPlace = {}, exitCode: 1 | 2 = 2) {
    super(escapeInvisible(formatPlace(place) + message));
    this.name = 'YibaoError';
    this.place = place;
    this.exitCode = exitCode;
  }
}

/** `file:line: column 'x': ` prefix, omitting what is unknown. */
export function formatPlace(place: ErrorPlace): string {
  const parts: string[] = [];
  if (place.file && place.cell) parts.push(`${place.file}:${place.cell}`);
  else if (place.file) parts.push(place.line ? `${place.file}:${place.line}` : place.file);
  else if (place.line) parts.push(`line ${place.line}`);
  if (place.column !== undefined) parts.push(`column '${place.column}'`);
  if (place.field) parts.push(`field '${place.field}'`);
  return parts.length ? `${parts.join(': ')}: ` : '';
}
