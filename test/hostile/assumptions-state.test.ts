/**
 * Hostile stored assumptions, end to end: the workbook's setting holds
 * corrupt JSON, wrong types, missing fields, an older or newer version, a
 * multi-megabyte blob or prototype-pollution keys. Each is refused (or
 * migrated) with a message, the stored original is kept byte for byte for
 * export and when the user replaces it, nothing is polluted, and functions
 * that had good assumptions go on with them.
 */
import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { exportAssumptions, importAssumptions } from "../../src/core/assumptions/format";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import {
  defaultStore,
  MAX_STORE_CHARS,
  readStore,
  WorkbookStore,
  writeStore,
} from "../../src/core/assumptions/workbook-store";
import { useAssumptions } from "../../src/functions/host";
import { findRuntime, publishRuntime } from "../../src/functions/runtime-bridge";
import { checkedRuntime } from "../../src/taskpane/runtime";
import { tier } from "../../src/functions/segmentation";
import { Backend, PaneController } from "../../src/taskpane/controller";

/** The stored setting, and what the pane saved (with the original it kept aside). */
function settingsBackend(initial: unknown): Backend & {
  stored: () => unknown;
  kept: () => string | null;
  replace: (value: unknown) => void;
} {
  let stored = initial;
  let kept: string | null = null;
  return {
    where: "workbook",
    load: async () => stored,
    save: async (text, keepOriginal) => {
      if (keepOriginal !== null) kept = keepOriginal;
      stored = text;
    },
    recalculate: async () => 0,
    stored: () => stored,
    kept: () => kept,
    replace: (value) => {
      stored = value;
    },
  };
}

/** The good assumptions of this test: Strategic starts at $500,000, so $300,000 is Enterprise. */
function goodAssumptions(): Assumptions {
  const changed = setAssumption(defaultAssumptions(), "tier.Strategic.min_acv", "500000");
  if (!("tiers" in changed)) throw new Error(changed.message);
  return changed;
}

function storeOf(assumptions: Assumptions): WorkbookStore {
  return { active: "Base", scenarios: [{ name: "Base", assumptions }] };
}

/** A valid stored text, then edited as JSON (a scenario's export document is under scenarios[0].assumptions). */
function editedStore(edit: (doc: Record<string, any>) => void): string {
  const doc = JSON.parse(writeStore(storeOf(goodAssumptions())));
  edit(doc);
  return JSON.stringify(doc);
}

const tierOf = async (acv: number): Promise<unknown> =>
  ((await tier([[acv]])) as unknown[][])[0][0];

interface HostileSetting {
  what: string;
  raw: unknown;
  status: "unreadable" | "newer";
  /** A fragment of the first message the pane shows. */
  message: RegExp;
}

const BIG = MAX_STORE_CHARS + 1_000_000;

const HOSTILE_SETTINGS: HostileSetting[] = [
  {
    what: "corrupt JSON",
    raw: '{"format":"cs-coverage-workbook","store_version":1,"scenarios":[{"na',
    status: "unreadable",
    message: /not valid JSON/,
  },
  {
    what: "not a store at all",
    raw: "[1,2,3]",
    status: "unreadable",
    message: /./,
  },
  {
    what: "a wrong type (a ratio as text)",
    raw: editedStore((doc) => {
      doc.scenarios[0].assumptions.assumptions.tiers[4].csm_ratio = "eleven";
    }),
    status: "unreadable",
    message: /csm_ratio/,
  },
  {
    what: "a wrong type (the scenarios as an object)",
    raw: editedStore((doc) => {
      doc.scenarios = { Base: doc.scenarios[0] };
    }),
    status: "unreadable",
    message: /scenarios/,
  },
  {
    what: "a missing field",
    raw: editedStore((doc) => {
      delete doc.scenarios[0].assumptions.assumptions.payout;
    }),
    status: "unreadable",
    message: /payout/,
  },
  {
    what: "an older store version (0, before the first release)",
    raw: editedStore((doc) => {
      doc.store_version = 0;
    }),
    status: "unreadable",
    message: /0/,
  },
  {
    what: "an older schema version in a scenario (0)",
    raw: editedStore((doc) => {
      doc.scenarios[0].assumptions.schema_version = 0;
    }),
    status: "unreadable",
    message: /schema/i,
  },
  {
    what: "a newer store version",
    raw: editedStore((doc) => {
      doc.store_version = 7;
    }),
    status: "newer",
    message: /newer/,
  },
  {
    what: "a newer schema version in a scenario",
    raw: editedStore((doc) => {
      doc.scenarios[0].assumptions.schema_version = 7;
    }),
    status: "newer",
    message: /newer/,
  },
  {
    what: "a multi-megabyte blob",
    raw: `{"format":"cs-coverage-workbook","pad":"${"x".repeat(BIG)}"}`,
    status: "unreadable",
    message: /./,
  },
  {
    what: "a __proto__ key in the assumptions",
    raw: editedStore((doc) => {
      doc.scenarios[0].assumptions.assumptions = JSON.parse(
        JSON.stringify(doc.scenarios[0].assumptions.assumptions).replace(
          '"tiers":',
          '"__proto__":{"polluted":"yes"},"tiers":'
        )
      );
    }),
    status: "unreadable",
    message: /__proto__/,
  },
  {
    what: "a constructor.prototype key in a tier",
    raw: editedStore((doc) => {
      doc.scenarios[0].assumptions.assumptions.tiers[0].constructor = {
        prototype: { polluted: "yes" },
      };
    }),
    status: "unreadable",
    message: /constructor/,
  },
  {
    what: "a __proto__ key at the top of the store (raw text)",
    raw: writeStore(storeOf(goodAssumptions())).replace(
      '"format":',
      '"__proto__":{"polluted":"yes"},"format":'
    ),
    status: "unreadable",
    message: /__proto__/,
  },
];

