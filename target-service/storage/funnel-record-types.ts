// What the later funnel steps record: the uploaded documents (KTP photo, selfie), the eligibility decision
// (age on the wave's registration date, Dapodik, DTKS) and the aptitude test result.

export type DocumentPart = 'ktp' | 'selfie';

export interface StoredDocument {
  accountId: string;
  part: DocumentPart;
  /** sha256 of the bytes, hex: the file's name under the data directory (content-addressed). */
  sha256: string;
  sizeBytes: number;
  /** Detected from the bytes (file-type), never the client's content-type: image/jpeg or image/png. */
  mediaType: string;
  storedAt: Date;
}

export interface Eligibility {
  accountId: string;
  eligible: boolean;
  /** A GLB_ERR_ELIGIBILITY_* code when not eligible. */
  reason: string | null;
  /** Dapodik: in formal education (null: the registry gave no answer). */
  student: boolean | null;
  /** DTKS: receives other social aid (recorded for priority; null: no answer). */
  onSocialAid: boolean | null;
  /** The wave whose registration date the age was judged on. */
  waveId: number;
  checkedAt: Date;
}

export interface AssessmentResult {
  accountId: string;
  /** Correct answers. */
  score: number;
  questions: number;
  passed: boolean;
  answeredAt: Date;
}

export interface FunnelRecordStore {
  /** Inserts or replaces the account's documents, all in one transaction. */
  saveDocuments(docs: readonly StoredDocument[]): Promise<void>;
  listDocuments(accountId: string): Promise<StoredDocument[]>;
  /** Whether any account's document still points at these bytes (before deleting a file). */
  documentInUse(sha256: string): Promise<boolean>;
  saveEligibility(e: Eligibility): Promise<void>;
  findEligibility(accountId: string): Promise<Eligibility | undefined>;
  saveAssessment(a: AssessmentResult): Promise<void>;
  findAssessment(accountId: string): Promise<AssessmentResult | undefined>;
}
