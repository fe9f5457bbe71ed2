/**
 * What a build derives from its origin (scripts/addin-origin.js): which
 * origins a production build accepts, the manifest for an origin, and the
 * finished functions.json. The built files are checked in
 * test/deploy/production.test.ts.
 */
import fs from "fs";
import path from "path";
import {
  DEV_ORIGIN,
  PRODUCTION_ID,
  finishMetadata,
  helpUrlFor,
  manifestFor,
  manifestVersion,
  parseOrigin,
} from "../../scripts/addin-origin";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

describe("ADDIN_ORIGIN", () => {
  test.each([
    ["https://addins.example.com/cs", "https://addins.example.com/cs"],
    ["https://addins.example.com/cs/", "https://addins.example.com/cs"],
    ["https://addins.example.com", "https://addins.example.com"],
    ["https://Addins.Example.com:8443/a/b/", "https://addins.example.com:8443/a/b"],
    ["  https://addins.example.com/cs  ", "https://addins.example.com/cs"],
  ])("%s is accepted as %s", (raw, origin) => {
    expect(parseOrigin(raw)).toBe(origin);
  });

  test.each([
    ["http://addins.example.com/cs", /is not https/],
    ["ftp://addins.example.com", /is not https/],
    ["https://localhost:3000", /is this machine/],
    ["https://LOCALHOST", /is this machine/],
    ["https://dev.localhost/cs", /is this machine/],
    ["https://127.0.0.1/cs", /is this machine/],
    ["https://[::1]:8443/", /is this machine/],
    ["addins.example.com/cs", /is not a URL/],
    ["", /is not a URL/],
    ["https://addins.example.com/cs?v=1", /query or fragment/],
    ["https://addins.example.com/cs#top", /query or fragment/],
    ["https://user:pw@addins.example.com/cs", /user, query or fragment/],
  ])("%s is refused with one line", (raw, message) => {
    let thrown: unknown;
    try {
      parseOrigin(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const text = (thrown as Error).message;
    expect(text).toMatch(message);
    expect(text).toContain("expected an https URL");
    expect(text).not.toContain("\n");
  });
});

describe("the manifest for an origin", () => {
  const origin = "https://addins.example.com/cs";
  const built = manifestFor(MANIFEST, { origin, version: "2.7.1" });

  test("every URL is under the origin, not only the first match of each", () => {
    const before = [...MANIFEST.matchAll(/https:\/\/localhost:3000\//g)].length;
    expect(before).toBeGreaterThan(8);
    expect(built).not.toMatch(/localhost/i);
    const urls = [...built.matchAll(/DefaultValue="(https?:[^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBe(before);
    expect(urls.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    // A URL used twice on one line is replaced twice.
    const twice = manifestFor(
      MANIFEST.replace("<DisplayName", `<!-- ${DEV_ORIGIN}/a ${DEV_ORIGIN}/b -->\n  <DisplayName`),
      { origin, version: "1.0.0" }
    );
    expect(twice).toContain(`<!-- ${origin}/a ${origin}/b -->`);
  });

  test("has the production Id and the package version", () => {
    expect(built).toContain(`<Id>${PRODUCTION_ID}</Id>`);
    expect(built).toContain("<Version>2.7.1.0</Version>");
    expect(built).toContain(`<SupportUrl DefaultValue="${origin}/functions.html"/>`);
  });

  test("the production Id is the one deployed, never the development one", () => {
    // Workbooks' stored assumptions belong to this Id: changing it orphans them.
    expect(PRODUCTION_ID).toBe("0009d6a2-10d1-4dd7-a6a4-5b00dd86f649");
    const devId = /<Id>([^<]+)<\/Id>/.exec(MANIFEST)?.[1];
    expect(devId).toMatch(/^[0-9a-f-]{36}$/);
    expect(devId).not.toBe(PRODUCTION_ID);
  });

  test("the development build keeps the development Id and localhost", () => {
    const dev = manifestFor(MANIFEST, { origin: DEV_ORIGIN, version: "0.1.0" });
    expect(dev).toBe(MANIFEST.replace(/<Version>[^<]*<\/Version>/, "<Version>0.1.0.0</Version>"));
  });

  test("a localhost URL the dev origin does not cover stops the build", () => {
    const stray = MANIFEST.replace(
      "https://localhost:3000/functions.html",
      "https://localhost:8080/functions.html"
    );
    expect(() => manifestFor(stray, { origin, version: "1.0.0" })).toThrow(/localhost URL is left/);
  });

  test("versions: MAJOR.MINOR.PATCH becomes four parts; anything else stops", () => {
    expect(manifestVersion("0.1.0")).toBe("0.1.0.0");
    expect(manifestVersion("12.3.45-beta.1")).toBe("12.3.45.0");
    expect(() => manifestVersion("1.2")).toThrow(/not MAJOR.MINOR.PATCH/);
  });
});

describe("functions.json for an origin", () => {
  const generated = JSON.stringify({
    allowCustomDataForDataTypeAny: true,
    functions: [
      { id: "TIER", name: "TIER", parameters: [{ name: "acv", type: "any" }], result: {} },
      {
        id: "VARIABLE_PAYOUT",
        name: "VARIABLE_PAYOUT",
        helpUrl: "https://old.example.com/x",
        parameters: [],
        result: {},
      },
    ],
  });

  test("each helpUrl comes from the id, and errors reach the functions", () => {
    const finished = JSON.parse(finishMetadata(generated, "https://addins.example.com/cs"));
    expect(finished.allowErrorForDataTypeAny).toBe(true);
    expect(finished.allowCustomDataForDataTypeAny).toBe(true);
    expect(
      finished.functions.map((fn: { id: string; helpUrl: string }) => [fn.id, fn.helpUrl])
    ).toEqual([
      ["TIER", "https://addins.example.com/cs/functions.html#tier"],
      ["VARIABLE_PAYOUT", "https://addins.example.com/cs/functions.html#variable_payout"],
    ]);
    expect(finished.functions[0].parameters).toEqual([{ name: "acv", type: "any" }]);
    expect(helpUrlFor(DEV_ORIGIN, "MAX_BOOK")).toBe(
      "https://localhost:3000/functions.html#max_book"
    );
  });

  test("metadata without functions stops the build", () => {
    expect(() => finishMetadata('{"functions":[]}', DEV_ORIGIN)).toThrow(/no functions/);
  });
});
