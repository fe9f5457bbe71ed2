/**
 * The pane's workbook buttons in headless Chromium, as if in Excel: the page
 * gets a stand-in office.js (fake-office.js) whose workbook holds a pasted
 * CRM export. Hostile headers and ACV values must show as text; questions
 * (which ACV column, replace the earlier plan?) are inline, never dialogs;
 * cancelling changes nothing in the workbook.
 */
import * as fs from "fs";
import * as path from "path";
import { Page } from "playwright-core";
import { axeViolations, docScreenshot, screenshot, usePanePages } from "./harness";

jest.setTimeout(120_000);

// The limit-enforcing workbook, then the office.js stand-in on top of it.
const FAKE_OFFICE = [
  fs.readFileSync(path.join(__dirname, "..", "helpers", "fake-excel.js"), "utf8"),
  fs.readFileSync(path.join(__dirname, "fake-office.js"), "utf8"),
].join("\n");

const pane = usePanePages();
let page: Page;

interface FakeWorkbook {
  sheets: string[];
  selection: unknown[][];
  grids?: Record<string, unknown[][]>;
  hidden?: string[];
  tables?: Record<string, string>;
  writes?: string[];
  syncDelay?: number;
  hold?: boolean;
  failWritesTo?: string;
  /** A sheet's hidden rows (0-based), as a filter leaves them. */
  hiddenRows?: Record<string, number[]>;
}

/** Opens the pane "in Excel" with this workbook; `prepare` runs in the page first (to make big sheets there). */
async function openInExcel(
  workbook: FakeWorkbook,
  prepare?: { script: (arg: number) => void; arg: number }
): Promise<void> {
  page = await pane.open();
  await page.route("**/office-js/office.js", (route) =>
    route.fulfill({ contentType: "text/javascript; charset=utf-8", body: FAKE_OFFICE })
  );
  await page.addInitScript((book) => {
    (window as unknown as { fakeWorkbook: unknown }).fakeWorkbook = book;
  }, workbook);
  await page.setViewportSize({ width: 320, height: 600 });
  if (prepare) await page.addInitScript(prepare.script, prepare.arg);
  await page.goto(`${pane.url()}/taskpane.html`);
  await page.waitForSelector("#view-plan:not([hidden]) #build-plan");
  // The functions registered first, and were released by the pane's load.
  expect(
    await page.evaluate(
      () =>
        (window as unknown as { fakeWorkbook: { associated: string[] } }).fakeWorkbook.associated
          .length
    )
  ).toBe(25);
}

const writes = () =>
  page.evaluate(() => (window as unknown as { fakeWorkbook: FakeWorkbook }).fakeWorkbook.writes);
const text = (selector: string) => page.textContent(selector).then((t) => (t ?? "").trim());
const waitForStatus = (pattern: RegExp) =>
  page.waitForFunction(
    (source) =>
      new RegExp(source).test(document.getElementById("workbook-status")?.textContent ?? ""),
    pattern.source
  );

/** The reconciliation block, line by line: [label, figure]. */
const reconciliation = () =>
  page.$$eval("#reconciliation tr", (rows) =>
    rows.map((row) => [
      row.querySelector("th")?.textContent ?? "",
      row.querySelector("td")?.textContent ?? "",
    ])
  );

const XSS_IMG = "<img src=x onerror=alert(1)>";
const XSS_SCRIPT = "<script>alert(2)</script>";

test("an export with two ACV-like columns asks which one, inline; Cancel writes nothing", async () => {
  await openInExcel({
    sheets: ["Export"],
    selection: [
      ["Account Name", "ACV", "Contract Value", "Annual Revenue"],
      [XSS_IMG, 80000, 82000, 5e9],
      ["Globex", "$12,000", "$12,500", 1e8],
    ],
  });
  await page.click("#build-plan");
  await page.waitForSelector("#acv-question:not([hidden])");
  expect(await text("#acv-question-text")).toBe(
    'Which column holds the ACV? Candidates: "ACV", "Contract Value".'
  );
  // Annual Revenue (the customer's company revenue) is never offered.
  expect(await page.$$eval("#acv-choice option", (o) => o.map((x) => x.textContent))).toEqual([
    "ACV",
    "Contract Value",
  ]);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("acv-choice");
  // Evidence for the chosen column: where it is, what it holds, how full, its total.
  expect(await page.$$eval("#acv-evidence dd", (d) => d.map((x) => x.textContent))).toEqual([
    "B",
    "80000 · $12,000",
    "2 of 2 rows (100%)",
    "$92k",
  ]);
  await page.selectOption("#acv-choice", "Contract Value");
  expect(await page.$$eval("#acv-evidence dd", (d) => d.map((x) => x.textContent))).toEqual([
    "C",
    "82000 · $12,500",
    "2 of 2 rows (100%)",
    "$95k",
  ]);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "7-acv-question");
  await docScreenshot(page, "pane-acv-question-320");
  // Escape answers Cancel.
  await page.keyboard.press("Escape");
  await waitForStatus(/^Build cancelled/);
  expect(await text("#workbook-status")).toBe("Build cancelled: no ACV column was chosen.");
  expect(await page.isHidden("#acv-question")).toBe(true);
  expect(await writes()).toEqual([]);
});

test("only a monthly column: the question says x12 and asks for confirmation", async () => {
  await openInExcel({
    sheets: ["Export"],
    selection: [
      ["Company", "MRR", "Annual Revenue"],
      ["Initech", 1000, 2e7],
    ],
  });
  await page.click("#build-plan");
  await page.waitForSelector("#acv-question:not([hidden])");
  expect(await text("#acv-question-text")).toBe(
    'The only recurring-revenue column is "MRR" (monthly). Plan on it multiplied by 12?'
  );
  expect(await text("#acv-choice-label")).toBe("Monthly column (x12)");
  await page.click("#acv-cancel");
  await waitForStatus(/^Build cancelled/);
  expect(await writes()).toEqual([]);
});