beforeEach(() => publishRuntime(true)); // as in Excel: functions wait for the pane's load
afterEach(() => {
  findRuntime()?.useAssumptions(defaultAssumptions());
  useAssumptions(defaultAssumptions());
});

describe("hostile stored assumptions", () => {
  test.each(HOSTILE_SETTINGS.map((h) => [h.what, h] as const))(
    "%s: refused with a message, original kept, nothing polluted",
    async (_what, hostile) => {
      const read = readStore(hostile.raw);
      expect(read.status).toBe(hostile.status);
      if (read.status !== "unreadable" && read.status !== "newer") return;
      const message = read.status === "newer" ? read.message : read.problems[0].message;
      expect(message).toMatch(hostile.message);
      // The original is kept exactly, for export and for the kept-original setting.
      expect(read.original).toBe(hostile.raw);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      // At open, with no good assumptions yet, functions say why instead of guessing.
      const backend = settingsBackend(hostile.raw);
      const pane = new PaneController(backend, findRuntime());
      await pane.start();
      expect(pane.original).toBe(hostile.raw);
      await expect(tierOf(300_000)).rejects.toMatchObject({
        message: expect.stringMatching(/cannot use this workbook's assumptions/),
      });
      if (read.status === "newer") {
        // Newer: read-only, never overwritten.
        await expect(pane.apply(storeOf(goodAssumptions()))).rejects.toThrow("read-only");
        expect(backend.stored()).toBe(hostile.raw);
      } else {
        // Replacing it keeps the original in its own setting first.
        await pane.apply(storeOf(goodAssumptions()));
        expect(backend.kept()).toBe(hostile.raw);
        await expect(tierOf(300_000)).resolves.toBe("Enterprise");
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  );

  test.each(HOSTILE_SETTINGS.map((h) => [h.what, h] as const))(
    "%s, read after good assumptions were in force: functions keep the last good ones",
    async (_what, hostile) => {
      const backend = settingsBackend(writeStore(storeOf(goodAssumptions())));
      const pane = new PaneController(backend, findRuntime());
      expect((await pane.start()).status).toBe("ok");
      await expect(tierOf(300_000)).resolves.toBe("Enterprise");

      backend.replace(hostile.raw); // e.g. another tool rewrote the setting
      const read = await pane.start();
      expect(read.status).toBe(hostile.status);
      expect(pane.original).toBe(hostile.raw);
      await expect(tierOf(300_000)).resolves.toBe("Enterprise");
      expect(pane.assumptions.tiers[4].min_acv).toBe(500_000);
    }
  );
});

describe("the pane checks what it sends to the functions (checkedRuntime)", () => {
  test("assumptions that fail the schema are refused; functions keep the last good ones", async () => {
    const runtime = checkedRuntime();
    expect(runtime).toBeDefined();
    expect(runtime?.useAssumptions(goodAssumptions())).toBeNull();
    await expect(tierOf(300_000)).resolves.toBe("Enterprise");

    const broken = structuredClone(goodAssumptions()) as unknown as Record<string, any>;
    broken.tiers[0].csm_ratio = "eleven";
    const refused = runtime?.useAssumptions(broken as unknown as Assumptions);
    expect(refused).toMatch(/were not used .*last good assumptions/);
    await expect(tierOf(300_000)).resolves.toBe("Enterprise");

    const missing = structuredClone(goodAssumptions()) as unknown as Record<string, unknown>;
    delete missing.tiers;
    expect(runtime?.useAssumptions(missing as unknown as Assumptions)).not.toBeNull();
    await expect(tierOf(300_000)).resolves.toBe("Enterprise");
  });

  test("refused before any good ones: functions say why rather than use the defaults", async () => {
    const refused = checkedRuntime()?.useAssumptions({} as Assumptions);
    expect(refused).toMatch(/were not used/);
    await expect(tierOf(300_000)).rejects.toMatchObject({
      message: expect.stringMatching(/were not used/),
    });
  });
});

describe("importing a hostile file changes nothing", () => {
  test.each([
    ["corrupt JSON", '{"format": "cs-coverage-assumptions", '],
    ["a multi-megabyte blob", `{"x":"${"y".repeat(2 * 1_048_576)}"}`],
    [
      "a __proto__ key",
      exportAssumptions(goodAssumptions()).replace(
        '"tiers":',
        '"__proto__": {"polluted": 1}, "tiers":'
      ),
    ],
    [
      "a newer schema",
      exportAssumptions(goodAssumptions()).replace('"schema_version": 1', '"schema_version": 7'),
    ],
  ])("%s", async (_what, text) => {
    const result = importAssumptions(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems[0].message.length).toBeGreaterThan(10);
    expect(result.original).toBe(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

test("a good store still loads after all of this (the store round-trips)", () => {
  const read = readStore(writeStore(defaultStore()));
  expect(read.status).toBe("ok");
});
