// Writes the dry run's input file (BENCH_FILE, BENCH_ROWS rows of displayName,signInName,password) in
// a process of its own, so the measuring process never holds it, then says so over IPC.
import { createWriteStream } from "node:fs";

const file = process.env.BENCH_FILE ?? "";
const rows = Number(process.env.BENCH_ROWS ?? "1000000");
const out = createWriteStream(file);
// Digits spelled as letters keep every generated password free of a run of the user's name.
const digits = (i: number) => [...String(i)].map((d) => "pqrstuvwxy"[Number(d)]).join("");
out.write("displayName,signInName,password\n");
for (let i = 0; i < rows; i++) {
  if (!out.write(`Customer ${i},customer${i}@example.org,Zq!9${digits(i)}#kT\n`)) {
    await new Promise<void>((r) => out.once("drain", () => r()));
  }
}
await new Promise<void>((r) => out.end(() => r()));
process.send?.({ file });
process.disconnect?.();
