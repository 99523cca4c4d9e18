// A test that writes to the console is either leaking a log line (possibly an
// unmasked NIK) or hiding a failure: fail it loudly instead.
import { afterEach, beforeEach, vi } from "vitest";

const methods = ["log", "info", "warn", "error", "debug"] as const;
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(" ")}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length > 0) {
    const text = calls.join("\n");
    calls = [];
    throw new Error(`Unexpected console output during the test:\n${text}`);
  }
});
