// The simulator's random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counter, PractRand-clean) on
// 32-bit integers, seeded per replication; exponential, lognormal and normal draws without allocation.
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

  exponential(mean: number): number {
    return -mean * Math.log(this.float());
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
