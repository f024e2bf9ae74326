// The aptitude test ("motivation and basic-ability test", launch-facts.md source 002): arithmetic questions
// with four choices, drawn deterministically per applicant (the same account always gets the same test, so
// the answer key need not be stored) from the account id and the programme's seed.
import { createHash } from 'node:crypto';
import { Rng, streamKey } from '../../generators/prng.js';

export interface Question {
  id: string;
  /** e.g. "17 + 25 = ?" */
  prompt: string;
  choices: string[];
}

interface KeyedQuestion extends Question {
  answer: string;
}

/** Stream purpose for the test ("TEST"), apart from the generators' own purposes. */
const ASSESSMENT_STREAM = 0x54455354;
const OPERATORS = ['+', '-', '×'] as const;

function accountSeed(accountId: string): number {
  return createHash('sha256').update(accountId).digest().readUInt32BE(0);
}

function question(rng: Rng, n: number): KeyedQuestion {
  const op = rng.pick(OPERATORS);
  const a = op === '×' ? rng.between(3, 19) : rng.between(10, 99);
  const b = op === '×' ? rng.between(3, 19) : rng.between(10, a === 10 ? 10 : a - 1);
  const answer = op === '+' ? a + b : op === '-' ? a - b : a * b;
  const wrong = new Set<number>();
  while (wrong.size < 3) {
    const off = rng.between(1, 10) * (rng.float() < 0.5 ? -1 : 1);
    if (answer + off >= 0) wrong.add(answer + off);
  }
  const choices = [answer, ...wrong].map(String);
  for (let i = choices.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [choices[i], choices[j]] = [choices[j]!, choices[i]!];
  }
  return { id: `q${n + 1}`, prompt: `${a} ${op} ${b} = ?`, choices, answer: String(answer) };
}

/** The account's questions with their answers (the route strips the answers). Pure. */
export function assessmentFor(accountId: string, count: number): KeyedQuestion[] {
  const seed = accountSeed(accountId);
  return Array.from({ length: count }, (_, n) => question(new Rng(streamKey(seed, n, ASSESSMENT_STREAM)), n));
}

export type Answers = ReadonlyArray<{ questionId: string; choice: string }>;

/** Right answers, or undefined when the answers do not cover each question exactly once with one of its
 *  choices. */
export function score(questions: readonly KeyedQuestion[], answers: Answers): number | undefined {
  if (answers.length !== questions.length) return undefined;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  let right = 0;
  for (const { questionId, choice } of answers) {
    const q = byId.get(questionId);
    if (q === undefined || seen.has(questionId) || !q.choices.includes(choice)) return undefined;
    seen.add(questionId);
    if (choice === q.answer) right += 1;
  }
  return right;
}
