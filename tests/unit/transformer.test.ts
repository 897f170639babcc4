// The browser reads tRPC answers with superjson: whatever serializeAnswer writes must read back to
// the value the procedure returned, exactly as superjson's own serializer would have it.
import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { serializeAnswer, transformer } from "@/server/api/transformer";

/** What the browser gets: the answer through JSON, then superjson.deserialize. */
const overTheWire = (value: unknown) => superjson.deserialize(JSON.parse(JSON.stringify(serializeAnswer(value))));

// Keys people and SQL aliases could produce, with superjson's path separators among them.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("a.b", "a\\b", "\\.", "0", "", "createdAt"));
const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.date({ noInvalidDate: true }),
);
const answer = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("node"), { maxLength: 4 }),
  object: fc.dictionary(key, tie("node"), { maxKeys: 4, noNullPrototype: true }).filter((object) => !Object.keys(object).some((k) => k === "__proto__")),
})).node;

describe("serializeAnswer", () => {
  it("reads back to the same value as superjson's serializer, for any answer made of the types procedures return", () => {
    fc.assert(
      fc.property(answer, (value) => {
        const expected = superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(value))));
        expect(overTheWire(value)).toStrictEqual(expected);
        expect(overTheWire(value)).toStrictEqual(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives a project page's shape back with its Dates as Dates and its undefined fields present", () => {
    const answer = {
      project: { id: "p1", title: "Tiers-lieu", updatedAt: new Date("2026-11-27T06:00:00.000Z"), legalForm: undefined },
      relationships: [{ id: "r1", changes: [{ proposedAt: new Date("2026-01-02T03:04:05.678Z"), decidedAt: null }] }],
      "clé.avec.points": { "et\\barres": new Date(0) },
    };
    const read = overTheWire(answer) as typeof answer;
    expect(read).toStrictEqual(answer);
    expect(read.relationships[0]?.changes[0]?.proposedAt).toBeInstanceOf(Date);
    expect(Object.hasOwn(read.project, "legalForm")).toBe(true);
  });

  it("leaves what only superjson can write to superjson: Maps, bigints, NaN, invalid Dates, class instances, cycles", () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const cycle: Record<string, unknown> = { name: "boucle" };
    cycle.self = cycle;
    for (const value of [{ map: new Map([["a", 1]]) }, { n: 10n }, [Number.NaN], { at: new Date(Number.NaN) }, { p: new Point(1) }, cycle]) {
      expect(serializeAnswer(value)).toStrictEqual(superjson.serialize(value));
    }
    const read = overTheWire({ map: new Map([["a", new Date(5)]]), n: 10n }) as { map: Map<string, Date>; n: bigint };
    expect(read.map.get("a")).toStrictEqual(new Date(5));
    expect(read.n).toBe(10n);
  });

  it("refuses a key that would pollute prototypes, as superjson does", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    expect(() => serializeAnswer(value)).toThrow(/prototype pollution/);
  });

  it("reads inputs with superjson, so the browser's requests are understood as before", () => {
    const input = { projectId: "p1", occursOn: new Date("2026-03-04T00:00:00.000Z") };
    expect(transformer.input.deserialize(JSON.parse(JSON.stringify(superjson.serialize(input))))).toStrictEqual(input);
  });
});
