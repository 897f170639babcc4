import { sql } from "drizzle-orm";
import { createDb, selectRows } from "@/db";
import { listTerritoryProjects } from "@/server/services/territories";
import { PERSONAS } from "./bench/seed";
const url = `postgres://postgres@127.0.0.1:5432/${process.env.DB ?? "maillage_bench"}`;
const captured: { query: string; at: number; done?: number }[] = [];
const conn = createDb({ url, logger: { logQuery: (query) => captured.push({ query, at: performance.now() }) } });
const [official] = await selectRows<{ authority_id: string }>(conn.db, sql`select o.id as authority_id from membership m join organisation o on o.id = m.organisation_id join territory t on t.id = o.territory_id where m.user_id = ${PERSONAS.official.id} and t.kind = 'departement'`);
const actor = { userId: PERSONAS.official.id, isPlatformAdmin: false };
const input = { authorityId: official!.authority_id };
for (let i = 0; i < 30; i++) await listTerritoryProjects(conn.db, actor, input);
const times: number[] = [];
for (let i = 0; i < 50; i++) { captured.length = 0; const t = performance.now(); await listTerritoryProjects(conn.db, actor, input); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log("p50", times[25]?.toFixed(1), "p95", times[47]?.toFixed(1));
const start = captured[0]!.at;
for (const c of captured) console.log((c.at - start).toFixed(1), c.query.slice(0, 80));
await conn.close();
