/**
 * The built task pane, opened outside Office in headless Chromium (see
 * harness.ts), at the widths Excel gives a pane (320 px on Windows, 450 px
 * on the web): no sideways scrolling in the editor, the focused field never
 * hidden, messages in words next to bad values, pictures redrawn from the
 * draft, Apply, export and re-import, scenarios, hostile names as text, and
 * axe-core clean in every state. Every test also demands no page error, no
 * CSP violation and no request that left loopback. Screenshots go to
 * test-artifacts/screenshots/, and the 320 px ones to docs/screenshots/.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Page } from "playwright-core";
import { exportAssumptions } from "../../src/core/assumptions/format";
import { loadPreset } from "../../src/core/assumptions/presets";
import { Assumptions } from "../../src/core/assumptions/types";
import { fieldId } from "../../src/taskpane/dom";
import { axeViolations, docScreenshot, screenshot, usePanePages } from "./harness";

jest.setTimeout(180_000);

const pane = usePanePages();
let page: Page;

async function open(width: number, height = 800): Promise<void> {
  page = await pane.open();
  await page.setViewportSize({ width, height });
  await page.goto(`${pane.url()}/taskpane.html`);
  await page.waitForSelector("#view-assumptions:not([hidden]) #editor", { timeout: 30_000 });
}

/** The control of a field by its path in the assumptions ("tiers.4.csm_ratio"). */
const field = (pathId: string) => `#${fieldId(pathId)}`;
const message = (pathId: string) => `#${fieldId(pathId)}-msg`;

/** Opens the section and the item (tier, segment, role) a field is in. */
async function reveal(pathId: string): Promise<void> {
  await page.evaluate((selector) => {
    const el = document.querySelector(selector);
    el?.closest("fluent-accordion-item")?.setAttribute("expanded", "");
    const body = el?.closest<HTMLElement>("[data-item]");
    if (body?.hidden)
      document.querySelector<HTMLElement>(`[data-toggle="${body.dataset.item}"]`)?.click();
  }, field(pathId));
}

async function type(pathId: string, text: string): Promise<void> {
  await reveal(pathId);
  await page.fill(field(pathId), text);
}

/** Every section expanded and every item open: the whole editor drawn. */
async function openEverything(): Promise<void> {
  await page.evaluate(() => {
    for (const item of Array.from(document.querySelectorAll("fluent-accordion-item")))
      item.setAttribute("expanded", "");
    for (const toggle of Array.from(
      document.querySelectorAll<HTMLElement>('[data-toggle][aria-expanded="false"]')
    ))
      toggle.click();
  });
}

const text = (selector: string) => page.textContent(selector).then((t) => (t ?? "").trim());
const applied = () =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { csCoverageRuntime: { currentAssumptions(): unknown } }
      ).csCoverageRuntime.currentAssumptions() as Assumptions
  );
// The property, not the attribute: Fluent buttons reflect `disabled` on their next update.
const applyDisabled = () => page.$eval("#apply", (b) => (b as HTMLButtonElement).disabled);

async function apply(): Promise<void> {
  await page.click("#apply");
  await page.waitForFunction(() =>
    /^Applied/.test(document.getElementById("status")?.textContent ?? "")
  );
}

async function expectAxeClean(): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** How far the editor or the page scrolls sideways (0 when nothing needs it). */
const sideways = () =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const editor = document.getElementById("editor")!;
    return Math.max(
      root.scrollWidth - root.clientWidth,
      editor.scrollWidth - editor.clientWidth,
      ...Array.from(document.querySelectorAll<HTMLElement>("#editor *"))
        .filter((el) => el.getBoundingClientRect().width > 0)
        .map((el) => Math.max(0, el.getBoundingClientRect().right - root.clientWidth))
    );
  });

