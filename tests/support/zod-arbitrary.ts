// Valid values for a zod 4 schema, as fast-check arbitraries: the small part of zod our router
// schemas use (objects, strings and their formats, integers, enums, literals, unions, arrays,
// partial records, optional and default). zod-fast-check does not support zod 4.
import fc from "fast-check";
import type { z } from "zod";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  format?: string;
  pattern?: RegExp;
  checks?: { _zod: { def: Record<string, unknown> & { check: string } } }[];
  catchall?: z.ZodType;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function bounds(def: Def) {
  let min: number | undefined;
  let max: number | undefined;
  let pattern: RegExp | undefined = def.pattern;
  let format = def.format;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === "min_length") min = c.minimum as number;
    if (c.check === "max_length") max = c.maximum as number;
    if (c.check === "greater_than") min = (c.value as number) + (c.inclusive ? 0 : 1);
    if (c.check === "less_than") max = (c.value as number) - (c.inclusive ? 0 : 1);
    if (c.check === "string_format") {
      format = c.format as string;
      if (c.pattern instanceof RegExp) pattern = c.pattern;
    }
  }
  return { min, max, pattern, format };
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const { min = 0, max = 200, pattern, format } = bounds(def);
  switch (format) {
    case "uuid":
      return fc.uuid({ version: 4 });
    case "email":
      return fc
        .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/), fc.constantFrom("exemple.test", "mairie-de-die.fr", "scic.coop"))
        .map(([local, domain]) => `${local}@${domain}`);
    case "url":
      return fc
        .tuple(
          fc.constantFrom("http", "https"),
          fc.stringMatching(/^[a-z]{1,12}$/),
          fc.constantFrom("fr", "org", "coop"),
          fc.stringMatching(/^[a-z0-9/-]{0,30}$/),
        )
        .map(([scheme, host, tld, rest]) => `${scheme}://${host}.${tld}/${rest}`);
    case "date":
      return fc.date({ min: new Date("2000-01-01"), max: new Date("2035-12-31"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    case "regex":
      return pattern ? fc.stringMatching(pattern) : fc.string();
  }
  const text = fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 300) });
  // Now and then, exactly as long as allowed.
  return max <= 5000 ? fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: fc.constant("é".repeat(Math.max(max, min))) }) : text;
}

/** Values the schema accepts (each is checked against it, so an approximation here only costs retries). */
export function validArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  return rawArbitrary(schema).filter((value) => schema.safeParse(value).success);
}

function isOptional(schema: z.ZodType) {
  const type = defOf(schema).type;
  return type === "optional" || type === "default";
}

function rawArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const shape = def.shape ?? {};
      const model = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, rawArbitrary(field)]));
      const requiredKeys = Object.entries(shape)
        .filter(([, field]) => !isOptional(field))
        .map(([key]) => key);
      return fc.record(model, { requiredKeys });
    }
    case "optional":
    case "default":
    case "nonoptional":
      return rawArbitrary(def.innerType as z.ZodType);
    case "nullable":
      return fc.option(rawArbitrary(def.innerType as z.ZodType), { nil: null });
    case "pipe":
      return rawArbitrary(def.in as z.ZodType);
    case "string":
      return stringArbitrary(def);
    case "number": {
      const { min = -1_000_000, max = 1_000_000 } = bounds(def);
      return fc.integer({ min: Math.max(min, -1_000_000_000), max: Math.min(max, 1_000_000_000) });
    }
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case "literal":
      return fc.constantFrom(...(def.values ?? []));
    case "union":
      return fc.oneof(...(def.options ?? []).map(rawArbitrary));
    case "array": {
      const { min = 0, max = 5 } = bounds(def);
      return fc.array(rawArbitrary(def.element as z.ZodType), { minLength: min, maxLength: Math.min(max, Math.max(min, 5)) });
    }
    case "record": {
      const keys = Object.values(defOf(def.keyType as z.ZodType).entries ?? {});
      const value = rawArbitrary(def.valueType as z.ZodType);
      return fc.record(Object.fromEntries(keys.map((key) => [key, value])), { requiredKeys: [] });
    }
    default:
      throw new Error(`validArbitrary: zod type "${def.type}" is not supported yet`);
  }
}
