// The messages of DomainError, by key, in either language: a service names the error, the edge
// (tRPC, a route handler) says it in the reader's language.
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import type { Locale } from "./config";

export type ErrorKey = keyof (typeof fr)["domainErrors"];
export type ErrorValues = Record<string, string | number | Date>;

const translators = {
  fr: createTranslator({ locale: "fr", messages: fr, namespace: "domainErrors", timeZone: "Europe/Paris" }),
  en: createTranslator({ locale: "en", messages: en, namespace: "domainErrors", timeZone: "Europe/Paris" }),
};

export function errorMessage(locale: Locale, key: ErrorKey, values: ErrorValues = {}): string {
  return (translators[locale] as unknown as (key: ErrorKey, values: ErrorValues) => string)(key, values);
}
