// Field-by-field comparison of two answers, and the percentiles of a series of timings.

/** The paths where two values differ (at most `limit`), empty when they are equal. */
export function differences(a: unknown, b: unknown, path = "$", found: string[] = [], limit = 5): string[] {
  if (found.length >= limit) return found;
  if (a instanceof Date || b instanceof Date) {
    const left = a instanceof Date ? a.getTime() : a;
    const right = b instanceof Date ? b.getTime() : b;
    if (left !== right) found.push(`${path}: ${String(left)} ≠ ${String(right)}`);
    return found;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) found.push(`${path}: ${a.length} items ≠ ${b.length} items`);
    for (let index = 0; index < Math.min(a.length, b.length); index += 1) differences(a[index], b[index], `${path}[${index}]`, found, limit);
    return found;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, found, limit);
    }
    return found;
  }
  if (typeof a === "number" && typeof b === "number" && Math.abs(a - b) < 1e-9) return found;
  if (a !== b) found.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  return found;
}

/** Counts the fields compared (leaves), to say how much was checked. */
export function countFields(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countFields(item), 0);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.values(value).reduce((sum: number, item) => sum + countFields(item), 0);
  }
  return 1;
}

export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/** Milliseconds since the epoch, from a Date or from what a JSON column holds. */
export function epochMs(value: Date | string | number | null): number | null {
  if (value === null) return null;
  return typeof value === "number" ? value : new Date(value).getTime();
}
