import { randomFillSync } from "node:crypto";

// Audit event ids are UUID v7, as Prisma's `@default(uuid(7))` made them when events were inserted through it: the
// same algorithm as the `uuid` package Prisma uses (RFC 9562, with its monotonic counter), so ids taken in the same
// millisecond still sort in the order they were taken — a batch of events lists in the order it was recorded.

const random = new Uint8Array(256);
let randomOffset = random.length;

function randomBytes16(): Uint8Array {
  if (randomOffset > random.length - 16) {
    randomFillSync(random);
    randomOffset = 0;
  }
  const bytes = random.slice(randomOffset, randomOffset + 16);
  randomOffset += 16;
  return bytes;
}

const state = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

const HEX = Array.from({ length: 256 }, (_, index) => index.toString(16).padStart(2, "0"));

/** A new UUID v7: 48 bits of Unix milliseconds, then a 31-bit counter seeded randomly each millisecond, then random bits. */
export function newAuditEventId(now: number = Date.now()): string {
  const rnds = randomBytes16();
  if (now > state.msecs) {
    state.seq = ((rnds[6] as number) << 23) | ((rnds[7] as number) << 16) | ((rnds[8] as number) << 8) | (rnds[9] as number);
    state.msecs = now;
  } else {
    // The clock has not moved on (or went back): count on from the last id, so ids keep increasing.
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs += 1;
  }
  const msecs = state.msecs;
  const seq = state.seq;
  const bytes = [
    (msecs / 0x10000000000) & 0xff,
    (msecs / 0x100000000) & 0xff,
    (msecs / 0x1000000) & 0xff,
    (msecs / 0x10000) & 0xff,
    (msecs / 0x100) & 0xff,
    msecs & 0xff,
    0x70 | ((seq >>> 28) & 0x0f),
    (seq >>> 20) & 0xff,
    0x80 | ((seq >>> 14) & 0x3f),
    (seq >>> 6) & 0xff,
    ((seq << 2) & 0xff) | ((rnds[10] as number) & 0x03),
    rnds[11] as number,
    rnds[12] as number,
    rnds[13] as number,
    rnds[14] as number,
    rnds[15] as number,
  ];
  const hex = bytes.map((byte) => HEX[byte]).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
