"use strict";
/** The analyst's way without the add-in: native formulas in HyperFormula, the engine of cs-coverage. */

function nativeFormulas(assumptions) {
  const tiers = [...assumptions.tiers].sort((a, b) => a.min_acv - b.min_acv);
  const bounds = tiers.map((t, i) => ({
    tier: t,
    lo: t.min_acv,
    hi: i + 1 < tiers.length ? tiers[i + 1].min_acv : null,
  }));
  const between = (range, b) =>
    b.hi === null ? `${range},">=${b.lo}"` : `${range},">=${b.lo}",${range},"<${b.hi}"`;
  const x = assumptions.expansion;
  const p = assumptions.payout;
  const w = p.standard;
  const midMarket = assumptions.segments.find((s) => s.name === "Mid-Market");
  const target = midMarket.grr_target;
  return {
    /** Column B: the tier of the ACV in column A, highest minimum first. */
    tier: (r) =>
      `=IFS(${[...bounds]
        .reverse()
        .map((b) => `A${r}>=${b.lo},"${b.tier.name}"`)
        .join(",")})`,
    /** One cell: Σ COUNTIFS(accounts in the tier) / accounts per CSM. */
    requiredCsms: (rows) =>
      `=${bounds.map((b) => `COUNTIFS(${between(`A1:A${rows}`, b)})/${b.tier.csm_ratio}`).join("+")}`,
    /** The plan block: per tier Accounts, ARR, CSMs, AMs, TAMs, ARR per CSM; then Total. */
    coveragePlan: (rows) => {
      const range = `A1:A${rows}`;
      const block = bounds.map((b, i) => {
        const row = i + 1;
        const ratio = (value) => (value === null ? "=0" : `=C${row}/${value}`);
        return [
          b.tier.name,
          `=COUNTIFS(${between(range, b)})`,
          `=SUMIFS(${range},${between(range, b)})`,
          ratio(b.tier.csm_ratio),
          ratio(b.tier.am_ratio),
          ratio(b.tier.tam_ratio),
          `=IF(E${row}=0,"",D${row}/E${row})`,
        ];
      });
      const last = bounds.length;
      const sum = (col) => `=SUM(${col}1:${col}${last})`;
      block.push([
        "Total",
        sum("C"),
        sum("D"),
        sum("E"),
        sum("F"),
        sum("G"),
        `=D${last + 1}/E${last + 1}`,
      ]);
      return block;
    },
    /** Columns B and C: the CSM credit by band, to the cent, and the AE the rest. */
    expansionSplit: (r) => [
      `=ROUND(A${r}*IFS(A${r}<${x.csm_owned_below},1,A${r}<=${x.csm_led_up_to},${x.csm_led_csm_share},TRUE(),${x.ae_led_csm_share}),2)`,
      `=ROUND(A${r}-B${r},2)`,
    ],
    /** Column D: the payout multiple of GRR (A), NRR (B) and MBO (C), Mid-Market, standard plan. */
    variablePayout: (r) => {
      const grrCurve =
        `IFS(A${r}<=${p.grr_floor},${p.floor_multiple},A${r}>=${p.grr_stretch},${p.stretch_multiple},` +
        `A${r}<=${target},${p.floor_multiple}+(A${r}-${p.grr_floor})/(${target}-${p.grr_floor})*(1-${p.floor_multiple}),` +
        `TRUE(),1+(A${r}-${target})/(${p.grr_stretch}-${target})*(${p.stretch_multiple}-1))`;
      const expansionCurve = `MIN(MAX((B${r}-A${r})/${midMarket.expansion_target},0),${p.expansion_cap})`;
      const mboCurve = `MIN(MAX(C${r},0),1)`;
      return `=ROUND(${w.grr_weight}*${grrCurve}+${w.expansion_weight}*${expansionCurve}+${w.mbo_weight}*${mboCurve},12)`;
    },
  };
}

/**
 * One native job: the data goes into a fresh sheet before the clock starts
 * (setup), the timed part enters the formulas and computes them (run), and
 * the engine is dropped afterwards (teardown).
 */
function nativeJob(HyperFormula, data, formulasAt) {
  let hf = null;
  let sheet = 0;
  return {
    setup() {
      hf = HyperFormula.buildFromSheets(
        { Data: data },
        // As the cs-coverage engine is configured, with room for a million rows.
        { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false, maxRows: 1_048_576 }
      );
      sheet = hf.getSheetId("Data");
    },
    run() {
      const { col, cells } = formulasAt;
      hf.setCellContents({ sheet, col, row: 0 }, cells);
    },
    value(col, row) {
      return hf.getCellValue({ sheet, col, row });
    },
    teardown() {
      hf.destroy();
      hf = null;
    },
  };
}

function nativeJobs(HyperFormula, book, formulas) {
  const n = book.rows;
  const rowsOf = (fn) => Array.from({ length: n }, (_, r) => fn(r + 1));
  const paired = (column, ...more) =>
    column.map((row, r) => [row[0], ...more.map((other) => other[r][0])]);
  return {
    "CS.TIER": () =>
      nativeJob(HyperFormula, book.acv, { col: 1, cells: rowsOf((r) => [formulas.tier(r)]) }),
    "CS.REQUIRED_CSMS": () =>
      nativeJob(HyperFormula, book.acv, { col: 1, cells: [[formulas.requiredCsms(n)]] }),
    "CS.COVERAGE_PLAN": () =>
      nativeJob(HyperFormula, book.acv, { col: 1, cells: formulas.coveragePlan(n) }),
    "CS.EXPANSION_SPLIT": () =>
      nativeJob(HyperFormula, book.expansion, { col: 1, cells: rowsOf(formulas.expansionSplit) }),
    "CS.VARIABLE_PAYOUT": () =>
      nativeJob(HyperFormula, paired(book.grr, book.nrr, book.mbo), {
        col: 3,
        cells: rowsOf((r) => [formulas.variablePayout(r)]),
      }),
  };
}

module.exports = { nativeFormulas, nativeJobs };
