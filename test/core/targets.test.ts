import { defaultAssumptions } from "../../src/core/assumptions/defaults";
import { OteAssumption } from "../../src/core/assumptions/types";
import { CsError } from "../../src/core/errors";
import { compileModel } from "../../src/core/model";
import { otePart, resolveOteRole, retentionTarget } from "../../src/core/targets";

const model = compileModel(defaultAssumptions());

describe("retention targets (MODEL.md §2)", () => {
  test.each([
    ["Enterprise", 1.3, 0.97],
    ["Mid-Market", 1.15, 0.95],
    ["SMB", 1.02, 0.92],
    ["Strategic", 1.3, 0.97], // tier -> segment Enterprise
    ["Pooled", 1.15, 0.95], // tier -> segment Mid-Market
    ["tech-touch", 1.02, 0.92], // tier -> segment SMB
  ])("%s: NRR %p, GRR %p", (name, nrr, grr) => {
    expect(retentionTarget(model, name, "nrr_target")).toBe(nrr);
    expect(retentionTarget(model, name, "grr_target")).toBe(grr);
  });

  test("unknown names are #N/A", () => {
    expect((retentionTarget(model, "Gold", "nrr_target") as CsError).kind).toBe("NA");
  });
});

describe("OTE table (MODEL.md §2, S4)", () => {
  test.each([
    ["SMB CSM", "SMB CSM"],
    ["enterprise csm", "Enterprise CSM"],
    ["Enterprise", "Enterprise CSM"], // a segment stands for its comp role
    ["Mid-Market", "Mid-Market CSM"],
    ["SMB", "SMB CSM"],
    ["VP CS", "VP CS"],
  ])("%p resolves to role %p", (name, role) => {
    expect((resolveOteRole(model, name) as OteAssumption).role).toBe(role);
  });

  test("tier names that are not segments, and unknown names, are #N/A", () => {
    for (const name of ["Strategic", "Pooled", "Tech-Touch", "Sales Rep", "__proto__"]) {
      const error = resolveOteRole(model, name) as CsError;
      expect(error).toBeInstanceOf(CsError);
      expect(error.kind).toBe("NA");
    }
  });

  test("parts: OTE = base + variable to the cent; mix = variable / OTE", () => {
    const row: OteAssumption = { role: "X", base: 100_000.004, variable: 25_000.003 };
    expect(otePart(row, "ote")).toBe(125_000.01); // 125,000.007 -> .01
    const vp: OteAssumption = { role: "VP CS", base: 230_000, variable: 90_000 };
    expect(otePart(vp, "ote")).toBe(320_000);
    expect(otePart(vp, "base")).toBe(230_000);
    expect(otePart(vp, "variable")).toBe(90_000);
    expect(otePart(vp, "mix")).toBe(0.28125); // 90 / 320
  });

  test("a zero OTE has no mix", () => {
    const zero = otePart({ role: "Intern", base: 0, variable: 0 }, "mix") as CsError;
    expect(zero.kind).toBe("VALUE");
    expect(zero.message).toContain("OTE of Intern is 0");
  });
});
