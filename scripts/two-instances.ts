// `npm run bench:instances` (after `npm run build`): two production instances of Maillage on two
// ports and one PostgreSQL, driven through both at once. Checks that a session opened on one is
// good on the other, that a rate limit counts across both, that notifications and their emails go
// out once each while both instances run the jobs, and that the weekly digest, asked of both
// instances' workers at once, reaches each person once. Then, when a streaming replica of the server
// answers (`npm run db:replica`), runs both instances again with DATABASE_REPLICA_URLS and compares
// the territory view's requests per second with the primary alone, checking that the replica served
// the reads and that a person still reads their own write at once. Prints what it measured; exits 1 on a miss.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { DEMO_IDS } from "@/server/domain/demo";
import { weekStartOf } from "@/server/services/email-notifications";
import { rssMegabytes, startServer, waitHealthy } from "./bench/server";

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REPLICA_SERVER = process.env.BENCH_REPLICA_URL ?? "postgres://postgres@127.0.0.1:5433/postgres";
const DATABASE = "maillage_instances";
const PORTS = [3201, 3202] as const;
const CAMILLE = "camille.roux@demo.maillage.test";
const ELISE = "elise.morel@demo.maillage.test";
/** Under the limit of 30 mentions an hour a person may send (server/services/rate-limits.ts). */
const COMMENTS = 25;
const REPORTS = 25;
const REPORT_LIMIT = 20;

function inDatabase(server: string): string {
  const url = new URL(server);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}
const databaseUrl = inDatabase(SERVER);
const replicaUrl = inDatabase(REPLICA_SERVER);

const failures: string[] = [];
function check(what: string, ok: boolean, detail: string) {
  console.log(`  ${ok ? "✓" : "✗"} ${what}: ${detail}`);
  if (!ok) failures.push(what);
}

const environment: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: databaseUrl,
  DEMO_MODE: "true",
  SCHEDULED_JOBS: "true",
  AUTH_SECRET: "two-instances-check-secret-0123456789",
  SMTP_URL: "",
};

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout?.resume();
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function signIn(port: number, email: string): Promise<string> {
  const origin = `http://127.0.0.1:${port}`;
  const answer = await fetch(`${origin}/api/demo/connexion`, {
    method: "POST",
    body: new URLSearchParams({ email }),
    headers: { origin },
    redirect: "manual",
  });
  const cookie = answer.headers.getSetCookie().find((entry) => entry.startsWith("authjs.session-token="));
  if (!cookie) throw new Error(`no session cookie for ${email} (${answer.status})`);
  return cookie.split(";")[0] as string;
}

type TrpcAnswer = { status: number; data?: unknown; code?: string };

async function trpc(port: number, cookie: string, procedure: string, input: unknown, kind: "query" | "mutation"): Promise<TrpcAnswer> {
  const origin = `http://127.0.0.1:${port}`;
  const payload = JSON.stringify({ json: input });
  const answer =
    kind === "query"
      ? await fetch(`${origin}/api/trpc/${procedure}?input=${encodeURIComponent(payload)}`, { headers: { cookie } })
      : await fetch(`${origin}/api/trpc/${procedure}`, { method: "POST", body: payload, headers: { cookie, origin, "content-type": "application/json" } });
  const body = (await answer.json()) as { result?: { data?: { json?: unknown } }; error?: { json?: { data?: { code?: string } } } };
  return { status: answer.status, data: body.result?.data?.json, code: body.error?.json?.data?.code };
}

/** `total` calls of one query spread over the ports, `concurrency` at a time: requests per second, and how many answered 200. */
async function load(cookie: string, procedure: string, input: unknown, total: number, concurrency = 20) {
  const queue = Array.from({ length: total }, (_, index) => index);
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        if ((await trpc(PORTS[index % 2] as number, cookie, procedure, input, "query")).status === 200) ok += 1;
      }
    }),
  );
  return { perSecond: total / ((performance.now() - started) / 1000), ok };
}

/** The replica's own count of committed transactions in the instances' database (a standby counts its own). */
async function replicaTransactions(replica: postgres.Sql): Promise<number> {
  const [row] = await replica<{ n: number }[]>`select xact_commit::int as n from pg_stat_database where datname = ${DATABASE}`;
  return row?.n ?? 0;
}

