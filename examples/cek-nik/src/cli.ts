#!/usr/bin/env -S npx tsx
// cek-nik: check a list of NIKs before an agency app sends any of them upstream.
//   cek-nik [--regions strict|legacy|none] [--json] [--allow-invalid] <file | ->
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { checkNiks, renderReport } from "./check.js";

const usage = "Usage: cek-nik [--regions strict|legacy|none] [--json] [--allow-invalid] <file | ->";

const Flags = z
  .object({
    regions: z.enum(["strict", "legacy", "none"]).default("legacy"),
    json: z.boolean().default(false),
    "allow-invalid": z.boolean().default(false),
    help: z.boolean().default(false),
  })
  .strict();

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      regions: { type: "string" },
      json: { type: "boolean" },
      "allow-invalid": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  fail(`Failed to read the options: ${(error as Error).message}.`);
}

const flags = Flags.safeParse(args.values);
if (!flags.success) {
  fail(`Failed to read the options: ${z.prettifyError(flags.error)}. Fix the flag value.`);
}
if (flags.data.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const [source, ...extra] = args.positionals;
if (source === undefined || extra.length > 0)
  fail("Failed to start: give exactly one file, or - for standard input.");

let text: string;
try {
  text = readFileSync(source === "-" ? 0 : source, "utf8");
} catch (error) {
  fail(
    `Failed to read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`,
  );
}

const report = checkNiks(text, { regions: flags.data.regions });
process.stdout.write(
  `${flags.data.json ? JSON.stringify(report, null, 2) : renderReport(report)}\n`,
);
process.exit(report.invalid === 0 || flags.data["allow-invalid"] ? 0 : 1);