test("hostile ACV values are listed as text with their row numbers, and nothing is built", async () => {
  await openInExcel({
    sheets: ["Export"],
    selection: [
      ["Account", "ACV"],
      ["Acme", XSS_IMG],
      ["Globex", XSS_SCRIPT],
      ["Initech", -500],
    ],
  });
  await page.click("#build-plan");
  await waitForStatus(/^None of the 3 account rows/);
  // The message names the first bad row, its value shown as text (never run as HTML).
  expect(await text("#workbook-status")).toBe(
    `None of the 3 account rows has a usable ACV, so there is nothing to plan; the first: row 2 (ACV "${XSS_IMG}"): "${XSS_IMG}" is not an amount. Use a number such as 80000, "$80,000", "80k" or "1.2M".`
  );
  // An error is styled as one, in words.
  expect(await page.getAttribute("#workbook-status", "class")).toBe("status-error");
  const items = await page.$$eval("#skipped-list li", (li) => li.map((x) => x.textContent));
  // Grouped by reason, each row with its number and value as the export has it.
  expect(items).toEqual([
    `2 rows: The ACV is not an amount. Rows 2 (${JSON.stringify(XSS_IMG)}), 3 (${JSON.stringify(XSS_SCRIPT)}).`,
    "1 row: The ACV is negative (a credit note or refund?). Row 4 (-500).",
  ]);
  // Shown as characters: no element was made from them anywhere in the page.
  expect(await page.$$("#skipped-list img, #skipped-list script, #workbook-status *")).toEqual([]);
  expect(await page.evaluate(() => document.querySelectorAll("img[src='x']").length)).toBe(0);
  await screenshot(page, "8-hostile-acv-values");
  expect(await writes()).toEqual([]);
});

test("a long refusal (a renewal beside the deal it renewed) wraps at 320 px: all of it in view, nothing written", async () => {
  await openInExcel({
    sheets: ["Export"],
    selection: [
      ["Opportunity Name", "Account Name", "Stage", "ARR", "Close Date"],
      ["Acme - 2025 Renewal", "Acme", "Closed Won", 100000, "2025-03-01"],
      ["Acme - 2026 Renewal", "Acme", "Closed Won", 110000, "2026-03-01"],
    ],
  });
  await page.click("#build-plan");
  await waitForStatus(/has rows whose terms follow one another/);
  // The refusal of test/plan/deal-exports (row 2's year ended 2026-03-01, before today).
  expect(await text("#workbook-status")).toContain(
    '"Acme" has rows whose terms follow one another: row 2 starts 2025-03-01 ("Close Date") for 12 months and row 3 starts 2026-03-01'
  );
  // In the pane's words: the Build option, not the command line's --all-statuses.
  expect(await text("#workbook-status")).toMatch(
    /to plan every row as it is, non-customers included, tick "Include non-customers" under Build options$/
  );
  expect(await page.getAttribute("#workbook-status", "class")).toBe("status-error");
  // Wrapped, not cut: no sideways scrolling, the message no wider than the pane.
  const fit = await page.evaluate(() => {
    const status = document.getElementById("workbook-status") as HTMLElement;
    const box = status.getBoundingClientRect();
    return {
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      overflow: status.scrollWidth - status.clientWidth,
      right: Math.ceil(box.right),
      // "normal" line height has no number: take 1.4 times the font size for it.
      lines: Math.round(
        box.height /
          (parseFloat(getComputedStyle(status).lineHeight) ||
            parseFloat(getComputedStyle(status).fontSize) * 1.4)
      ),
    };
  });
  expect(fit.sideways).toBeLessThanOrEqual(0);
  expect(fit.overflow).toBeLessThanOrEqual(0);
  expect(fit.right).toBeLessThanOrEqual(320);
  // About 520 characters at 320 px are many lines, not one clipped line.
  expect(fit.lines).toBeGreaterThan(5);
  await screenshot(page, "8b-long-refusal-320");
  expect(await writes()).toEqual([]);
});

test("a filtered export: the hidden rows are planned like the others and the status names them", async () => {
  await openInExcel({
    sheets: ["Export"],
    selection: [
      ["Account Name", "Region", "ARR"],
      ["Acme", "EMEA", 120000],
      ["Globex", "AMER", 50000],
      ["Initech", "EMEA", 30000],
    ],
    // Filtered to EMEA: Globex's row (sheet row 3) hidden.
    hiddenRows: { Export: [2] },
  });
  await page.click("#build-plan");
  await waitForStatus(/^Coverage plan built/);
  // 3 accounts: Excel's SUM and the command line read hidden rows too.
  expect(await text("#workbook-status")).toMatch(/^Coverage plan built from 3 accounts/);
  expect(await text("#workbook-status")).toContain(
    "Warning: row 3 is hidden in the sheet (filtered out or hidden by hand) and was read like the others; delete it from the export if its account should not be planned."
  );
});

test("past 20 skipped rows the pane lists 20 and counts the rest", async () => {
  const selection: unknown[][] = [["Account", "ACV"]];
  for (let i = 1; i <= 23; i++) selection.push([`Account ${i}`, "TBD"]);
  await openInExcel({ sheets: ["Export"], selection });
  await page.click("#build-plan");
  await waitForStatus(/^None of the 23 account rows/);
  const items = await page.$$eval("#skipped-list li", (li) => li.map((x) => x.textContent));
  const rows = Array.from({ length: 20 }, (_, i) => `${i + 2} ("TBD")`).join(", ");
  // One group; 20 rows listed and the rest counted (nothing was built, so no sheet to point to).
  expect(items).toEqual([`23 rows: The ACV is not an amount. Rows ${rows} …and 3 more rows.`]);
  expect(await writes()).toEqual([]);
});

