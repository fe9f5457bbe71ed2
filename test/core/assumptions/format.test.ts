import { defaultAssumptions } from "../../../src/core/assumptions/defaults";
import {
  exportAssumptions,
  findJsonError,
  FORMAT_NAME,
  importAssumptions,
  ImportResult,
  lineColumn,
  MAX_FILE_CHARS,
} from "../../../src/core/assumptions/format";
import { migrate, MIGRATIONS } from "../../../src/core/assumptions/migrate";
import { loadPreset, presetNames } from "../../../src/core/assumptions/presets";
import { SCHEMA_VERSION } from "../../../src/core/assumptions/schema";
import { Assumptions } from "../../../src/core/assumptions/types";

type Loose = Record<string, any>;

const exported = (a: Assumptions = defaultAssumptions()): Loose => JSON.parse(exportAssumptions(a));

function problems(result: ImportResult): { key: string; message: string }[] {
  if (result.ok) throw new Error("expected the import to fail");
  return result.problems;
}

function importDoc(doc: unknown): ImportResult {
  return importAssumptions(JSON.stringify(doc, null, 2));
}

describe("export", () => {
  test("the document: format, schema_version, preset, then the assumptions without version or preset", () => {
    const doc = exported();
    expect(Object.keys(doc)).toEqual(["format", "schema_version", "preset", "assumptions"]);
    expect(doc.format).toBe("cs-coverage-assumptions");
    expect(doc.schema_version).toBe(1);
    expect(doc.preset).toBe("tiered-2027");
    expect(Object.keys(doc.assumptions)).toEqual([
      "tiers",
      "segments",
      "payout",
      "expansion",
      "clawback",
      "capacity",
      "book",
      "cost",
      "hiring",
      "ote",
      "currency",
      "fx",
    ]);
    expect(doc.assumptions.currency).toBe("USD");
    expect(doc.assumptions.fx).toEqual({});
    expect(doc.assumptions.tiers[4]).toEqual({
      name: "Strategic",
      min_acv: 250000,
      segment: "Enterprise",
      coverage_model: "Named CSM + named TAM",
      touch_cadence: "Weekly + monthly QBR",
      csm_ratio: 11,
      am_ratio: 25,
      tam_ratio: 10,
      arr_ceiling: 4000000,
      sla_days: 7,
    });
  });

  test("2-space JSON with a final newline", () => {
    const text = exportAssumptions(defaultAssumptions());
    expect(
      text.startsWith('{\n  "format": "cs-coverage-assumptions",\n  "schema_version": 1,\n')
    ).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  test("deterministic: the same assumptions in any key order give the same bytes", () => {
    const a = defaultAssumptions();
    const reordered = JSON.parse(
      JSON.stringify(a, (_k, v) =>
        v && typeof v === "object" && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v
      )
    ) as Assumptions;
    expect(Object.keys(reordered)[0]).toBe("fx");
    expect(exportAssumptions(reordered)).toBe(exportAssumptions(a));
    expect(exportAssumptions(a)).toBe(exportAssumptions(defaultAssumptions()));
  });
});

describe("round trip", () => {
  test.each(presetNames)("%s: export -> import is the identity", (name) => {
    const a = loadPreset(name);
    const back = importAssumptions(exportAssumptions(a));
    expect(back).toEqual({ ok: true, assumptions: a, warnings: [] });
    if (back.ok) expect(exportAssumptions(back.assumptions)).toBe(exportAssumptions(a));
  });

  test("an edited set (none ratios, a longer ramp) survives the trip", () => {
    const a = defaultAssumptions();
    a.tiers[4].am_ratio = null;
    a.tiers[0].arr_ceiling = null;
    a.hiring.ramp = [0, 0.25, 0.5, 0.75];
    a.preset = "vitally-2024";
    expect(importAssumptions(exportAssumptions(a))).toEqual({
      ok: true,
      assumptions: a,
      warnings: [],
    });
  });

  test("a byte-order mark from a Windows editor is accepted", () => {
    const result = importAssumptions(`\uFEFF${exportAssumptions(defaultAssumptions())}`);
    expect(result.ok).toBe(true);
  });
});

describe("corrupt JSON says where", () => {
  test.each([
    ['{"a": 1,}', 1, 9, /remove the comma before it: JSON allows no trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected "," or "}" after the property value, found "\\""/],
    ["{'a': 1}", 1, 2, /JSON needs double quotes/],
    ['{"a": tru}', 1, 7, /expected a value, found "t"/],
    ['{"a": [1, 2', 1, 12, /the file ends where it expects "," or "]" after the list item/],
    ['{"a": "x', 1, 7, /closing quote is missing/],
    ['{"a": "x\ny"}', 1, 9, /line break or control character inside a text value/],
    ["// exported\n{}", 1, 1, /JSON allows no comments/],
    ["{} x", 1, 4, /expected nothing more after the JSON object/],
    ['{"a": 01}', 1, 8, /expected "," or "}" after the property value, found "1"/],
  ])("%j -> line %d, column %d", (text, line, column, what) => {
    const [problem] = problems(importAssumptions(text));
    expect(problem.key).toBe("file");
    expect(problem.message).toMatch(
      new RegExp(`^The file is not valid JSON: line ${line}, column ${column}: `)
    );
    expect(problem.message).toMatch(what);
    expect(problem.message).not.toMatch(/\n/);
  });

  test("the locator finds nothing wrong in valid JSON", () => {
    for (const name of presetNames)
      expect(findJsonError(exportAssumptions(loadPreset(name)))).toBeNull();
    expect(findJsonError('[1, -2.5e3, "a\\u00e9\\n", true, false, null, {}, []]')).toBeNull();
  });

  test("line and column are 1-based", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });

  test("an empty file and a file that is not one object", () => {
    expect(problems(importAssumptions("  \n"))[0].message).toMatch(/empty/);
    expect(problems(importAssumptions("[]"))[0].message).toMatch(
      /holds a list; an assumptions export is one JSON object/
    );
    expect(problems(importAssumptions("null"))[0].message).toMatch(/holds null/);
  });
});

describe("wrong documents", () => {
  test("not an assumptions export: format missing or different", () => {
    const doc = exported();
    delete doc.format;
    expect(problems(importDoc(doc))).toEqual([
      {
        key: "format",
        message:
          'format is missing; this is not a CS Coverage assumptions export (it needs "format": "cs-coverage-assumptions").',
      },
    ]);
    expect(problems(importDoc({ ...exported(), format: "xlsx" }))[0].message).toMatch(
      /^format is "xlsx"/
    );
  });

  test("schema_version missing or 0 is a clear error, not a guessed old format", () => {
    const doc = exported();
    delete doc.schema_version;
    expect(problems(importDoc(doc))).toEqual([
      {
        key: "schema_version",
        message:
          'schema_version is missing; an assumptions export says which schema it follows ("schema_version": 1). Export the file again, or add the line.',
      },
    ]);
    for (const bad of [0, -1, 1.5, "1", null])
      expect(problems(importDoc({ ...exported(), schema_version: bad }))[0].message).toMatch(
        /^schema_version is .*; schema versions are whole numbers from 1/
      );
  });

  test("a newer schema version is refused, kept as it is and marked read-only", () => {
    const text = JSON.stringify({
      ...exported(),
      schema_version: 2,
      assumptions: { tiers: "new shape" },
    });
    const result = importAssumptions(text);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          key: "schema_version",
          message:
            "This file was made by a newer version of CS Coverage (schema version 2; this version reads up to 1). It is shown read-only and kept as it is; update CS Coverage to use or edit it.",
        },
      ],
      original: text,
      newerVersion: 2,
    });
  });

  test("wrong types and missing fields are all listed, by key", () => {
    const doc = exported();
    doc.assumptions.tiers[1].min_acv = "15,000";
    delete doc.assumptions.segments[2].grr_target;
    doc.assumptions.payout.standard.grr_weight = "45%";
    doc.assumptions.hiring.ramp = "0,0.5,0.5";
    const found = problems(importDoc(doc));
    expect(found).toEqual([
      {
        key: "tier.Pooled.min_acv",
        message: `tier.Pooled.min_acv needs the tier's minimum ACV in the plan currency, 0 or more, not "15,000".`,
      },
      {
        key: "segment.SMB.grr_target",
        message:
          "segment.SMB.grr_target is missing; it needs a fraction between 0 and 1 (0.97 for 97%).",
      },
      {
        key: "payout.standard.grr_weight",
        message:
          'payout.standard.grr_weight needs a fraction between 0 and 1 (0.45 for 45%), not "45%".',
      },
      {
        key: "hiring.ramp",
        message:
          'hiring.ramp needs a list of 1 to 24 monthly productivities between 0 and 1, such as [0, 0.5, 0.5], not "0,0.5,0.5".',
      },
    ]);
  });

  test("envelope problems: preset, assumptions missing, unknown keys", () => {
    const doc = exported();
    delete doc.assumptions;
    doc.preset = 7;
    doc.exported_at = "2026-01-01";
    expect(problems(importDoc(doc)).map((p) => p.key)).toEqual([
      "exported_at",
      "preset",
      "assumptions",
    ]);
  });

  test("a hand-edited file that breaks a rule names the key", () => {
    const doc = exported();
    doc.assumptions.tiers[2].min_acv = 15000; // Mid-Market = Pooled's minimum
    const [problem] = problems(importDoc(doc));
    expect(problem.key).toBe("tier.Mid-Market.min_acv");
    expect(problem.message).toMatch(/same minimum ACV as tier\.Pooled\.min_acv/);
  });

  test("an unknown preset name is accepted with a warning", () => {
    const result = importDoc({ ...exported(), preset: "our-2026-plan" });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.assumptions.preset).toBe("our-2026-plan");
      expect(result.warnings).toEqual([
        {
          key: "preset",
          message:
            'preset "our-2026-plan" is not one of tiered-2027, vitally-2024, capacity-model; values whose source is unknown are shown with the default set\'s sources.',
        },
      ]);
    }
  });
});

