// Funnel step 5: the aptitude test. Open only to applicants whose NIK is verified and whose KTP photo and
// selfie are uploaded (409 with a code otherwise). Questions are deterministic per applicant; the pass mark
// is configurable (--pass-mark). A passed test is kept: a later attempt does not undo it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Answers, assessmentFor, score } from '../assessment/questions.js';
import { glbError } from '../errors.js';
import { bearerHeaders, withErrors } from '../schemas.js';

const resultSchema = {
  type: 'object',
  properties: {
    score: { type: 'integer' },
    questions: { type: 'integer' },
    passMark: { type: 'number' },
    passed: { type: 'boolean' },
  },
} as const;

export default async function assessmentRoutes(app: FastifyInstance) {
  const { config, repo, metrics } = app;
  const { questions: count, passMark } = config.funnel.assessment;

  /** The preconditions of the test, checked on both routes. */
  async function requireReady(request: FastifyRequest): Promise<string> {
    await app.requireAccount(request);
    const accountId = request.account!.id;
    const profile = await repo.findProfile(accountId);
    if (profile?.status !== 'verified') {
      throw glbError('ASSESSMENT_NIK_NOT_VERIFIED', { profileStatus: profile?.status ?? 'missing' });
    }
    const parts = new Set((await repo.listDocuments(accountId)).map((d) => d.part));
    if (!parts.has('ktp') || !parts.has('selfie')) throw glbError('ASSESSMENT_DOCUMENTS_MISSING');
    return accountId;
  }

  app.get(
    '/api/v1/assessment',
    {
      schema: {
        tags: ['funnel'],
        summary: "The applicant's test questions (funnel step 5); the same for this applicant every time",
        headers: bearerHeaders,
        response: withErrors(
          {
            200: {
              type: 'object',
              properties: {
                passMark: { type: 'number' },
                questions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'string' },
                      prompt: { type: 'string' },
                      choices: { type: 'array', items: { type: 'string' } },
                    },
                  },
                },
                result: { anyOf: [{ type: 'null' }, resultSchema] },
              },
            },
          },
          401,
          409,
        ),
      },
    },
    async (request) => {
      const accountId = await requireReady(request);
      const questions = assessmentFor(accountId, count).map(({ id, prompt, choices }) => ({
        id,
        prompt,
        choices,
      }));
      const result = await repo.findAssessment(accountId);
      return {
        passMark,
        questions,
        result: result
          ? { score: result.score, questions: result.questions, passMark, passed: result.passed }
          : null,
      };
    },
  );

  app.post<{ Body: { answers: Answers } }>(
    '/api/v1/assessment',
    {
      schema: {
        tags: ['funnel'],
        summary: 'Answer the test: one choice per question; answers the score and whether it passes',
        headers: bearerHeaders,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['answers'],
          properties: {
            answers: {
              type: 'array',
              maxItems: 100,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['questionId', 'choice'],
                properties: {
                  questionId: { type: 'string', maxLength: 16 },
                  choice: { type: 'string', maxLength: 16 },
                },
              },
            },
          },
        },
        response: withErrors({ 200: resultSchema }, 401, 409, 422),
      },
    },
    async (request) => {
      const accountId = await requireReady(request);
      const previous = await repo.findAssessment(accountId);
      if (previous?.passed) {
        return { score: previous.score, questions: previous.questions, passMark, passed: true };
      }
      const right = score(assessmentFor(accountId, count), request.body.answers);
      if (right === undefined) throw glbError('ASSESSMENT_ANSWERS_MISMATCH');
      const passed = right >= Math.ceil(passMark * count - 1e-9);
      await repo.saveAssessment({
        accountId,
        score: right,
        questions: count,
        passed,
        answeredAt: new Date(),
      });
      metrics.funnelSteps.inc({ step: 'test', outcome: passed ? 'passed' : 'failed' });
      return { score: right, questions: count, passMark, passed };
    },
  );
}
