/** Finding the builder's CS ACV column in a plan's CS Accounts sheet (for the impact line). */
import { csAcvColumn } from "../../src/taskpane/plan-accounts";

describe("csAcvColumn", () => {
  const exportHeaders = ["Account Name", "Owner", "ACV"];
  test.each([
    [[...exportHeaders, "CS ACV", "Tier", "Segment", "Coverage model"], "USD", 3],
    [[...exportHeaders, "CS ACV (MRR x 12)", "CS Last touch", "Tier"], "USD", 3],
    [[...exportHeaders, "CS ACV in EUR (TCV x 12 / term)", "Tier"], "EUR", 3],
    // The builder's column follows the export's: an export column of the same name comes first.
    [["CS ACV", ...exportHeaders, "CS ACV", "Tier"], "USD", 4],
  ])("%j in %s: column %d", (headers, currency, column) => {
    expect(csAcvColumn(headers, currency)).toBe(column);
  });

  test("a plan in another currency, or no CS ACV column, gives no column", () => {
    expect(csAcvColumn([...exportHeaders, "CS ACV in EUR", "Tier"], "USD")).toBeNull();
    expect(csAcvColumn([...exportHeaders, "CS ACV", "Tier"], "GBP")).toBeNull();
    expect(csAcvColumn([...exportHeaders, "Tier"], "USD")).toBeNull();
    expect(csAcvColumn(["CS ACVs", "My CS ACV"], "USD")).toBeNull();
  });
});
