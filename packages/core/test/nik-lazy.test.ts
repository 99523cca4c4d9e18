import { describe, expect, it, vi } from "vitest";

describe("lazy region tables", () => {
  it("does not load the region tables for regions: 'none', makeNik or maskNik", async () => {
    vi.resetModules();
    const table = await import("../src/regions/table.js");
    const { parseNik } = await import("../src/nik/parse.js");
    const { makeNik } = await import("../src/nik/make.js");
    const { maskNik } = await import("../src/nik/mask.js");
    expect(table.regionTablesLoaded()).toBe(false);

    for (const input of ["3171011502900001", "9999993102900000", "12", null]) {
      parseNik(input, { regions: "none", referenceDate: "2026-11-22" });
    }
    makeNik({ district: "317101", birthDate: "1990-02-15", sex: "M", serial: 1 });
    maskNik("3171011502900001");
    expect(table.regionTablesLoaded()).toBe(false);

    expect(parseNik("3171011502900001", { referenceDate: "2026-11-22" }).ok).toBe(true);
    expect(table.regionTablesLoaded()).toBe(true);
  });

  it("does not load the region tables for input that fails before the region check", async () => {
    vi.resetModules();
    const table = await import("../src/regions/table.js");
    const { parseNik } = await import("../src/nik/parse.js");
    for (const input of [3171011502900001, "31710115029000O1", "317101150290001"]) {
      expect(parseNik(input).ok).toBe(false);
    }
    expect(table.regionTablesLoaded()).toBe(false);
  });
});
