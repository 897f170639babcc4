// zod, with its messages in French: imported by every router schema.
import { z } from "zod";

z.config(z.locales.fr());

export { z };

export const ZId = z.uuid({ error: "Identifiant invalide." });
