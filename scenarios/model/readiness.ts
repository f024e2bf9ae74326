// Before any load: does the target answer, and does its population registry know the applicants a scenario
// sends? The one judgement behind the engine's preflight and the k6 bundle's setup(), from the answer to
// GET /readyz (pure: each runner does its own HTTP).

/** Journeys that send no applicant data: the population does not matter to them. */
const NO_APPLICANTS = new Set(['ping']);

export type Readiness =
  | { ok: true; note: string }
  | { ok: false; kind: 'down' | 'population'; message: string };

/** `status` 0 = no answer. `body` is /readyz's JSON (or null); the service names `populationSeed` when its
 *  in-process registry stub answers for a generated population. */
export function judgeReadiness(
  answer: { status: number; body: unknown },
  run: { seed: number; journey: string; target: string },
): Readiness {
  if (answer.status === 0) {
    return {
      ok: false,
      kind: 'down',
      message: `the target does not answer (${run.target}/readyz); start it first, e.g. \`gelombang serve --sandbox\``,
    };
  }
  if (NO_APPLICANTS.has(run.journey)) return { ok: true, note: 'target answers' };
  const seed = (answer.body as { populationSeed?: unknown } | null)?.populationSeed;
  if (typeof seed !== 'number') {
    return {
      ok: true,
      note: "target answers; its registry's population was not checked (the service does not say it)",
    };
  }
  if (seed !== run.seed) {
    return {
      ok: false,
      kind: 'population',
      message:
        `the service's population registry knows the applicants of seed ${seed}, this run sends those of seed ` +
        `${run.seed}: every profile step would fail with GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY. Run with ` +
        `--seed ${seed} (k6: SEED=${seed}), or start the service with --population-seed ${run.seed}.`,
    };
  }
  return { ok: true, note: `the service's registry knows seed ${seed}'s applicants` };
}