test("a whole build: progress by chunk, the plan sheets written, bad rows listed", async () => {
  // 4,500 accounts (three chunks of 2,000 at most) and two rows that cannot be planned.
  const selection: unknown[][] = [["Account Name", "ACV", "Account Owner"]];
  for (let i = 1; i <= 4500; i++)
    selection.push([`Account ${i}`, 1000 * (i % 300), `CSM ${i % 7}`]);
  selection.splice(10, 0, ["Bad one", "see contract", "CSM 1"]);
  selection.splice(20, 0, ["Credit note", -2500, "CSM 2"]);
  await openInExcel({ sheets: ["Export"], selection });
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statusLog: string[] }).statusLog = seen;
    const status = document.getElementById("workbook-status")!;
    new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await page.click("#build-plan");
  await waitForStatus(/^Coverage plan built/);
  // The status says what was built; the figures are in the reconciliation block.
  expect(await text("#workbook-status")).toBe(
    "Coverage plan built from 4,500 accounts; 2 rows left out (see the CS Skipped rows sheet)."
  );
  // 4,500 accounts + 2 bad rows read; ARR is 1,000 x (i mod 300) over 15 full cycles of
  // 0..299, 15 x 44,850 x 1,000 = $672,750,000, all of it planned; no activity column, so no
  // coverage quality. CS cost by tier, 15 accounts per ACV value: Tech-Touch (0-14k) 225 / 175
  // x $115,000 = 147,857.14; Pooled (15-49k) 525 / 50 x $145,000 = 1,522,500; Mid-Market
  // (50-99k) 750 / 32 x $145,000 = 3,398,437.50; Enterprise (100-249k) 2,250 / 30 x $190,000
  // = 14,250,000; Strategic (250-299k) 750 / 11 x $190,000 = 12,954,545.45; $32,273,340.
  expect(await reconciliation()).toEqual([
    ["Rows read", "4,502"],
    ["Accounts planned", "4,500"],
    ["Rows left out", "2"],
    ["ACV not an amount", "1"],
    ["ACV negative (credit notes, refunds)", "1"],
    ["ARR in the file", "$672,750,000"],
    ["ARR planned", "$672,750,000"],
    ["Coverage quality", "n/a"],
    ["CS cost a year", "$32,273,340"],
  ]);
  const log = await page.evaluate(() => (window as unknown as { statusLog: string[] }).statusLog);
  expect(log).toEqual(
    expect.arrayContaining([
      "Writing accounts: 2,000 of 4,500…",
      "Writing accounts: 4,000 of 4,500…",
      "Writing accounts: 4,500 of 4,500…",
    ])
  );
  expect(await page.$$eval("#skipped-list li", (li) => li.map((x) => x.textContent))).toEqual([
    '1 row: The ACV is not an amount. Row 11 ("see contract").',
    "1 row: The ACV is negative (a credit note or refund?). Row 21 (-2500).",
  ]);
  // The summary: accounts and CSMs by tier, with a total, and the way to the CS Plan sheet.
  expect(await text("#plan-summary tfoot tr")).toMatch(/^Total4,500/);
  expect(await text("#go-to-plan")).toBe("Go to the CS Plan sheet");
  expect(await axeViolations(page)).toEqual([]);
  await docScreenshot(page, "pane-plan-built-320", true);
  expect(await page.isHidden("#plan-progress")).toBe(true);
  const written = (await writes()) ?? [];
  for (const sheet of ["CS Accounts", "CS Plan", "CS Books", "CS Assumptions", "CS Skipped rows"])
    expect(written).toContain(`worksheets.add ${sheet}`);
  await screenshot(page, "9-plan-built");
});

test("an earlier plan is replaced only after the user says so", async () => {
  await openInExcel({
    sheets: ["Export", "CS Plan", "CS Accounts"],
    selection: [
      ["Account", "ACV"],
      ["Acme", 80000],
    ],
  });
  await page.click("#build-plan");
  await page.waitForSelector("#replace-question:not([hidden])");
  expect(await text("#replace-question-text")).toBe(
    "This workbook already has CS Plan, CS Accounts. Building again replaces those sheets, including anything typed on them. Replace?"
  );
  await page.click("#replace-cancel");
  await waitForStatus(/^Nothing changed/);
  expect(await writes()).toEqual([]);
  // The buttons work again after a question is answered.
  expect(await page.$eval("#build-plan", (b) => (b as HTMLButtonElement).disabled)).toBe(false);
});