/** The territory view through both instances on the primary alone, then with reads on the replica. */
async function withReplica(db: postgres.Sql, instances: ChildProcess[], cookies: { camille: string; elise: string }) {
  console.log(`\nRead replica (${new URL(REPLICA_SERVER).host}): the territory view, 600 requests, 20 at a time, through both`);
  const replica = postgres(replicaUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    const [state] = await replica<{ standby: boolean }[]>`select pg_is_in_recovery() as standby`;
    if (!state?.standby) throw new Error("not a standby");
  } catch (error) {
    console.log(`  skipped: no streaming replica answers at ${REPLICA_SERVER} (${(error as Error).message}); \`npm run db:replica\` makes one`);
    await replica.end();
    return;
  }
  try {
    const [authority] = await db<{ id: string }[]>`select m.organisation_id as id from membership m join "user" u on u.id = m.user_id
      join organisation o on o.id = m.organisation_id where u.email = ${ELISE} and o.kind = 'authority' limit 1`;
    const input = { authorityId: authority?.id ?? "" };
    await load(cookies.elise, "project.listForTerritory", input, 100);
    const alone = await load(cookies.elise, "project.listForTerritory", input, 600);

    for (const child of instances.splice(0)) child.kill("SIGTERM");
    await sleep(1_000);
    for (const port of PORTS) instances.push(startServer(port, { ...environment, DATABASE_REPLICA_URLS: replicaUrl, SCHEDULED_JOBS: "false" }));
    await Promise.all(PORTS.map(waitHealthy));
    await load(cookies.elise, "project.listForTerritory", input, 100);
    const before = await replicaTransactions(replica);
    const replicated = await load(cookies.elise, "project.listForTerritory", input, 600);
    const served = (await replicaTransactions(replica)) - before;
    check("every request answered", alone.ok === 600 && replicated.ok === 600, `${alone.ok}/600 on the primary alone, ${replicated.ok}/600 with the replica`);
    check("the replica served the reads", served >= 600, `${served} transactions on the replica during the 600 requests`);
    console.log(
      `  primary alone ${Math.round(alone.perSecond)} requests/s; reads on the replica ${Math.round(replicated.perSecond)} requests/s (${(replicated.perSecond / alone.perSecond).toFixed(2)}×)`,
    );

    const origin = `http://127.0.0.1:${PORTS[0]}`;
    const body = `Lu aussitôt ${Date.now()}`;
    const written = await fetch(`${origin}/api/trpc/comment.add`, {
      method: "POST",
      body: JSON.stringify({ json: { projectId: DEMO_IDS.project, body, mentionIds: [] } }),
      headers: { cookie: cookies.camille, origin, "content-type": "application/json" },
    });
    const position =
      written.headers
        .getSetCookie()
        .find((entry) => entry.startsWith("maillage-ecrit="))
        ?.split(";")[0] ?? "";
    const readBack = await trpc(PORTS[1], `${cookies.camille}; ${position}`, "comment.list", { projectId: DEMO_IDS.project }, "query");
    check(
      "a comment is read back at once on the other instance",
      position !== "" && (readBack.data as { body: string }[] | undefined)?.some((comment) => comment.body === body) === true,
      `written (${written.status}), its position carried as ${position || "nothing"}`,
    );
  } finally {
    await replica.end();
  }
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Build the app first: npm run build");
  const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  const db = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const instances: ChildProcess[] = [];
  try {
    console.log(`Two instances on ports ${PORTS.join(" and ")}, one PostgreSQL (${new URL(SERVER).host}/${DATABASE})\n`);
    // Both instances set up the database at once, as two `npm start` would: the advisory lock lets one through at a time.
    const setups = await Promise.all(PORTS.map(() => run("node_modules/.bin/tsx", ["db/setup.ts"], environment)));
    check(
      "set-up run by both instances at once",
      setups.every((code) => code === 0),
      `exit codes ${setups.join(", ")}`,
    );
    for (const port of PORTS) instances.push(startServer(port, environment));
    await Promise.all(PORTS.map(waitHealthy));

    console.log("\nSessions");
    const camille = await signIn(PORTS[0], CAMILLE);
    const onOther = await trpc(PORTS[1], camille, "account.get", undefined, "query");
    check(
      "a session opened on the first instance is good on the second",
      (onOther.data as { email?: string } | undefined)?.email === CAMILLE,
      `account.get on ${PORTS[1]} → ${(onOther.data as { email?: string } | undefined)?.email ?? onOther.status}`,
    );
    const elise = await signIn(PORTS[1], ELISE);

    console.log("\nLoad through both (project page batch, 400 requests, 20 at a time)");
    const started = performance.now();
    let ok = 0;
    const queue = Array.from({ length: 400 }, (_, index) => index);
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
          const answer = await trpc(PORTS[index % 2] as number, index % 3 === 0 ? elise : camille, "project.get", { projectId: DEMO_IDS.project }, "query");
          if (answer.status === 200) ok += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    check("every request answered", ok === 400, `${ok}/400 in ${seconds.toFixed(1)} s (${Math.round(400 / seconds)} requests/s over both)`);

    console.log(`\nNotifications: ${COMMENTS} comments mentioning Élise, written through both instances at once`);
    const tag = Date.now().toString(36);
    const eliseId = (await db<{ id: string }[]>`select id from "user" where email = ${ELISE}`)[0]?.id ?? "";
    const written = await Promise.all(
      Array.from({ length: COMMENTS }, (_, index) =>
        trpc(
          PORTS[index % 2] as number,
          camille,
          "comment.add",
          { projectId: DEMO_IDS.project, body: `Relance ${tag} n° ${index}`, mentionIds: [eliseId] },
          "mutation",
        ),
      ),
    );
    check(
      "every comment saved",
      written.every((answer) => answer.status === 200),
      `${written.filter((answer) => answer.status === 200).length}/${COMMENTS}`,
    );
    const [mentions] = await db<{ n: number; distinct: number }[]>`select count(*)::int as n, count(distinct payload->>'excerpt')::int as distinct
      from notification where user_id = ${eliseId} and kind = 'mention' and payload->>'excerpt' like ${`Relance ${tag}%`}`;
    check(
      "one notification per comment, none twice",
      mentions?.n === COMMENTS && mentions.distinct === COMMENTS,
      `${mentions?.n} notifications, ${mentions?.distinct} distinct`,
    );

    // Both instances' pg-boss workers claim due emails every minute; wait for the claims to drain.
    const deadline = Date.now() + 150_000;
    let emailed = 0;
    while (Date.now() < deadline) {
      const [row] = await db<{ n: number }[]>`select count(*)::int as n from notification where user_id = ${eliseId} and kind = 'mention'
        and payload->>'excerpt' like ${`Relance ${tag}%`} and emailed_at is not null`;
      emailed = row?.n ?? 0;
      if (emailed === COMMENTS) break;
      await sleep(2_000);
    }
    await sleep(3_000);
    const [mails] = await db<
      { n: number; distinct: number }[]
    >`select count(*)::int as n, count(distinct substring(text from ${`Relance ${tag} n° [0-9]+`}))::int as distinct
      from outbox_email where "to" = ${ELISE} and text like ${`%Relance ${tag}%`}`;
    check(
      "each notification emailed once by the scheduled job",
      emailed === COMMENTS && mails?.n === COMMENTS && mails.distinct === COMMENTS,
      `${emailed} claimed, ${mails?.n} emails, ${mails?.distinct} distinct`,
    );

    console.log(`\nRate limit: Élise reports ${REPORTS} comments through both instances at once (limit ${REPORT_LIMIT} an hour)`);
    const commentIds = await db<{ id: string }[]>`select id from comment where body like ${`Relance ${tag}%`} order by created_at limit ${REPORTS}`;
    const reports = await Promise.all(
      commentIds.map((comment, index) =>
        trpc(PORTS[index % 2] as number, elise, "moderation.report", { kind: "comment", contentId: comment.id, reason: "Message répété" }, "mutation"),
      ),
    );
    const accepted = reports.filter((answer) => answer.status === 200).length;
    const refused = reports.filter((answer) => answer.code === "TOO_MANY_REQUESTS").length;
    check("the limit holds across instances", accepted === REPORT_LIMIT && refused === REPORTS - REPORT_LIMIT, `${accepted} accepted, ${refused} refused`);

    console.log("\nWeekly digest: last week's notifications, the job asked of both instances' workers four times");
    const lastWeek = new Date(new Date(`${weekStartOf(new Date())}T00:00:00Z`).getTime() - 3 * 24 * 60 * 60 * 1000);
    const recipients = await db<{ id: string; email: string }[]>`select id, email from "user" where email like '%@demo.maillage.test' order by email limit 4`;
    for (const person of recipients) {
      await db`insert into notification (user_id, kind, project_id, payload, created_at) values
        (${person.id}, 'milestone_confirmed', ${DEMO_IDS.project}, ${db.json({ title: "Visite du site" })}, ${lastWeek})`;
    }
    const { default: PgBoss } = await import("pg-boss");
    const boss = new PgBoss({ connectionString: databaseUrl, max: 1 });
    await boss.start();
    for (let copy = 0; copy < 4; copy += 1) await boss.send("weekly-digest", {});
    const digestDeadline = Date.now() + 60_000;
    let done = 0;
    while (Date.now() < digestDeadline) {
      const [row] = await db<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'weekly-digest' and state = 'completed'`;
      done = row?.n ?? 0;
      if (done >= 4) break;
      await sleep(1_000);
    }
    await boss.stop({ graceful: false });
    const digests = await db<{ to: string; n: number }[]>`select "to", count(*)::int as n from outbox_email
      where subject like 'Maillage — votre semaine%' group by "to"`;
    const claims = await db<{ n: number }[]>`select count(*)::int as n from digest_claim where week_start = ${weekStartOf(new Date())}`;
    const eachOnce = recipients.every((person) => digests.find((row) => row.to === person.email)?.n === 1) && digests.every((row) => row.n === 1);
    check(
      "each person's digest sent once",
      done >= 4 && eachOnce && claims[0]?.n === digests.length,
      `${done} digest jobs run, ${digests.length} digests for ${claims[0]?.n} claims, ${recipients.length} of them checked by name, none twice: ${eachOnce}`,
    );

    await withReplica(db, instances, { camille, elise });

    console.log("\nMemory");
    const memory = instances.map((child) => rssMegabytes(child.pid));
    check(
      "each instance under 400 MB",
      memory.every((megabytes) => megabytes > 0 && megabytes < 400),
      memory.map((megabytes, index) => `${PORTS[index]}: ${megabytes} MB`).join(", "),
    );
  } finally {
    for (const child of instances) child.kill("SIGTERM");
    await db.end();
  }
  console.log(failures.length === 0 ? "\nBoth instances behaved as one." : `\nFailed: ${failures.join("; ")}`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
