// The one shape of gelombang's errors for bad input: a message that says what to do, a stable
// GLB_ERR_<AREA>_<WHAT> code (docs/errors.md) and a name of its own, which cli/index.ts maps to exit 2.
// It lives outside every package (cli/, scenarios/, capacity/, target-service/ …) so that each can throw
// its own class without importing another's: the engine and the scenario model (which runs inside k6)
// must not depend on cli/. Plain TypeScript, no Node APIs.

type ErrorConstructor = new (message?: string) => Error;

/** The base class over `Base`: Error for most, RangeError for input outside a model's domain (the analytic
 *  models), so a subclass keeps what `instanceof` said of it before. */
function codedError<B extends ErrorConstructor>(Base: B) {
  return class GelombangError<Code extends string = string> extends (Base as ErrorConstructor) {
    readonly code: Code;
    /** @param name the subclass's name (set here, not read from the constructor: bundlers rename classes) */
    constructor(name: string, code: Code, message: string) {
      super(message);
      this.name = name;
      this.code = code;
    }
  };
}

/** Bad input: its name, code and a message that says what to do. Subclass it per package. */
export const GelombangError = codedError(Error);
export type GelombangError<Code extends string = string> = InstanceType<typeof GelombangError<Code>>;

/** The same, and a RangeError (a value outside the domain of a model). */
export const GelombangRangeError = codedError(RangeError);
export type GelombangRangeError<Code extends string = string> = InstanceType<
  typeof GelombangRangeError<Code>
> &
  RangeError;
