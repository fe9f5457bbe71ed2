#!/usr/bin/env node
/**
 * Draws the add-in icons (assets/icon-<size>.png): a teal rounded square with
 * a white "CS" monogram. Every shape is described in a 0..1 unit square and
 * sampled SAMPLES x SAMPLES times per pixel, so each size is anti-aliased from
 * the same geometry. Output is deterministic: run `npm run icons` after
 * changing this file and commit the PNGs.
 */
const fs = require("fs");
const path = require("path");
const { PNG } = require("pngjs");

const SIZES = [16, 32, 64, 80, 128];
const SAMPLES = 8;
const OUT_DIR = path.resolve(__dirname, "..", "assets");

const BACKGROUND = [14, 116, 144]; // teal
const FOREGROUND = [255, 255, 255];

const deg = (d) => (d * Math.PI) / 180;

/** Inside a rounded square inset by `margin` with corner radius `radius`. */
function inRoundedSquare(x, y, margin, radius) {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return dx * dx + dy * dy <= radius * radius;
}

/** Angle in degrees, -180..180, with y pointing down (screen coordinates). */
function angleOf(dx, dy) {
  return (Math.atan2(dy, dx) * 180) / Math.PI;
}

/**
 * Inside a stroked circular arc: centre (cx, cy), centre-line radius r, stroke
 * width w, drawn where `keep(angle)` is true, with round caps at `caps`.
 */
function inArc(x, y, arc) {
  const { cx, cy, r, w, keep, caps } = arc;
  const dx = x - cx;
  const dy = y - cy;
  const dist = Math.hypot(dx, dy);
  if (Math.abs(dist - r) <= w / 2 && keep(angleOf(dx, dy))) return true;
  return caps.some((a) => {
    const px = cx + r * Math.cos(deg(a));
    const py = cy + r * Math.sin(deg(a));
    return Math.hypot(x - px, y - py) <= w / 2;
  });
}

/**
 * The "CS" monogram. At 16 px the letters are drawn 15% larger (the square has
 * no margin there) and the stroke is never thinner than about 1.6 pixels.
 */
function monogram(size) {
  const k = size <= 16 ? 1.15 : 1;
  const w = Math.max(0.09 * k, 1.6 / size);
  const cR = 0.17 * k; // C centre-line radius
  const sR = 0.085 * k; // radius of each lobe of the S
  const mid = 0.5;
  const cX = mid - 0.16 * k;
  const sX = mid + 0.23 * k;
  return [
    // C: a ring open on the right.
    { cx: cX, cy: mid, r: cR, w, keep: (a) => Math.abs(a) >= 42, caps: [42, -42] },
    // S, upper lobe: from its upper-right end over the top and down the left to the middle.
    { cx: sX, cy: mid - sR, r: sR, w, keep: (a) => a >= 90 || a <= -25, caps: [-25] },
    // S, lower lobe: from the middle round the right side to its lower-left end.
    { cx: sX, cy: mid + sR, r: sR, w, keep: (a) => a >= -90 && a <= 155, caps: [155] },
  ];
}

function render(size) {
  const png = new PNG({ width: size, height: size });
  const arcs = monogram(size);
  const margin = size <= 16 ? 0 : 0.04;
  const radius = 0.2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (!inRoundedSquare(x, y, margin, radius)) continue;
          bg++;
          if (arcs.some((arc) => inArc(x, y, arc))) fg++;
        }
      }
      const total = SAMPLES * SAMPLES;
      const alpha = bg / total;
      const f = bg === 0 ? 0 : fg / bg;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        png.data[i + c] = Math.round(BACKGROUND[c] * (1 - f) + FOREGROUND[c] * f);
      }
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    fs.writeFileSync(file, render(size));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

main();
