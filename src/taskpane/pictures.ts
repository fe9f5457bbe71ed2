/**
 * Pictures drawn from the assumptions as they are edited (SVG), each with a
 * text equivalent that says the same in words (the figure's caption, which
 * screen readers read; the drawing itself is hidden from them). The payout
 * curve is drawn by the core's own grrMultiplier, so the picture is the rule
 * the functions apply. Everything user-typed goes in as text nodes.
 */
import { Assumptions } from "../core/assumptions/types";
import { fmt } from "../core/errors";
import { grrMultiplier } from "../core/payout";
import { CsError } from "../core/errors";
import { h } from "./dom";

const SVG = "http://www.w3.org/2000/svg";
const W = 300;

type SvgAttrs = Record<string, string | number>;

function s(tag: string, attrs: SvgAttrs = {}, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function svg(height: number, ...children: SVGElement[]): SVGElement {
  const root = s("svg", {
    viewBox: `0 0 ${W} ${height}`,
    width: "100%",
    "aria-hidden": "true",
    focusable: "false",
    class: "picture-svg",
  });
  for (const c of children) root.appendChild(c);
  return root;
}

/** A figure: the drawing and its caption (the text equivalent). */
function figure(name: string, drawing: SVGElement, caption: string): HTMLElement {
  const fig = h("figure", { class: "picture", "data-picture": name });
  fig.appendChild(drawing);
  fig.appendChild(h("figcaption", {}, caption));
  return fig;
}

const pct = (v: number) => `${fmt(Math.round(v * 1000) / 10)}%`;
const money = (v: number) => `$${v.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
const short = (v: number) =>
  v >= 1e6
    ? `$${fmt(Math.round(v / 1e5) / 10)}M`
    : v >= 1e3
      ? `$${fmt(Math.round(v / 100) / 10)}k`
      : `$${fmt(v)}`;

/** The GRR payout curve (floor, target, stretch, multiples) and the expansion caps with the EBR gate. */
export function payoutPicture(a: Assumptions): HTMLElement {
  const p = a.payout;
  const segment =
    a.segments.find((x) => p.grr_floor < x.grr_target && x.grr_target < p.grr_stretch) ??
    a.segments[0];
  const target = segment?.grr_target ?? (p.grr_floor + p.grr_stretch) / 2;
  const lo = Math.max(0, p.grr_floor - 0.04);
  const hi = Math.min(1, p.grr_stretch + 0.02);
  const top = Math.max(p.stretch_multiple, p.expansion_cap, 1) * 1.1;
  const x = (g: number) => 30 + ((g - lo) / Math.max(hi - lo, 1e-6)) * (W - 40);
  const y = (m: number) => 100 - (m / top) * 88;
  const points: string[] = [];
  let ok = true;
  for (let i = 0; i <= 60; i++) {
    const g = lo + ((hi - lo) * i) / 60;
    const m = grrMultiplier(g, target, p);
    if (m instanceof CsError) {
      ok = false;
      break;
    }
    points.push(`${x(g).toFixed(1)},${y(m).toFixed(1)}`);
  }
  const marks: SVGElement[] = [];
  for (const [g, label] of [
    [p.grr_floor, "floor"],
    [target, "target"],
    [p.grr_stretch, "stretch"],
  ] as const) {
    marks.push(s("line", { x1: x(g), x2: x(g), y1: 12, y2: 100, class: "pic-guide" }));
    marks.push(s("text", { x: x(g), y: 112, "text-anchor": "middle", class: "pic-small" }, pct(g)));
    marks.push(s("text", { x: x(g), y: 123, "text-anchor": "middle", class: "pic-small" }, label));
  }
  const axis = [
    s("line", { x1: 30, x2: W - 10, y1: 100, y2: 100, class: "pic-axis" }),
    s("line", { x1: 30, x2: 30, y1: 8, y2: 100, class: "pic-axis" }),
    s("text", { x: 26, y: y(1) + 3, "text-anchor": "end", class: "pic-small" }, "1x"),
    s(
      "text",
      { x: 26, y: y(p.stretch_multiple) + 3, "text-anchor": "end", class: "pic-small" },
      `${fmt(p.stretch_multiple)}x`
    ),
    s(
      "text",
      { x: 26, y: y(p.floor_multiple) + 3, "text-anchor": "end", class: "pic-small" },
      `${fmt(p.floor_multiple)}x`
    ),
  ];
  const curve = ok
    ? [s("polyline", { points: points.join(" "), class: "pic-line" })]
    : [
        s(
          "text",
          { x: W / 2, y: 55, "text-anchor": "middle", class: "pic-small" },
          "Floor, target and stretch are out of order"
        ),
      ];
  // The expansion caps: the cap, and the lower cap below the EBR gate.
  const capY = 138;
  const capW = (m: number) => (m / top) * (W - 40);
  const caps = [
    s("rect", { x: 30, y: capY, width: capW(p.expansion_cap), height: 9, class: "pic-band-1" }),
    s(
      "text",
      { x: 32 + capW(p.expansion_cap), y: capY + 8, class: "pic-small" },
      `cap ${fmt(p.expansion_cap)}x`
    ),
    s("rect", {
      x: 30,
      y: capY + 13,
      width: capW(p.ebr_gated_cap),
      height: 9,
      class: "pic-band-3",
    }),
    s(
      "text",
      { x: 32 + capW(p.ebr_gated_cap), y: capY + 21, class: "pic-small" },
      `EBR < ${pct(p.ebr_gate)}: ${fmt(p.ebr_gated_cap)}x`
    ),
  ];
  const caption =
    `GRR pool pays ${fmt(p.floor_multiple)}x at or below ${pct(p.grr_floor)} GRR, ` +
    `1x at the ${segment ? `${segment.name} ` : ""}target ${pct(target)}, ` +
    `${fmt(p.stretch_multiple)}x at ${pct(p.grr_stretch)} and above. ` +
    `Expansion pool capped at ${fmt(p.expansion_cap)}x, ${fmt(p.ebr_gated_cap)}x when EBR completion is below ${pct(p.ebr_gate)}.`;
  return figure("payout", svg(capY + 26, ...axis, ...marks, ...curve, ...caps), caption);
}

/** The tiers' cut-lines on an ACV strip (square-root scale, so small tiers stay visible). */
export function tiersPicture(a: Assumptions): HTMLElement {
  const tiers = [...a.tiers]
    .filter((t) => Number.isFinite(t.min_acv))
    .sort((p, q) => p.min_acv - q.min_acv);
  const maxMin = Math.max(1, ...tiers.map((t) => t.min_acv));
  const end = maxMin * 1.6;
  const x = (v: number) => 6 + Math.sqrt(Math.max(0, v) / end) * (W - 12);
  const parts: SVGElement[] = [
    s("rect", { x: 6, y: 22, width: W - 12, height: 14, class: "pic-strip" }),
  ];
  tiers.forEach((t, i) => {
    const left = x(t.min_acv);
    const right = i + 1 < tiers.length ? x(tiers[i + 1].min_acv) : W - 6;
    parts.push(
      s("rect", {
        x: left,
        y: 22,
        width: Math.max(0, right - left),
        height: 14,
        class: `pic-band-${(i % 3) + 1}`,
      })
    );
    parts.push(s("line", { x1: left, x2: left, y1: 16, y2: 42, class: "pic-cut" }));
    const row = i % 2 === 0 ? 54 : 66;
    parts.push(s("text", { x: left + 1, y: row, class: "pic-small" }, `${short(t.min_acv)}`));
    parts.push(
      s(
        "text",
        { x: left + 1, y: i % 2 === 0 ? 12 : 12, class: "pic-small", "data-row": i % 2 },
        ""
      )
    );
  });
  // Tier names over the strip, alternating rows where they would collide.
  tiers.forEach((t, i) => {
    const left = x(t.min_acv);
    parts.push(
      s(
        "text",
        { x: left + 1, y: i % 2 === 0 ? 10 : 19, class: "pic-small pic-name" },
        t.name.slice(0, 14)
      )
    );
  });
  const caption = `Tiers by minimum ACV: ${tiers.map((t) => `${t.name} from ${money(t.min_acv)}`).join(", ")}.`;
  return figure("tiers", svg(72, ...parts), caption);
}

/** The expansion credit bands: CSM-owned, CSM-led, AE-led, by incremental ARR. */
export function expansionPicture(a: Assumptions): HTMLElement {
  const e = a.expansion;
  const end = Math.max(e.csm_led_up_to * 1.5, e.csm_owned_below * 2, 1);
  const x = (v: number) => 6 + (Math.min(v, end) / end) * (W - 12);
  const bands: [number, number, string, string][] = [
    [0, e.csm_owned_below, "CSM-owned 100%", "pic-band-1"],
    [e.csm_owned_below, e.csm_led_up_to, `CSM-led ${pct(e.csm_led_csm_share)}`, "pic-band-2"],
    [e.csm_led_up_to, end, `AE-led ${pct(e.ae_led_csm_share)}`, "pic-band-3"],
  ];
  const parts: SVGElement[] = [];
  bands.forEach(([from, to, label, cls], i) => {
    const w = Math.max(0, x(to) - x(from));
    parts.push(s("rect", { x: x(from), y: 8, width: w, height: 18, class: cls }));
    parts.push(
      s("text", { x: x(from) + 2, y: i === 1 ? 40 : i === 2 ? 52 : 40, class: "pic-small" }, label)
    );
  });
  parts.push(
    s(
      "text",
      { x: x(e.csm_owned_below), y: 64, "text-anchor": "middle", class: "pic-small" },
      short(e.csm_owned_below)
    )
  );
  parts.push(
    s(
      "text",
      { x: x(e.csm_led_up_to), y: 64, "text-anchor": "middle", class: "pic-small" },
      short(e.csm_led_up_to)
    )
  );
  const caption =
    `Expansion credit by incremental ARR: below ${money(e.csm_owned_below)} the CSM gets 100%; ` +
    `up to ${money(e.csm_led_up_to)} it is CSM-led and the CSM gets ${pct(e.csm_led_csm_share)}; ` +
    `above, it is AE-led and the CSM gets ${pct(e.ae_led_csm_share)}.`;
  return figure("expansion", svg(70, ...parts), caption);
}

/** The new-hire ramp: productivity by month, then fully productive. */
export function rampPicture(a: Assumptions): HTMLElement {
  const ramp = [...a.hiring.ramp, 1];
  const bw = Math.min(40, (W - 20) / ramp.length);
  const parts: SVGElement[] = [s("line", { x1: 6, x2: W - 6, y1: 60, y2: 60, class: "pic-axis" })];
  ramp.forEach((v, i) => {
    const hgt = Math.max(0, Math.min(1, v)) * 48;
    const last = i === ramp.length - 1;
    parts.push(
      s("rect", {
        x: 8 + i * bw,
        y: 60 - hgt,
        width: bw - 4,
        height: hgt,
        class: last ? "pic-band-2" : "pic-band-1",
      })
    );
    parts.push(
      s(
        "text",
        { x: 8 + i * bw + (bw - 4) / 2, y: 72, "text-anchor": "middle", class: "pic-small" },
        last ? "then" : `M${i + 1}`
      )
    );
  });
  const caption = `New hires are ${a.hiring.ramp.map((v, i) => `${pct(v)} productive in month ${i + 1}`).join(", ")}, then fully productive; hiring takes ${fmt(a.hiring.lead_months)} months.`;
  return figure("ramp", svg(76, ...parts), caption);
}
