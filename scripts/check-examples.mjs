// Every exported symbol's TSDoc carries an `@example`; this script extracts each
// ```ts block from the TSDoc comments of packages/*/src (and from each package README) and
// typechecks them against
// the package sources, so a documented example can never stop compiling.
// Usage: node scripts/check-examples.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const out = join(root, "node_modules", ".cache", "tsdoc-examples");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith(".ts") && !path.endsWith(".generated.ts")) yield path;
  }
}

let count = 0;
const packagesDir = join(root, "packages");
for (const pkg of readdirSync(packagesDir)) {
  const src = join(packagesDir, pkg, "src");
  try {
    statSync(src);
  } catch {
    continue;
  }
  for (const file of walk(src)) {
    const text = readFileSync(file, "utf8");
    for (const comment of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
      const body = comment[1].replace(/^\s*\* ?/gm, "");
      // Internal helpers are not part of the public API; their examples are notes.
      if (/@internal\b/.test(body)) continue;
      for (const block of body.matchAll(/@example\s*```ts\n([\s\S]*?)```/g)) {
        count++;
        const name = `${relative(root, file).replace(/[/.]/g, "_")}_${count}.ts`;
        // Each example is its own module; top-level await is allowed in examples.
        writeFileSync(join(out, name), `${block[1]}\nexport {};\n`);
      }
    }
  }
}

// The ```ts blocks of every package README are examples too.
for (const pkg of readdirSync(packagesDir)) {
  let readme;
  try {
    readme = readFileSync(join(packagesDir, pkg, "README.md"), "utf8");
  } catch {
    continue;
  }
  for (const block of readme.matchAll(/```ts\n([\s\S]*?)```/g)) {
    count++;
    writeFileSync(join(out, `packages_${pkg}_README_${count}.ts`), `${block[1]}\nexport {};\n`);
  }
}

writeFileSync(
  join(out, "tsconfig.json"),
  JSON.stringify({
    extends: "../../../tsconfig.base.json",
    compilerOptions: { noEmit: true, types: ["node"], noUnusedLocals: false, module: "NodeNext" },
    include: ["*.ts"],
  }),
);
try {
  execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(out, "tsconfig.json")], {
    stdio: "inherit",
  });
} catch {
  console.error(`TSDoc examples failed to typecheck (extracted to ${relative(root, out)})`);
  process.exit(1);
}
console.log(`${count} TSDoc examples typecheck`);
