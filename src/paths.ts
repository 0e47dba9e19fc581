import * as path from 'node:path';

/**
 * The package root, whether running from src/ (tsx, tests) or dist/ (built): both
 * place this file one folder below the root.
 */
export const PACKAGE_ROOT = path.resolve(__dirname, '..');
export const SCHEMES_DIR = path.join(PACKAGE_ROOT, 'data', 'schemes');
export const CALIBRATION_DIR = path.join(PACKAGE_ROOT, 'data', 'calibration');
