import { measureToolList } from "../src/reference/measure-tool-list.ts";
const r = await measureToolList("(all tools)", {});
console.log("TOTAL", r.approxTokens, r.tools);
for (const t of r.result.tools) {
  const n = Math.round(Buffer.byteLength(JSON.stringify(t)) / 4);
  if (/^(user_|group_|sp_|service)/.test(t.name)) console.log(t.name, n);
}
const t = r.result.tools.find((x) => x.name === "user_restore");
console.log(JSON.stringify(t));
const g = r.result.tools.find((x) => x.name === "group_member_remove");
console.log(JSON.stringify(g));
