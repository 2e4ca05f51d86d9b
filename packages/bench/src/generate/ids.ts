// Time-ordered UUID v7 ids, like the ones the API gives new rows, drawn from the generator's seeded stream so a
// data set is identical on every run: 48 bits of the row's creation time, then 74 seeded random bits.
import type { SeededRandom } from "@medverkan/database/seed";

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

export function uuidV7(at: Date | number, random: SeededRandom): string {
  const ms = typeof at === "number" ? at : at.getTime();
  const bytes = new Array<number>(16);
  let time = Math.max(0, Math.floor(ms));
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  for (let i = 6; i < 16; i += 1) bytes[i] = Math.floor(random.next() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((byte) => HEX[byte]).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
