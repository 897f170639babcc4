// `npm run bench`: on the data set of `npm run bench:seed`, times each view through its real
// procedure (createCaller with a person's database session, as Auth.js resolves it) and through the
// best hand-written SQL for the same answer, in the same run, calls alternating; checks the two
// answers are equal field by field; counts each call's SQL statements on a large and a small subject.
import { performance } from "node:perf_hooks";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { sql } from "drizzle-orm";
import { selectRows } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { createCaller } from "@/server/api/root";
import { openSession } from "@/server/services/sessions";
import { benchCases, type BenchCase } from "./bench/cases";
import { observatoryCases, timeRecount } from "./bench/observatory";
import { OBSERVATORY_TTL_MINUTES } from "@/server/domain/observatory";
import { countFields, differences, percentile } from "./bench/compare";
import { PERSONAS } from "./bench/seed";
import { benchId } from "./bench/server";
import { benchTarget } from "./bench/target";

const CALLS = Number(process.env.CALLS ?? 200);
const WARM_UP = 20;
const ONLY = process.env.ONLY;
/** Connections in the pool (POOL=1 sends one statement at a time, to read each one's own time in the server log). */
const POOL = Number(process.env.POOL ?? 10);

const counter = { statements: 0 };

async function statementsOf(work: () => Promise<unknown>): Promise<number> {
  const before = counter.statements;
  await work();
  return counter.statements - before;
}

type Timing = { p50: number; p95: number };

async function timeBoth(procedure: () => Promise<unknown>, hand: () => Promise<unknown>): Promise<{ procedure: Timing; hand: Timing }> {
  for (let call = 0; call < WARM_UP; call += 1) {
    await procedure();
    await hand();
  }
  const times = { procedure: [] as number[], hand: [] as number[] };
  for (let call = 0; call < CALLS; call += 1) {
    // Alternating, so that whatever else the machine does weighs on both alike.
    for (const [key, work] of call % 2 === 0
      ? ([
          ["procedure", procedure],
          ["hand", hand],
        ] as const)
      : ([
          ["hand", hand],
          ["procedure", procedure],
        ] as const)) {
      const started = performance.now();
      await work();
      times[key].push(performance.now() - started);
    }
  }
  const summary = (series: number[]) => {
    const sorted = [...series].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
  };
  return { procedure: summary(times.procedure), hand: summary(times.hand) };
}