test("Repair and Recalculate over a 100,000-row CS Accounts sheet: chunks within the web's limits, with progress", async () => {
  // Made in the page: 12 columns as the builder writes them, the CS columns in their stored
  // _xldudf_ form (a workbook opened while the add-in was not loaded).
  const makeAccounts = (rows: number) => {
    const grid: unknown[][] = [
      ["Account Name", "Owner", "Revenue", "ACV", "Last Activity", "Region", "Industry", "Stage"],
    ];
    grid[0].push("CS ACV", "Tier", "Segment", "Coverage model");
    for (let i = 0; i < rows; i++) {
      const r = i + 2;
      grid.push([
        `Account ${i} Holdings`,
        `CSM ${i % 40}`,
        1_000_000 + i,
        `$${5 + (i % 300)},000`,
        46000 + (i % 365),
        "EMEA",
        "Software",
        "Active",
        5000 + (i % 300) * 1000,
        `=_xldudf_CS_TIER(I${r})`,
        `=_xldudf_CS_SEGMENT(J${r})`,
        `=_xldudf_CS_COVERAGE_MODEL(J${r})`,
      ]);
    }
    const w = window as unknown as { fakeWorkbook: { grids?: Record<string, unknown[][]> } };
    w.fakeWorkbook.grids = { "CS Accounts": grid };
  };
  await openInExcel(
    { sheets: ["Export", "CS Accounts"], selection: [["Account", "ACV"]] },
    { script: makeAccounts, arg: 100_000 }
  );
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statusLog: string[] }).statusLog = seen;
    const status = document.getElementById("workbook-status")!;
    new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  const stats = () =>
    page.evaluate(() => {
      const s = (
        window as unknown as {
          fakeWorkbook: {
            stats: { refused: string[]; largestRequest: number; largestResponse: number };
          };
        }
      ).fakeWorkbook.stats;
      return {
        refused: s.refused,
        largestRequest: s.largestRequest,
        largestResponse: s.largestResponse,
      };
    });

  await page.click("#repair");
  await waitForStatus(/^Re-entered/);
  expect(await text("#workbook-status")).toBe(
    "Re-entered 300,000 CS formulas so Excel binds them to the add-in."
  );
  await page.click("#recalc");
  await waitForStatus(/^Recalculated/);
  expect(await text("#workbook-status")).toBe("Recalculated 300,000 CS formulas.");

  const after = await stats();
  expect(after.refused).toEqual([]);
  expect(after.largestRequest).toBeLessThanOrEqual(5_000_000);
  expect(after.largestResponse).toBeLessThanOrEqual(5_000_000);
  const log = await page.evaluate(() => (window as unknown as { statusLog: string[] }).statusLog);
  // Both sheets' rows (the export's one, the accounts' header and 100,000).
  expect(log).toEqual(
    expect.arrayContaining([
      "Repairing: 100,002 of 100,002 rows looked at…",
      "Recalculating: 100,002 of 100,002 rows looked at…",
    ])
  );
  expect(log.filter((line) => line.startsWith("Recalculating: ")).length).toBeGreaterThan(2);
  expect(await page.isHidden("#plan-progress")).toBe(true);
  expect(
    await page.evaluate(() => {
      const grid = (window as unknown as { fakeWorkbook: { grids: Record<string, unknown[][]> } })
        .fakeWorkbook.grids["CS Accounts"];
      return grid[100_000].slice(9);
    })
  ).toEqual(["=CS.TIER(I100001)", "=CS.SEGMENT(J100001)", "=CS.COVERAGE_MODEL(J100001)"]);
});

test("outside Excel the workbook buttons are not offered", async () => {
  page = await pane.open();
  await page.goto(`${pane.url()}/taskpane.html`);
  await page.waitForSelector("#view-assumptions:not([hidden]) #editor");
  expect(await page.isHidden("#workbook-actions")).toBe(true);
  expect(await page.isHidden("#tab-plan")).toBe(true);
});

test("in Excel the Plan view opens first, Build coverage plan in its first screen, one primary button; axe clean", async () => {
  await openInExcel({ sheets: ["Export"], selection: [["Account", "ACV"]] });
  expect(await page.getAttribute("#tab-plan", "aria-selected")).toBe("true");
  const box = await page.$eval("#build-plan", (b) => b.getBoundingClientRect().bottom);
  expect(box).toBeLessThanOrEqual(600);
  expect(await page.$$eval('#view-plan fluent-button[appearance="primary"]', (b) => b.length)).toBe(
    1
  );
  expect(await axeViolations(page)).toEqual([]);
  await docScreenshot(page, "pane-plan-320");
  // The arrow keys move between the views.
  await page.focus("#tab-plan");
  await page.keyboard.press("ArrowRight");
  expect(await page.getAttribute("#tab-assumptions", "aria-selected")).toBe("true");
  expect(await page.isHidden("#view-plan")).toBe(true);
  expect(
    await page.$$eval('#view-assumptions fluent-button[appearance="primary"]', (b) => b.length)
  ).toBe(1);
});

test("after a build, a draft shows its impact on the plan before Apply, computed over the plan's accounts", async () => {
  // Four Strategic accounts (ACV at or above 250,000): 4 / 11 accounts per CSM = 0.36 CSM,
  // at the Enterprise CSM's OTE of 145,000 + 45,000 = 190,000 a year.
  await openInExcel({
    sheets: ["Export"],
    selection: [
      ["Account", "ACV"],
      ["A", 300000],
      ["B", 300000],
      ["C", 400000],
      ["D", 500000],
    ],
  });
  await page.click("#build-plan");
  await waitForStatus(/^Coverage plan built/);
  await page.click("#tab-assumptions");
  expect(await text("#impact")).toBe("If applied: no change to CSMs needed (0.4) or cost.");
  await page.evaluate(() => {
    const body = document.querySelector<HTMLElement>('[data-item="tiers.4"]');
    if (body?.hidden) document.querySelector<HTMLElement>('[data-toggle="tiers.4"]')?.click();
  });
  await page.fill("#f-tiers_46_4_46_csm_ratio", "4");
  // 4 / 4 = 1.0 CSM; cost 190,000 - 4/11 x 190,000 = +120,909.
  expect(await text("#impact")).toBe(
    "If applied: CSMs needed 0.4 -> 1.0, cost +$121k (over the plan's 4 accounts)."
  );
  await page.fill("#f-tiers_46_4_46_csm_ratio", "2");
  expect(await text("#impact")).toBe(
    "If applied: CSMs needed 0.4 -> 2.0, cost +$311k (over the plan's 4 accounts)."
  );
  expect(await axeViolations(page)).toEqual([]);
  await docScreenshot(page, "pane-impact-320");
});

// ---------------------------------------------------------------------------
// Cancel and failure leave the workbook as it was

/** An export of `n` accounts (more than one chunk of 2,000 from 2,001 on). */
function bigExport(n: number): unknown[][] {
  const rows: unknown[][] = [["Account Name", "ACV", "Account Owner"]];
  for (let i = 1; i <= n; i++) rows.push([`Account ${i}`, 1000 * (i % 300), `CSM ${i % 7}`]);
  return rows;
}

