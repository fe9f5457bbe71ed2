/**
 * A CSV of UTF-8 text is read straight into a string (readUtf8Text); every
 * other file goes through decodeText from its bytes. Both give the same text.
 */
import { decodeText, readUtf8Text } from "../../src/cli/csv";

/** What loadExport reads for these bytes: the direct string when there is one, else decodeText's. */
function read(bytes: Buffer): string {
  const direct = readUtf8Text(bytes.subarray(0, 8), "x.csv", () => bytes.toString("utf8"));
  return direct ?? decodeText(bytes, "x.csv");
}

describe("reading a CSV's text", () => {
  test.each([
    ["plain ASCII", Buffer.from("Account,ACV\nAcme,80000\n")],
    ["UTF-8 with accents and a euro sign", Buffer.from("Compte,ACV\nZürich AG,€80.000\n")],
    ["a UTF-8 byte order mark", Buffer.from("\ufeffAccount,ACV\nAcme,1\n")],
    ["a real U+FFFD in UTF-8", Buffer.from("Account,ACV\nA\ufffdB,1\n")],
  ])("%s: the same text as the strict decoder", (_what, bytes) => {
    expect(read(bytes)).toBe(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  });

  test("UTF-8 text is read directly, its byte order mark dropped", () => {
    const bytes = Buffer.from("\ufeffAccount,ACV\n");
    expect(readUtf8Text(bytes.subarray(0, 8), "x.csv", () => bytes.toString("utf8"))).toBe(
      "Account,ACV\n"
    );
  });

  test("Windows-1252 bytes (not UTF-8) are not read directly: € and é come from decodeText", () => {
    // "Café,€80" in Windows-1252: é is 0xE9 and € is 0x80, neither valid UTF-8 here.
    const bytes = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x80, 0x38, 0x30]);
    expect(readUtf8Text(bytes, "x.csv", () => bytes.toString("utf8"))).toBeNull();
    expect(read(bytes)).toBe("Café,€80");
  });

  test("Japanese Excel's CSV, in Shift_JIS: its text, and the yen sign it writes as a backslash", () => {
    // "取引先名,取引先 種別,ARR" / "山田商事,顧客,"\30,000,000"" as Python's cp932 codec writes it
    // (0x5C, the backslash's byte, is what Japanese Windows shows as ¥).
    const bytes = Buffer.from(
      "8ee688f890e696bc2c8ee688f890e6208eed95ca2c4152520d0a" +
        "8e5293638fa48e962c8cda8b712c225c33302c3030302c303030220d0a",
      "hex"
    );
    expect(read(bytes)).toBe('取引先名,取引先 種別,ARR\r\n山田商事,顧客,"¥30,000,000"\r\n');
  });

  test.each([
    // é before a letter is a kanji's two bytes in Shift_JIS, but before the comma it is not.
    ["Société,€80", [0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9, 0x2c, 0x80, 0x38, 0x30]],
    // ß alone reads as a half-width katakana in Shift_JIS: still Windows-1252.
    ["Straße,\\1", [0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x2c, 0x5c, 0x31]],
    // ’ before a letter is one kanji in Shift_JIS, alone among ASCII letters: not Japanese text.
    [
      "O’Brien,Macy’s,\\1",
      [
        0x4f, 0x92, 0x42, 0x72, 0x69, 0x65, 0x6e, 0x2c, 0x4d, 0x61, 0x63, 0x79, 0x92, 0x73, 0x2c,
        0x5c, 0x31,
      ],
    ],
  ])("Windows-1252 text that is not Japanese stays Windows-1252: %s", (text, bytes) => {
    expect(read(Buffer.from(bytes))).toBe(text);
  });

  test("a French Windows-1252 CSV that also decodes as Shift_JIS stays French", () => {
    // Every é, è here comes before a letter, so each pair of bytes is a kanji in Shift_JIS
    // ("Cr馘it Agricole", "G駭駻ale"), and the file decodes whole; but each such run sits
    // inside a Latin word, as Japanese text's runs do not.
    const text =
      "Compte;ARR\nCrédit Agricole;12000\nSéverine Lefèvre;3000\nEntreprise Générale;2000\n";
    const bytes = Buffer.from(text, "latin1");
    expect(new TextDecoder("shift_jis", { fatal: true }).decode(bytes)).toContain("Cr馘it");
    expect(read(bytes)).toBe(text);
  });

  test.each([
    ["UTF-16 LE", Buffer.from([0xff, 0xfe, 0x41, 0x00])],
    ["UTF-16 BE", Buffer.from([0xfe, 0xff, 0x00, 0x41])],
    ["a zip package", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])],
    ["NUL bytes", Buffer.from("Account\0,ACV\n")],
    ["an empty file", Buffer.alloc(0)],
  ])("%s: left to decodeText (its own reading or message)", (_what, bytes) => {
    let called = false;
    const direct = readUtf8Text(bytes.subarray(0, 8), "x.csv", () => {
      called = true;
      return bytes.toString("utf8");
    });
    expect(direct).toBeNull();
    if (bytes.length > 0 && bytes[0] !== 0x41) expect(called).toBe(false);
  });

  test("text full of control characters is refused either way", () => {
    const bytes = Buffer.from("\u0001\u0002\u0003\u0004 abc\n".repeat(50));
    expect(() => read(bytes)).toThrow("full of control characters");
  });
});
