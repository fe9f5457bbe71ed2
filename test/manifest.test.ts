import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import {
  checkIcons,
  checkManifest,
  checkResids,
  checkRuntimes,
  iconReferences,
  parseManifest,
  pngSize,
  stripRuntimes,
} from "../scripts/manifest-checks";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const VALIDATE = path.join(ROOT, "scripts", "validate-manifest.sh");
const xml = fs.readFileSync(MANIFEST, "utf8");

/** `xml` with `from` replaced by `to`; fails if `from` is not there, so no case silently tests the good file. */
function mutate(from: string | RegExp, to: string): string {
  const changed = xml.replace(from, to);
  if (changed === xml) throw new Error(`mutation found nothing to replace: ${from}`);
  return changed;
}

let tmpDir: string;
beforeAll(() => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "cs-manifest-"));
});
afterAll(() => {
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

/** Runs scripts/validate-manifest.sh on a copy of the given text. */
function validate(text: string, name = "manifest.xml"): { status: number | null; output: string } {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, text);
  const run = spawnSync("bash", [VALIDATE, file], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("manifest.xml", () => {
  const doc = parseManifest(xml);

  test("passes the Runtimes, resid and icon checks", () => {
    expect(checkRuntimes(doc)).toEqual([]);
    expect(checkResids(doc)).toEqual([]);
    expect(checkIcons(doc)).toEqual([]);
  });

  test("passes scripts/validate-manifest.sh (XSD without Runtimes, then the checks)", () => {
    const run = spawnSync("bash", [VALIDATE], { encoding: "utf8" });
    expect(`${run.stdout}${run.stderr}`).toContain("validates");
    expect(run.status).toBe(0);
  });

  test("defines every resid it references (independent of the checker)", () => {
    const referenced = new Set([...xml.matchAll(/\bresid="([^"]+)"/g)].map((m) => m[1]));
    const defined = new Set(
      [...xml.matchAll(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g)].map((m) => m[1])
    );
    expect(referenced.size).toBeGreaterThan(0);
    expect([...referenced].filter((id) => !defined.has(id))).toEqual([]);
  });

  test("says what the add-in is and where it is served", () => {
    expect(xml).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
    expect(xml).toContain("<ProviderName>CS Coverage</ProviderName>");
    expect(xml).toContain('<DisplayName DefaultValue="CS Coverage"/>');
    expect(xml).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(xml).toContain('<bt:String id="Functions.Namespace" DefaultValue="CS"/>');
    expect(xml).toContain('<OfficeTab id="TabHome">');
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.startsWith("https://localhost:3000/"))).toEqual([]);
  });

  test("references icons that exist in assets/ at the stated pixel sizes", () => {
    const refs = iconReferences(doc);
    expect(refs.map((r) => r.size).sort((a, b) => a - b)).toEqual([16, 16, 32, 32, 32, 64, 80, 80]);
    for (const { url, size } of refs) {
      const file = path.join(ROOT, url.replace("https://localhost:3000/", ""));
      expect(pngSize(fs.readFileSync(file))).toEqual({ width: size, height: size });
    }
  });

  test.each([16, 32, 64, 80, 128])("assets/icon-%i.png is a %i px square PNG", (size) => {
    const bytes = fs.readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
    expect(pngSize(bytes)).toEqual({ width: size, height: size });
  });

  test("stripping <Runtimes> keeps every line where it was", () => {
    const stripped = stripRuntimes(xml);
    expect(stripped).not.toMatch(/<Runtimes?\b/);
    expect(stripped.split("\n").length).toBe(xml.split("\n").length);
    expect(stripped.split("\n").slice(-20)).toEqual(xml.split("\n").slice(-20));
  });
});

describe("a broken manifest is rejected", () => {
  const runtimeLine = '<Runtime resid="Taskpane.Url" lifetime="long"/>';
  const runtimesBlock = /\s*<Runtimes>[\s\S]*?<\/Runtimes>/;

  const cases: [string, string, RegExp][] = [
    ['lifetime="short"', mutate('lifetime="long"', 'lifetime="short"'), /lifetime="long"/],
    [
      "two Runtime elements",
      mutate(runtimeLine, `${runtimeLine}\n${runtimeLine}`),
      /exactly one <Runtime>/,
    ],
    ["no Runtimes", mutate(runtimesBlock, ""), /exactly one <Runtimes>/],
    [
      "Runtimes not the first child of Host",
      mutate(runtimesBlock, "").replace(
        "</AllFormFactors>",
        `</AllFormFactors><Runtimes>${runtimeLine}</Runtimes>`
      ),
      /first child/,
    ],
    [
      "Runtime resid that is not a bt:Url",
      mutate('<Runtime resid="Taskpane.Url"', '<Runtime resid="Icon.32"'),
      /not defined in <bt:Urls>/,
    ],
    [
      "ShowTaskpane opening another URL than the runtime",
      mutate(
        /(<TaskpaneId>[^<]*<\/TaskpaneId>\s*)<SourceLocation resid="Taskpane.Url"\/>/,
        '$1<SourceLocation resid="Functions.Script.Url"/>'
      ),
      /ShowTaskpane <SourceLocation>.*"Functions.Script.Url"/,
    ],
    [
      "FunctionFile on another URL",
      mutate(
        '<FunctionFile resid="Taskpane.Url"/>',
        '<FunctionFile resid="Functions.Script.Url"/>'
      ),
      /<FunctionFile>.*"Functions.Script.Url"/,
    ],
    [
      "CustomFunctions Page on another URL",
      mutate(
        /(<Page>\s*)<SourceLocation resid="Taskpane.Url"\/>/,
        '$1<SourceLocation resid="Functions.Metadata.Url"/>'
      ),
      /<Page> <SourceLocation>.*"Functions.Metadata.Url"/,
    ],
    [
      "undefined resid",
      mutate('<Label resid="CSCoverage.Button.Label"/>', '<Label resid="No.Such.Label"/>'),
      /"No.Such.Label" on <Label>.*not defined/,
    ],
    [
      "resid of the wrong kind",
      mutate('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Taskpane.Url"/>'),
      /must name a bt:ShortStrings entry/,
    ],
    [
      "a URL outside the add-in's origin",
      mutate(
        'id="Functions.Metadata.Url" DefaultValue="https://localhost:3000/functions.json"',
        'id="Functions.Metadata.Url" DefaultValue="https://cdn.example.com/functions.json"'
      ),
      /"https:\/\/cdn.example.com\/functions.json" is not under the add-in's origin https:\/\/localhost:3000\//,
    ],
    [
      "icon of the wrong size",
      mutate(
        'id="Icon.80" DefaultValue="https://localhost:3000/assets/icon-80.png"',
        'id="Icon.80" DefaultValue="https://localhost:3000/assets/icon-64.png"'
      ),
      /icon-64.png is 64x64, expected 80x80/,
    ],
  ];

  test.each(cases)("%s: by the checks", (_name, text, message) => {
    const problems = checkManifest(text);
    expect(problems.join("\n")).toMatch(message);
  });

  test.each(cases)("%s: by the validate script", (_name, text, message) => {
    const run = validate(text);
    expect(run.output).toMatch(message);
    expect(run.status).toBe(1);
  });

  test.each([
    ["a missing <Id>", mutate(/\s*<Id>[^<]*<\/Id>/, ""), /Expected is \( \{[^}]+\}Id \)/],
    ["a malformed <Id>", mutate(/<Id>[^<]*<\/Id>/, "<Id>not-a-guid</Id>"), /element Id/],
    [
      "an element out of order",
      mutate(/(\s*<Permissions>[^<]*<\/Permissions>)/, "").replace(
        "<Hosts>",
        "<Permissions>ReadWriteDocument</Permissions><Hosts>"
      ),
      /Permissions/,
    ],
    [
      "an unknown ExtensionPoint type",
      mutate('xsi:type="PrimaryCommandSurface"', 'xsi:type="SecondaryCommandSurface"'),
      /SecondaryCommandSurface/,
    ],
    ["XML that is not well formed", mutate("</OfficeApp>", ""), /not well-formed/],
  ])("schema: %s fails validate-manifest.sh", (_name, text, message) => {
    const run = validate(text, "schema-case.xml");
    expect(run.output).toMatch(message);
    expect(run.status).toBe(1);
  });

  test("schema messages point at lines of the real file", () => {
    const text = mutate("<Version>0.1.0.0</Version>", "<Version>one</Version>");
    const line = text.split("\n").findIndex((l) => l.includes("<Version>one")) + 1;
    const run = validate(text, "line-case.xml");
    expect(run.output).toContain(`line-case.xml:${line}:`);
    expect(run.status).toBe(1);
  });
});