describe("size limit", () => {
  test("a multi-megabyte blob is refused by its size, before parsing", () => {
    const blob = `{"format": "${FORMAT_NAME}", "x": "${"a".repeat(5 * MAX_FILE_CHARS)}"}`;
    const result = importAssumptions(blob);
    expect(problems(result)).toEqual([
      {
        key: "file",
        message:
          "The file is 5,120 KiB; an assumptions export is at most 1,024 KiB, so this is not one.",
      },
    ]);
    if (!result.ok) expect(result.original).toBe(blob);
  });

  test("the limit is 1 MiB of text: one character more is refused", () => {
    const padded = (n: number) => {
      const text = exportAssumptions(defaultAssumptions());
      return text + " ".repeat(n - text.length);
    };
    expect(importAssumptions(padded(MAX_FILE_CHARS)).ok).toBe(true);
    expect(problems(importAssumptions(padded(MAX_FILE_CHARS + 1)))[0].key).toBe("file");
  });

  test("deep nesting within the limit neither overflows nor throws", () => {
    const depth = 400_000;
    const doc = `{"format":"${FORMAT_NAME}","schema_version":1,"preset":"x","assumptions":{"tiers":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
    expect(problems(importAssumptions(doc))[0].key).toBe("tier.#1"); // tiers[0] is a list, not a tier
    const broken = doc.slice(0, -3);
    expect(problems(importAssumptions(broken))[0].message).toMatch(
      /^The file is not valid JSON: line 1/
    );
  });
});

describe("reserved property names", () => {
  test.each([
    ['"__proto__": {"polluted": true},', "__proto__"],
    ['"constructor": {"prototype": {"polluted": true}},', "constructor"],
    ['"prototype": 1,', "prototype"],
  ])("at the top of the document: %s", (insert, key) => {
    const text = exportAssumptions(defaultAssumptions()).replace("{\n", `{\n${insert}\n`);
    expect(problems(importAssumptions(text)).map((p) => p.key)).toEqual([key]);
    expect(({} as Loose).polluted).toBeUndefined();
  });

  test("inside the assumptions, a tier, weights, OTE rows and an unknown key's value", () => {
    const text = exportAssumptions(defaultAssumptions())
      .replace('"assumptions": {', '"assumptions": {"__proto__": {"polluted": 1},')
      .replace('"name": "Strategic",', '"name": "Strategic", "__proto__": {"polluted": 2},')
      .replace('"standard": {', '"standard": {"constructor": {"polluted": 3},')
      .replace('"role": "VP CS",', '"role": "VP CS", "prototype": {"polluted": 4},')
      .replace('"format"', '"extra": {"deep": [{"__proto__": {"polluted": 5}}]},\n  "format"');
    const keys = problems(importAssumptions(text)).map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "__proto__",
        "tier.Strategic.__proto__",
        "payout.standard.constructor",
        "ote.VP CS.prototype",
        "extra",
        "extra.deep.0.__proto__",
      ])
    );
    expect(({} as Loose).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

describe("migration", () => {
  test("version 1 is current: the chain is empty and runs zero steps", () => {
    expect(SCHEMA_VERSION).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
    const doc = exported();
    expect(migrate(doc, 1)).toEqual({ ok: true, doc, steps: [] });
  });

  test("the mechanism chains one version at a time up to the target", () => {
    const chain = {
      1: (d: Loose) => ({ ...d, renamed: d.old, old: undefined }),
      2: (d: Loose) => ({ ...d, added: true }),
    };
    const result = migrate({ schema_version: 1, old: "x" }, 1, chain, 3);
    expect(result).toEqual({
      ok: true,
      doc: { schema_version: 3, renamed: "x", old: undefined, added: true },
      steps: [1, 2],
    });
    expect(migrate({ schema_version: 2 }, 2, chain, 3)).toEqual({
      ok: true,
      doc: { schema_version: 3, added: true },
      steps: [2],
    });
  });

  test("a missing step or an impossible version is an error, not a guess", () => {
    expect(migrate({}, 1, { 2: (d) => d }, 3)).toEqual({
      ok: false,
      message: "there is no migration from schema version 1 to 2.",
    });
    expect(migrate({}, 4, {}, 3).ok).toBe(false);
    expect(migrate({}, 0, {}, 3).ok).toBe(false);
  });
});

describe("never throws", () => {
  test("every prefix of an export, and single-character damage, returns a result", () => {
    const text = exportAssumptions(loadPreset("capacity-model"));
    for (let n = 0; n < text.length; n += 13) {
      const result = importAssumptions(text.slice(0, n));
      expect(result.ok).toBe(false);
    }
    for (let i = 0; i < text.length; i += 17)
      for (const c of ['"', "}", "]", ",", "x", "\u0000"]) {
        const damaged = text.slice(0, i) + c + text.slice(i + 1);
        expect(() => importAssumptions(damaged)).not.toThrow();
      }
  });

  test("input that is not text", () => {
    const result = importAssumptions(42 as unknown as string);
    expect(result.ok).toBe(false);
  });
});