/** An earlier plan as the pane would find it: sheets among the user's, one hidden, the accounts table. */
const EARLIER_GRIDS: Record<string, unknown[][]> = {
  "CS Plan": [
    ["Coverage plan", ""],
    ["Accounts", "=ROWS(CSAccounts)"],
    ["Typed by the analyst", 42],
  ],
  "CS Accounts": [
    ["Account Name", "ACV", "CS ACV", "Tier"],
    ["Old Co", "$90,000", 90000, "=CS.TIER(C2)"],
  ],
  "CS Skipped rows": [["Row", "Value", "Reason"]],
};
const EARLIER: FakeWorkbook = {
  sheets: ["Export", "CS Plan", "Notes", "CS Accounts", "CS Skipped rows"],
  selection: bigExport(4500),
  grids: EARLIER_GRIDS,
  hidden: ["CS Skipped rows"],
  tables: { CSAccounts: "CS Accounts" },
};
const EARLIER_SHEETS = [
  { name: "Export", visibility: "Visible" },
  { name: "CS Plan", visibility: "Visible" },
  { name: "Notes", visibility: "Visible" },
  { name: "CS Accounts", visibility: "Visible" },
  { name: "CS Skipped rows", visibility: "Hidden" },
];

interface Workbook {
  sheets: { name: string; visibility: string }[];
  tables: { name: string; sheet: string }[];
  active: string | null;
  grids: Record<string, unknown[][]>;
  refused: string[];
  largestRequest: number;
  largestResponse: number;
}

/** What the stand-in workbook holds now: sheets in order, tables, the active sheet, cells, limits. */
const workbookNow = () =>
  page.evaluate(() => {
    const w = (
      window as unknown as {
        fakeWorkbook: {
          sheetsNow(): { name: string; visibility: string }[];
          tablesNow(): { name: string; sheet: string }[];
          activeNow(): string | null;
          grids?: Record<string, unknown[][]>;
          stats: { refused: string[]; largestRequest: number; largestResponse: number };
        };
      }
    ).fakeWorkbook;
    return {
      sheets: w.sheetsNow(),
      tables: w.tablesNow(),
      active: w.activeNow(),
      grids: w.grids ?? {},
      refused: w.stats.refused,
      largestRequest: w.stats.largestRequest,
      largestResponse: w.stats.largestResponse,
    };
  }) as Promise<Workbook>;

const setFake = (values: Partial<FakeWorkbook>) =>
  page.evaluate((v) => {
    Object.assign((window as unknown as { fakeWorkbook: object }).fakeWorkbook, v);
  }, values);

/** Every sync within Excel on the web's limits (5 MB each way), none refused. */
function withinLimits(book: Workbook): void {
  expect(book.refused).toEqual([]);
  expect(book.largestRequest).toBeLessThanOrEqual(5_000_000);
  expect(book.largestResponse).toBeLessThanOrEqual(5_000_000);
}

/** Build over an earlier plan: the pane asks whether to replace it, and the user says Replace. */
async function buildReplacingEarlierPlan(): Promise<void> {
  await page.click("#build-plan");
  await page.waitForSelector("#replace-question:not([hidden])");
  await page.click("#replace-ok");
}

/** Starts a build and holds it while it writes the accounts (syncs wait until let go). */
async function holdMidBuild(replace: boolean): Promise<void> {
  await setFake({ syncDelay: 150 });
  if (replace) await buildReplacingEarlierPlan();
  else await page.click("#build-plan");
  await waitForStatus(/^Writing accounts: 2,000 of 4,500/);
  await setFake({ hold: true });
}

test("Cancel during a first build removes what it added: the workbook is as it was; axe clean while it runs", async () => {
  await openInExcel({ sheets: ["Export", "Notes"], selection: bigExport(4500) });
  await holdMidBuild(false);
  // A running build: progress, Cancel offered, the other buttons off, and nothing for axe to object to.
  expect(await page.isVisible("#plan-progress")).toBe(true);
  expect(await page.isVisible("#build-cancel")).toBe(true);
  expect(await page.$eval("#build-plan", (b) => (b as HTMLButtonElement).disabled)).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  await docScreenshot(page, "pane-build-running-320");
  // The new sheets exist while it runs.
  expect((await workbookNow()).sheets.map((s) => s.name)).toContain("CS Accounts");
  await page.click("#build-cancel");
  expect(await text("#workbook-status")).toBe("Cancelling after the current chunk of rows…");
  await setFake({ hold: false });
  await waitForStatus(/^Build cancelled/);
  expect(await text("#workbook-status")).toBe(
    "Build cancelled: the sheets it had added were removed, so the workbook is as it was."
  );
  const book = await workbookNow();
  expect(book.sheets).toEqual([
    { name: "Export", visibility: "Visible" },
    { name: "Notes", visibility: "Visible" },
  ]);
  expect(book.tables).toEqual([]);
  expect(book.active).toBe("Export");
  withinLimits(book);
  expect(await page.isHidden("#build-cancel")).toBe(true);
  expect(await page.isHidden("#plan-summary")).toBe(true);
  expect(await page.$eval("#build-plan", (b) => (b as HTMLButtonElement).disabled)).toBe(false);
});

test("Cancel during a rebuild puts the earlier plan back exactly: names, order, visibility, table, cells", async () => {
  await openInExcel(EARLIER);
  await holdMidBuild(true);
  // Meanwhile the earlier sheets are aside, renamed and hidden, and the new ones hold the names.
  const during = await workbookNow();
  expect(during.sheets.filter((s) => s.name.endsWith("(previous)"))).toEqual([
    { name: "CS Plan (previous)", visibility: "Hidden" },
    { name: "CS Accounts (previous)", visibility: "Hidden" },
    { name: "CS Skipped rows (previous)", visibility: "Hidden" },
  ]);
  expect(during.tables).toEqual([{ name: "CSAccounts_previous", sheet: "CS Accounts (previous)" }]);
  await page.click("#build-cancel");
  await setFake({ hold: false });
  await waitForStatus(/^Build cancelled/);
  expect(await text("#workbook-status")).toBe(
    "Build cancelled: the sheets it had added were removed and the earlier CS Plan, CS Accounts, CS Skipped rows are back as they were."
  );
  const book = await workbookNow();
  expect(book.sheets).toEqual(EARLIER_SHEETS);
  expect(book.tables).toEqual([{ name: "CSAccounts", sheet: "CS Accounts" }]);
  expect(book.active).toBe("Export");
  // Every cell of the earlier plan as it was (nothing was written to those sheets).
  for (const [name, grid] of Object.entries(EARLIER_GRIDS)) expect(book.grids[name]).toEqual(grid);
  withinLimits(book);
});

