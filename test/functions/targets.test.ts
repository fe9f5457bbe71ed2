import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { setAssumption } from "../../src/core/assumptions/keys";
import { Assumptions } from "../../src/core/assumptions/types";
import { CsError } from "../../src/core/errors";
import { useAssumptions } from "../../src/functions/host";
import { ote } from "../../src/functions/targets";
import { evaluate, evaluateOne, excelError } from "../helpers/engine";

function withKey(
  key: string,
  value: string,
  base: Assumptions = defaultAssumptions()
): Assumptions {
  const changed = setAssumption(base, key, value);
  if (changed instanceof CsError) throw new Error(changed.message);
  return changed;
}

describe("=CS.NRR_TARGET and =CS.GRR_TARGET (MODEL.md §2)", () => {
  test("each segment's targets", async () => {
    // MODEL §2: NRR 130% / 115% / 102%, GRR 97% / 95% / 92%
    expect(
      await evaluate([
        '=CS.NRR_TARGET("Enterprise")',
        '=CS.NRR_TARGET("Mid-Market")',
        '=CS.NRR_TARGET("SMB")',
        '=CS.GRR_TARGET("Enterprise")',
        '=CS.GRR_TARGET("Mid-Market")',
        '=CS.GRR_TARGET("SMB")',
      ])
    ).toEqual([1.3, 1.15, 1.02, 0.97, 0.95, 0.92]);
  });

  test("a tier name stands for its segment (MODEL §1 segment column)", async () => {
    // Strategic, Enterprise -> Enterprise; Mid-Market, Pooled -> Mid-Market; Tech-Touch -> SMB
    expect(
      await evaluate([
        '=CS.NRR_TARGET("Strategic")',
        '=CS.NRR_TARGET("Pooled")',
        '=CS.NRR_TARGET("Tech-Touch")',
        '=CS.GRR_TARGET("Strategic")',
        '=CS.GRR_TARGET("Pooled")',
        '=CS.GRR_TARGET("Tech-Touch")',
      ])
    ).toEqual([1.3, 1.15, 1.02, 0.97, 0.95, 0.92]);
  });

  test("names match case-insensitively and trimmed", async () => {
    expect(
      await evaluate([
        '=CS.NRR_TARGET("  enterprise ")',
        '=CS.GRR_TARGET("MID-MARKET")',
        '=CS.GRR_TARGET("tech-touch")',
      ])
    ).toEqual([1.3, 0.95, 0.92]);
  });

  test("a range spills one target per cell; blanks stay blank; bad cells err alone", async () => {
    const sheet = [["Segment"], ["SMB"], [null], ["Gold"], [5], ["Strategic"], [""]];
    expect(await evaluateOne("=CS.NRR_TARGET(A2:A7)", { sheet })).toEqual([
      [1.02],
      [null],
      [
        excelError(
          "#N/A",
          "segment_or_tier, row 3 of the range",
          'no segment or tier named "Gold"'
        ),
      ],
      [excelError("#VALUE!", "segment_or_tier, row 4", "5 is not a segment or tier name")],
      [1.3],
      [null],
    ]);
  });

  test("a 2-D range keeps its shape", async () => {
    const sheet = [
      ["Enterprise", "SMB"],
      ["Pooled", "Strategic"],
    ];
    expect(await evaluateOne("=CS.GRR_TARGET(A1:B2)", { sheet })).toEqual([
      [0.97, 0.92],
      [0.95, 0.97],
    ]);
  });

  test("an unknown single name is #N/A listing the segments; a number is #VALUE!", async () => {
    expect(await evaluate(['=CS.GRR_TARGET("Growth")', "=CS.NRR_TARGET(100000)"])).toEqual([
      excelError("#N/A", '"Growth"', "Segments: Enterprise, Mid-Market, SMB"),
      excelError("#VALUE!", "100000 is not a segment or tier name", "CS.SEGMENT"),
    ]);
  });

  test("an error in the input cell is named", async () => {
    expect(await evaluateOne("=CS.NRR_TARGET(1/0)")).toEqual(
      excelError("#VALUE!", "Segment is #DIV/0!")
    );
  });

  test("targets come from the assumptions in force", async () => {
    // segment.SMB.nrr_target 105%: SMB and its tier Tech-Touch both read 1.05
    const assumptions = withKey("segment.SMB.nrr_target", "105%");
    expect(
      await evaluate(['=CS.NRR_TARGET("SMB")', '=CS.NRR_TARGET("Tech-Touch")'], { assumptions })
    ).toEqual([1.05, 1.05]);
  });

  test("a tier whose segment is missing from the assumptions is named", async () => {
    const assumptions = withKey("tier.Pooled.segment", "Growth");
    expect(await evaluateOne('=CS.NRR_TARGET("Pooled")', { assumptions })).toEqual(
      excelError("#VALUE!", 'segment "Growth" used by tier Pooled')
    );
  });
});

