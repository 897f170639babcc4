// Message keys are checked at compile time against the French file, the reference.
import type fr from "@/messages/fr.json";
import type { Locale } from "./config";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof fr;
  }
}
