/**
 * A small CRM export whose coverage plan the tests compute by hand from
 * MODEL.md's default ratios. Rows 2-7 are accounts (one Tech-Touch, one
 * Pooled, one Mid-Market, one Enterprise, two Strategic); row 8 has an
 * unreadable ACV and row 9 a negative one.
 */
export const FIXTURE = [
  "Account Name,Account Owner,Annual Revenue,ACV,Last Activity",
  "Apex,Ann,90000000,300000,2026-10-30", // Strategic, touched 2 days before as-of (SLA 7): covered
  'Birch,Ann,80000000,"$260,000",2026-10-01', // Strategic, 31 days: not covered
  "Cobalt,Bob,50000000,120k,2026-10-25", // Enterprise, 7 days (SLA 14): covered
  "Dune,Bob,9000000,60000,", // Mid-Market, no touch: not covered
  "Elm,Cy,7000000,USD 20000,2026-06-01", // Pooled, 153 days (SLA 183): covered
  "Fern,Cy,1000000,5000,2026-01-01", // Tech-Touch: no SLA, left out of coverage quality
  "Gale,Cy,3000000,N/A,2026-10-01",
  "Hull,Ann,2000000,-100,2026-10-01",
].join("\r\n");
