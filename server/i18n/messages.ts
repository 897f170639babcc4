// The message files, and a translator for text written outside a page (emails).
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { DEFAULT_LOCALE, type Locale } from "./config";

const MESSAGES = { fr, en } as const;

export function messagesFor(locale: Locale) {
  return MESSAGES[locale];
}

export function mailTranslator(locale: Locale = DEFAULT_LOCALE) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "mail" });
}
