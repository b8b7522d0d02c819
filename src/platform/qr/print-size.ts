// Physical module size of a printed code (docs/DESIGN.md §2 vendor step 4: "warns when modules would print
// smaller than 0.4 mm"). The print width is the whole printed square, quiet zone included.

import { MIN_MODULE_MM, type PrintCheck } from './contract';

/** Millimetres per module when a code of `modules` (+ quiet zone on both sides) is printed `printWidthMm` wide. */
export function physicalModuleMm(modules: number, printWidthMm: number, quietZone = 4): number {
  if (!(modules > 0) || !(printWidthMm > 0)) throw new RangeError('modules and printWidthMm must be positive');
  return printWidthMm / (modules + 2 * quietZone);
}

export function checkPrintSize(modules: number, printWidthMm: number, quietZone = 4): PrintCheck {
  const moduleMm = physicalModuleMm(modules, printWidthMm, quietZone);
  return { moduleMm, tooSmall: moduleMm < MIN_MODULE_MM, minPrintWidthMm: MIN_MODULE_MM * (modules + 2 * quietZone) };
}
