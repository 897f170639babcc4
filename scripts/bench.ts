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
import { benchTarget, scaleAsked } from "./bench/target";

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

type Outcome = { name: string; p50: number; p95: number; ratio: number; targetP95: number; targetAtTen: number; equal: boolean; line: string };

/** `--scales 1,10`: each scale's data set (seeded by `npm run bench:seed -- --scale N`), measured in turn. */
function scalesAsked(): (number | null)[] {
  const index = process.argv.indexOf("--scales");
  if (index < 0) return [scaleAsked()];
  return (process.argv[index + 1] ?? "").split(",").map((text) => {
    const scale = Number(text);
    if (!(scale > 0)) throw new Error(`--scales: positive numbers separated by commas, not ${text}`);
    return scale;
  });
}

const f = (value: number) => value.toLocaleString("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

async function main() {
  const scales = scalesAsked();
  const measured: { scale: number; outcomes: Outcome[] }[] = [];
  let failed = false;
  for (const scale of scales) {
    const target = benchTarget(scale);
    const outcomes = await measureAt(target);
    failed ||= outcomes.some((outcome) => !outcome.equal);
    measured.push({ scale: target.scale, outcomes });
  }
  const [first, last] = [measured[0], measured.at(-1)];
  if (first && last && measured.length > 1) {
    // How each view grows with the country: p95 at the largest scale against the smallest.
    console.log(`\n## Growth from scale ${first.scale} to scale ${last.scale}\n`);
    console.log(`| what | p50 / p95 at ${first.scale} | p50 / p95 at ${last.scale} | growth (p95) | ratio at ${last.scale} | target p95 at ${last.scale} |`);
    console.log("|---|---|---|---|---|---|");
    for (const large of last.outcomes) {
      const small = first.outcomes.find((outcome) => outcome.name === large.name);
      const target = last.scale >= 10 ? large.targetAtTen : large.targetP95;
      const verdict = large.p95 <= target && large.ratio <= 1.5 ? "✓" : "✗";
      console.log(
        `| ${large.name} | ${small ? `${f(small.p50)} / ${f(small.p95)} ms` : "—"} | ${f(large.p50)} / ${f(large.p95)} ms | ${small ? `${(large.p95 / small.p95).toFixed(2)}×` : "—"} | ${large.ratio.toFixed(2)} | ≤ ${target} ms ${verdict} |`,
      );
    }
  }
  if (failed) process.exitCode = 1;
}

async function measureAt(target: ReturnType<typeof benchTarget>): Promise<Outcome[]> {
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
        join territory t on t.id = o.territory_id where m.user_id = ${PERSONAS.official.id} and t.kind = 'departement'`,
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

    const results: Outcome[] = [];
    for (const benchCase of cases.filter((candidate) => !ONLY || candidate.name.includes(ONLY))) results.push(await run(benchCase, target.scale));
    console.log(`\n## ${target.label}, scale ${target.scale}\n`);
    console.log("| what | procedure p50 / p95 | hand SQL p50 / p95 | ratio (p95) | target p95 | statements (large / small subject) | answers |");
    console.log("|---|---|---|---|---|---|---|");
    for (const { line } of results) console.log(line);
    if (!ONLY || "observatory".includes(ONLY) || ONLY.includes("observatory")) {
      const recount = await timeRecount(db);
      console.log(
        `\nthe observatory's counts, every territory recounted (in the background when a reader finds them over ${OBSERVATORY_TTL_MINUTES} minutes old): median ${recount.median.toFixed(0)} ms, slowest ${recount.slowest.toFixed(0)} ms of ${recount.runs}`,
      );
    }
    const memory = process.memoryUsage();
    console.log(`\nmemory of this process: rss ${(memory.rss / 1024 / 1024).toFixed(0)} MB`);
    await db.execute(sql`delete from session where user_id like 'bench-%'`);
    return results;
  } finally {
    await connection.close();
  }
}

async function run(benchCase: BenchCase, scale: number): Promise<Outcome> {
  const targetP95 = scale >= 10 ? (benchCase.targetAtTen ?? benchCase.targetP95) : benchCase.targetP95;
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
  const verdict = timing.procedure.p95 <= targetP95 && ratio <= 1.5 ? "✓" : "✗";
  console.log(
    `  procedure p50 ${f(timing.procedure.p50)} ms, p95 ${f(timing.procedure.p95)} ms · hand SQL p50 ${f(timing.hand.p50)} ms, p95 ${f(timing.hand.p95)} ms · ratio ${ratio.toFixed(2)} ${verdict}`,
  );
  console.log(
    `  statements: ${statements} (${benchCase.smaller.label}: ${smallStatements}; hand SQL: ${handStatements}) · ${fields.toLocaleString("fr-FR")} fields ${found.length === 0 ? "equal" : "DIFFER"}`,
  );
  return {
    name: benchCase.name,
    p50: timing.procedure.p50,
    p95: timing.procedure.p95,
    ratio,
    targetP95: benchCase.targetP95,
    targetAtTen: benchCase.targetAtTen ?? benchCase.targetP95,
    equal: found.length === 0,
    line: `| ${benchCase.name} | ${f(timing.procedure.p50)} / ${f(timing.procedure.p95)} ms | ${f(timing.hand.p50)} / ${f(timing.hand.p95)} ms | ${ratio.toFixed(2)} | ≤ ${targetP95} ms ${verdict} | ${statements} / ${smallStatements} | ${fields.toLocaleString("fr-FR")} fields ${found.length === 0 ? "equal" : "DIFFER"} |`,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
