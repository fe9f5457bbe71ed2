/**
 * The zip checksums of the written workbook, computed by Node's zlib.crc32
 * (native code) instead of the crc-32 package in JavaScript. ExcelJS zips
 * through archiver, whose entry streams (crc32-stream) call `buf` of the
 * crc-32 package on every chunk: about 1 s of the main thread for a
 * million-row plan, against 0.2 s natively. Both compute the same CRC-32
 * (zlib's polynomial), so the file is byte for byte the same.
 */
import { createRequire } from "module";
import zlib from "zlib";

/** crc-32's signature: a chunk and the running checksum (signed, or a Buffer/undefined for none yet). */
type BufChecksum = (chunk: Uint8Array, seed?: unknown) => number;

let installed = false;

/** The crc-32 module archiver's entry streams use, found along ExcelJS's own dependency chain. */
function archiverCrc32(): { buf: BufChecksum } | null {
  try {
    let resolveFrom = createRequire(require.resolve("exceljs"));
    for (const name of ["archiver", "zip-stream", "compress-commons", "crc32-stream"])
      resolveFrom = createRequire(resolveFrom.resolve(name));
    return resolveFrom("crc-32") as { buf: BufChecksum };
  } catch {
    // Another layout of ExcelJS's dependencies: keep its own checksum code.
    return null;
  }
}

/** The same results as crc-32's buf: a signed 32-bit CRC-32 continued from `seed`. */
export function nativeBuf(chunk: Uint8Array, seed?: unknown): number {
  // crc-32 reads a non-number seed (crc32-stream's first call passes a Buffer) as 0.
  const start = typeof seed === "number" ? seed >>> 0 : 0;
  // Node 20's zlib.crc32 returns 0 for an empty chunk whatever the running value.
  if (chunk.length === 0) return start | 0;
  return zlib.crc32(chunk, start) | 0;
}

/**
 * Swaps in the native checksum once per process (a no-op where zlib.crc32 is
 * missing); whether archiver's checksum is now the native one.
 */
export function useNativeCrc32(): boolean {
  const module = archiverCrc32();
  if (!installed) {
    installed = true;
    if (typeof zlib.crc32 === "function" && module !== null) module.buf = nativeBuf;
  }
  return module !== null && module.buf === nativeBuf;
}