/** Whether the focused element is inside the viewport and not covered by anything (the Apply bar). */
const focusVisible = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "nothing focused";
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight || r.left < 0 || r.right > window.innerWidth)
      return `${el.id || el.tagName} is outside the viewport`;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit === el || el.contains(hit) || (hit !== null && hit.contains(el))
      ? "visible"
      : `${el.id || el.tagName} is covered by ${hit?.id || hit?.tagName}`;
  });

describe.each([320, 450])("at %i px", (width) => {
  test("the editor fits: no sideways scrolling with every section and item open; axe clean", async () => {
    await open(width);
    await openEverything();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await expectAxeClean();
    if (width === 320) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await docScreenshot(page, "pane-assumptions-320");
      await page.evaluate(() =>
        document.querySelector('[data-section="payout"]')?.scrollIntoView()
      );
      await docScreenshot(page, "pane-payout-picture-320");
    }
    await screenshot(page, `assumptions-open-${width}`);
  });

  test("the focused field is never hidden: Tab through a tier, the payout and the weights", async () => {
    await open(width, 600);
    await reveal("tiers.4.name");
    await page.focus(field("tiers.4.name"));
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await focusVisible()).toBe("visible");
    }
    await reveal("payout.grr_floor");
    await page.focus(field("payout.grr_floor"));
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press("Tab");
      expect(await focusVisible()).toBe("visible");
    }
  });
});

test("a field at 200% zoom (a 160 px pane) keeps its label, value and focus in view", async () => {
  await open(320, 700);
  await page.evaluate(() => {
    document.body.style.zoom = "2";
  });
  await reveal("tiers.4.csm_ratio");
  await page.focus(field("tiers.4.csm_ratio"));
  expect(await focusVisible()).toBe("visible");
  expect(await sideways()).toBeLessThanOrEqual(0);
});

test("bad values: messages in words next to the field, counts on the section, Apply off, Go to first problem", async () => {
  await open(320);
  await type("tiers.4.csm_ratio", "0");
  await type("tiers.2.min_acv", "10000");
  await type("payout.standard.mbo_weight", "30%");
  await expect(text(message("tiers.4.csm_ratio"))).resolves.toBe(
    "Strategic - Accounts per CSM must be above 0 (or 'none')."
  );
  await expect(text(message("tiers.2.min_acv"))).resolves.toBe(
    "Mid-Market - Min ACV is 10,000, below Pooled (15,000); raise it, or use Order by min ACV."
  );
  await expect(text(message("payout.standard"))).resolves.toBe(
    "Standard plan weights add up to 110%; make them 100%."
  );
  expect(await text('[data-total="standard"]')).toBe("Total110%");
  expect(await page.getAttribute(field("tiers.4.csm_ratio"), "aria-invalid")).toBe("true");
  expect(await text("#summary")).toBe(
    "3 problems to fix before Apply; each is shown next to its value."
  );
  expect(await text('[data-counts="tiers"]')).toBe("2 edited, 2 problems");
  expect(await text('[data-counts="payout"]')).toBe("1 edited, 1 problem");
  expect(await applyDisabled()).toBe(true);
  await expectAxeClean();
  await docScreenshot(page, "pane-problems-320");

  // A problem in a closed section is found from the button.
  await page.evaluate(() => {
    for (const item of Array.from(document.querySelectorAll("fluent-accordion-item")))
      item.removeAttribute("expanded");
  });
  await page.click("#first-problem");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(fieldId("tiers.2.min_acv"));
  expect(await focusVisible()).toBe("visible");

  // Unreadable text is said in words; fixing everything enables Apply.
  await type("tiers.4.csm_ratio", "twelve");
  await expect(text(message("tiers.4.csm_ratio"))).resolves.toBe(
    'Strategic - Accounts per CSM: "twelve" is not a number of accounts per person, such as 30, or "none" when the role does not apply.'
  );
  await type("tiers.4.csm_ratio", "12");
  await type("tiers.2.min_acv", "$50k");
  await type("payout.standard.mbo_weight", "20%");
  expect(await text("#summary")).toBe(
    "1 value edited, not applied yet: the CS functions still use the applied assumptions."
  );
  expect(await applyDisabled()).toBe(false);
});

