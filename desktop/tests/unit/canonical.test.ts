import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalJson, constitutionChecksum, withoutDefaults } from "../../src/lib/canonical";

describe("constitution checksum", () => {
  it("matches the vector in docs/constitution.md", async () => {
    // Keys out of order and default values present: the canonical form sorts and drops them.
    const document = {
      version: "1",
      title: "T",
      principles: [],
      thresholds: { denyAbove: 0.7, allowBelow: 0.3 },
      rules: [{ weight: 0.5, reasonCode: "X", id: "r1", expression: 'action.name == "x"', description: "" }],
    };
    expect(canonicalJson(withoutDefaults(document))).toBe(
      '{"rules":[{"expression":"action.name == \\"x\\"","id":"r1","reasonCode":"X","weight":0.5}],' +
        '"thresholds":{"allowBelow":0.3,"denyAbove":0.7},"title":"T","version":"1"}',
    );
    expect(await constitutionChecksum(document)).toBe("b1d4ff6daceb6fe9f928a0a87e6fadce4bb50b264dcde5effee15afd2c410d9e");
  });

  it("writes numbers as ECMAScript does (RFC 8785 vectors)", () => {
    expect(canonicalJson([1e21, 1e-7, 0.000001, 333333333.3333333, -0, 1.0])).toBe("[1e+21,1e-7,0.000001,333333333.3333333,0,1]");
  });

  it("keeps an empty but set message and escapes only what it must", () => {
    expect(canonicalJson(withoutDefaults({ thresholds: {}, title: "é\u0001\n" }))).toBe('{"thresholds":{},"title":"é\\u0001\\n"}');
  });

  it("refuses numbers JSON cannot hold, naming where", () => {
    expect(() => withoutDefaults({ rules: [{ weight: Number.NaN }] })).toThrow(CanonicalJsonError);
    expect(() => withoutDefaults({ rules: [{ weight: Number.POSITIVE_INFINITY }] })).toThrow("rules[0].weight");
  });
});
