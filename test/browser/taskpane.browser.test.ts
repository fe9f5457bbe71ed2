/**
 * The built task pane, opened outside Office in headless Chromium (see
 * harness.ts): the whole tier table, messages next to bad values, Apply,
 * export and re-import, scenarios, and hostile names shown as text. Every
 * test also demands no page error, no CSP violation and no request that
 * left loopback. Screenshots go to test-artifacts/screenshots/.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Page } from "playwright-core";
import { exportAssumptions } from "../../src/core/assumptions/format";
import { loadPreset } from "../../src/core/assumptions/presets";
import { Assumptions } from "../../src/core/assumptions/types";
import { fieldId } from "../../src/taskpane/dom";
import { closeClean, openPage, screenshot, useServedPane, Watched } from "./harness";

jest.setTimeout(120_000);

const pane = useServedPane();
let watched: Watched;
let page: Page;

beforeEach(async () => {
  watched = await openPage(pane.browser());
  page = watched.page;
  await page.goto(`${pane.url()}/taskpane.html`);
  await page.waitForSelector("#editor:not([hidden])", { timeout: 30_000 });
});

afterEach(() => closeClean(watched));

/** The input of a field by its path in the assumptions ("tiers.4.csm_ratio"). */
const field = (pathId: string) => `#${fieldId(pathId)}`;
const message = (pathId: string) => `#${fieldId(pathId)}-msg`;

async function type(pathId: string, text: string): Promise<void> {
  await expandSectionOf(pathId);
  await page.fill(field(pathId), text);
}

async function expandSectionOf(pathId: string): Promise<void> {
  await page.evaluate((selector) => {
    document
      .querySelector(selector)
      ?.closest("fluent-accordion-item")
      ?.setAttribute("expanded", "");
  }, field(pathId));
}

const text = (selector: string) => page.textContent(selector).then((t) => (t ?? "").trim());
const applied = () =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { csCoverageRuntime: { currentAssumptions(): unknown } }
      ).csCoverageRuntime.currentAssumptions() as Assumptions
  );
// The property, not the attribute: Fluent buttons reflect `disabled` to the
// attribute on their next update, so the attribute can lag a keystroke.
const applyDisabled = () => page.$eval("#apply", (b) => (b as HTMLButtonElement).disabled);

async function apply(): Promise<void> {
  await page.click("#apply");
  await page.waitForFunction(() =>
    /^Applied/.test(document.getElementById("status")?.textContent ?? "")
  );
}

test("opened outside Office, the pane shows the whole tier table with sources on hover", async () => {
  await page.setViewportSize({ width: 1100, height: 900 });
  const preset = loadPreset("tiered-2027");
  for (const [i, tier] of preset.tiers.entries()) {
    expect(await page.inputValue(field(`tiers.${i}.name`))).toBe(tier.name);
    for (const column of [
      "min_acv",
      "csm_ratio",
      "am_ratio",
      "tam_ratio",
      "arr_ceiling",
      "sla_days",
      "segment",
      "coverage_model",
      "touch_cadence",
    ])
      expect(await page.$(field(`tiers.${i}.${column}`))).not.toBeNull();
  }
  expect(await page.inputValue(field("tiers.4.min_acv"))).toBe("250,000");
  expect(await page.inputValue(field("tiers.3.tam_ratio"))).toBe("none");
  // The source of a default, on hover (title) and for screen readers (described-by).
  const title = await page.getAttribute(field("tiers.4.csm_ratio"), "title");
  expect(title).toBe(
    "Source: Customer Success Coverage Ratios by Tier in 2027, §2.1 (median of 8-15 logos per CSM)"
  );
  expect(await page.getAttribute(field("tiers.4.csm_ratio"), "aria-label")).toBe(
    "Strategic: Accounts per CSM"
  );
  expect(await text(`${field("tiers.4.csm_ratio")}-src`)).toBe(title);
  expect(await text("#changed-count")).toBe("0");
  expect(await text("#banners")).toContain("Not in Excel");
  await screenshot(page, "1-tier-table");
});

test("bad values get their message next to the field and block Apply", async () => {
  await type("tiers.4.csm_ratio", "0");
  await type("tiers.2.min_acv", "10000");
  await type("payout.standard.mbo_weight", "30%");
  await expect(text(message("tiers.4.csm_ratio"))).resolves.toContain(
    "tier.Strategic.csm_ratio needs a number of accounts per person above 0"
  );
  await expect(text(message("tiers.2.min_acv"))).resolves.toBe(
    "tier.Mid-Market.min_acv is 10,000, below tier.Pooled.min_acv (15,000); list the tiers in ascending order of minimum ACV, each above the one before."
  );
  await expect(text(message("payout.standard"))).resolves.toContain(
    "payout.standard weights add up to 110%"
  );
  expect(await page.getAttribute(field("tiers.4.csm_ratio"), "aria-invalid")).toBe("true");
  expect(await text("#summary")).toBe(
    "3 problems to fix before Apply; each is shown next to its value."
  );
  expect(await applyDisabled()).toBe(true);
  await screenshot(page, "2-validation-messages");

  // Unreadable text gets its own message; fixing everything enables Apply.
  await type("tiers.4.csm_ratio", "twelve");
  await expect(text(message("tiers.4.csm_ratio"))).resolves.toBe(
    'tier.Strategic.csm_ratio: "twelve" is not a number of accounts per person, such as 30, or "none" when the role does not apply.'
  );
  await type("tiers.4.csm_ratio", "12");
  await type("tiers.2.min_acv", "$50k");
  await type("payout.standard.mbo_weight", "20%");
  expect(await text("#summary")).toBe(
    "Changes not applied yet: the CS functions still use the applied assumptions."
  );
  expect(await applyDisabled()).toBe(false);
});