test("a failure mid-rebuild (Excel refuses a batch) puts the earlier plan back and says what failed", async () => {
  await openInExcel({ ...EARLIER, failWritesTo: "CS Books" });
  await buildReplacingEarlierPlan();
  await waitForStatus(/^Could not build/);
  expect(await text("#workbook-status")).toBe(
    "Could not build the coverage plan: The argument is invalid or missing or has an incorrect format. (a write refused on CS Books)"
  );
  expect(await page.getAttribute("#workbook-status", "class")).toBe("status-error");
  const book = await workbookNow();
  expect(book.sheets).toEqual(EARLIER_SHEETS);
  expect(book.tables).toEqual([{ name: "CSAccounts", sheet: "CS Accounts" }]);
  for (const [name, grid] of Object.entries(EARLIER_GRIDS)) expect(book.grids[name]).toEqual(grid);
  // The build had got as far as the small sheets: the accounts were written, then removed.
  expect(await writes()).toEqual(
    expect.arrayContaining(["worksheets.add CS Books", "worksheet.delete CS Books"])
  );
});

test("a finished rebuild replaces the earlier plan: its sheets and table go, a leftover of an interrupted build stays", async () => {
  await openInExcel({
    ...EARLIER,
    selection: [
      ["Account", "ACV"],
      ["Acme", 80000],
    ],
    // Left by a build the user interrupted by closing Excel: not the pane's to delete.
    sheets: [...EARLIER.sheets, "CS Plan (previous)"],
    hidden: ["CS Skipped rows", "CS Plan (previous)"],
  });
  await buildReplacingEarlierPlan();
  await waitForStatus(/^Coverage plan built/);
  const book = await workbookNow();
  expect(book.sheets).toEqual([
    { name: "Export", visibility: "Visible" },
    { name: "Notes", visibility: "Visible" },
    { name: "CS Plan (previous)", visibility: "Hidden" },
    { name: "CS Plan", visibility: "Visible" },
    { name: "CS Accounts", visibility: "Visible" },
    { name: "CS Assumptions", visibility: "Visible" },
  ]);
  // No owner column and no bad row: no CS Books or CS Skipped rows this time, and the earlier
  // (hidden) CS Skipped rows went with the rest of the earlier plan. The earlier CS Plan went
  // aside as "CS Plan (previous) 2" (the plain name was taken), then was deleted.
  expect(await writes()).toContain("worksheet.rename CS Plan -> CS Plan (previous) 2");
  expect(book.tables).toEqual([{ name: "CSAccounts", sheet: "CS Accounts" }]);
  expect(book.active).toBe("CS Plan");
  withinLimits(book);
});

/** A Salesforce-like export: two contract rows of one account, a prospect, two unusable ACVs, a grand total. */
const CONTRACT_EXPORT: unknown[][] = [
  ["Account ID", "Account Name", "ACV", "Type"],
  ["A1", "Acme", 300000, "Customer"],
  ["A1", "Acme", 100000, "Customer"],
  ["A2", "Globex", 60000, "Customer"],
  ["A3", "Initech", 20000, "Customer"],
  ["A4", "Hooli", 5000, "Customer"],
  ["A5", "Umbrella", 90000, "Prospect"],
  ["A6", "Bad Co", "see contract", "Customer"],
  ["A7", "Credit", -2500, "Customer"],
  ["Grand Totals (8 records)", "", 572500, ""],
];

test("the reconciliation after a build, figures worked out by hand: combined rows, a grand total set aside, a prospect left out", async () => {
  await openInExcel({
    sheets: ["Export"],
    selection: CONTRACT_EXPORT,
  });
  await page.click("#build-plan");
  await waitForStatus(/^Coverage plan built/);
  // Planned: Acme 300,000 + 100,000 (one account, Strategic), Globex 60,000 (Mid-Market),
  // Initech 20,000 (Pooled), Hooli 5,000 (Tech-Touch): 4 accounts, $485,000. Read: those 5
  // rows + Umbrella (a prospect) + 2 unusable ACVs = 8; the grand total is set aside. ARR in
  // the file: every readable ACV of 0 or more, 485,000 + 90,000 = $575,000. CS cost: Strategic
  // 1/11 x $190,000 = 17,272.73; Mid-Market 1/32 x $145,000 = 4,531.25; Pooled 1/50 x $145,000
  // = 2,900; Tech-Touch 1/175 x $115,000 = 657.14; $25,361.
  expect(await reconciliation()).toEqual([
    ["Rows read", "8"],
    ["Accounts planned", "4"],
    ["Rows combined into an account above them", "1"],
    ["Rows left out", "3"],
    ["Not customers (by status)", "1"],
    ['Status "Prospect"', "1"],
    ["ACV not an amount", "1"],
    ["ACV negative (credit notes, refunds)", "1"],
    ["Report rows set aside (titles, totals, footers; not in rows read)", "1"],
    ["ARR in the file", "$575,000"],
    ["ARR planned", "$485,000"],
    ["ARR not planned (rows left out)", "$90,000"],
    ["Coverage quality", "n/a"],
    ["CS cost a year", "$25,361"],
  ]);
  // The rows left out, each under its own reason in the pane's words (before, the prospect
  // was listed as "The ACV is not an amount", and the reason named a command-line option).
  expect(await page.$$eval("#skipped-list li", (li) => li.map((x) => x.textContent))).toEqual([
    '1 row: "Type" is "Prospect": not a customer (plan them too with "Include non-customers" under Build options). Row 7 (90000).',
    '1 row: The ACV is not an amount. Row 8 ("see contract").',
    "1 row: The ACV is negative (a credit note or refund?). Row 9 (-2500).",
  ]);
  // Figures right-aligned in tabular figures, labels left; nothing wider than the 320 px pane.
  const style = await page.$eval("#reconciliation td", (td) => {
    const css = getComputedStyle(td);
    return { align: css.textAlign, numeric: css.fontVariantNumeric };
  });
  expect(style).toEqual({ align: "right", numeric: "tabular-nums" });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true
  );
  expect(await axeViolations(page)).toEqual([]);
  await page.$eval("#plan-summary", (el) => el.scrollIntoView());
  await docScreenshot(page, "pane-reconciliation-320");
});