describe("=CS.OTE (MODEL.md §2, S4)", () => {
  test("every role's OTE = base + variable", async () => {
    // 90+25, 115+30, 145+45, 175+55, 165+40, 230+90 (thousands)
    expect(
      await evaluate([
        '=CS.OTE("SMB CSM")',
        '=CS.OTE("Mid-Market CSM")',
        '=CS.OTE("Enterprise CSM")',
        '=CS.OTE("Strategic CSM")',
        '=CS.OTE("CS Manager")',
        '=CS.OTE("VP CS")',
      ])
    ).toEqual([115_000, 145_000, 190_000, 230_000, 205_000, 320_000]);
  });

  test("parts: ote (default), base, variable, mix", async () => {
    const [otePart, base, variable, vpMix, entMix, smbMix] = (await evaluate([
      '=CS.OTE("Enterprise CSM", "ote")',
      '=CS.OTE("Enterprise CSM", "base")',
      '=CS.OTE("Enterprise CSM", "Variable")',
      '=CS.OTE("VP CS", "MIX")',
      '=CS.OTE("Enterprise CSM", "mix")',
      '=CS.OTE("SMB CSM", " mix ")',
    ])) as number[];
    expect([otePart, base, variable]).toEqual([190_000, 145_000, 45_000]);
    expect(vpMix).toBe(0.28125); // 90,000 / 320,000
    expect(entMix).toBeCloseTo(45 / 190, 11); // 0.2368...
    expect(smbMix).toBeCloseTo(25 / 115, 11); // 0.2173...
  });

  test("role names match case-insensitively, trimmed; a role may come from a cell", async () => {
    const sheet = [["vp cs"]];
    expect(
      await evaluate(['=CS.OTE("  enterprise csm ")', "=CS.OTE(A1)", '=CS.OTE(A1, "base")'], {
        sheet,
      })
    ).toEqual([190_000, 320_000, 230_000]);
  });

  test("a segment name stands for its comp role", async () => {
    // Enterprise -> Enterprise CSM (190,000); Mid-Market -> Mid-Market CSM; SMB -> SMB CSM
    expect(
      await evaluate([
        '=CS.OTE("Enterprise")',
        '=CS.OTE("mid-market", "variable")',
        '=CS.OTE("SMB", "base")',
      ])
    ).toEqual([190_000, 30_000, 90_000]);
  });

  test("a tier name that is not a segment is #N/A with a hint, not a guess", async () => {
    expect(await evaluate(['=CS.OTE("Strategic")', '=CS.OTE("Pooled")'])).toEqual([
      excelError("#N/A", '"Strategic" is a tier, not a role', "Strategic CSM", "Enterprise"),
      excelError("#N/A", '"Pooled" is a tier', 'CS.OTE("Mid-Market")'),
    ]);
  });

  test("unknown roles and parts are #N/A; a blank or numeric role is #VALUE!", async () => {
    expect(
      await evaluate([
        '=CS.OTE("Sales Rep")',
        '=CS.OTE("VP CS", "bonus")',
        '=CS.OTE("")',
        "=CS.OTE(5)",
        "=CS.OTE(A1)",
        '=CS.OTE("VP CS", 3)',
        "=CS.OTE(1/0)",
      ])
    ).toEqual([
      excelError("#N/A", 'no role named "Sales Rep"', "VP CS", "Enterprise, Mid-Market, SMB"),
      excelError("#N/A", 'no part named "bonus"', "ote, base, variable, mix"),
      excelError("#VALUE!", "Role is blank"),
      excelError("#VALUE!", "Role 5 is not text"),
      excelError("#VALUE!", "Role is blank"),
      excelError("#VALUE!", "part 3 is not text"),
      excelError("#VALUE!", "Role is #DIV/0!"),
    ]);
  });

  test("pay comes from the assumptions in force", async () => {
    const assumptions = withKey("ote.VP CS.base", "$250,000");
    // 250,000 + 90,000 = 340,000; mix 90 / 340 = 0.264705882352941...
    const [total, mix] = (await evaluate(['=CS.OTE("VP CS")', '=CS.OTE("VP CS", "mix")'], {
      assumptions,
    })) as number[];
    expect(total).toBe(340_000);
    expect(mix).toBeCloseTo(90 / 340, 11);
  });

  test("a zero OTE has no mix; a missing comp role is named", async () => {
    const zero = withKey("ote.SMB CSM.variable", "0", withKey("ote.SMB CSM.base", "0"));
    expect(
      await evaluate(['=CS.OTE("SMB CSM")', '=CS.OTE("SMB CSM", "mix")'], { assumptions: zero })
    ).toEqual([0, excelError("#VALUE!", "OTE of SMB CSM is 0")]);
    const missing = defaultAssumptions();
    missing.segments[2].comp_role = "Scaled CSM";
    expect(await evaluateOne('=CS.OTE("SMB")', { assumptions: missing })).toEqual(
      excelError("#VALUE!", 'OTE for role "Scaled CSM"', "segment SMB")
    );
  });

  test("called as Excel calls it: an omitted part arrives as null, a role cell as [[value]]", () => {
    useAssumptions(defaultAssumptions());
    expect(ote("Enterprise CSM", null)).toBe(190_000);
    expect(ote([["Mid-Market CSM"]], "base")).toBe(115_000);
  });
});
