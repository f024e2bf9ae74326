// How a generated applicant answers the aptitude test: solving each arithmetic prompt ("17 + 25 = ?") when
// their traits say they pass, picking a wrong choice for every question when they do not. Pure, no Node
// APIs (k6 runs it too).

export interface QuestionView {
  id: string;
  prompt: string;
  choices: string[];
}

/** The value of "a op b = ?", or undefined for a prompt of another form. */
export function solve(prompt: string): number | undefined {
  const m = /^(\d+) ([+\-×]) (\d+) = \?$/.exec(prompt);
  if (m === null) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  return m[2] === '+' ? a + b : m[2] === '-' ? a - b : a * b;
}

export function answersFor(
  questions: readonly QuestionView[],
  pass: boolean,
): Array<{ questionId: string; choice: string }> {
  return questions.map((q) => {
    const right = String(solve(q.prompt));
    const choice = pass ? right : (q.choices.find((c) => c !== right) ?? q.choices[0]!);
    return { questionId: q.id, choice };
  });
}
