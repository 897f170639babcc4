// What a notification's message is made of.

/** Every value a notification's message may name, empty when its payload lacks it. */
export function payloadValues(payload: Record<string, string>) {
  return { title: "", excerpt: "", action: "", content: "", event: "", network: "", reason: "", ...payload };
}
