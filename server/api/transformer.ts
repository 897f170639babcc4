// How tRPC answers travel: superjson's format, so the browser reads them with superjson as before,
// written by a walk that only notes where the Dates and undefined values are.
//
// superjson's own serializer copies the whole answer, builds a path array at every node and keeps
// every object's identity to restore shared references: about a tenth of the server's CPU on the
// project page's batch. Our answers are plain objects, arrays, strings, numbers, booleans, null,
// undefined and Dates: this walk leaves the answer as it is (JSON.stringify writes a Date as its
// ISO string, as superjson does) and adds superjson's annotations. Anything else — a Map, a
// bigint, NaN, an invalid Date, a class instance, a cycle — goes to superjson unchanged.
import superjson, { type SuperJSONResult } from "superjson";

type Annotation = ["Date"] | ["undefined"];

const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** superjson's path escaping: a key's backslashes and dots are escaped, segments joined by dots. */
const escapeKey = (key: string) => key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The annotations of `value` in superjson's flat form, or null when it holds something only superjson handles. */
function annotationsOf(value: object): Record<string, Annotation> | null {
  const annotations: Record<string, Annotation> = {};
  const path: string[] = [];
  const note = (annotation: Annotation) => {
    annotations[path.map(escapeKey).join(".")] = annotation;
  };
  const visit = (node: unknown, depth: number): boolean => {
    switch (typeof node) {
      case "string":
      case "boolean":
        return true;
      case "number":
        return Number.isFinite(node);
      case "undefined":
        note(["undefined"]);
        return true;
      case "object":
        break;
      default:
        return false;
    }
    if (node === null) return true;
    if (depth > MAX_DEPTH) return false;
    if (node instanceof Date) {
      if (Number.isNaN(node.getTime())) return false;
      note(["Date"]);
      return true;
    }
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index += 1) {
        if (!(index in node)) continue;
        path.push(String(index));
        const supported = visit(node[index], depth + 1);
        path.pop();
        if (!supported) return false;
      }
      return true;
    }
    if (!isPlainObject(node)) return false;
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) return false;
      path.push(key);
      const supported = visit(node[key], depth + 1);
      path.pop();
      if (!supported) return false;
    }
    return true;
  };
  return visit(value, 0) ? annotations : null;
}

/** superjson.serialize's result for an answer, read back by superjson.deserialize to an equal value. */
export function serializeAnswer(value: unknown): SuperJSONResult {
  if (typeof value !== "object" || value === null || value instanceof Date) return superjson.serialize(value);
  const annotations = annotationsOf(value);
  if (!annotations) return superjson.serialize(value);
  // The answer is handed to JSON.stringify as it is: superjson's result types its json as JSONValue.
  const json = value as SuperJSONResult["json"];
  return Object.keys(annotations).length > 0 ? { json, meta: { values: annotations, v: 1 } } : { json };
}

/** Inputs are read by superjson; answers are written by serializeAnswer in superjson's format. */
export const transformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: (payload: SuperJSONResult) => superjson.deserialize(payload) },
};
