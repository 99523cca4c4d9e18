// Every exported symbol's TSDoc carries an `@example`. This script
// 1. fails when a name exported from a package's src/index.ts has no `@example` in the TSDoc
//    comment right above its declaration (followed through `export { … } from` re-exports);
//    packages without src/index.ts are skipped;
// 2. extracts each ```ts block from the TSDoc comments of packages/*/src (and from each package
//    README) and typechecks them against the package sources, so a documented example can never
//    stop compiling.
// Usage: node scripts/check-examples.mjs [package-dir …]
//   With no argument every package under packages/ is checked; with arguments (e.g. `core`)
//   only those.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

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

const packagesDir = join(root, "packages");
const only = process.argv.slice(2);
/** The package directories to check: all, or those named on the command line. */
const packageDirs = () =>
  readdirSync(packagesDir).filter((pkg) => only.length === 0 || only.includes(pkg));

// --- 1. Every export of src/index.ts has an @example -----------------------------------------

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The `export { … } from "…"` and `export type { … } from "…"` statements of a module. */
function reExports(text) {
  const out = [];
  for (const match of text.matchAll(/export\s+(type\s+)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) {
    for (const raw of match[2].split(",")) {
      const spec = raw
        .replace(/\/\/.*$/gm, "")
        .trim()
        .replace(/^type\s+/, "");
      if (spec === "") continue;
      const [local, exported = local] = spec.split(/\s+as\s+/).map((part) => part.trim());
      out.push({ local, exported, from: match[3] });
    }
  }
  return out;
}

/** The source file a relative `.js` specifier points at. */
function resolveModule(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The TSDoc comment that ends right before `index` (only whitespace between), or undefined. */
function docBefore(text, index) {
  const before = text.slice(0, index).trimEnd();
  if (!before.endsWith("*/")) return undefined;
  const start = before.lastIndexOf("/**");
  if (start === -1) return undefined;
  const comment = before.slice(start);
  // A `*/` inside would mean the last /** belongs to an earlier comment.
  return comment.indexOf("*/") === comment.length - 2 ? comment : undefined;
}

const DECLARATION =
  "(?:export\\s+)?(?:declare\\s+)?(?:default\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:function\\*?|const|let|var|class|interface|type|enum)\\s+";

/**
 * Where `name` is declared, following re-exports: `{ file, doc }` (doc undefined when the
 * declaration has no TSDoc), or `{ file, missing: true }`.
 */
function findDeclaration(file, name, seen = new Set()) {
  const key = `${file}#${name}`;
  if (seen.has(key)) return { file, missing: true };
  seen.add(key);
  const text = readFileSync(file, "utf8");
  const exported = new RegExp(
    `^export\\s+(?:declare\\s+)?(?:default\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:function\\*?|const|let|var|class|interface|type|enum)\\s+${escapeRegExp(name)}\\b`,
    "m",
  );
  const direct = exported.exec(text);
  if (direct !== null) return { file, doc: docBefore(text, direct.index) };
  for (const entry of reExports(text)) {
    if (entry.exported !== name) continue;
    const target = resolveModule(file, entry.from);
    return target === undefined
      ? { file, missing: true }
      : findDeclaration(target, entry.local, seen);
  }
  // `export { name }` of a local declaration.
  for (const match of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*;/g)) {
    const specs = match[1].split(",").map((spec) => spec.trim().replace(/^type\s+/, ""));
    const spec = specs.find(
      (candidate) =>
        candidate
          .split(/\s+as\s+/)
          .at(-1)
          ?.trim() === name,
    );
    if (spec === undefined) continue;
    const local = spec.split(/\s+as\s+/)[0].trim();
    const declared = new RegExp(`^${DECLARATION}${escapeRegExp(local)}\\b`, "m").exec(text);
    if (declared !== null) return { file, doc: docBefore(text, declared.index) };
  }
  return { file, missing: true };
}

const undocumented = [];
let exportsChecked = 0;
for (const pkg of packageDirs()) {
  const index = join(packagesDir, pkg, "src", "index.ts");
  if (!existsSync(index)) continue; // no entry point yet (e.g. a package under construction)
  const indexText = readFileSync(index, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  for (const entry of reExports(indexText)) {
    exportsChecked++;
    const target = resolveModule(index, entry.from);
    const where = target === undefined ? undefined : findDeclaration(target, entry.local);
    const at = relative(root, where?.file ?? index);
    if (where === undefined || where.missing) {
      undocumented.push(`${at}: ${entry.exported} — declaration not found`);
    } else if (where.doc === undefined) {
      undocumented.push(`${at}: ${entry.exported} — no TSDoc comment above its declaration`);
    } else if (!/@example\b/.test(where.doc)) {
      undocumented.push(`${at}: ${entry.exported} — TSDoc without @example`);
    }
  }
  if (/export\s*\*/.test(indexText)) {
    undocumented.push(`${relative(root, index)}: \`export *\` hides names from this check`);
  }
}
if (undocumented.length > 0) {
  console.error(`Exports without an @example in their TSDoc:\n  ${undocumented.join("\n  ")}`);
  process.exit(1);
}
console.log(`${exportsChecked} exports from src/index.ts files have an @example`);

// --- 2. Every example typechecks -------------------------------------------------------------

let count = 0;
/** Packages with an entry point: examples import from the package name, so others are skipped. */
const withEntry = packageDirs().filter((pkg) =>
  existsSync(join(packagesDir, pkg, "src", "index.ts")),
);

for (const pkg of withEntry) {
  const src = join(packagesDir, pkg, "src");
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
for (const pkg of withEntry) {
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
