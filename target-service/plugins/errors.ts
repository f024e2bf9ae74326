// Every error a client sees goes through here and leaves with a catalogue code (errors.ts).
// Client input never produces a 500: framework errors (bad JSON, wrong content type, too large, schema)
// are mapped to 4xx codes; only our own bugs answer GLB_ERR_SVC_INTERNAL.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ERRORS, type ErrorSpec, isGlbError } from '../errors.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function errorBody(spec: ErrorSpec, message?: string, details?: Record<string, unknown>): ErrorBody {
  return {
    statusCode: spec.status,
    code: spec.code,
    error: REASON[spec.status] ?? 'Error',
    message: message ?? spec.message,
    ...(details ? { details } : {}),
  };
}

/** Fastify's own client-error codes, mapped to ours. */
const FRAMEWORK_ERRORS: Record<string, ErrorSpec> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ERRORS.REQ_BODY_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ERRORS.REQ_UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ERRORS.REQ_BAD_REQUEST,
  FST_ERR_CTP_EMPTY_JSON_BODY: ERRORS.REQ_MALFORMED_JSON,
  FST_ERR_CTP_INVALID_JSON_BODY: ERRORS.REQ_MALFORMED_JSON,
  FST_ERR_CTP_EMPTY_TYPE: ERRORS.REQ_UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_TYPE: ERRORS.REQ_UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_BAD_URL: ERRORS.REQ_BAD_REQUEST,
  FST_ERR_ASYNC_CONSTRAINT: ERRORS.REQ_BAD_REQUEST,
};

/** Schema errors as `{ field, rule, message }`, at most ten; also used per row of a bulk registration. */
export function validationIssues(
  errors: ReadonlyArray<{
    instancePath: string;
    keyword: string;
    params: unknown;
    message?: string | undefined;
  }>,
): Array<{ field: string; rule: string; message: string | undefined }> {
  return errors.slice(0, 10).map((v) => {
    const params = v.params as Record<string, unknown>;
    const field =
      typeof params['missingProperty'] === 'string'
        ? `${v.instancePath}/${params['missingProperty']}`
        : typeof params['additionalProperty'] === 'string'
          ? `${v.instancePath}/${params['additionalProperty']}`
          : v.instancePath;
    return {
      field: field.replace(/^\//, '').replaceAll('/', '.') || '(body)',
      rule: v.keyword,
      message: v.message,
    };
  });
}

function validationDetails(err: FastifyError): Record<string, unknown> {
  return { in: err.validationContext ?? 'body', issues: validationIssues(err.validation ?? []) };
}

function toBody(err: FastifyError): ErrorBody {
  if (isGlbError(err)) {
    return errorBody(
      { code: err.code, status: err.statusCode, message: err.message },
      undefined,
      err.details,
    );
  }
  if (err.validation) return errorBody(ERRORS.REQ_VALIDATION, undefined, validationDetails(err));
  const mapped = err.code ? FRAMEWORK_ERRORS[err.code] : undefined;
  if (mapped) return errorBody(mapped);
  // JSON parse failures (secure-json-parse) surface as a SyntaxError with status 400; prototype poisoning too.
  if (err instanceof SyntaxError || /JSON|prototype/i.test(err.message)) {
    if ((err.statusCode ?? 400) < 500) return errorBody(ERRORS.REQ_MALFORMED_JSON);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return errorBody(ERRORS.REQ_BAD_REQUEST);
  return errorBody(ERRORS.SVC_INTERNAL);
}

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const body = toBody(err);
      if (body.statusCode >= 500) {
        request.log.error(
          { err: { type: err.name, message: err.message, stack: err.stack } },
          'request failed',
        );
      }
      const retryAfter = isGlbError(err) ? err.details?.['retryAfterSeconds'] : undefined;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      void reply.code(body.statusCode).type('application/json').send(body);
    });
    app.setNotFoundHandler((_request, reply) => {
      void reply.code(404).send(errorBody(ERRORS.REQ_NOT_FOUND));
    });
  },
  { name: 'gelombang-errors' },
);