async function main() {
  const target = benchTarget();
  const connection = target.open({ logger: { logQuery: () => void (counter.statements += 1) }, maxConnections: POOL });
  const db = connection.db;
  console.log(`Maillage benchmark — ${target.label}, Node ${process.version}, ${CALLS} calls each after ${WARM_UP} to warm up`);
  try {
    const [seeded] = await selectRows<{ projects: number; milestones: number }>(
      db,
      sql`select (select count(*)::int from project) as projects, (select count(*)::int from milestone) as milestones`,
    );
    if (!seeded || seeded.projects === 0) throw new Error("The benchmark database is empty: run `npm run bench:seed` first.");
    console.log(`data: ${seeded.projects.toLocaleString("fr-FR")} projects, ${seeded.milestones.toLocaleString("fr-FR")} milestones\n`);

    // People sign in as Auth.js would have it: a database session, resolved by the same adapter.
    const adapter = DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens });
    const signIn = async (userId: string) => {
      const { sessionToken } = await openSession(db, userId, 1);
      const found = await adapter.getSessionAndUser?.(sessionToken);
      if (!found) throw new Error(`no session for ${userId}`);
      return createCaller({
        db,
        actor: { userId: found.user.id, isPlatformAdmin: (found.user as { isPlatformAdmin?: boolean }).isPlatformAdmin === true },
        locale: "fr",
      });
    };
    const [official] = await selectRows<{ authority_id: string; departement: string }>(
      db,
      sql`select o.id as authority_id, t.code as departement from membership m join organisation o on o.id = m.organisation_id
        join territory t on t.id = o.territory_id where m.user_id = ${PERSONAS.official.id}`,
    );
    const [smallAuthority] = await selectRows<{ id: string }>(
      db,
      sql`select o.id from organisation o join territory t on t.id = o.territory_id
        where t.kind = 'commune' and t.departement_code = ${official?.departement ?? ""} order by t.code limit 1`,
    );
    const [smallFollower] = await selectRows<{ user_id: string }>(
      db,
      sql`select f.user_id from follow f join membership m on m.user_id = f.user_id and m.verified_at is not null
        join organisation o on o.id = m.organisation_id and o.id = ${smallAuthority?.id ?? null}
        group by f.user_id order by f.user_id limit 1`,
    );
    if (!official || !smallAuthority || !smallFollower) throw new Error("the data set lacks the benchmark's subjects");
    // The official reads the commune's view too: a verified member of both authorities.
    await db.execute(sql`insert into membership (organisation_id, user_id, role, verified_at) values (${smallAuthority.id}, ${PERSONAS.official.id}, 'member', now())
      on conflict do nothing`);

    const cases = benchCases({
      db,
      holder: await signIn(PERSONAS.holder.id),
      holderId: PERSONAS.holder.id,
      smallHolder: await signIn("bench-u1"),
      official: await signIn(PERSONAS.official.id),
      officialId: PERSONAS.official.id,
      smallFollower: await signIn(smallFollower.user_id),
      moderator: await signIn(PERSONAS.moderator.id),
      anonymous: createCaller({ db, actor: null, locale: "fr" }),
      largeProjectId: benchId("project", 2),
      smallProjectId: benchId("project", 4),
      authorityId: official.authority_id,
      smallAuthorityId: smallAuthority.id,
      networkId: benchId("network", 1),
      smallNetworkId: benchId("network", 2),
    });

    const [departements] = await selectRows<{ most: string; fewest: string }>(
      db,
      sql`with counted as (select c.departement_code as code, count(distinct pc.project_id) as n from project_commune pc
          join territory c on c.id = pc.commune_id group by c.departement_code)
        select (select code from counted order by n desc, code limit 1) as most, (select code from counted order by n, code limit 1) as fewest`,
    );
    cases.push(...observatoryCases(db, departements?.most ?? "26", departements?.fewest ?? "26"));

    const results: string[] = [];
    let failed = false;
    for (const benchCase of cases.filter((candidate) => !ONLY || candidate.name.includes(ONLY))) {
      const outcome = await run(benchCase);
      failed ||= !outcome.equal;
      results.push(outcome.line);
    }
    console.log("\n| what | procedure p50 / p95 | hand SQL p50 / p95 | ratio (p95) | target p95 | statements (large / small subject) | answers |");
    console.log("|---|---|---|---|---|---|---|");
    for (const line of results) console.log(line);
    if (!ONLY || "observatory".includes(ONLY) || ONLY.includes("observatory")) {
      const recount = await timeRecount(db);
      console.log(
        `\nthe observatory's counts, every territory recounted (in the background when a reader finds them over ${OBSERVATORY_TTL_MINUTES} minutes old): median ${recount.median.toFixed(0)} ms, slowest ${recount.slowest.toFixed(0)} ms of ${recount.runs}`,
      );
    }
    const memory = process.memoryUsage();
    console.log(`\nmemory of this process: rss ${(memory.rss / 1024 / 1024).toFixed(0)} MB`);
    await db.execute(sql`delete from session where user_id like 'bench-%'`);
    if (failed) process.exitCode = 1;
  } finally {
    await connection.close();
  }
}

async function run(benchCase: BenchCase) {
  console.log(`• ${benchCase.name}\n  ${benchCase.subject}`);
  const answer = await benchCase.procedure();
  const expected = benchCase.shape(answer as never);
  const handAnswer = await benchCase.hand();
  const found = differences(expected, handAnswer);
  const fields = countFields(expected);
  if (found.length > 0) console.log(`  ANSWERS DIFFER:\n    ${found.join("\n    ")}`);
  if (benchCase.check) {
    const differ = differences(expected, await benchCase.check.answer());
    console.log(`  answer ${benchCase.check.label}: ${differ.length === 0 ? "equal" : `DIFFERS\n    ${differ.join("\n    ")}`}`);
    found.push(...differ);
  }
  const statements = await statementsOf(benchCase.procedure);
  const handStatements = await statementsOf(benchCase.hand);
  const smallStatements = await statementsOf(benchCase.smaller.procedure);
  const timing = await timeBoth(benchCase.procedure, benchCase.hand);
  const ratio = timing.procedure.p95 / timing.hand.p95;
  const f = (value: number) => value.toLocaleString("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const verdict = timing.procedure.p95 <= benchCase.targetP95 && ratio <= 1.5 ? "✓" : "✗";
  console.log(
    `  procedure p50 ${f(timing.procedure.p50)} ms, p95 ${f(timing.procedure.p95)} ms · hand SQL p50 ${f(timing.hand.p50)} ms, p95 ${f(timing.hand.p95)} ms · ratio ${ratio.toFixed(2)} ${verdict}`,
  );
  console.log(
    `  statements: ${statements} (${benchCase.smaller.label}: ${smallStatements}; hand SQL: ${handStatements}) · ${fields.toLocaleString("fr-FR")} fields ${found.length === 0 ? "equal" : "DIFFER"}`,
  );
  return {
    equal: found.length === 0,
    line: `| ${benchCase.name} | ${f(timing.procedure.p50)} / ${f(timing.procedure.p95)} ms | ${f(timing.hand.p50)} / ${f(timing.hand.p95)} ms | ${ratio.toFixed(2)} | ≤ ${benchCase.targetP95} ms ${verdict} | ${statements} / ${smallStatements} | ${fields.toLocaleString("fr-FR")} fields ${found.length === 0 ? "equal" : "DIFFER"} |`,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
