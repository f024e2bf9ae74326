// The simulator's random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counter, PractRand-clean) on
// 32-bit integers, seeded per replication; exponential, lognormal and normal draws without allocation.
// Exponential draws use Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating Random
// Variables", J. Stat. Softw. 5(8), 2000; 256 layers): exact in distribution, a log() in about 1 % of
// draws instead of every one. (Earlier versions drew −mean·ln U: the same distribution, other numbers
// for a given seed.)

// Ziggurat tables for Exp(1), as in the paper's zigset(): layer i's x-edge we[i]·2³², its acceptance
// bound ke[i] and the density at its edge fe[i].
const ZIG_KE = new Float64Array(256);
const ZIG_WE = new Float64Array(256);
const ZIG_FE = new Float64Array(256);
const ZIG_R = 7.697117470131487; // the base layer's edge
{
  const m2 = 4294967296;
  const ve = 3.949659822581572e-3; // each layer's area
  let de = ZIG_R;
  let te = de;
  const q = ve / Math.exp(-de);
  ZIG_KE[0] = (de / q) * m2;
  ZIG_KE[1] = 0;
  ZIG_WE[0] = q / m2;
  ZIG_WE[255] = de / m2;
  ZIG_FE[0] = 1;
  ZIG_FE[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ve / de + Math.exp(-de));
    ZIG_KE[i + 1] = (de / te) * m2;
    te = de;
    ZIG_FE[i] = Math.exp(-de);
    ZIG_WE[i] = de / m2;
  }
}
export class SimRng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9 ^ stream;
    this.b = seed >>> 0;
    this.c = 0x243f6a88 ^ Math.imul(stream + 1, 0x85ebca6b);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in (0, 1): never 0, so log() is safe. */
  float(): number {
    return (this.u32() + 0.5) / 4294967296;
  }

  /** Exp(mean), by the ziggurat (see the top of the file). */
  exponential(mean: number): number {
    const j = this.u32();
    const i = j & 255;
    if (j < ZIG_KE[i]!) return mean * j * ZIG_WE[i]!;
    return mean * this.exponentialTail(j, i);
  }

  /** The ziggurat's slow path (the paper's efix()): the base layer's tail, or a wedge test. */
  private exponentialTail(first: number, layer: number): number {
    let j = first;
    let i = layer;
    for (;;) {
      if (i === 0) return ZIG_R - Math.log(this.float());
      const x = j * ZIG_WE[i]!;
      if (ZIG_FE[i]! + this.float() * (ZIG_FE[i - 1]! - ZIG_FE[i]!) < Math.exp(-x)) return x;
      j = this.u32();
      i = j & 255;
      if (j < ZIG_KE[i]!) return j * ZIG_WE[i]!;
    }
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.float()));
    const theta = 2 * Math.PI * this.float();
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }

  /** Lognormal with arithmetic mean `mean` and log-space sigma: mean · exp(σZ − σ²/2). */
  lognormal(mean: number, sigma: number): number {
    return mean * Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }
}
