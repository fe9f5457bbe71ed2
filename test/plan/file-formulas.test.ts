import {
  fromFileFormula,
  hasCsCall,
  hasFileCsCall,
  toFileFormula,
} from "../../src/plan/file-formulas";

describe("CS formulas as an .xlsx stores them", () => {
  test.each([
    ["=CS.TIER(A2)", "_xldudf_CS_TIER(A2)"],
    ["CS.REQUIRED_CSMS(B2:B9, , TRUE)", "_xldudf_CS_REQUIRED_CSMS(B2:B9, , TRUE)"],
    ["INDEX(cs.coverage_plan($I$2:$I$9),2,3)", "INDEX(_xldudf_CS_COVERAGE_PLAN($I$2:$I$9),2,3)"],
    [
      'CS.ASSUMPTION("segment."&H9&".expansion_target")',
      '_xldudf_CS_ASSUMPTION("segment."&H9&".expansion_target")',
    ],
    // Text and sheet names that merely look like calls stay as written.
    ['IF(A1="CS.TIER(x)",1,CS.OTE("VP CS"))', 'IF(A1="CS.TIER(x)",1,_xldudf_CS_OTE("VP CS"))'],
    ["SUM('CS.Plan (old)'!A1:A3)", "SUM('CS.Plan (old)'!A1:A3)"],
    ["ABCS.TIER(A2)", "ABCS.TIER(A2)"],
    // Table columns "Acct #" and "ACV [USD]": a ' escapes inside brackets; the two must not
    // pair up as a quoted sheet name around the CS call between them.
    [
      "COUNTA(Accounts[Acct '#])+CS.REQUIRED_CSMS(Accounts[[#Data],[ACV '[USD']]])",
      "COUNTA(Accounts[Acct '#])+_xldudf_CS_REQUIRED_CSMS(Accounts[[#Data],[ACV '[USD']]])",
    ],
    [
      "SUM(T[it's])+CS.TIER(T[[#This Row],[ACV]])",
      "SUM(T[it's])+_xldudf_CS_TIER(T[[#This Row],[ACV]])",
    ],
  ])("%p -> %p and back", (typed, stored) => {
    expect(toFileFormula(typed)).toBe(stored);
    expect(fromFileFormula(stored)).toBe(
      typed.replace(/^=/, "").replace(/cs\.coverage_plan/, "CS.COVERAGE_PLAN")
    );
  });

  test("reads the [2]! form Excel writes after a COM add-in clash", () => {
    expect(fromFileFormula("=[2]!_xldudf_CS_TIER(A2)")).toBe("=CS.TIER(A2)");
  });

  test("tells stored and typed CS calls apart", () => {
    expect(hasFileCsCall("=_xldudf_CS_TIER(A2)")).toBe(true);
    expect(hasFileCsCall("=CS.TIER(A2)")).toBe(false);
    expect(hasCsCall("_xldudf_CS_TIER(A2)")).toBe(true);
    expect(hasCsCall("=CS.TIER(A2)")).toBe(true);
    expect(hasCsCall('="CS.TIER(A2)"')).toBe(false);
    expect(hasCsCall("=SUM(A1:A3)")).toBe(false);
  });
});
