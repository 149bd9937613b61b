#!/usr/bin/env node
/**
 * node scripts/make-icons.mjs
 *
 * Draws the Teams app icons into manifest/: color.png (192×192, a white minutes sheet with ruled
 * lines and a folded corner on the accent colour) and outline.png (32×32, the same sheet in white
 * on a transparent background). The output is deterministic; commit the PNGs it writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST_DIR = path.join(ROOT, 'manifest');

/** Must equal accentColor in manifest/manifest.template.json. */
const ACCENT = [0x1f, 0x4e, 0x79];
const WHITE = [0xff, 0xff, 0xff];
const FOLD = [0xa9, 0xc4, 0xe0];

/** Samples per pixel side: 4×4 coverage gives smooth diagonal edges. */
const SUB = 4;

/** Even-odd point-in-polygon test; points are [x, y] in pixel units. */
function inPolygon(points, x, y) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;
const polygon = (points) => (x, y) => inPolygon(points, x, y);
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

/**
 * Paints layers ({shape, color}) in order over a background (null = transparent); a pixel's
 * coverage of a shape is the share of its SUB×SUB samples inside it.
 */
function render(size, background, layers) {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b] = background ?? [0, 0, 0];
      let a = background ? 1 : 0;
      for (const { shape, color } of layers) {
        let hits = 0;
        for (let sy = 0; sy < SUB; sy += 1) {
          for (let sx = 0; sx < SUB; sx += 1) {
            if (shape(px + (sx + 0.5) / SUB, py + (sy + 0.5) / SUB)) hits += 1;
          }
        }
        const cover = hits / (SUB * SUB);
        if (cover === 0) continue;
        // "over" compositing of a colour with alpha `cover`.
        const outA = cover + a * (1 - cover);
        [r, g, b] = [0, 1, 2].map(
          (c) => (color[c] * cover + [r, g, b][c] * a * (1 - cover)) / outA,
        );
        a = outA;
      }
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

function colorIcon() {
  // The sheet: 80×112 with a 22 px folded corner, centred on the 192 px square.
  const [left, top, right, bottom, fold] = [56, 40, 136, 152, 22];
  const sheet = polygon([
    [left, top],
    [right - fold, top],
    [right, top + fold],
    [right, bottom],
    [left, bottom],
  ]);
  const corner = polygon([
    [right - fold, top],
    [right - fold, top + fold],
    [right, top + fold],
  ]);
  const lines = union(
    rect(left + 14, 78, right - 14, 85),
    rect(left + 14, 96, right - 14, 103),
    rect(left + 14, 114, right - 14, 121),
    rect(left + 14, 132, right - 34, 139),
  );
  return render(192, ACCENT, [
    { shape: sheet, color: WHITE },
    { shape: corner, color: FOLD },
    { shape: lines, color: ACCENT },
  ]);
}

function outlineIcon() {
  // The same sheet at 32 px: a 2 px white border, the fold, three ruled lines.
  const [left, top, right, bottom, fold] = [7, 3, 25, 29, 6];
  const outer = polygon([
    [left, top],
    [right - fold, top],
    [right, top + fold],
    [right, bottom],
    [left, bottom],
  ]);
  const inner = polygon([
    [left + 2, top + 2],
    [right - fold - 0.8, top + 2],
    [right - 2, top + fold + 0.8],
    [right - 2, bottom - 2],
    [left + 2, bottom - 2],
  ]);
  const corner = polygon([
    [right - fold, top],
    [right - fold, top + fold],
    [right, top + fold],
  ]);
  const lines = union(rect(11, 13, 21, 15), rect(11, 17, 21, 19), rect(11, 21, 17, 23));
  return render(32, null, [{ shape: union(minus(outer, inner), corner, lines), color: WHITE }]);
}

fs.mkdirSync(MANIFEST_DIR, { recursive: true });
for (const [name, bytes] of [
  ['color.png', colorIcon()],
  ['outline.png', outlineIcon()],
]) {
  const file = path.join(MANIFEST_DIR, name);
  fs.writeFileSync(file, bytes);
  console.log(`Wrote ${path.relative(ROOT, file)} (${bytes.length} bytes)`);
}
