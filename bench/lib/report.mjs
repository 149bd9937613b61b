/**
 * Result rows and the printed table. A row is `{name, value, unit}` plus optional keys: `runs`,
 * `spread` ({min, max} over the runs), `baseline` (a number in `baselineUnit`, described by
 * `baselineName`), `ratio` (value ÷ baseline), `target` ({op, value}) and `meetsTarget`.
 */
import { round, summarize } from './stats.mjs';

/**
 * `samples`: one value per run (the row's value is their median); or `value` for a single
 * measurement. `baseline`: {name, unit, samples | value}. `target`: {op: '>=' | '<=', value}.
 */
export function metric({ name, unit, samples, value, baseline, target, extra = {} }) {
  const own = samples ? summarize(samples) : single(value);
  const row = {
    name,
    value: round(own.value),
    unit,
    runs: own.runs,
    spread: { min: round(own.spread.min), max: round(own.spread.max) },
  };
  if (baseline) {
    const base = baseline.samples ? summarize(baseline.samples) : single(baseline.value);
    row.baseline = round(base.value);
    row.baselineUnit = baseline.unit;
    row.baselineName = baseline.name;
    row.baselineSpread = { min: round(base.spread.min), max: round(base.spread.max) };
    row.ratio = round(own.value / base.value);
  }
  if (target) {
    row.target = target;
    row.meetsTarget = target.op === '>=' ? own.value >= target.value : own.value <= target.value;
  }
  return { ...row, ...extra };
}

function single(value) {
  return { value, runs: 1, spread: { min: value, max: value } };
}

export function formatNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function formatTable(title, rows) {
  const header = [
    'name',
    'value',
    'unit',
    'min–max (runs)',
    'baseline',
    'ratio',
    'target',
    'meets target',
  ];
  const lines = rows.map((row) => [
    row.name,
    formatNumber(row.value),
    row.unit,
    row.spread
      ? `${formatNumber(row.spread.min)}–${formatNumber(row.spread.max)} (${row.runs ?? 1})`
      : '',
    row.baseline === undefined
      ? ''
      : `${formatNumber(row.baseline)} ${row.baselineUnit ?? ''} (${row.baselineName ?? 'baseline'})`,
    row.ratio === undefined ? '' : `${formatNumber(row.ratio)}×`,
    row.target ? `${row.target.op === '>=' ? '≥' : '≤'} ${formatNumber(row.target.value)}` : '',
    row.meetsTarget === undefined ? '' : row.meetsTarget ? 'yes' : 'NO',
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...lines.map((line) => line[column].length)),
  );
  const numeric = new Set([1, 5]);
  const render = (cells) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  return [
    title,
    render(header),
    render(widths.map((width) => '-'.repeat(width))),
    ...lines.map(render),
  ].join('\n');
}