test("Apply: the functions change, a success line with the time that clears on the next edit, Apply off again, focus back", async () => {
  await open(320);
  expect(await applyDisabled()).toBe(true); // nothing pending
  expect((await applied()).tiers[4].csm_ratio).toBe(11);
  await type("tiers.4.csm_ratio", "14");
  expect(await page.getAttribute(field("tiers.4.csm_ratio"), "class")).toContain("edited");
  expect(await text(`${field("tiers.4.csm_ratio")}-src`)).toMatch(
    /^Edited, not applied yet\. The tiered-2027 preset has 11\. Source: Customer Success Coverage Ratios by Tier in 2027/
  );
  expect((await applied()).tiers[4].csm_ratio).toBe(11); // not until Apply
  await apply();
  expect((await applied()).tiers[4].csm_ratio).toBe(14);
  expect(await text("#status")).toMatch(
    /^Applied to scenario Base\. Outside Excel there are no formulas to recalculate\. \(\d\d:\d\d [AP]M\)$/
  );
  expect(await page.getAttribute("#status", "class")).toBe("status-success");
  expect(await applyDisabled()).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(fieldId("tiers.4.csm_ratio"));
  expect(await page.getAttribute(field("tiers.4.csm_ratio"), "class")).not.toContain("edited");
  await type("tiers.4.am_ratio", "20");
  expect(await text("#status")).toBe("");
});

test("values are tidied when a field is left: 300k becomes 300,000, right-aligned in tabular figures", async () => {
  await open(320);
  await type("tiers.4.min_acv", "300k");
  await page.focus(field("tiers.4.csm_ratio"));
  expect(await page.inputValue(field("tiers.4.min_acv"))).toBe("300,000");
  const style = await page.$eval(field("tiers.4.min_acv"), (el) => {
    const s = getComputedStyle(el);
    return [s.textAlign, s.fontVariantNumeric];
  });
  expect(style).toEqual(["right", "tabular-nums"]);
  expect(await text(`label[for="${fieldId("tiers.4.min_acv")}"]`)).toBe("Min ACV (USD)");
  // Segment and comp role are dropdowns of the names that exist.
  expect(await page.$eval(field("tiers.4.segment"), (el) => el.tagName)).toBe("SELECT");
  await page.selectOption(field("tiers.4.segment"), "SMB");
  expect(await page.getAttribute(field("tiers.4.segment"), "class")).toContain("edited");
});

test("pictures are drawn from the draft and redrawn after an edit, with a text equivalent", async () => {
  await open(320);
  for (const name of ["tiers", "payout", "expansion", "ramp"])
    expect(await page.$(`[data-picture="${name}"] svg`)).not.toBeNull();
  const caption = (name: string) => text(`[data-picture="${name}"] figcaption`);
  expect(await caption("tiers")).toBe(
    "Tiers by minimum ACV: Tech-Touch from $0, Pooled from $15,000, Mid-Market from $50,000, Enterprise from $100,000, Strategic from $250,000."
  );
  const before = await page.$eval('[data-picture="tiers"] svg', (s) => s.innerHTML);
  await type("tiers.4.min_acv", "400000");
  expect(await caption("tiers")).toContain("Strategic from $400,000.");
  expect(await page.$eval('[data-picture="tiers"] svg', (s) => s.innerHTML)).not.toBe(before);

  expect(await caption("payout")).toMatch(/^GRR pool pays 0\.5x at or below 90% GRR/);
  await type("payout.grr_floor", "85%");
  expect(await caption("payout")).toMatch(/^GRR pool pays 0\.5x at or below 85% GRR/);
  await type("expansion.csm_owned_below", "40000");
  expect(await caption("expansion")).toContain("below $40,000 the CSM gets 100%");
  await type("hiring.ramp", "0%, 25%, 75%");
  expect(await caption("ramp")).toContain("25% productive in month 2");
  // The drawing is hidden from screen readers; the caption is the text.
  expect(await page.getAttribute('[data-picture="ramp"] svg', "aria-hidden")).toBe("true");
});