test("Build options: contract rows kept separate and non-customers included, as ticked", async () => {
  await openInExcel({ sheets: ["Export"], selection: CONTRACT_EXPORT });
  // The options sit under the build button, closed, so Build stays in the first screen.
  expect(await page.getAttribute("#build-options", "open")).toBeNull();
  await page.click("#build-options summary");
  await page.check("#opt-rows-are-accounts");
  await page.check("#opt-all-statuses");
  expect(await axeViolations(page)).toEqual([]);
  await page.click("#build-plan");
  await waitForStatus(/^Coverage plan built/);
  // Each row an account and every status planned: Acme 300,000 (Strategic) and 100,000
  // (Enterprise), Globex 60,000 and Umbrella 90,000 (Mid-Market), Initech 20,000 (Pooled),
  // Hooli 5,000 (Tech-Touch): 6 accounts, $575,000, nothing combined, no status left out.
  // CS cost: 1/11 x 190,000 + 1/30 x 190,000 + 2/32 x 145,000 + 1/50 x 145,000
  // + 1/175 x 115,000 = 17,272.73 + 6,333.33 + 9,062.50 + 2,900 + 657.14 = $36,226.
  expect(await reconciliation()).toEqual([
    ["Rows read", "8"],
    ["Accounts planned", "6"],
    ["Rows left out", "2"],
    ["ACV not an amount", "1"],
    ["ACV negative (credit notes, refunds)", "1"],
    ["Report rows set aside (titles, totals, footers; not in rows read)", "1"],
    ["ARR in the file", "$575,000"],
    ["ARR planned", "$575,000"],
    ["Coverage quality", "n/a"],
    ["CS cost a year", "$36,226"],
  ]);
  expect(await text("#plan-summary tfoot tr")).toMatch(/^Total6\$575k/);
});

test("an ambiguous number column asks inline with its values; the answer is used and the build goes on", async () => {
  const selection = [
    ["Account", "ACV"],
    ["Acme", "80.000"],
    ["Globex", "120.500"],
    ["Initech", "15.000"],
  ];
  await openInExcel({ sheets: ["Export"], selection });
  await page.click("#build-plan");
  await page.waitForSelector("#locale-question:not([hidden])");
  expect(await text("#locale-question-text")).toBe(
    'Column "ACV" can be read two ways. How are its numbers written?'
  );
  expect(await page.$$eval("#locale-evidence dd", (d) => d.map((x) => x.textContent))).toEqual([
    "ACV",
    "80.000 · 120.500 · 15.000",
  ]);
  expect(await page.$$eval("#locale-choices label", (l) => l.map((x) => x.textContent))).toEqual([
    '"80.000" is 80 (decimal point)',
    '"80.000" is 80,000 (dot between thousands)',
  ]);
  // Focus on the first choice; axe clean with the question open.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("locale-choice-0");
  expect(await axeViolations(page)).toEqual([]);
  await docScreenshot(page, "pane-locale-question-320");
  await page.check("#locale-choice-1");
  await page.click("#locale-ok");
  await waitForStatus(/^Coverage plan built/);
  expect(await page.isHidden("#locale-question")).toBe(true);
  // Read with the dot between thousands: 80,000 + 120,500 + 15,000 = $215,500.
  const lines = Object.fromEntries(await reconciliation());
  expect(lines["Accounts planned"]).toBe("3");
  expect(lines["ARR planned"]).toBe("$215,500");
  expect(lines["ARR in the file"]).toBe("$215,500");
});

/** A build stopped at the locale question: "80.000" and "1.250" read two ways. */
async function buildUpToLocaleQuestion(before?: () => Promise<void>): Promise<void> {
  await openInExcel({
    sheets: ["Export"],
    selection: [
      ["Account", "ACV"],
      ["Acme", "80.000"],
      ["Globex", "1.250"],
    ],
  });
  await before?.();
  await page.click("#build-plan");
  await page.waitForSelector("#locale-question:not([hidden])");
}

test("the locale question: Escape cancels the build and nothing is written", async () => {
  await buildUpToLocaleQuestion();
  await page.keyboard.press("Escape");
  await waitForStatus(/^Build cancelled/);
  expect(await page.isHidden("#locale-question")).toBe(true);
  expect(await writes()).toEqual([]);
});

test("the build's Cancel answers an open question, and the build options are out of use until the build ends", async () => {
  await buildUpToLocaleQuestion(() => page.click("#build-options summary"));
  // The build is running: its options were read at the start and cannot be ticked now.
  const optionsDisabled = () =>
    page.$$eval("#build-options input", (inputs) =>
      inputs.map((input) => (input as HTMLInputElement).disabled)
    );
  expect(await optionsDisabled()).toEqual([true, true]);
  expect(await page.isVisible("#build-cancel")).toBe(true);
  await page.click("#build-cancel");
  await waitForStatus(/^Build cancelled/);
  expect(await page.isHidden("#locale-question")).toBe(true);
  expect(await page.isHidden("#build-cancel")).toBe(true);
  expect(await writes()).toEqual([]);
  expect(await optionsDisabled()).toEqual([false, false]);
  expect(await page.isEnabled("#build-plan")).toBe(true);
});

