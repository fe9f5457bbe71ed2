/**
 * The plan's zip checksums come from Node's zlib.crc32 (src/cli/native-crc32.ts):
 * the same numbers as the crc-32 package ExcelJS's zip writer ships with, chunk
 * after chunk. The built command's use of it: native-crc32-built.test.ts.
 */
import { randomBytes } from "crypto";
import { nativeBuf } from "../../src/cli/native-crc32";
// The JavaScript checksum archiver uses (a dependency of ExcelJS's, hoisted).
const crc32 = require("crc-32") as { buf: (chunk: Uint8Array, seed?: unknown) => number };

describe("native CRC-32", () => {
  test("known values: the CRC-32 check value of '123456789' and of 'abc'", () => {
    // 0xCBF43926 is CRC-32's published check value; as a signed int, as crc-32 returns it.
    expect(nativeBuf(Buffer.from("123456789")) >>> 0).toBe(0xcbf43926);
    expect(nativeBuf(Buffer.from("abc")) >>> 0).toBe(0x352441c2);
  });

  test("an empty chunk leaves the running checksum as it is (zlib.crc32 alone would give 0)", () => {
    const running = nativeBuf(Buffer.from("123456789"));
    expect(nativeBuf(Buffer.alloc(0), running >>> 0)).toBe(running);
    expect(crc32.buf(Buffer.alloc(0), running >>> 0)).toBe(running);
    expect(nativeBuf(Buffer.alloc(0), Buffer.alloc(4))).toBe(0);
  });

  test("the same running checksum as crc-32 over random chunks, first seed a Buffer as crc32-stream passes it", () => {
    for (let trial = 0; trial < 50; trial++) {
      let js: number = crc32.buf(Buffer.alloc(0), Buffer.alloc(4));
      let native = nativeBuf(Buffer.alloc(0), Buffer.alloc(4));
      for (let chunk = 0; chunk < 5; chunk++) {
        const bytes = randomBytes(Math.floor(Math.random() * 4096));
        js = crc32.buf(bytes, js >>> 0);
        native = nativeBuf(bytes, native >>> 0);
        expect(native).toBe(js);
      }
    }
  });
});