test("tiers are added, named, ordered by minimum ACV and removed", async () => {
  await open(450);
  await page.click("#add-tier");
  await type("tiers.5.name", "Growth");
  await type("tiers.5.min_acv", "30000");
  await expect(text(message("tiers.5.min_acv"))).resolves.toContain("below Strategic");
  await page.click("#order-tiers");
  expect(await page.inputValue(field("tiers.2.name"))).toBe("Growth");
  expect(await text("#summary")).not.toContain("problem");
  await apply();
  expect((await applied()).tiers.map((t) => t.name)).toEqual([
    "Tech-Touch",
    "Pooled",
    "Growth",
    "Mid-Market",
    "Enterprise",
    "Strategic",
  ]);
  await page.click(`[data-remove-tier="2"]`);
  await apply();
  expect((await applied()).tiers.map((t) => t.name)).toEqual([
    "Tech-Touch",
    "Pooled",
    "Mid-Market",
    "Enterprise",
    "Strategic",
  ]);
});

test("export, edit by hand, re-import and apply; a corrupt file changes nothing, its banner replaces the last and can be dismissed", async () => {
  await open(450);
  await type("tiers.4.csm_ratio", "13");
  const download = page.waitForEvent("download");
  await page.click("#export");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cs-pane-")), "exported.json");
  await (await download).saveAs(file);
  const exported = fs.readFileSync(file, "utf8");
  expect(JSON.parse(exported).assumptions.tiers[4].csm_ratio).toBe(13);

  await page.click("#discard");
  fs.writeFileSync(file, exported.replace('"min_acv": 250000', '"min_acv": 300000'));
  await page.setInputFiles("#import-file", file);
  await page.waitForFunction(() =>
    /^Imported/.test(document.getElementById("status")?.textContent ?? "")
  );
  expect(await page.inputValue(field("tiers.4.min_acv"))).toBe("300,000");
  expect(await page.inputValue(field("tiers.4.csm_ratio"))).toBe("13");
  await apply();
  expect((await applied()).tiers[4]).toMatchObject({ min_acv: 300_000, csm_ratio: 13 });

  const corrupt = path.join(path.dirname(file), "corrupt.json");
  fs.writeFileSync(corrupt, exported.slice(0, 200));
  await page.setInputFiles("#import-file", corrupt);
  await page.waitForSelector("fluent-message-bar[intent=error]");
  await page.setInputFiles("#import-file", corrupt);
  await page.waitForTimeout(200);
  expect(await page.$$("fluent-message-bar[intent=error]")).toHaveLength(1);
  expect(await text("fluent-message-bar[intent=error]")).toContain(
    "corrupt.json was not imported; nothing changed"
  );
  expect(await page.inputValue(field("tiers.4.min_acv"))).toBe("300,000");
  await expectAxeClean();
  await screenshot(page, "3-import-refused");
  await page.click('fluent-message-bar[intent=error] [aria-label^="Dismiss"]');
  expect(await page.$$("fluent-message-bar[intent=error]")).toHaveLength(0);
});