// ---------------------------------------------------------------------------
// The impact line for a plan built in an earlier session

/** A CS Accounts sheet as the builder writes it: the export's columns, CS ACV, then the CS formulas. */
function planAccountsGrid(acvs: number[], acvHeader = "CS ACV"): unknown[][] {
  return [
    ["Account", "ACV", acvHeader, "Tier", "Segment", "Coverage model"],
    ...acvs.map((acv, i) => [
      `Account ${i + 1}`,
      `$${acv.toLocaleString("en-US")}`,
      acv,
      `=CS.TIER(C${i + 2})`,
      `=CS.SEGMENT(D${i + 2})`,
      `=CS.COVERAGE_MODEL(D${i + 2})`,
    ]),
  ];
}

test("a plan built in an earlier session: its accounts are read back, and a draft shows its impact before Apply", async () => {
  // The same four Strategic accounts as the impact test above, now already in the workbook.
  await openInExcel({
    sheets: ["Export", "CS Plan", "CS Accounts"],
    selection: [["Account", "ACV"]],
    grids: { "CS Accounts": planAccountsGrid([300000, 300000, 400000, 500000]) },
  });
  await page.waitForSelector('#workbook-actions[data-earlier-plan="4"]', { state: "attached" });
  await page.click("#tab-assumptions");
  // 4 / 11 accounts per CSM = 0.36 CSM.
  expect(await text("#impact")).toBe("If applied: no change to CSMs needed (0.4) or cost.");
  await page.evaluate(() => {
    const body = document.querySelector<HTMLElement>('[data-item="tiers.4"]');
    if (body?.hidden) document.querySelector<HTMLElement>('[data-toggle="tiers.4"]')?.click();
  });
  await page.fill("#f-tiers_46_4_46_csm_ratio", "4");
  // 4 / 4 = 1.0 CSM; cost 190,000 - 4/11 x 190,000 = +120,909.
  expect(await text("#impact")).toBe(
    "If applied: CSMs needed 0.4 -> 1.0, cost +$121k (over the plan's 4 accounts)."
  );
  // Nothing was written to read them.
  expect(await writes()).toEqual([]);
});

test("reading back a 30,000-account plan: chunked reads, every one within the web's limits", async () => {
  const makeAccounts = (rows: number) => {
    const grid: unknown[][] = [["Account", "ACV", "CS ACV", "Tier", "Segment", "Coverage model"]];
    for (let i = 0; i < rows; i++) {
      const r = i + 2;
      const acv = 5000 + (i % 300) * 1000;
      grid.push([
        `Account ${i} Holdings with a long name`,
        `$${acv}`,
        acv,
        `=CS.TIER(C${r})`,
        `=CS.SEGMENT(D${r})`,
        `=CS.COVERAGE_MODEL(D${r})`,
      ]);
    }
    const w = window as unknown as { fakeWorkbook: { grids?: Record<string, unknown[][]> } };
    w.fakeWorkbook.grids = { "CS Accounts": grid };
  };
  await openInExcel(
    { sheets: ["Export", "CS Accounts"], selection: [["Account", "ACV"]] },
    { script: makeAccounts, arg: 30_000 }
  );
  await page.waitForSelector('#workbook-actions[data-earlier-plan="30000"]', { state: "attached" });
  await page.click("#tab-assumptions");
  await page.evaluate(() => {
    const body = document.querySelector<HTMLElement>('[data-item="tiers.4"]');
    if (body?.hidden) document.querySelector<HTMLElement>('[data-toggle="tiers.4"]')?.click();
  });
  await page.fill("#f-tiers_46_4_46_csm_ratio", "10");
  // ACV 5,000 + 1,000 x (i mod 300): 100 accounts per value. Tech-Touch (k 0-9) 1,000 / 175 =
  // 5.71; Pooled (k 10-44) 3,500 / 50 = 70; Mid-Market (k 45-94) 5,000 / 32 = 156.25;
  // Enterprise (k 95-244) 15,000 / 30 = 500; Strategic (k 245-299) 5,500 / 11 = 500: 1,232.0
  // CSMs. At 10 per CSM Strategic needs 550: 1,282.0, 50 more at the Enterprise CSM OTE, $190,000.
  expect(await text("#impact")).toBe(
    "If applied: CSMs needed 1232.0 -> 1282.0, cost +$9.5M (over the plan's 30,000 accounts)."
  );
  const book = await workbookNow();
  withinLimits(book);
  // Only the CS ACV column was read, in more than one chunk (the first holds 20,000 cells).
  const largestRead = await page.evaluate(
    () =>
      (window as unknown as { fakeWorkbook: { stats: { largestRead: number } } }).fakeWorkbook.stats
        .largestRead
  );
  expect(largestRead).toBeLessThan(30_000);
});

test("a plan built in another currency says nothing about this one: no impact line", async () => {
  await openInExcel({
    sheets: ["Export", "CS Accounts"],
    selection: [["Account", "ACV"]],
    grids: { "CS Accounts": planAccountsGrid([300000, 80000], "CS ACV in EUR") },
  });
  await page.click("#tab-assumptions");
  // The read is done, found no plan in USD, and the line stays hidden.
  await page.waitForSelector("#workbook-actions[data-earlier-plan]", { state: "attached" });
  expect(await page.getAttribute("#workbook-actions", "data-earlier-plan")).toBe("none");
  expect(await page.isHidden("#impact")).toBe(true);
});
