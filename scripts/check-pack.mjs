// For every workspace package: `npm pack --dry-run` must contain each file that
// its `exports` map (and main/module/types) names, so a published package never
// points at a missing file. Run after `npm run build`.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dirs = readdirSync(join(root, "packages")).map((d) => join(root, "packages", d));
let failures = 0;

function targets(node, out) {
  if (typeof node === "string") out.push(node);
  else if (node && typeof node === "object") for (const v of Object.values(node)) targets(v, out);
  return out;
}

for (const dir of dirs) {
  const pkgPath = join(dir, "package.json");
  if (!existsSync(pkgPath)) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  if (pkg.private) continue;
  const [report] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: dir,
      encoding: "utf8",
    }),
  );
  const files = new Set(report.files.map((f) => f.path));
  const named = targets(pkg.exports, []).concat([pkg.main, pkg.module, pkg.types].filter(Boolean));
  const missing = [...new Set(named)]
    .map((t) => t.replace(/^\.\//, ""))
    .filter((t) => !files.has(t));
  if (missing.length > 0) {
    failures++;
    console.error(`${pkg.name}: npm pack lacks ${missing.join(", ")}`);
  } else {
    console.log(
      `${pkg.name}: ${files.size} files, every exports target present (${named.length} checked)`,
    );
  }
}
process.exit(failures === 0 ? 0 : 1);