test("scenarios: add, edit, switch (which applies), no switching over unapplied edits, remove only after a confirmation", async () => {
  await open(320);
  await page.click("#scenario-new");
  await page.fill("#scenario-name", "base");
  await page.click("#scenario-name-ok");
  expect(await text("#scenario-name-msg")).toContain('already a scenario named "Base"');
  await page.fill("#scenario-name", "Upside");
  await page.click("#scenario-name-ok");
  await page.waitForFunction(
    () => (document.getElementById("scenario") as HTMLSelectElement).value === "Upside"
  );
  await type("tiers.4.csm_ratio", "9");
  await apply();
  expect(await text("#status")).toContain("Applied to scenario Upside.");
  expect((await applied()).tiers[4].csm_ratio).toBe(9);

  await type("tiers.4.csm_ratio", "8"); // unapplied
  await page.selectOption("#scenario", "Base");
  expect(await text("#status")).toBe("Apply or discard your changes first.");
  expect(await page.inputValue("#scenario")).toBe("Upside");
  await page.click("#discard");

  // Escape closes the name form without a change.
  await page.click("#scenario-rename");
  await page.keyboard.press("Escape");
  expect(await page.isHidden("#scenario-name-form")).toBe(true);

  // Remove asks first; Keep it (or Escape) keeps it.
  await page.click("#scenario-remove");
  expect(await text("#remove-question-text")).toContain("Remove scenario Upside?");
  await expectAxeClean();
  await docScreenshot(page, "pane-remove-scenario-320");
  await page.keyboard.press("Escape");
  expect(await page.isHidden("#remove-question")).toBe(true);
  expect(await page.$$eval("#scenario option", (o) => o.length)).toBe(2);
  await page.click("#scenario-remove");
  await page.click("#remove-ok");
  await page.waitForFunction(() =>
    /Scenario Upside removed/.test(document.getElementById("status")?.textContent ?? "")
  );
  expect(await page.$$eval("#scenario option", (o) => o.map((x) => x.textContent))).toEqual([
    "Base",
  ]);
  expect((await applied()).tiers[4].csm_ratio).toBe(11);
});

test("reset to a preset fills the form; vitally-2024 changes tiers and ratios once applied", async () => {
  await open(450);
  await page.selectOption("#preset", "vitally-2024");
  await page.click("#reset");
  const vitally = loadPreset("vitally-2024");
  expect(await page.inputValue(field("tiers.0.name"))).toBe(vitally.tiers[0].name);
  await apply();
  const now = await applied();
  expect(now.preset).toBe("vitally-2024");
  expect(now.tiers).toEqual(vitally.tiers);
});

test("a hostile tier name and scenario name show as text and run nothing", async () => {
  await open(450);
  const payload = '<img src=x onerror="window.__xss=1;alert(1)">';
  const hostile = loadPreset("tiered-2027");
  hostile.tiers[2].name = payload;
  hostile.tiers[3].name = payload;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cs-xss-"));
  fs.writeFileSync(path.join(dir, "hostile.json"), exportAssumptions(hostile));
  await page.setInputFiles("#import-file", path.join(dir, "hostile.json"));
  await page.waitForSelector("fluent-message-bar[intent=error]");
  expect(await text("fluent-message-bar[intent=error]")).toContain(
    `the tier name ${JSON.stringify(payload)} is used twice`
  );

  await type("tiers.2.name", payload);
  await apply();
  expect((await applied()).tiers[2].name).toBe(payload);
  expect(await page.inputValue(field("tiers.2.name"))).toBe(payload);
  expect(await page.getAttribute(field("tiers.2.csm_ratio"), "aria-label")).toBe(
    `${payload}: Accounts per CSM`
  );
  expect(await page.getAttribute(`[data-remove-tier="2"]`, "aria-label")).toBe(
    `Remove tier ${payload}`
  );

  await page.click("#scenario-new");
  await page.fill("#scenario-name", "<b>Up</b><script>window.__xss=2</script>");
  await page.click("#scenario-name-ok");
  await page.waitForFunction(() =>
    /added and active/.test(document.getElementById("status")?.textContent ?? "")
  );
  expect(await text("#scenario option:checked")).toBe("<b>Up</b><script>window.__xss=2</script>");
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)
  ).toBeUndefined();
  expect(await page.$$eval("img", (images) => images.map((i) => i.getAttribute("src")))).toEqual([
    "assets/icon-32.png",
  ]);
  expect(await page.$$("#app b, #app script")).toHaveLength(0);
  await screenshot(page, "5-hostile-names-as-text");
});

