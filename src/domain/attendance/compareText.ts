/**
 * Code-unit order, not localeCompare: keys and ids must sort the same on every runtime (whatever
 * its ICU data), so the same reports always give the same people and proposals in the same order.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