test("editing a ratio and applying changes what the functions use, marked as differing from the preset", async () => {
  expect((await applied()).tiers[4].csm_ratio).toBe(11);
  await type("tiers.4.csm_ratio", "14");
  expect(await page.getAttribute(field("tiers.4.csm_ratio"), "class")).toContain("changed");
  expect(await page.getAttribute(field("tiers.4.csm_ratio"), "title")).toMatch(
    /^The tiered-2027 preset has 11\./
  );
  expect(await text("#changed-count")).toBe("1");
  expect((await applied()).tiers[4].csm_ratio).toBe(11); // not until Apply
  await apply();
  expect((await applied()).tiers[4].csm_ratio).toBe(14);
  expect(await text("#status")).toBe(
    "Applied to scenario Base. Outside Excel there are no formulas to recalculate."
  );
  await page.click("#discard");
  expect(await page.inputValue(field("tiers.4.csm_ratio"))).toBe("14"); // discard returns to what is applied
});

test("tiers are added, named, ordered by minimum ACV and removed", async () => {
  await page.click("#add-tier");
  await type("tiers.5.name", "Growth");
  await type("tiers.5.min_acv", "30000");
  await expect(text(message("tiers.5.min_acv"))).resolves.toContain("below tier.Strategic.min_acv");
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

test("export, edit by hand, re-import and apply; a corrupt file changes nothing", async () => {
  await type("tiers.4.csm_ratio", "13");
  const download = page.waitForEvent("download");
  await page.click("#export");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cs-pane-")), "exported.json");
  await (await download).saveAs(file);
  const exported = fs.readFileSync(file, "utf8");
  expect(JSON.parse(exported).assumptions.tiers[4].csm_ratio).toBe(13);

  // By hand: Strategic starts at $300k, and the file goes back in.
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
  expect(await text("fluent-message-bar[intent=error]")).toContain(
    "corrupt.json was not imported; nothing changed"
  );
  expect(await page.inputValue(field("tiers.4.min_acv"))).toBe("300,000");
  await screenshot(page, "3-import-refused");
});

test("scenarios: add, edit, switch (which applies), and no switching over unapplied edits", async () => {
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

  await page.selectOption("#scenario", "Base");
  await page.waitForFunction(() =>
    /Scenario Base is active/.test(document.getElementById("status")?.textContent ?? "")
  );
  expect((await applied()).tiers[4].csm_ratio).toBe(11);
  expect(await page.inputValue(field("tiers.4.csm_ratio"))).toBe("11");
  await screenshot(page, "4-scenarios");
  await page.selectOption("#scenario", "Upside");
  await page.waitForFunction(() =>
    /Scenario Upside is active/.test(document.getElementById("status")?.textContent ?? "")
  );
  expect((await applied()).tiers[4].csm_ratio).toBe(9);
});

test("reset to a preset fills the form; vitally-2024 changes tiers and ratios once applied", async () => {
  await page.selectOption("#preset", "vitally-2024");
  await page.click("#reset");
  const vitally = loadPreset("vitally-2024");
  expect(await page.inputValue(field("tiers.0.name"))).toBe(vitally.tiers[0].name);
  await apply();
  const now = await applied();
  expect(now.preset).toBe("vitally-2024");
  expect(now.tiers).toEqual(vitally.tiers);
  expect(now.tiers).not.toEqual(loadPreset("tiered-2027").tiers);
});

test("a hostile tier name and scenario name show as text and run nothing", async () => {
  const payload = '<img src=x onerror="window.__xss=1;alert(1)">';
  // A file whose hostile tier name also breaks a rule, so it appears in the refusal banner.
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

  // The same name once is valid: it goes into the table, labels and buttons.
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

test("keyboard only: fields have their names, Tab moves along a tier, Enter applies", async () => {
  const ratio = page.getByRole("textbox", { name: "Strategic: Accounts per CSM", exact: true });
  await ratio.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("0");
  // The message is the field's accessible description, with the source.
  const description = await ratio.evaluate((input) =>
    (input.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" | ")
  );
  expect(description).toContain(
    "tier.Strategic.csm_ratio needs a number of accounts per person above 0"
  );
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