test("every field has its own accessible name; Tab moves along a tier; Enter applies", async () => {
  await open(320);
  await openEverything();
  const names = await page.$$eval("#editor [data-path]", (els) =>
    els.map((el) => el.getAttribute("aria-label") ?? "")
  );
  expect(names.length).toBeGreaterThan(80);
  expect(new Set(names).size).toBe(names.length);
  const ratio = page.getByRole("textbox", { name: "Strategic: Accounts per CSM", exact: true });
  await ratio.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("0");
  const description = await ratio.evaluate((input) =>
    (input.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" | ")
  );
  expect(description).toContain("Strategic - Accounts per CSM must be above 0 (or 'none').");
  expect(description).toContain("Source: Customer Success Coverage Ratios by Tier in 2027");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("12");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
    "Strategic: Accounts per AM"
  );
  await page.focus("#apply");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() =>
    /^Applied/.test(document.getElementById("status")?.textContent ?? "")
  );
  expect((await applied()).tiers[4].csm_ratio).toBe(12);
});

test("the plan currency is a dropdown of ISO codes; exchange rates are added, checked in words, removed and applied", async () => {
  await open(320);
  await reveal("currency");
  const codes = await page.$$eval(`${field("currency")} option`, (o) =>
    o.map((x) => (x as HTMLOptionElement).value)
  );
  expect(codes).toEqual(expect.arrayContaining(["USD", "EUR", "GBP", "JPY", "CHF"]));
  expect(codes.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
  expect(await page.$eval(field("currency"), (s) => (s as HTMLSelectElement).value)).toBe("USD");
  expect(await page.$$("[data-fx]")).toHaveLength(0);
  // Add a EUR rate: an empty field with the cursor in it, and what it needs in words.
  await page.selectOption("#fx-new", "EUR");
  await page.click("#add-fx");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(fieldId("fx.EUR"));
  expect(await page.getAttribute(field("fx.EUR"), "aria-label")).toBe("EUR rate: USD per 1 EUR");
  expect(await text(message("fx.EUR"))).toBe(
    'EUR exchange rate is empty; it needs an exchange rate above 0, such as 1.08 (or "none" to remove it).'
  );
  expect(await applyDisabled()).toBe(true);
  await page.fill(field("fx.EUR"), "0");
  expect(await text(message("fx.EUR"))).toBe(
    "EUR exchange rate must be above 0: how many units of the plan currency 1 unit buys."
  );
  await page.fill(field("fx.EUR"), "-1.1");
  expect(await text(message("fx.EUR"))).toBe(
    "EUR exchange rate must be above 0: how many units of the plan currency 1 unit buys."
  );
  await page.fill(field("fx.EUR"), "1.08");
  expect(await text(message("fx.EUR"))).toBe("");
  await page.selectOption("#fx-new", "GBP");
  await page.click("#add-fx");
  await page.fill(field("fx.GBP"), "1.27");
  expect(await text('[data-counts="currency"]')).toBe("2 edited");
  await expectAxeClean();
  expect(await sideways()).toBe(0);
  await page.$eval('[data-section="currency"]', (el) => el.scrollIntoView());
  await docScreenshot(page, "pane-currency-320");
  await apply();
  expect((await applied()).fx).toEqual({ EUR: 1.08, GBP: 1.27 });
  // Remove GBP; then make EUR the plan currency: its own rate is a problem, in words.
  await page.click('[data-remove-fx="GBP"]');
  expect(await text("#status")).toBe(
    "Removed the GBP rate (not applied yet): amounts in GBP are left out of a plan until it has one."
  );
  await page.selectOption(field("currency"), "EUR");
  expect(await text(message("fx.EUR"))).toBe(
    "EUR is the plan currency, so it has no exchange rate; remove its rate, or change the plan currency first."
  );
  expect(await text(`label[for="${fieldId("tiers.4.min_acv")}"]`)).toBe("Min ACV (EUR)");
  await page.click('[data-remove-fx="EUR"]');
  expect(await applyDisabled()).toBe(false);
  await apply();
  const after = await applied();
  expect([after.currency, after.fx]).toEqual(["EUR", {}]);
});
