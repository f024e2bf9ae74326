// pino options for the service. Applicant data is personal data, even when synthetic: NIK, KK, email,
// phone, names, addresses, tokens and passwords are censored wherever they could appear in a log line.
// The paths are ours, never the client's (pino's advice: never let user input define redacted paths).
import type { LoggerOptions } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.nik',
  '*.kk',
  '*.email',
  '*.phone',
  '*.password',
  '*.fullName',
  '*.address',
  '*.birthDate',
  '*.accessToken',
  'nik',
  'kk',
  'email',
  'phone',
  'password',
  'fullName',
  'address',
  'birthDate',
  'accessToken',
  'body',
  '*.body',
];

export function loggerOptions(level: string, pretty = false): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(pretty ? {} : {}),
    serializers: {
      // Only the method, the route's URL without its query string, and the request id.
      req(req: { method?: string; url?: string; id?: string }) {
        return { method: req.method, url: req.url?.split('?')[0], id: req.id };
      },
    },
  };
}
